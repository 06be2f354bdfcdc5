package io.smartcrm.learn;

import java.util.Arrays;

/**
 * Keeps cluster ids stable across re-clusterings: matches the centroids of a new model to those of the previous one
 * so that the total Euclidean distance between matched centroids is minimal, by the Hungarian algorithm in O(k³).
 * Flink ML has no counterpart; its {@code OnlineKMeans} keeps centroid indices across updates, but a model re-fitted
 * from scratch does not.
 */
public final class CentroidMatcher {
    private CentroidMatcher() {}

    /**
     * @param previous the previous model's centroids
     * @param next the new model's centroids, as many as {@code previous}
     * @return {@code idOf} with {@code idOf[j]} the index in {@code previous} matched to {@code next[j]}: a permutation
     *     minimising {@code sum_j |next[j] - previous[idOf[j]]|}
     */
    public static int[] match(double[][] previous, double[][] next) {
        if (previous == null || next == null) {
            throw new IllegalArgumentException("centroids are null");
        }
        if (previous.length != next.length) {
            throw new IllegalArgumentException(
                    "need the same k: previous has " + previous.length + " centroids, next has " + next.length);
        }
        int k = next.length;
        double[][] cost = new double[k][k];
        for (int j = 0; j < k; j++) {
            Vectors.requireFinite(next[j], "next[" + j + "]");
            for (int i = 0; i < k; i++) {
                Vectors.requireFinite(previous[i], "previous[" + i + "]");
                cost[j][i] = Math.sqrt(Vectors.squaredDistance(next[j], previous[i]));
            }
        }
        return hungarian(cost);
    }

    /**
     * Minimum-cost perfect assignment of rows to columns of a square matrix (Kuhn–Munkres with potentials, shortest
     * augmenting paths). Rows and columns are 1-based inside; column 0 is the virtual start of each augmenting path.
     */
    private static int[] hungarian(double[][] cost) {
        int k = cost.length;
        double[] u = new double[k + 1]; // row potentials
        double[] v = new double[k + 1]; // column potentials
        int[] rowOfColumn = new int[k + 1]; // 0 = free
        int[] way = new int[k + 1]; // previous column on the augmenting path
        double[] minSlack = new double[k + 1];
        boolean[] used = new boolean[k + 1];
        for (int row = 1; row <= k; row++) {
            rowOfColumn[0] = row;
            int column = 0;
            Arrays.fill(minSlack, Double.POSITIVE_INFINITY);
            Arrays.fill(used, false);
            do {
                used[column] = true;
                int r = rowOfColumn[column];
                double delta = Double.POSITIVE_INFINITY;
                int nextColumn = 0;
                for (int c = 1; c <= k; c++) {
                    if (!used[c]) {
                        double slack = cost[r - 1][c - 1] - u[r] - v[c];
                        if (slack < minSlack[c]) {
                            minSlack[c] = slack;
                            way[c] = column;
                        }
                        if (minSlack[c] < delta) {
                            delta = minSlack[c];
                            nextColumn = c;
                        }
                    }
                }
                for (int c = 0; c <= k; c++) {
                    if (used[c]) {
                        u[rowOfColumn[c]] += delta;
                        v[c] -= delta;
                    } else {
                        minSlack[c] -= delta;
                    }
                }
                column = nextColumn;
            } while (rowOfColumn[column] != 0);
            do {
                int previousColumn = way[column];
                rowOfColumn[column] = rowOfColumn[previousColumn];
                column = previousColumn;
            } while (column != 0);
        }
        int[] columnOfRow = new int[k];
        for (int c = 1; c <= k; c++) {
            columnOfRow[rowOfColumn[c] - 1] = c - 1;
        }
        return columnOfRow;
    }
}
