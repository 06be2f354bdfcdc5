package io.smartcrm.learn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PrequentialQualityTest {

    @Test
    void metricsCoverOnlyTheWindowWhileTotalsCoverEverything() {
        PrequentialQuality quality = new PrequentialQuality(3);
        assertThat(quality.auc()).isNaN();
        assertThat(quality.logLoss()).isNaN();

        quality.add(0.9, true);
        assertThat(quality.auc()).isNaN();
        quality.add(0.1, false);
        quality.add(0.2, true);
        // window (0.9, T) (0.1, F) (0.2, T): both positives above the negative
        assertThat(quality.size()).isEqualTo(3);
        assertThat(quality.auc()).isEqualTo(1.0);

        quality.add(0.8, false);
        // (0.9, T) evicted; window (0.1, F) (0.2, T) (0.8, F): the positive beats one of two negatives
        assertThat(quality.size()).isEqualTo(3);
        assertThat(quality.auc()).isEqualTo(0.5);
        assertThat(quality.logLoss())
                .isCloseTo(Roc.logLoss(new double[] {0.1, 0.2, 0.8}, new boolean[] {false, true, false}), within(1e-15));
        assertThat(quality.positives()).isEqualTo(2);
        assertThat(quality.negatives()).isEqualTo(2);
        assertThat(quality.total()).isEqualTo(4);

        quality.add(0.3, false);
        quality.add(0.4, false);
        // window (0.8, F) (0.3, F) (0.4, F): no positive left
        assertThat(quality.auc()).isNaN();
        assertThat(quality.total()).isEqualTo(6);
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> new PrequentialQuality(0)).hasMessageContaining("window");
        PrequentialQuality quality = new PrequentialQuality(2);
        assertThatThrownBy(() -> quality.add(Double.NaN, true)).hasMessageContaining("[0, 1]");
        assertThatThrownBy(() -> quality.add(1.2, true)).hasMessageContaining("[0, 1]");
        assertThat(quality.total()).isZero();
    }
}
