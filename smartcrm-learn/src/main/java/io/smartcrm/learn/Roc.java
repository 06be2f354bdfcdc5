package io.smartcrm.learn;

import java.util.Arrays;

/**
 * Binary-classifier quality: ROC AUC (the metric Flink ML's {@code BinaryClassificationEvaluator} calls
 * {@code areaUnderROC}) and log loss.
 */
public final class Roc {
    private static final double EPSILON = 1e-15;

    private Roc() {}

    /**
     * ROC AUC by the rank-sum (Mann–Whitney) formula {@code (R+ - P(P+1)/2) / (P N)}, where {@code R+} is the sum of
     * the positives' ranks among all scores, tied scores sharing their average rank: the probability that a random
     * positive scores above a random negative, ties counting half.
     *
     * @return the AUC, NaN when there is no positive or no negative
     */
    public static double auc(double[] scores, boolean[] labels) {
        requireSameLength(scores, labels);
        double[] sorted = new double[scores.length];
        for (int j = 0; j < scores.length; j++) {
            if (Double.isNaN(scores[j])) {
                throw new IllegalArgumentException("scores[" + j + "] is NaN");
            }
            sorted[j] = scores[j] + 0.0; // -0.0 becomes 0.0, so that it ties with 0.0
        }
        Arrays.sort(sorted);
        long positives = 0;
        double rankSum = 0;
        for (int j = 0; j < scores.length; j++) {
            if (labels[j]) {
                positives++;
                double s = scores[j] + 0.0;
                int below = firstIndex(sorted, s, false);
                int upTo = firstIndex(sorted, s, true);
                rankSum += (below + 1 + upTo) / 2.0; // ranks below+1 .. upTo, 1-based
            }
        }
        long negatives = scores.length - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        return (rankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    /** Index of the first element {@code > s} (if {@code after}) or {@code >= s} (otherwise) in sorted {@code a}. */
    private static int firstIndex(double[] a, double s, boolean after) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < s || (after && a[mid] == s)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * Mean binary cross-entropy {@code -mean(y log p + (1 - y) log(1 - p))} with {@code p} clipped to
     * {@code [1e-15, 1 - 1e-15]}.
     *
     * @param p predicted probabilities of the positive class, in [0, 1]
     * @return the log loss, NaN for no examples
     */
    public static double logLoss(double[] p, boolean[] y) {
        requireSameLength(p, y);
        double sum = 0;
        for (int j = 0; j < p.length; j++) {
            if (!(p[j] >= 0 && p[j] <= 1)) {
                throw new IllegalArgumentException("p[" + j + "] is " + p[j] + "; probabilities must be in [0, 1]");
            }
            double clipped = Math.min(Math.max(p[j], EPSILON), 1 - EPSILON);
            sum -= y[j] ? Math.log(clipped) : Math.log(1 - clipped);
        }
        return p.length == 0 ? Double.NaN : sum / p.length;
    }

    private static void requireSameLength(double[] values, boolean[] labels) {
        if (values == null || labels == null) {
            throw new IllegalArgumentException("scores and labels must not be null");
        }
        if (values.length != labels.length) {
            throw new IllegalArgumentException(
                    "need one label per score: " + values.length + " scores, " + labels.length + " labels");
        }
    }
}
