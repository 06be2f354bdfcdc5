package io.smartcrm.learn;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Prequential ("test, then train") quality of an online classifier: each labelled example is scored before the model
 * trains on it, and AUC and log loss are computed over the last {@code window} (probability, label) pairs. Flink ML
 * has no counterpart; its {@code BinaryClassificationEvaluator} evaluates a bounded table. A ring buffer of primitives,
 * a plain mutable object (public no-arg constructor, non-final fields, arrays only) so that Flink's Kryo can checkpoint
 * it.
 */
public class PrequentialQuality implements Serializable {
    private static final long serialVersionUID = 1L;

    private double[] probabilities = new double[0];
    private boolean[] labels = new boolean[0];
    private int next; // slot of the next pair
    private int size;
    private long positives;
    private long negatives;

    /** For serialization frameworks only. */
    public PrequentialQuality() {}

    /** @param window number of most recent pairs the metrics cover, &ge; 1 */
    public PrequentialQuality(int window) {
        if (window < 1) {
            throw new IllegalArgumentException("window must be at least 1, got " + window);
        }
        probabilities = new double[window];
        labels = new boolean[window];
    }

    /** Records the probability the model gave an example before training on it, and the example's label. */
    public void add(double probability, boolean label) {
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("probability must be in [0, 1], got " + probability);
        }
        probabilities[next] = probability;
        labels[next] = label;
        next = (next + 1) % probabilities.length;
        size = Math.min(size + 1, probabilities.length);
        if (label) {
            positives++;
        } else {
            negatives++;
        }
    }

    /** ROC AUC over the window; NaN while the window lacks either class. */
    public double auc() {
        return Roc.auc(Arrays.copyOf(probabilities, size), Arrays.copyOf(labels, size));
    }

    /** Log loss over the window; NaN while it is empty. */
    public double logLoss() {
        return Roc.logLoss(Arrays.copyOf(probabilities, size), Arrays.copyOf(labels, size));
    }

    /** Pairs in the window. */
    public int size() {
        return size;
    }

    /** Positive labels seen in total, not only in the window. */
    public long positives() {
        return positives;
    }

    /** Negative labels seen in total, not only in the window. */
    public long negatives() {
        return negatives;
    }

    /** Pairs seen in total. */
    public long total() {
        return positives + negatives;
    }
}
