package io.smartcrm.learn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KMeansTest {

    @Test
    void findsThreeBlobsWithTheirWithinClusterSumOfSquares() {
        Random random = new Random(1);
        List<double[]> points = new ArrayList<>();
        double known = 0;
        for (double[] centre : OnlineKMeansTest.BLOB_CENTRES) {
            List<double[]> blob = new ArrayList<>();
            for (int j = 0; j < 100; j++) {
                blob.add(new double[] {centre[0] + 0.5 * random.nextGaussian(), centre[1] + 0.5 * random.nextGaussian()});
            }
            double[] mean = new double[2];
            for (double[] p : blob) {
                mean[0] += p[0] / blob.size();
                mean[1] += p[1] / blob.size();
            }
            for (double[] p : blob) {
                known += Vectors.squaredDistance(p, mean);
            }
            points.addAll(blob);
        }

        KMeans.Result result = KMeans.fit(points, 3, 3, 100, 7);
        assertThat(result.inertia()).isCloseTo(known, within(1e-9 * known));
        assertThat(result.inertia()).isCloseTo(KMeans.inertia(points, result.centroids()), within(1e-9));
        assertThat(result.iterations()).isBetween(1, 100);
        assertThat(result.centroids()).hasDimensions(3, 2);
    }

    @Test
    void moreRestartsAreNeverWorseThanOne() {
        Random random = new Random(2);
        List<double[]> points = new ArrayList<>();
        for (int j = 0; j < 400; j++) {
            points.add(new double[] {random.nextDouble(), random.nextDouble()});
        }
        boolean improved = false;
        for (long seed = 0; seed < 20; seed++) {
            double one = KMeans.fit(points, 8, 1, 50, seed).inertia();
            double many = KMeans.fit(points, 8, 5, 50, seed).inertia();
            assertThat(many).isLessThanOrEqualTo(one);
            improved |= many < one;
        }
        assertThat(improved).as("restarts help on some seed").isTrue();
    }

    @Test
    void stopsAfterMaxIterations() {
        List<double[]> points = OnlineKMeansTest.blobs(new Random(4), 200);
        assertThat(KMeans.fit(points, 3, 1, 1, 0).iterations()).isEqualTo(1);
    }

    @Test
    void rejectsBadArguments() {
        List<double[]> three = List.of(new double[] {0}, new double[] {1}, new double[] {1});
        assertThatThrownBy(() -> KMeans.fit(three, 3, 1, 10, 0)).hasMessageContaining("distinct");
        assertThatThrownBy(() -> KMeans.fit(three, 1, 1, 10, 0)).hasMessageContaining("k must be at least 2");
        assertThatThrownBy(() -> KMeans.fit(three, 2, 0, 10, 0)).hasMessageContaining("restarts");
        assertThatThrownBy(() -> KMeans.fit(three, 2, 1, 0, 0)).hasMessageContaining("maxIterations");
        assertThatThrownBy(() -> KMeans.inertia(three, new double[0][])).isInstanceOf(IllegalArgumentException.class);
    }
}
