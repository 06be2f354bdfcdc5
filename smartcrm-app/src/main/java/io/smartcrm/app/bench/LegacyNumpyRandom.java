package io.smartcrm.app.bench;

/**
 * NumPy's legacy {@code RandomState(seed)} (MT19937) as far as {@code permutation} needs it, so the benchmark
 * splits data exactly as scikit-learn's {@code train_test_split(..., random_state=seed)} does.
 */
final class LegacyNumpyRandom {
    private static final int N = 624;
    private static final int M = 397;

    private final int[] mt = new int[N];
    private int index = N;

    LegacyNumpyRandom(long seed) {
        mt[0] = (int) seed;
        for (int i = 1; i < N; i++) {
            mt[i] = 1812433253 * (mt[i - 1] ^ (mt[i - 1] >>> 30)) + i;
        }
    }

    /** A random permutation of 0..n-1 ({@code RandomState.permutation(n)}). */
    int[] permutation(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        shuffle(a);
        return a;
    }

    /** Fisher–Yates from the end, as NumPy's legacy {@code shuffle} of a 1-D array. */
    void shuffle(int[] a) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = (int) interval(i);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** Uniform in [0, max] by masked rejection, as NumPy's {@code random_interval} for max < 2^32. */
    long interval(long max) {
        long mask = max;
        mask |= mask >>> 1;
        mask |= mask >>> 2;
        mask |= mask >>> 4;
        mask |= mask >>> 8;
        mask |= mask >>> 16;
        long value;
        do {
            value = nextUnsignedInt() & mask;
        } while (value > max);
        return value;
    }

    long nextUnsignedInt() {
        if (index >= N) {
            twist();
        }
        int y = mt[index++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y & 0xffffffffL;
    }

    private void twist() {
        for (int i = 0; i < N; i++) {
            int y = (mt[i] & 0x80000000) | (mt[(i + 1) % N] & 0x7fffffff);
            int next = mt[(i + M) % N] ^ (y >>> 1);
            mt[i] = (y & 1) == 0 ? next : next ^ 0x9908b0df;
        }
        index = 0;
    }
}
