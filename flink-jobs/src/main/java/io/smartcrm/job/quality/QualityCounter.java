package io.smartcrm.job.quality;

import io.smartcrm.model.quality.QualityCounts;
import java.time.Instant;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Counts the ticks of one hour and source (the key, {@link QualityTick#key()}) and emits the whole count at most once
 * per {@code writeInterval} of processing time while it changes. The counts are keyed state, so a restore counts the
 * replayed ticks again from the checkpoint: the documents are versioned by {@link QualityCounts#total()}, which only
 * grows, and a replay never counts twice. Counts are kept for good (one small entry per hour and source), because a
 * late duplicate can still arrive for any hour.
 */
public class QualityCounter extends KeyedProcessFunction<String, QualityTick, QualityCounts> {
    private static final long serialVersionUID = 1L;

    private final long writeIntervalMillis;
    private transient ValueState<QualityCounts> counts;
    private transient ValueState<Long> pendingEmission;

    public QualityCounter(long writeIntervalMillis) {
        this.writeIntervalMillis = writeIntervalMillis;
    }

    @Override
    public void open(OpenContext ctx) {
        counts = getRuntimeContext().getState(new ValueStateDescriptor<>("quality-counts", QualityCounts.class));
        pendingEmission = getRuntimeContext().getState(new ValueStateDescriptor<>("pending-emission", Long.class));
    }

    @Override
    public void processElement(QualityTick tick, Context ctx, Collector<QualityCounts> out) throws Exception {
        QualityCounts c = counts.value();
        if (c == null) {
            c = new QualityCounts(Instant.ofEpochMilli(tick.hour).toString(),
                    Instant.ofEpochMilli(tick.hour + QualityTick.HOUR).toString(), tick.source);
        }
        switch (tick.kind) {
            case DUPLICATE -> c.duplicates++;
            case LATE -> c.late++;
            case ERASED_DROPPED -> c.erasedDropped++;
        }
        counts.update(c);
        if (writeIntervalMillis <= 0) {
            out.collect(copy(c));
        } else if (pendingEmission.value() == null) {
            long at = ctx.timerService().currentProcessingTime() + writeIntervalMillis;
            ctx.timerService().registerProcessingTimeTimer(at);
            pendingEmission.update(at);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<QualityCounts> out) throws Exception {
        pendingEmission.clear();
        QualityCounts c = counts.value();
        if (c != null) {
            out.collect(copy(c));
        }
    }

    private static QualityCounts copy(QualityCounts c) {
        QualityCounts out = new QualityCounts(c.windowStart, c.windowEnd, c.source);
        out.duplicates = c.duplicates;
        out.late = c.late;
        out.erasedDropped = c.erasedDropped;
        return out;
    }
}
