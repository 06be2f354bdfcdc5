package io.smartcrm.job.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.smartcrm.model.event.CustomerEvent;
import io.smartcrm.model.wire.DeadLetter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.TimestampAssigner;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkGeneratorSupplier;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.util.clock.ManualClock;
import org.apache.flink.util.clock.RelativeClock;
import org.junit.jupiter.api.Test;

/** Only accepted events drive a partition's watermark and keep it active. */
class EventTimeWatermarksTest {
    final ManualClock clock = new ManualClock();
    final Recorder out = new Recorder();

    WatermarkGenerator<ParsedRecord> generator(Duration idleness) {
        WatermarkStrategy<ParsedRecord> strategy = EventTimeWatermarks.strategy(Duration.ofMinutes(1), idleness);
        return strategy.createWatermarkGenerator(new WatermarkGeneratorSupplier.Context() {
            @Override
            public MetricGroup getMetricGroup() {
                return new UnregisteredMetricsGroup();
            }

            @Override
            public RelativeClock getInputActivityClock() {
                return clock;
            }
        });
    }

    static ParsedRecord accepted(long ts) {
        CustomerEvent e = new CustomerEvent();
        e.timestamp = ts;
        return ParsedRecord.accepted(e);
    }

    static ParsedRecord rejected() {
        return ParsedRecord.rejected(new DeadLetter());
    }

    @Test
    void eventTimeIsTheAcceptedEventsTimeAndRejectedOnesHaveNone() {
        TimestampAssigner<ParsedRecord> assigner = EventTimeWatermarks.strategy(Duration.ofMinutes(1), Duration.ZERO)
                .createTimestampAssigner(null);
        assertThat(assigner.extractTimestamp(accepted(1234), 99)).isEqualTo(1234);
        assertThat(assigner.extractTimestamp(rejected(), 99)).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void boundedOutOfOrdernessOverAcceptedEvents() {
        WatermarkGenerator<ParsedRecord> g = generator(Duration.ofSeconds(30));
        g.onEvent(accepted(1_000_000), 1_000_000, out);
        g.onEvent(rejected(), Long.MIN_VALUE, out);
        g.onEvent(accepted(900_000), 900_000, out);
        g.onPeriodicEmit(out);
        assertThat(out.watermarks).containsExactly(1_000_000L - 60_000 - 1);
    }

    @Test
    void aPartitionWithOnlyRejectedRecordsBecomesIdle() {
        WatermarkGenerator<ParsedRecord> g = generator(Duration.ofSeconds(30));
        for (int i = 0; i < 10; i++) {
            clock.advanceTime(Duration.ofSeconds(5));
            g.onEvent(rejected(), Long.MIN_VALUE, out);
            g.onPeriodicEmit(out);
        }
        assertThat(out.idle).as("rejected records are no activity").isTrue();
        assertThat(out.watermarks).allMatch(w -> w < 0);
    }

    @Test
    void anAcceptedEventMakesThePartitionActiveAgain() {
        WatermarkGenerator<ParsedRecord> g = generator(Duration.ofSeconds(30));
        clock.advanceTime(Duration.ofSeconds(31));
        g.onPeriodicEmit(out);
        clock.advanceTime(Duration.ofSeconds(31));
        g.onPeriodicEmit(out);
        assertThat(out.idle).isTrue();
        g.onEvent(accepted(5_000_000), 5_000_000, out);
        g.onPeriodicEmit(out);
        assertThat(out.idle).isFalse();
        assertThat(out.watermarks).last().isEqualTo(5_000_000L - 60_001);
    }

    @Test
    void withoutIdlenessAPartitionNeverIdles() {
        WatermarkGenerator<ParsedRecord> g = generator(Duration.ZERO);
        clock.advanceTime(Duration.ofHours(1));
        g.onPeriodicEmit(out);
        assertThat(out.idle).isFalse();
    }

    static final class Recorder implements WatermarkOutput {
        final List<Long> watermarks = new ArrayList<>();
        boolean idle;

        @Override
        public void emitWatermark(Watermark watermark) {
            watermarks.add(watermark.getTimestamp());
            idle = false;
        }

        @Override
        public void markIdle() {
            idle = true;
        }

        @Override
        public void markActive() {
            idle = false;
        }
    }
}
