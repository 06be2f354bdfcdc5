package io.smartcrm.learn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class OnlineKMeansTest {
    private static final double EPS = 1e-12;

    @Test
    void miniBatchUpdateWithDecayMatchesTheHandComputedValues() {
        OnlineKMeans model = new OnlineKMeans(2, 0.5, 1);
        model.setCentroids(new double[][] {{0}, {10}});
        assertThat(model.weights()).containsExactly(0, 0);

        // Batch 1: 1, 3 -> c0 (mean 2), 9 -> c1. Weights 0, so lambda = 1 and the centroids jump to the means.
        // w0 = 0 * 0.5 + 2 = 2, c0 = 2; w1 = 0 * 0.5 + 1 = 1, c1 = 9
        model.update(points(1, 3, 9));
        assertThat(model.centroids()).isDeepEqualTo(new double[][] {{2}, {9}});
        assertThat(model.weights()).containsExactly(2, 1);

        // Batch 2: 2, 5 -> c0 (|5 - 2| = 3 < |5 - 9| = 4), mean 3.5; c1 gets nothing.
        // w0 = 2 * 0.5 + 2 = 3, lambda = 2/3, c0 = (1/3) * 2 + (2/3) * 3.5 = 3; w1 = 1 * 0.5 = 0.5, c1 stays 9
        model.update(points(2, 5));
        assertThat(model.centroids()[0][0]).isCloseTo(3, within(EPS));
        assertThat(model.centroids()[1][0]).isEqualTo(9);
        assertThat(model.weights()).containsExactly(new double[] {3, 0.5}, within(EPS));
        assertThat(model.points()).isEqualTo(5);
    }

    @Test
    void nearestBreaksTiesTowardsTheLowestIndex() {
        OnlineKMeans model = new OnlineKMeans(3, 1, 1);
        model.setCentroids(new double[][] {{4, 0}, {0, 0}, {0, 4}});
        assertThat(model.nearest(new double[] {2, 2})).isZero();
        assertThat(model.nearest(new double[] {0, 2})).isEqualTo(1);
        assertThat(model.nearest(new double[] {-1})).isEqualTo(1);
        assertThat(model.distance(new double[] {3}, 2)).isCloseTo(5, within(EPS));
    }

    @Test
    void kMeansPlusPlusPicksKDistinctBatchPoints() {
        List<double[]> batch = new ArrayList<>();
        for (int copy = 0; copy < 10; copy++) {
            batch.addAll(points(0, 0, 0, 1, 2, 2, 50, 51, 100));
        }
        Set<Double> batchValues = batch.stream().map(p -> p[0]).collect(Collectors.toSet());
        for (long seed = 0; seed < 100; seed++) {
            double[][] seeds = Clustering.kMeansPlusPlus(batch, 6, new Random(seed));
            Set<Double> picked = Arrays.stream(seeds).map(c -> c[0]).collect(Collectors.toSet());
            assertThat(picked).hasSize(6);
            assertThat(batchValues).containsAll(picked);
        }
        assertThatThrownBy(() -> Clustering.kMeansPlusPlus(points(1, 1, 2), 3, new Random(0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("distinct");
    }

    @Test
    void initialisationIsDeterministicForASeed() {
        List<double[]> batch = blobs(new Random(3), 60);
        OnlineKMeans a = new OnlineKMeans(3, 0.9, 42);
        OnlineKMeans b = new OnlineKMeans(3, 0.9, 42);
        a.update(batch);
        b.update(batch);
        assertThat(a.centroids()).isDeepEqualTo(b.centroids());
        assertThat(a.weights()).containsExactly(b.weights());
    }

    @Test
    void aFirstBatchOfExactlyKDistinctPointsBecomesTheCentroids() {
        OnlineKMeans model = new OnlineKMeans(3, 0.5, 9);
        model.update(List.of(new double[] {0, 0}, new double[] {0, 0}, new double[] {5, 5}, new double[] {10, 0},
                new double[] {10, 0}));
        assertThat(model.initialized()).isTrue();
        assertThat(byFirstCoordinate(model))
                .isDeepEqualTo(new double[][] {{0, 0, 2}, {5, 5, 1}, {10, 0, 2}});
    }

    @Test
    void pointsWaitUntilKDistinctPointsHaveArrived() {
        OnlineKMeans model = new OnlineKMeans(3, 0.5, 1);
        model.update(points(1, 1));
        model.update(points(2));
        model.update(List.of());
        assertThat(model.initialized()).isFalse();
        assertThat(model.dimension()).isZero();
        assertThat(model.weights()).containsExactly(0, 0, 0);
        assertThatThrownBy(() -> model.nearest(new double[] {1})).isInstanceOf(IllegalStateException.class);

        // pending 1, 1, 2 and this batch 3, 3 form the first batch: each value is a centroid, weights = counts
        model.update(points(3, 3));
        assertThat(model.initialized()).isTrue();
        assertThat(model.points()).isEqualTo(5);
        assertThat(byFirstCoordinate(model)).isDeepEqualTo(new double[][] {{1, 2}, {2, 1}, {3, 2}});
    }

    @Test
    void recoversThreeWellSeparatedBlobs() {
        Random random = new Random(11);
        OnlineKMeans model = new OnlineKMeans(3, 0.9, 5);
        for (int batch = 0; batch < 50; batch++) {
            model.update(blobs(random, 30));
        }
        double[][] found = model.centroids();
        int[] idOf = CentroidMatcher.match(BLOB_CENTRES, found);
        for (int j = 0; j < 3; j++) {
            double[] centre = BLOB_CENTRES[idOf[j]];
            assertThat(Math.sqrt(Vectors.squaredDistance(found[j], centre))).as("centroid %d", j).isLessThan(0.3);
        }
        assertThat(model.points()).isEqualTo(1500);
    }

    @Test
    void longerPointsGrowTheCentroidsWithZeros() {
        OnlineKMeans model = new OnlineKMeans(2, 1, 1);
        model.setCentroids(new double[][] {{0}, {10}});
        // [0, 4]: squared distances 16 to [0, 0] and 116 to [10, 0] -> c0, weight 0 so c0 = [0, 4]
        model.update(List.of(new double[] {0, 4}));
        assertThat(model.dimension()).isEqualTo(2);
        assertThat(model.centroids()).isDeepEqualTo(new double[][] {{0, 4}, {10, 0}});
        assertThat(model.nearest(new double[] {9})).isEqualTo(1);
    }

    @Test
    void setCentroidsKeepsTheWeights() {
        OnlineKMeans model = new OnlineKMeans(2, 1, 1);
        model.setCentroids(new double[][] {{0}, {10}});
        model.update(points(0, 1, 10));
        model.setCentroids(new double[][] {{0, 1}, {20, 1}});
        assertThat(model.weights()).containsExactly(2, 1);
        assertThat(model.dimension()).isEqualTo(2);
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> new OnlineKMeans(1, 0.5, 0)).hasMessageContaining("k must be at least 2");
        assertThatThrownBy(() -> new OnlineKMeans(2, 1.5, 0)).hasMessageContaining("decayFactor");
        OnlineKMeans model = new OnlineKMeans(2, 0.5, 0);
        assertThatThrownBy(() -> model.update(List.of(new double[] {1}, new double[] {Double.NaN})))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("batch[1][0] is NaN");
        assertThat(model.points()).isZero();
        assertThatThrownBy(() -> model.setCentroids(new double[][] {{1}}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected 2 centroids");
        assertThatThrownBy(() -> model.setCentroids(new double[][] {{1}, {1, 2}}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("same length");
        model.setCentroids(new double[][] {{1}, {2}});
        assertThatThrownBy(() -> model.distance(new double[] {1}, 2)).isInstanceOf(IllegalArgumentException.class);
    }

    static final double[][] BLOB_CENTRES = {{0, 0}, {10, 0}, {0, 10}};

    /** n points, each from a random one of the three blobs (standard deviation 0.5). */
    static List<double[]> blobs(Random random, int n) {
        List<double[]> points = new ArrayList<>();
        for (int j = 0; j < n; j++) {
            double[] centre = BLOB_CENTRES[random.nextInt(3)];
            points.add(new double[] {centre[0] + 0.5 * random.nextGaussian(), centre[1] + 0.5 * random.nextGaussian()});
        }
        return points;
    }

    private static List<double[]> points(double... values) {
        return Arrays.stream(values).mapToObj(v -> new double[] {v}).collect(Collectors.toList());
    }

    /** Each centroid followed by its weight, sorted by the first coordinate. */
    private static double[][] byFirstCoordinate(OnlineKMeans model) {
        double[][] centroids = model.centroids();
        double[] weights = model.weights();
        double[][] rows = new double[centroids.length][];
        for (int c = 0; c < rows.length; c++) {
            rows[c] = Arrays.copyOf(centroids[c], centroids[c].length + 1);
            rows[c][centroids[c].length] = weights[c];
        }
        Arrays.sort(rows, (r, s) -> Double.compare(r[0], s[0]));
        return rows;
    }
}
