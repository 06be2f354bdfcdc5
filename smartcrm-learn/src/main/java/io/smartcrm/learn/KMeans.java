package io.smartcrm.learn;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Offline k-means for benchmarks: Lloyd's algorithm, the iteration of Flink ML's batch {@code KMeans}, but seeded by
 * k-means++ (Flink ML seeds randomly) and keeping the best of several restarts by inertia. Points may have different
 * lengths; shorter ones count as zero-padded. A centroid that loses all its points keeps its position.
 */
public final class KMeans {
    private KMeans() {}

    /**
     * @param centroids the best run's centroids
     * @param inertia sum over the points of the squared distance to the nearest centroid
     * @param iterations centroid updates of the best run
     */
    public record Result(double[][] centroids, double inertia, int iterations) {}

    /**
     * Clusters {@code points}. All restarts draw their seeds from one {@code Random(seed)}, so the first restart is the
     * single-restart run and more restarts are never worse.
     *
     * @param points at least {@code k} distinct points
     * @param k number of clusters, &ge; 2
     * @param restarts runs from different seeds, &ge; 1
     * @param maxIterations centroid updates per run at most, &ge; 1; a run stops earlier when no point changes cluster
     */
    public static Result fit(List<double[]> points, int k, int restarts, int maxIterations, long seed) {
        Vectors.requireFinite(points, "points");
        if (k < 2) {
            throw new IllegalArgumentException("k must be at least 2, got " + k);
        }
        if (restarts < 1) {
            throw new IllegalArgumentException("restarts must be at least 1, got " + restarts);
        }
        if (maxIterations < 1) {
            throw new IllegalArgumentException("maxIterations must be at least 1, got " + maxIterations);
        }
        if (!Clustering.hasDistinct(points, k)) {
            throw new IllegalArgumentException("need at least k = " + k + " distinct points");
        }
        Random random = new Random(seed);
        Result best = null;
        for (int r = 0; r < restarts; r++) {
            Result run = lloyd(points, Clustering.kMeansPlusPlus(points, k, random), maxIterations);
            if (best == null || run.inertia() < best.inertia()) {
                best = run;
            }
        }
        return best;
    }

    private static Result lloyd(List<double[]> points, double[][] centroids, int maxIterations) {
        int k = centroids.length;
        int d = centroids[0].length;
        int[] assignment = assign(points, centroids);
        int iterations = 0;
        while (iterations < maxIterations) {
            int[] counts = new int[k];
            double[][] sums = new double[k][d];
            for (int j = 0; j < assignment.length; j++) {
                double[] p = points.get(j);
                counts[assignment[j]]++;
                for (int i = 0; i < p.length; i++) {
                    sums[assignment[j]][i] += p[i];
                }
            }
            for (int c = 0; c < k; c++) {
                if (counts[c] > 0) {
                    for (int i = 0; i < d; i++) {
                        centroids[c][i] = sums[c][i] / counts[c];
                    }
                }
            }
            iterations++;
            int[] next = assign(points, centroids);
            if (Arrays.equals(next, assignment)) {
                break;
            }
            assignment = next;
        }
        return new Result(centroids, inertia(points, centroids), iterations);
    }

    private static int[] assign(List<double[]> points, double[][] centroids) {
        int[] assignment = new int[points.size()];
        for (int j = 0; j < assignment.length; j++) {
            assignment[j] = Clustering.nearest(centroids, points.get(j));
        }
        return assignment;
    }

    /** Sum over the points of the squared Euclidean distance to the nearest centroid. */
    public static double inertia(List<double[]> points, double[][] centroids) {
        Vectors.requireFinite(points, "points");
        if (centroids == null || centroids.length == 0) {
            throw new IllegalArgumentException("need at least one centroid");
        }
        for (int c = 0; c < centroids.length; c++) {
            Vectors.requireFinite(centroids[c], "centroids[" + c + "]");
        }
        double sum = 0;
        for (double[] p : points) {
            sum += Vectors.squaredDistance(centroids[Clustering.nearest(centroids, p)], p);
        }
        return sum;
    }
}
