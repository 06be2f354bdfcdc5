package io.smartcrm.learn;

import java.util.Arrays;
import java.util.List;

/** Dense-vector helpers; a shorter vector counts as zero-padded to the longer one's length. */
final class Vectors {
    private Vectors() {}

    /** Rejects a null vector or a NaN/infinite component. */
    static void requireFinite(double[] x, String name) {
        if (x == null) {
            throw new IllegalArgumentException(name + " is null");
        }
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i])) {
                throw new IllegalArgumentException(name + "[" + i + "] is " + x[i] + "; features must be finite");
            }
        }
    }

    /** Rejects a null list, a null vector in it or a NaN/infinite component. */
    static void requireFinite(List<double[]> xs, String name) {
        if (xs == null) {
            throw new IllegalArgumentException(name + " is null");
        }
        for (int j = 0; j < xs.size(); j++) {
            requireFinite(xs.get(j), name + "[" + j + "]");
        }
    }

    static int maxLength(List<double[]> xs) {
        int max = 0;
        for (double[] x : xs) {
            max = Math.max(max, x.length);
        }
        return max;
    }

    /** {@code a} itself if it is long enough, else a copy padded with zeros to {@code length}. */
    static double[] grow(double[] a, int length) {
        return a.length >= length ? a : Arrays.copyOf(a, length);
    }

    static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0, n = Math.min(a.length, b.length); i < n; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    static double squaredDistance(double[] a, double[] b) {
        double[] longer = a.length >= b.length ? a : b;
        int common = Math.min(a.length, b.length);
        double sum = 0;
        for (int i = 0; i < common; i++) {
            double d = a[i] - b[i];
            sum += d * d;
        }
        for (int i = common; i < longer.length; i++) {
            sum += longer[i] * longer[i];
        }
        return sum;
    }
}
