package io.smartcrm.job.quality;

import static org.assertj.core.api.Assertions.assertThat;

import io.smartcrm.job.quality.QualityTick.Kind;
import io.smartcrm.model.quality.QualityCounts;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class QualityCounterTest {
    static final long H = Instant.parse("2024-05-01T10:00:00Z").toEpochMilli();
    static final long INTERVAL = 5_000;

    static KeyedOneInputStreamOperatorTestHarness<String, QualityTick, QualityCounts> harness() throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new QualityCounter(INTERVAL)),
                QualityTick::key, Types.STRING);
        h.open();
        return h;
    }

    static void tick(KeyedOneInputStreamOperatorTestHarness<String, QualityTick, QualityCounts> h, String source,
            Kind kind) throws Exception {
        h.processElement(new QualityTick(H, source, kind), H);
    }

    static List<String> emitted(KeyedOneInputStreamOperatorTestHarness<String, QualityTick, QualityCounts> h) {
        return h.extractOutputValues().stream()
                .map(c -> c.source + " " + c.windowStart + ".." + c.windowEnd + " dup=" + c.duplicates + " late="
                        + c.late + " erased=" + c.erasedDropped + " total=" + c.total())
                .toList();
    }

    @Test
    void countsPerHourAndSourceAreWrittenOncePerIntervalWhileTheyChange() throws Exception {
        try (var h = harness()) {
            tick(h, "web", Kind.DUPLICATE);
            tick(h, "web", Kind.DUPLICATE);
            tick(h, "web", Kind.LATE);
            tick(h, "app", Kind.ERASED_DROPPED);
            assertThat(emitted(h)).isEmpty();

            h.setProcessingTime(INTERVAL);
            assertThat(emitted(h)).containsExactlyInAnyOrder(
                    "web 2024-05-01T10:00:00Z..2024-05-01T11:00:00Z dup=2 late=1 erased=0 total=3",
                    "app 2024-05-01T10:00:00Z..2024-05-01T11:00:00Z dup=0 late=0 erased=1 total=1");

            h.setProcessingTime(3 * INTERVAL);
            assertThat(emitted(h)).as("nothing changed, nothing written").hasSize(2);

            tick(h, "web", Kind.LATE);
            h.setProcessingTime(4 * INTERVAL);
            assertThat(emitted(h)).last().isEqualTo(
                    "web 2024-05-01T10:00:00Z..2024-05-01T11:00:00Z dup=2 late=2 erased=0 total=4");
        }
    }

    @Test
    void aRestoreCountsOnFromTheCheckpointWithAGrowingTotal() throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = harness()) {
            tick(h, "web", Kind.DUPLICATE);
            h.setProcessingTime(INTERVAL);
            snapshot = h.snapshot(1, INTERVAL);
            tick(h, "web", Kind.DUPLICATE); // lost with the failure, replayed below
        }
        try (var h = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new QualityCounter(INTERVAL)), QualityTick::key, Types.STRING)) {
            h.initializeState(snapshot);
            h.open();
            tick(h, "web", Kind.DUPLICATE);
            h.setProcessingTime(2 * INTERVAL);
            assertThat(emitted(h)).containsExactly(
                    "web 2024-05-01T10:00:00Z..2024-05-01T11:00:00Z dup=2 late=0 erased=0 total=2");
        }
    }

    @Test
    void theTickOfAnEventIsInItsUtcHourAndNamesItsSource() {
        var e = new io.smartcrm.model.event.CustomerEvent();
        e.timestamp = H + 59 * 60_000 + 59_999;
        e.source = "app";
        assertThat(QualityTick.of(e, Kind.LATE).key()).isEqualTo(H + "-app");
        e.timestamp = H + QualityTick.HOUR;
        e.source = null;
        assertThat(QualityTick.of(e, Kind.LATE).key()).isEqualTo((H + QualityTick.HOUR) + "-unknown");
    }
}
