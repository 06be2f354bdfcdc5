package io.smartcrm.learn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RocTest {
    private static final boolean T = true;
    private static final boolean F = false;

    @Test
    void aucOfSmallExamples() {
        // ranks 1 (0.1), 3 (0.4), 2 (0.35), 4 (0.8); positives' rank sum 6 -> (6 - 3) / (2 * 2)
        assertThat(Roc.auc(new double[] {0.1, 0.4, 0.35, 0.8}, new boolean[] {F, F, T, T})).isEqualTo(0.75);
        assertThat(Roc.auc(new double[] {0.1, 0.2, 0.3}, new boolean[] {F, T, T})).isEqualTo(1.0);
        assertThat(Roc.auc(new double[] {0.1, 0.2, 0.3}, new boolean[] {T, T, F})).isEqualTo(0.0);
    }

    @Test
    void tiesShareTheirAverageRank() {
        assertThat(Roc.auc(new double[] {0.5, 0.5}, new boolean[] {T, F})).isEqualTo(0.5);
        // ranks 1, 2.5, 2.5, 4; positives 2.5 + 4 = 6.5 -> (6.5 - 3) / 4: pairs 1 + 0.5 + 1 + 1 of 4
        assertThat(Roc.auc(new double[] {0.2, 0.5, 0.5, 0.9}, new boolean[] {F, T, F, T})).isEqualTo(0.875);
        assertThat(Roc.auc(new double[] {0.0, -0.0}, new boolean[] {T, F})).isEqualTo(0.5);
        assertThat(Roc.auc(new double[] {0.7, 0.7, 0.7}, new boolean[] {T, F, T})).isEqualTo(0.5);
    }

    @Test
    void aucIsNaNWithoutBothClasses() {
        assertThat(Roc.auc(new double[] {0.1, 0.9}, new boolean[] {T, T})).isNaN();
        assertThat(Roc.auc(new double[] {0.1}, new boolean[] {F})).isNaN();
        assertThat(Roc.auc(new double[0], new boolean[0])).isNaN();
    }

    @Test
    void logLossIsTheMeanCrossEntropyWithClipping() {
        assertThat(Roc.logLoss(new double[] {0.8, 0.3}, new boolean[] {T, F}))
                .isCloseTo(-(Math.log(0.8) + Math.log(0.7)) / 2, within(1e-15));
        assertThat(Roc.logLoss(new double[] {1.0}, new boolean[] {F})).isCloseTo(-Math.log(1e-15), within(1e-3));
        assertThat(Roc.logLoss(new double[] {0.0}, new boolean[] {F})).isCloseTo(0, within(1e-14));
        assertThat(Roc.logLoss(new double[0], new boolean[0])).isNaN();
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> Roc.auc(new double[] {0.1}, new boolean[] {T, F}))
                .hasMessageContaining("one label per score");
        assertThatThrownBy(() -> Roc.auc(new double[] {Double.NaN, 1}, new boolean[] {T, F}))
                .hasMessageContaining("scores[0] is NaN");
        assertThatThrownBy(() -> Roc.logLoss(new double[] {1.5}, new boolean[] {T}))
                .hasMessageContaining("[0, 1]");
    }
}
