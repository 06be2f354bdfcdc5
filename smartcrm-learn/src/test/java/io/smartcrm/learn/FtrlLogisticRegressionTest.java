package io.smartcrm.learn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FtrlLogisticRegressionTest {
    private static final double EPS = 1e-9;

    @Test
    void twoMiniBatchesMatchTheHandComputedFtrlUpdate() {
        // alpha = 0.1, beta = 1, l1 = 0.5 * 0.2 = 0.1, l2 = 0.1
        // w = (|z| <= l1) ? 0 : (sign(z) * l1 - z) / ((beta + sqrt(n)) / alpha + l2)
        FtrlLogisticRegression model = new FtrlLogisticRegression(0.1, 1, 0.2, 0.5);

        // Batch 1: x1 = [1, 2] y = 1, x2 = [1, 0] y = 0; w = 0 so p1 = p2 = 0.5.
        // g0 = ((0.5 - 1) * 1 + (0.5 - 0) * 1) / 2 = 0     -> z0 = 0, n0 = 0, w0 = 0
        // g1 = ((0.5 - 1) * 2) / 1 = -1 (only x1 has x_1 != 0)
        //   sigma1 = (sqrt(0 + 1) - 0) / 0.1 = 10; z1 = -1 - 10 * 0 = -1; n1 = 1
        //   w1 = (-0.1 + 1) / ((1 + 1) / 0.1 + 0.1) = 0.9 / 20.1 = 3 / 67 = 0.0447761194029851
        model.update(List.of(new double[] {1, 2}, new double[] {1, 0}), new double[] {1, 0});
        assertThat(model.z()).containsExactly(new double[] {0, -1}, within(EPS));
        assertThat(model.n()).containsExactly(new double[] {0, 1}, within(EPS));
        assertThat(model.coefficients()).containsExactly(new double[] {0, 3.0 / 67}, within(EPS));

        // Batch 2: x3 = [1, 1] y = 0, x4 = [0, 3] y = 1.
        // p3 = sigmoid(3/67) = 0.5111921599822877, p4 = sigmoid(9/67) = 0.5335316839323402
        // g0 = p3 / 1 = 0.5111921599822877 (only x3 has x_0 != 0)
        //   sigma0 = (sqrt(p3^2) - 0) / 0.1 = 5.111921599822877; z0 = p3 - sigma0 * 0 = 0.5111921599822877
        //   n0 = p3^2 = 0.2613174244273568
        //   w0 = (0.1 - p3) / ((1 + p3) / 0.1 + 0.1) = -0.4111921599822877 / 15.211921599822877 = -0.0270309150151731
        // g1 = (p3 * 1 + (p4 - 1) * 3) / 2 = -0.4441063941103458
        //   sigma1 = (sqrt(1 + g1^2) - 1) / 0.1 = 0.9418028189585548
        //   z1 = -1 + g1 - sigma1 * 3/67 = -1.486276669586102; n1 = 1 + g1^2 = 1.1972304892896939
        //   w1 = (-0.1 - z1) / ((1 + sqrt(n1)) / 0.1 + 0.1) = 1.386276669586102 / 21.04180282 = 0.0658820292877697
        model.update(List.of(new double[] {1, 1}, new double[] {0, 3}), new double[] {0, 1});
        assertThat(model.z()).containsExactly(new double[] {0.5111921599822877, -1.486276669586102}, within(EPS));
        assertThat(model.n()).containsExactly(new double[] {0.2613174244273568, 1.1972304892896939}, within(EPS));
        assertThat(model.coefficients())
                .containsExactly(new double[] {-0.0270309150151731, 0.0658820292877697}, within(EPS));

        assertThat(model.examples()).isEqualTo(4);
        assertThat(model.updates()).isEqualTo(2);
        assertThat(model.margin(new double[] {1, 1})).isCloseTo(-0.0270309150151731 + 0.0658820292877697, within(EPS));
    }

    @Test
    void weightStaysZeroWhileAbsZIsAtMostL1() {
        // l1 = 2: g = 0.5 - 1 = -0.5 per batch, z = -0.5, -1.0..., w = 0 while |z| <= 2
        FtrlLogisticRegression sparse = new FtrlLogisticRegression(0.1, 1, 2, 1);
        // without regularisation the first batch already gives w = 0.5 / ((1 + 0.5) / 0.1) = 1/30
        FtrlLogisticRegression dense = new FtrlLogisticRegression(0.1, 1, 0, 1);
        List<double[]> x = List.of(new double[] {1});
        sparse.update(x, new double[] {1});
        dense.update(x, new double[] {1});
        assertThat(sparse.z()[0]).isCloseTo(-0.5, within(EPS));
        assertThat(sparse.coefficients()[0]).isZero();
        assertThat(dense.coefficients()[0]).isCloseTo(1.0 / 30, within(EPS));

        for (int i = 0; i < 20 && Math.abs(sparse.z()[0]) <= 2; i++) {
            assertThat(sparse.coefficients()[0]).isZero();
            sparse.update(x, new double[] {1});
        }
        assertThat(Math.abs(sparse.z()[0])).isGreaterThan(2);
        assertThat(sparse.coefficients()[0]).isPositive();
    }

    @Test
    void longerVectorsGrowTheModelAsIfEarlierVectorsWereZeroPadded() {
        FtrlLogisticRegression growing = new FtrlLogisticRegression(0.5, 1, 0.01, 0.3);
        FtrlLogisticRegression padded = new FtrlLogisticRegression(0.5, 1, 0.01, 0.3);
        growing.update(List.of(new double[] {1, 0.5}, new double[] {-1, 2}), new double[] {1, 0});
        padded.update(List.of(new double[] {1, 0.5, 0}, new double[] {-1, 2, 0}), new double[] {1, 0});
        assertThat(growing.dimension()).isEqualTo(2);

        growing.update(List.of(new double[] {0.3, 1, 2}, new double[] {1}), new double[] {0, 1});
        padded.update(List.of(new double[] {0.3, 1, 2}, new double[] {1, 0, 0}), new double[] {0, 1});
        assertThat(growing.dimension()).isEqualTo(3);
        assertThat(growing.coefficients()).containsExactly(padded.coefficients());
        assertThat(growing.coefficients()[2]).isNotZero();
        assertThat(growing.predict(new double[] {1, 2})).isEqualTo(padded.predict(new double[] {1, 2, 0}));
        assertThat(growing.predict(new double[] {1, 2, 3, 4})).isEqualTo(padded.predict(new double[] {1, 2, 3}));
    }

    @Test
    void learnsASeparableProblem() {
        Random random = new Random(7);
        FtrlLogisticRegression model = new FtrlLogisticRegression(0.1, 1, 0.001, 0.5);
        for (int batch = 0; batch < 300; batch++) {
            List<double[]> xs = new ArrayList<>();
            double[] labels = new double[16];
            for (int j = 0; j < labels.length; j++) {
                double[] x = separablePoint(random);
                labels[j] = isPositive(x) ? 1 : 0;
                xs.add(x);
            }
            model.update(xs, labels);
        }
        double[] scores = new double[2000];
        boolean[] labels = new boolean[scores.length];
        for (int j = 0; j < scores.length; j++) {
            double[] x = separablePoint(random);
            scores[j] = model.predict(x);
            labels[j] = isPositive(x);
        }
        assertThat(Roc.auc(scores, labels)).isGreaterThan(0.95);
        assertThat(model.examples()).isEqualTo(300 * 16);
        assertThat(model.updates()).isEqualTo(300);
    }

    /** [x1, x2, 1] with the label given by the line x1 + 2 x2 = 1. */
    private static double[] separablePoint(Random random) {
        return new double[] {random.nextGaussian() * 2, random.nextGaussian() * 2, 1};
    }

    private static boolean isPositive(double[] x) {
        return x[0] + 2 * x[1] > 1;
    }

    @Test
    void sigmoidIsStableForLargeMargins() {
        assertThat(FtrlLogisticRegression.sigmoid(1000)).isEqualTo(1.0);
        assertThat(FtrlLogisticRegression.sigmoid(-1000)).isEqualTo(0.0);
        assertThat(FtrlLogisticRegression.sigmoid(-30)).isCloseTo(Math.exp(-30), within(1e-25));
        assertThat(FtrlLogisticRegression.sigmoid(0)).isEqualTo(0.5);
    }

    @Test
    void emptyBatchChangesNothing() {
        FtrlLogisticRegression model = new FtrlLogisticRegression(0.1, 1, 0, 0);
        model.update(List.of(), new double[0]);
        assertThat(model.updates()).isZero();
        assertThat(model.dimension()).isZero();
        assertThat(model.predict(new double[] {3, 4})).isEqualTo(0.5);
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> new FtrlLogisticRegression(0, 1, 0, 0)).hasMessageContaining("alpha");
        assertThatThrownBy(() -> new FtrlLogisticRegression(0.1, -1, 0, 0)).hasMessageContaining("beta");
        assertThatThrownBy(() -> new FtrlLogisticRegression(0.1, 1, Double.NaN, 0)).hasMessageContaining("reg");
        assertThatThrownBy(() -> new FtrlLogisticRegression(0.1, 1, 0, 1.5)).hasMessageContaining("elasticNet");

        FtrlLogisticRegression model = new FtrlLogisticRegression(0.1, 1, 0, 0);
        assertThatThrownBy(() -> model.update(List.of(new double[] {1, Double.NaN}), new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("xs[0][1] is NaN");
        assertThatThrownBy(() -> model.update(List.of(new double[] {1}), new double[] {2}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0 or 1");
        assertThatThrownBy(() -> model.update(List.of(new double[] {1}), new double[] {1, 0}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("one label per example");
        assertThatThrownBy(() -> model.predict(new double[] {Double.POSITIVE_INFINITY}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(model.updates()).isZero();
    }
}
