package io.smartcrm.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PercentilesTest {
    @Test
    void nearestRankOfUnsortedValues() {
        double[] values = {50, 10, 40, 20, 30};
        assertThat(Percentiles.nearestRank(values, 50)).isEqualTo(30);
        assertThat(Percentiles.nearestRank(values, 95)).isEqualTo(50);
        assertThat(Percentiles.nearestRank(values, 100)).isEqualTo(50);
        assertThat(Percentiles.nearestRank(values, 0)).isEqualTo(10);
        assertThat(Percentiles.nearestRank(values, 20)).isEqualTo(10);
        assertThat(Percentiles.nearestRank(values, 21)).isEqualTo(20);
        assertThat(values).containsExactly(50, 10, 40, 20, 30); // not sorted in place
    }

    @Test
    void p95OfTwentyIsTheNineteenth() {
        double[] values = new double[20];
        for (int i = 0; i < 20; i++) {
            values[i] = 20 - i;
        }
        assertThat(Percentiles.nearestRank(values, 95)).isEqualTo(19);
    }

    @Test
    void noValuesHaveNoPercentile() {
        assertThat(Percentiles.nearestRank(new double[0], 50)).isNaN();
    }
}
