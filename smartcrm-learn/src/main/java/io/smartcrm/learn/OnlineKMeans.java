package io.smartcrm.learn;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Streaming k-means with the mini-batch update of Apache Flink ML's {@code OnlineKMeans} (Spark's
 * {@code StreamingKMeans}): each batch point joins its nearest centroid; a centroid with {@code m > 0} batch points of
 * mean {@code mu} and weight {@code w} gets weight {@code w' = w * decayFactor + m} and moves to
 * {@code (1 - m / w') * c + (m / w') * mu}; the others keep their position and get weight {@code w * decayFactor}.
 *
 * <p>Unlike Flink ML, which needs initial centroids, the model initialises itself by k-means++ on the first batch with
 * at least {@code k} distinct points (earlier points wait in a pending list and join that batch), weights 0.
 *
 * <p>Points may grow: a point longer than {@link #dimension()} grows the centroids with zeros, a shorter one counts as
 * zero-padded. A plain mutable object (public no-arg constructor, non-final fields, arrays and ArrayList only) so that
 * Flink's Kryo can checkpoint it.
 */
public class OnlineKMeans implements Serializable {
    private static final long serialVersionUID = 1L;

    private int k;
    private double decayFactor;
    private long seed;
    private double[][] centroids; // null until initialised
    private double[] weights;
    private ArrayList<double[]> pending = new ArrayList<>();
    private long points;

    /** For serialization frameworks only. */
    public OnlineKMeans() {}

    /**
     * @param k number of clusters, &ge; 2
     * @param decayFactor weight kept by the past per batch, in [0, 1] (0: only the last batch counts, 1: all points
     *     count equally)
     * @param seed seed of the k-means++ initialisation
     */
    public OnlineKMeans(int k, double decayFactor, long seed) {
        if (k < 2) {
            throw new IllegalArgumentException("k must be at least 2, got " + k);
        }
        if (!(decayFactor >= 0 && decayFactor <= 1)) {
            throw new IllegalArgumentException("decayFactor must be in [0, 1], got " + decayFactor);
        }
        this.k = k;
        this.decayFactor = decayFactor;
        this.seed = seed;
    }

    public boolean initialized() {
        return centroids != null;
    }

    /** Trains on one mini-batch; see the class comment. An empty batch changes nothing. */
    public void update(List<double[]> batch) {
        Vectors.requireFinite(batch, "batch");
        points += batch.size();
        List<double[]> first = batch;
        if (!initialized()) {
            for (double[] p : batch) {
                pending.add(p.clone());
            }
            if (!Clustering.hasDistinct(pending, k)) {
                return;
            }
            centroids = Clustering.kMeansPlusPlus(pending, k, new Random(seed));
            weights = new double[k];
            first = pending;
            pending = new ArrayList<>();
        }
        if (!first.isEmpty()) {
            apply(first);
        }
    }

    private void apply(List<double[]> batch) {
        int d = Math.max(dimension(), Vectors.maxLength(batch));
        for (int c = 0; c < k; c++) {
            centroids[c] = Vectors.grow(centroids[c], d);
        }
        int[] counts = new int[k];
        double[][] sums = new double[k][d];
        for (double[] p : batch) {
            int c = Clustering.nearest(centroids, p);
            counts[c]++;
            for (int i = 0; i < p.length; i++) {
                sums[c][i] += p[i];
            }
        }
        for (int c = 0; c < k; c++) {
            weights[c] = weights[c] * decayFactor + counts[c];
            if (counts[c] > 0) {
                double lambda = counts[c] / weights[c];
                for (int i = 0; i < d; i++) {
                    centroids[c][i] = (1 - lambda) * centroids[c][i] + lambda * sums[c][i] / counts[c];
                }
            }
        }
    }

    /** Index of the nearest centroid (squared Euclidean distance, ties to the lowest index). */
    public int nearest(double[] x) {
        requireInitialized();
        Vectors.requireFinite(x, "x");
        return Clustering.nearest(centroids, x);
    }

    /** Euclidean distance from {@code x} to centroid {@code c}. */
    public double distance(double[] x, int c) {
        requireInitialized();
        Vectors.requireFinite(x, "x");
        if (c < 0 || c >= k) {
            throw new IllegalArgumentException("centroid index " + c + " is outside [0, " + k + ")");
        }
        return Math.sqrt(Vectors.squaredDistance(centroids[c], x));
    }

    /** A deep copy of the centroids. */
    public double[][] centroids() {
        requireInitialized();
        double[][] copy = new double[k][];
        for (int c = 0; c < k; c++) {
            copy[c] = centroids[c].clone();
        }
        return copy;
    }

    /**
     * Replaces the centroids, keeping their weights, e.g. to re-express them when the caller's feature scaling changes.
     * On a model not yet initialised this initialises it with weights 0 and drops the pending points.
     *
     * @param newCentroids k rows of the same length &ge; 1
     */
    public void setCentroids(double[][] newCentroids) {
        if (newCentroids == null || newCentroids.length != k) {
            throw new IllegalArgumentException("expected " + k + " centroids, got "
                    + (newCentroids == null ? "null" : String.valueOf(newCentroids.length)));
        }
        double[][] copy = new double[k][];
        for (int c = 0; c < k; c++) {
            Vectors.requireFinite(newCentroids[c], "centroids[" + c + "]");
            if (newCentroids[c].length == 0 || newCentroids[c].length != newCentroids[0].length) {
                throw new IllegalArgumentException("centroids must all have the same length >= 1; centroids[" + c
                        + "] has " + newCentroids[c].length + ", centroids[0] has " + newCentroids[0].length);
            }
            copy[c] = newCentroids[c].clone();
        }
        if (!initialized()) {
            weights = new double[k];
            pending = new ArrayList<>();
        }
        centroids = copy;
    }

    /** A copy of the centroid weights (decayed point counts); all 0 before initialisation. */
    public double[] weights() {
        return initialized() ? weights.clone() : new double[k];
    }

    /** Points passed to {@link #update} so far, including those still pending. */
    public long points() {
        return points;
    }

    public int k() {
        return k;
    }

    public double decayFactor() {
        return decayFactor;
    }

    /** Length of the centroids; 0 before initialisation. */
    public int dimension() {
        return initialized() ? centroids[0].length : 0;
    }

    private void requireInitialized() {
        if (!initialized()) {
            throw new IllegalStateException("not initialised yet: no batch has brought " + k + " distinct points");
        }
    }
}
