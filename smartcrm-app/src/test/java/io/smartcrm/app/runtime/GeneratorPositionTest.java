package io.smartcrm.app.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratorPositionTest {
    @TempDir
    Path dir;

    @Test
    void roundTripsAndRecognisesTheSameStream() {
        Path file = dir.resolve("generator.json");
        assertThat(GeneratorPosition.read(file)).isEmpty();
        new GeneratorPosition(42, 10_000, "GBP", null, "2026-07-25T00:00:00Z", 123_456).write(file);
        new GeneratorPosition(42, 10_000, "GBP", null, "2026-07-25T00:00:00Z", 223_456).write(file);

        GeneratorPosition read = GeneratorPosition.read(file).orElseThrow();
        assertThat(read.position()).isEqualTo(223_456);
        assertThat(read.startTime()).isEqualTo("2026-07-25T00:00:00Z");
        assertThat(read.sameStream(42, 10_000, "GBP", null)).isTrue();
        assertThat(read.sameStream(43, 10_000, "GBP", null)).isFalse();
        assertThat(read.sameStream(42, 5_000, "GBP", null)).isFalse();
        assertThat(read.sameStream(42, 10_000, "EUR", null)).isFalse();
        assertThat(read.sameStream(42, 10_000, "GBP", "WINDOW_SHOPPER_SURGE from 2026-10-01T00:00:00Z")).isFalse();
        assertThat(dir.resolve("generator.json.tmp")).doesNotExist();
    }

    @Test
    void aFileFromBeforeShiftsReadsAsNoShift() throws Exception {
        Path file = dir.resolve("generator.json");
        Files.writeString(file, "{\"seed\":42,\"customers\":500,\"baseCurrency\":\"GBP\","
                + "\"startTime\":\"2026-07-25T00:00:00Z\",\"position\":7}");
        assertThat(GeneratorPosition.read(file).orElseThrow().sameStream(42, 500, "GBP", null)).isTrue();
    }

    @Test
    void anUnreadableFileIsAClearError() throws Exception {
        Path file = dir.resolve("generator.json");
        Files.writeString(file, "{not json");
        assertThatThrownBy(() -> GeneratorPosition.read(file)).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("delete it to start over");
    }
}
