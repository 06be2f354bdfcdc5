package io.smartcrm.job.alerts;

import io.smartcrm.job.models.ScoredProfile;
import io.smartcrm.model.profile.CustomerProfile;
import java.time.Instant;
import java.util.Objects;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Per customer, turns scored profile writes into what the population windows count: once per tumbling window
 * in which the customer was active (their own last event falls in it), the state at the customer's last write
 * for that window, emitted when the watermark passes the window's end; and at once, every move from one segment
 * to another (by a new event, a daily refresh or a re-scoring after a model update). An erased customer is
 * forgotten, their pending window too.
 */
public class CustomerActivity extends KeyedProcessFunction<String, ScoredProfile, SegmentActivity> {
    private static final long serialVersionUID = 1L;

    private final long windowMillis;

    private transient ValueState<SegmentActivity> pending;
    private transient ValueState<Long> lastEmittedWindow;
    private transient ValueState<Integer> lastSegmentId;
    private transient ValueState<String> lastSegmentName;

    public CustomerActivity(long windowMillis) {
        this.windowMillis = windowMillis;
    }

    @Override
    public void open(OpenContext ctx) {
        pending = getRuntimeContext().getState(new ValueStateDescriptor<>("pending-activity", SegmentActivity.class));
        lastEmittedWindow = getRuntimeContext().getState(new ValueStateDescriptor<>("last-emitted-window", Long.class));
        lastSegmentId = getRuntimeContext().getState(new ValueStateDescriptor<>("last-segment-id", Integer.class));
        lastSegmentName = getRuntimeContext().getState(new ValueStateDescriptor<>("last-segment-name", String.class));
    }

    @Override
    public void processElement(ScoredProfile scored, Context ctx, Collector<SegmentActivity> out) throws Exception {
        CustomerProfile p = scored.profile;
        if (p.erased) {
            pending.clear();
            lastEmittedWindow.clear();
            lastSegmentId.clear();
            lastSegmentName.clear();
            return;
        }
        SegmentActivity state = SegmentActivity.of(p);
        long watermark = ctx.timerService().currentWatermark();
        Integer previous = lastSegmentId.value();
        if (state.segmentId != null) {
            if (previous != null && !previous.equals(state.segmentId)) {
                SegmentActivity move = SegmentActivity.of(p);
                move.moved = true;
                move.previousSegmentId = previous;
                move.previousSegmentName = lastSegmentName.value();
                long asOf = p.asOf == null ? Long.MIN_VALUE : Instant.parse(p.asOf).toEpochMilli();
                move.time = Math.max(asOf, watermark == Long.MIN_VALUE ? Long.MIN_VALUE : watermark + 1);
                out.collect(move);
            }
            if (!state.segmentId.equals(previous) || !Objects.equals(state.segmentName, lastSegmentName.value())) {
                lastSegmentId.update(state.segmentId);
                lastSegmentName.update(state.segmentName);
            }
        }
        Long activity = SegmentActivity.lastActivityMillis(p);
        if (activity == null) {
            return;
        }
        long window = Math.floorDiv(activity, windowMillis) * windowMillis;
        Long emitted = lastEmittedWindow.value();
        if (emitted != null && window <= emitted) {
            return;
        }
        SegmentActivity current = pending.value();
        if (current != null && current.time > window) {
            return;
        }
        if (current != null && current.time < window) {
            emit(current, out);
        }
        state.time = window;
        pending.update(state);
        ctx.timerService().registerEventTimeTimer(window + windowMillis - 1);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<SegmentActivity> out) throws Exception {
        SegmentActivity current = pending.value();
        if (current != null && current.time + windowMillis - 1 == timestamp) {
            emit(current, out);
        }
    }

    private void emit(SegmentActivity activity, Collector<SegmentActivity> out) throws Exception {
        out.collect(activity);
        lastEmittedWindow.update(activity.time);
        pending.clear();
    }
}
