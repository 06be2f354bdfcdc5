package io.smartcrm.job.alerts;

import io.smartcrm.model.alert.Alert;
import io.smartcrm.model.alert.AlertRule;
import io.smartcrm.model.alert.SegmentSnapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole population's view, at parallelism 1 under a single key: counts customer activity per tumbling
 * event-time window and per rule period, and when the watermark passes a window's end (plus the allowed
 * lateness) emits its segment snapshots (side output), judges it with the {@link ShiftDetector} and evaluates the
 * rules whose periods ended. Rules arrive on the broadcast side from the rules topic and apply from the next full
 * period, without a restart; a deleted, disabled or changed rule resolves its open alert.
 */
public class PopulationWindows extends KeyedBroadcastProcessFunction<Integer, SegmentActivity, RuleUpdate, Alert> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(PopulationWindows.class);

    public static final OutputTag<SegmentSnapshot> SNAPSHOTS = new OutputTag<>("segment-snapshots") {};
    public static final MapStateDescriptor<String, AlertRule> RULES =
            new MapStateDescriptor<>("alert-rules", String.class, AlertRule.class);

    private final ShiftSettings settings;
    private final long latenessMillis;

    private transient MapState<Long, WindowCounts> windows;
    private transient ValueState<ShiftDetector> detector;
    private transient MapState<String, RuleTracker> trackers;
    private transient Counter lateRecords;
    /** Set when rules arrived (and after a restore): the trackers are brought in line before the next record. */
    private transient boolean rulesChanged;

    public PopulationWindows(ShiftSettings settings, long latenessMillis) {
        this.settings = settings;
        this.latenessMillis = latenessMillis;
    }

    @Override
    public void open(OpenContext ctx) {
        windows = getRuntimeContext().getMapState(new MapStateDescriptor<>("windows", Long.class, WindowCounts.class));
        detector = getRuntimeContext().getState(new ValueStateDescriptor<>("shift-detector", ShiftDetector.class));
        trackers = getRuntimeContext().getMapState(new MapStateDescriptor<>("rule-trackers", String.class, RuleTracker.class));
        lateRecords = getRuntimeContext().getMetricGroup().counter("lateSegmentActivity");
        rulesChanged = true;
    }

    @Override
    public void processElement(SegmentActivity a, ReadOnlyContext ctx, Collector<Alert> out) throws Exception {
        long watermark = ctx.timerService().currentWatermark();
        reconcile(ctx.getBroadcastState(RULES), watermark, out);
        long window = Math.floorDiv(a.time, settings.windowMillis()) * settings.windowMillis();
        long close = window + settings.windowMillis() + latenessMillis;
        if (close <= watermark) {
            lateRecords.inc();
            return;
        }
        WindowCounts counts = windows.get(window);
        if (counts == null) {
            counts = new WindowCounts(window);
            ctx.timerService().registerEventTimeTimer(close);
        }
        counts.add(a);
        windows.put(window, counts);
        for (Map.Entry<String, RuleTracker> e : trackers.entries()) {
            RuleTracker t = e.getValue();
            Long periodEnd = t.add(a);
            if (periodEnd != null) {
                ctx.timerService().registerEventTimeTimer(periodEnd + latenessMillis);
                trackers.put(e.getKey(), t);
            }
        }
    }

    @Override
    public void processBroadcastElement(RuleUpdate update, Context ctx, Collector<Alert> out) throws Exception {
        if (update.rule == null || !update.rule.isEnabled()) {
            ctx.getBroadcastState(RULES).remove(update.id);
            LOG.info("Alert rule {} {}", update.id, update.rule == null ? "deleted" : "disabled");
        } else {
            ctx.getBroadcastState(RULES).put(update.id, update.rule);
            LOG.info("Alert rule {} applied: {}", update.id, update.rule.name);
        }
        rulesChanged = true;
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        reconcile(ctx.getBroadcastState(RULES), ctx.timerService().currentWatermark(), out);
        List<Long> due = new ArrayList<>();
        for (Long start : windows.keys()) {
            if (start + settings.windowMillis() + latenessMillis <= timestamp) {
                due.add(start);
            }
        }
        due.sort(null);
        ShiftDetector d = detector.value();
        if (d == null) {
            d = new ShiftDetector();
        }
        for (long start : due) {
            WindowCounts counts = windows.get(start);
            windows.remove(start);
            counts.snapshots(settings.windowMillis()).forEach(s -> ctx.output(SNAPSHOTS, s));
            for (Alert alert : d.onWindow(counts, settings)) {
                log(alert);
                out.collect(alert);
            }
        }
        if (!due.isEmpty()) {
            detector.update(d);
        }
        for (Map.Entry<String, RuleTracker> e : trackers.entries()) {
            RuleTracker t = e.getValue();
            List<Alert> changes = t.close(timestamp - latenessMillis, settings.minCustomers(), settings.resolveAfter());
            if (!changes.isEmpty()) {
                changes.forEach(alert -> {
                    log(alert);
                    out.collect(alert);
                });
            }
            trackers.put(e.getKey(), t);
        }
    }

    /** Brings the rule trackers in line with the broadcast rules: new ones start, gone or changed ones end. */
    private void reconcile(ReadOnlyBroadcastState<String, AlertRule> rules, long watermark, Collector<Alert> out)
            throws Exception {
        if (!rulesChanged) {
            return;
        }
        rulesChanged = false;
        Map<String, AlertRule> current = new HashMap<>();
        for (Map.Entry<String, AlertRule> e : rules.immutableEntries()) {
            current.put(e.getKey(), e.getValue());
        }
        List<String> ended = new ArrayList<>();
        for (Map.Entry<String, RuleTracker> e : trackers.entries()) {
            AlertRule rule = current.get(e.getKey());
            if (rule == null || !e.getValue().follows(rule)) {
                Alert resolved = e.getValue().end(rule == null ? "rule deleted or disabled" : "rule changed");
                if (resolved != null) {
                    log(resolved);
                    out.collect(resolved);
                }
                ended.add(e.getKey());
            }
        }
        for (String id : ended) {
            trackers.remove(id);
        }
        for (Map.Entry<String, AlertRule> e : current.entrySet()) {
            if (!trackers.contains(e.getKey())) {
                trackers.put(e.getKey(), RuleTracker.start(e.getValue(), watermark));
            }
        }
    }

    private static void log(Alert a) {
        LOG.info("Alert {} {} ({}, {}): {}", a.id, a.state, a.kind, a.severity, a.explanation);
    }
}
