package io.smartcrm.learn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class CentroidMatcherTest {

    @Test
    void matchesTheBruteForceOptimumOnRandomInstances() {
        Random random = new Random(5);
        for (int k = 2; k <= 7; k++) {
            for (int instance = 0; instance < 30; instance++) {
                double[][] previous = randomCentroids(random, k);
                double[][] next = randomCentroids(random, k);
                int[] idOf = CentroidMatcher.match(previous, next);
                assertThat(idOf).hasSize(k);
                assertThat(idOf).containsExactlyInAnyOrder(identity(k));
                assertThat(cost(previous, next, idOf))
                        .as("k = %d, instance %d", k, instance)
                        .isCloseTo(bruteForceMinimum(previous, next, identity(k), 0), within(1e-9));
            }
        }
    }

    @Test
    void recoversAShuffle() {
        double[][] previous = {{0, 0}, {10, 0}, {0, 10}, {10, 10}};
        double[][] next = {{0.1, 10}, {10, 9.9}, {0, 0.2}, {9.8, 0}};
        assertThat(CentroidMatcher.match(previous, next)).containsExactly(2, 3, 0, 1);
    }

    @Test
    void rejectsDifferentK() {
        assertThatThrownBy(() -> CentroidMatcher.match(new double[2][1], new double[3][1]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("same k");
    }

    private static double[][] randomCentroids(Random random, int k) {
        double[][] c = new double[k][3];
        for (double[] row : c) {
            for (int i = 0; i < row.length; i++) {
                row[i] = random.nextGaussian();
            }
        }
        return c;
    }

    private static int[] identity(int k) {
        int[] p = new int[k];
        for (int i = 0; i < k; i++) {
            p[i] = i;
        }
        return p;
    }

    private static double cost(double[][] previous, double[][] next, int[] idOf) {
        double sum = 0;
        for (int j = 0; j < next.length; j++) {
            sum += Math.sqrt(Vectors.squaredDistance(next[j], previous[idOf[j]]));
        }
        return sum;
    }

    /** Minimum cost over all permutations of {@code p[from..]}. */
    private static double bruteForceMinimum(double[][] previous, double[][] next, int[] p, int from) {
        if (from == p.length) {
            return cost(previous, next, p);
        }
        double best = Double.POSITIVE_INFINITY;
        for (int i = from; i < p.length; i++) {
            swap(p, from, i);
            best = Math.min(best, bruteForceMinimum(previous, next, p, from + 1));
            swap(p, from, i);
        }
        return best;
    }

    private static void swap(int[] p, int i, int j) {
        int t = p[i];
        p[i] = p[j];
        p[j] = t;
    }
}
