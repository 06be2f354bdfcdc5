package io.smartcrm.app.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/**
 * scikit-learn's stratified {@code train_test_split(X, y, test_size, stratify=y, random_state=seed)} (1.x,
 * {@code StratifiedShuffleSplit}), reproduced index for index so figures compare with scikit-learn on the same
 * split. Rows are given by their class labels; the split is a list of row indices for each side.
 */
public record StratifiedSplit(int[] train, int[] test) {

    public static StratifiedSplit of(List<String> labels, double testShare, long seed) {
        int n = labels.size();
        int nTest = (int) Math.ceil(testShare * n);
        int nTrain = n - nTest;
        TreeMap<String, List<Integer>> byClass = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            byClass.computeIfAbsent(labels.get(i), k -> new ArrayList<>()).add(i);
        }
        List<List<Integer>> classes = new ArrayList<>(byClass.values());
        long[] counts = classes.stream().mapToLong(List::size).toArray();
        LegacyNumpyRandom rng = new LegacyNumpyRandom(seed);
        long[] trainCounts = approximateMode(counts, nTrain, rng);
        long[] remaining = new long[counts.length];
        for (int i = 0; i < counts.length; i++) {
            remaining[i] = counts[i] - trainCounts[i];
        }
        long[] testCounts = approximateMode(remaining, nTest, rng);
        List<Integer> train = new ArrayList<>(nTrain);
        List<Integer> test = new ArrayList<>(nTest);
        for (int c = 0; c < classes.size(); c++) {
            int[] perm = rng.permutation(classes.get(c).size());
            for (int i = 0; i < trainCounts[c] + testCounts[c]; i++) {
                (i < trainCounts[c] ? train : test).add(classes.get(c).get(perm[i]));
            }
        }
        return new StratifiedSplit(permuted(train, rng), permuted(test, rng));
    }

    private static int[] permuted(List<Integer> indices, LegacyNumpyRandom rng) {
        int[] perm = rng.permutation(indices.size());
        int[] out = new int[perm.length];
        for (int i = 0; i < perm.length; i++) {
            out[i] = indices.get(perm[i]);
        }
        return out;
    }

    /** Draws per class closest to the class shares; remainders ties broken at random (sklearn's _approximate_mode). */
    private static long[] approximateMode(long[] counts, long draws, LegacyNumpyRandom rng) {
        long total = Arrays.stream(counts).sum();
        double[] continuous = new double[counts.length];
        long[] floored = new long[counts.length];
        long sum = 0;
        for (int i = 0; i < counts.length; i++) {
            continuous[i] = (double) counts[i] / total * draws;
            floored[i] = (long) Math.floor(continuous[i]);
            sum += floored[i];
        }
        long need = draws - sum;
        double[] remainders = Arrays.stream(continuous).map(v -> v - Math.floor(v)).distinct().sorted().toArray();
        for (int v = remainders.length - 1; v >= 0 && need > 0; v--) {
            List<Integer> tied = new ArrayList<>();
            for (int i = 0; i < counts.length; i++) {
                if (continuous[i] - Math.floor(continuous[i]) == remainders[v]) {
                    tied.add(i);
                }
            }
            int[] perm = rng.permutation(tied.size());
            long add = Math.min(tied.size(), need);
            for (int i = 0; i < add; i++) {
                floored[tied.get(perm[i])]++;
            }
            need -= add;
        }
        return floored;
    }
}
