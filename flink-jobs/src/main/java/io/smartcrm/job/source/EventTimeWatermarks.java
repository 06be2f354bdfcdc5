package io.smartcrm.job.source;

import java.time.Duration;
import org.apache.flink.api.common.eventtime.BoundedOutOfOrdernessWatermarks;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.eventtime.WatermarksWithIdleness;

/**
 * Watermarks of the events source: bounded out-of-orderness and idleness over accepted events only. A rejected
 * record has no event time, so it must neither hold a partition's watermark back nor keep the partition from
 * being marked idle — otherwise a partition that receives only garbage would stall event time for the whole job
 * (no dedupe cleanup, no daily refresh).
 */
public final class EventTimeWatermarks {
    private EventTimeWatermarks() {}

    /** @param idleness a partition without accepted events this long is idle; zero or negative: never */
    public static WatermarkStrategy<ParsedRecord> strategy(Duration outOfOrderness, Duration idleness) {
        return WatermarkStrategy.<ParsedRecord>forGenerator(ctx -> {
            WatermarkGenerator<ParsedRecord> bounded = new BoundedOutOfOrdernessWatermarks<>(outOfOrderness);
            if (idleness != null && !idleness.isZero() && !idleness.isNegative()) {
                bounded = new WatermarksWithIdleness<>(bounded, idleness, ctx.getInputActivityClock());
            }
            return new AcceptedOnly(bounded);
        }).withTimestampAssigner((r, kafkaTimestamp) -> r.eventTime());
    }

    static final class AcceptedOnly implements WatermarkGenerator<ParsedRecord> {
        private final WatermarkGenerator<ParsedRecord> inner;

        AcceptedOnly(WatermarkGenerator<ParsedRecord> inner) {
            this.inner = inner;
        }

        @Override
        public void onEvent(ParsedRecord r, long eventTimestamp, WatermarkOutput output) {
            if (r.event != null) {
                inner.onEvent(r, eventTimestamp, output);
            }
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {
            inner.onPeriodicEmit(output);
        }
    }
}
