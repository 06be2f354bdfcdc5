package io.smartcrm.app.bench;

import java.util.Arrays;

/** Percentiles of measured latencies. */
final class Percentiles {
    private Percentiles() {}

    /** The nearest-rank percentile {@code p} (0–100) of the values (in any order; not changed); NaN for none. */
    static double nearestRank(double[] values, double p) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] s = values.clone();
        Arrays.sort(s);
        int rank = (int) Math.ceil(p / 100 * s.length);
        return s[Math.max(0, rank - 1)];
    }
}
