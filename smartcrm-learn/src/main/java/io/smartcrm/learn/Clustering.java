package io.smartcrm.learn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** k-means++ seeding and nearest-centroid search shared by {@link OnlineKMeans} and {@link KMeans}. */
final class Clustering {
    private Clustering() {}

    /** Index of the nearest centroid by squared Euclidean distance; ties go to the lowest index. */
    static int nearest(double[][] centroids, double[] x) {
        int best = 0;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (int c = 0; c < centroids.length; c++) {
            double d = Vectors.squaredDistance(centroids[c], x);
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        return best;
    }

    /** Whether {@code points} holds at least {@code k} distinct points. */
    static boolean hasDistinct(List<double[]> points, int k) {
        List<double[]> distinct = new ArrayList<>(k);
        for (double[] p : points) {
            if (distinct.stream().noneMatch(q -> Vectors.squaredDistance(p, q) == 0)) {
                distinct.add(p);
                if (distinct.size() >= k) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * k-means++ (Arthur &amp; Vassilvitskii 2007): the first centroid uniformly at random, each next one with
     * probability proportional to its squared distance to the nearest centroid chosen so far (D² sampling). Returns
     * {@code k} distinct points of {@code points}, copied and zero-padded to the longest point's length.
     */
    static double[][] kMeansPlusPlus(List<double[]> points, int k, Random random) {
        int dimension = Vectors.maxLength(points);
        double[][] centroids = new double[k][];
        centroids[0] = Arrays.copyOf(points.get(random.nextInt(points.size())), dimension);
        double[] d2 = new double[points.size()];
        for (int i = 0; i < d2.length; i++) {
            d2[i] = Vectors.squaredDistance(points.get(i), centroids[0]);
        }
        for (int c = 1; c < k; c++) {
            double total = 0;
            for (double d : d2) {
                total += d;
            }
            if (!(total > 0)) {
                throw new IllegalArgumentException("k-means++ needs at least k = " + k + " distinct points");
            }
            double r = random.nextDouble() * total;
            int pick = -1;
            for (int i = 0; i < d2.length; i++) {
                if (d2[i] > 0) {
                    pick = i; // the last candidate also absorbs rounding at the end of the cumulative sum
                    r -= d2[i];
                    if (r < 0) {
                        break;
                    }
                }
            }
            centroids[c] = Arrays.copyOf(points.get(pick), dimension);
            for (int i = 0; i < d2.length; i++) {
                d2[i] = Math.min(d2[i], Vectors.squaredDistance(points.get(i), centroids[c]));
            }
        }
        return centroids;
    }
}
