package io.smartcrm.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

class GeneratorConfigTest {

    @Test
    void hasTheDocumentedDefaults() {
        GeneratorConfig c = GeneratorConfig.defaults();
        assertThat(c.customers()).isEqualTo(10_000);
        assertThat(c.rate()).isEqualTo(2_000);
        assertThat(c.seed()).isEqualTo(42);
        assertThat(c.malformedShare()).isEqualTo(0.005);
        assertThat(c.duplicateShare()).isEqualTo(0.01);
        assertThat(c.topic()).isEqualTo("crm.events");
        assertThat(c.baseCurrency()).isEqualTo("EUR");
        assertThat(c.shiftAt()).isNull();
        assertThat(c.shiftKind()).isNull();
        Instant expectedStart = Instant.now().minus(Duration.ofDays(120)).truncatedTo(ChronoUnit.DAYS);
        assertThat(Duration.between(c.startTime(), expectedStart).abs()).isLessThanOrEqualTo(Duration.ofDays(1));
        assertThat(c.startTime()).isEqualTo(c.startTime().truncatedTo(ChronoUnit.DAYS));
    }

    @Test
    void toBuilderKeepsEveryValue() {
        GeneratorConfig c = GeneratorConfig.builder().customers(5).rate(0).seed(7).startTime(Streams.START)
                .malformedShare(0.1).duplicateShare(0.2).topic("t").baseCurrency("GBP")
                .shift(Streams.START.plusSeconds(60), ShiftKind.LOYAL_STOP_BUYING).build();
        assertThat(c.toBuilder().build()).isEqualTo(c);
    }

    @Test
    void rejectsInvalidValues() {
        assertThatThrownBy(() -> GeneratorConfig.builder().customers(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("customers");
        assertThatThrownBy(() -> GeneratorConfig.builder().malformedShare(-0.1).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("malformedShare");
        assertThatThrownBy(() -> GeneratorConfig.builder().malformedShare(0.3).duplicateShare(0.3).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GeneratorConfig.builder().topic(" ").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("topic");
        assertThatThrownBy(() -> GeneratorConfig.builder().baseCurrency("eur").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("baseCurrency");
        assertThatThrownBy(() -> GeneratorConfig.builder().shift(Streams.START, null).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("shiftAt");
        assertThatThrownBy(() -> GeneratorConfig.builder().rate(Double.NaN).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rate");
    }
}
