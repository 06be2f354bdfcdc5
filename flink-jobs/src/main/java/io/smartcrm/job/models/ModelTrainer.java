package io.smartcrm.job.models;

import io.smartcrm.job.labels.TrainingExample;
import java.util.Locale;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains the three models in one place (one key, parallelism 1): segmentation points and labelled examples
 * in, model versions out. A model that learned a mini-batch is published at most once per
 * {@code publishIntervalMillis} of processing time (0: after every mini-batch); everything published in one
 * round goes out as one {@link PublishedModels}. At most once per {@code rescoreIntervalMillis} the models go
 * out flagged for re-scoring all profiles, and a timer makes sure the newest versions always get such a round.
 * Trainer state, versions included, is checkpointed keyed state, so a restart resumes the same model versions.
 */
public class ModelTrainer extends KeyedProcessFunction<Integer, TrainingExample, PublishedModels> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ModelTrainer.class);

    private final SegmentSettings segmentSettings;
    private final ClassifierSettings classifierSettings;
    private final long publishIntervalMillis;
    private final long rescoreIntervalMillis;

    private transient ValueState<SegmentTrainer> segments;
    private transient ValueState<ClassifierTrainer> churn;
    private transient ValueState<ClassifierTrainer> propensity;
    private transient ValueState<Long> pendingPublish;
    private transient ValueState<Long> pendingRescore;
    private transient ValueState<Long> lastRescore;
    private transient ValueState<PublishedModels> newest;
    private transient Counter examples;

    public ModelTrainer(SegmentSettings segmentSettings, ClassifierSettings classifierSettings,
            long publishIntervalMillis, long rescoreIntervalMillis) {
        this.segmentSettings = segmentSettings;
        this.classifierSettings = classifierSettings;
        this.publishIntervalMillis = publishIntervalMillis;
        this.rescoreIntervalMillis = rescoreIntervalMillis;
    }

    @Override
    public void open(OpenContext ctx) {
        segments = getRuntimeContext().getState(new ValueStateDescriptor<>("segment-trainer", SegmentTrainer.class));
        churn = getRuntimeContext().getState(new ValueStateDescriptor<>("churn-trainer", ClassifierTrainer.class));
        propensity = getRuntimeContext().getState(
                new ValueStateDescriptor<>("propensity-trainer", ClassifierTrainer.class));
        pendingPublish = getRuntimeContext().getState(new ValueStateDescriptor<>("pending-publish", Long.class));
        pendingRescore = getRuntimeContext().getState(new ValueStateDescriptor<>("pending-rescore", Long.class));
        lastRescore = getRuntimeContext().getState(new ValueStateDescriptor<>("last-rescore", Long.class));
        newest = getRuntimeContext().getState(new ValueStateDescriptor<>("newest-models", PublishedModels.class));
        examples = getRuntimeContext().getMetricGroup().counter("trainingExamples");
    }

    @Override
    public void processElement(TrainingExample x, Context ctx, Collector<PublishedModels> out) throws Exception {
        examples.inc();
        boolean learned;
        switch (x.model) {
            case TrainingExample.SEGMENTS -> {
                SegmentTrainer t = segments.value();
                t = t == null ? new SegmentTrainer(segmentSettings) : t;
                learned = t.learn(x.features, segmentSettings);
                segments.update(t);
            }
            case TrainingExample.CHURN -> learned = learn(churn, TrainingExample.CHURN, x);
            case TrainingExample.PROPENSITY -> learned = learn(propensity, TrainingExample.PROPENSITY, x);
            default -> throw new IllegalArgumentException("unknown model " + x.model);
        }
        if (!learned) {
            return;
        }
        if (publishIntervalMillis <= 0) {
            publish(ctx.timerService().currentProcessingTime(), ctx, out);
        } else if (pendingPublish.value() == null) {
            long at = ctx.timerService().currentProcessingTime() + publishIntervalMillis;
            ctx.timerService().registerProcessingTimeTimer(at);
            pendingPublish.update(at);
        }
    }

    private boolean learn(ValueState<ClassifierTrainer> state, String model, TrainingExample x) throws Exception {
        ClassifierTrainer t = state.value();
        t = t == null ? new ClassifierTrainer(model, classifierSettings) : t;
        boolean learned = t.learn(x.features, x.label, classifierSettings);
        state.update(t);
        return learned;
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<PublishedModels> out) throws Exception {
        if (Long.valueOf(timestamp).equals(pendingPublish.value())) {
            pendingPublish.clear();
            publish(timestamp, ctx, out);
        }
        if (Long.valueOf(timestamp).equals(pendingRescore.value())) {
            pendingRescore.clear();
            PublishedModels all = newest.value();
            all.rescore = true;
            lastRescore.update(timestamp);
            out.collect(all);
        }
    }

    private void publish(long now, Context ctx, Collector<PublishedModels> out) throws Exception {
        PublishedModels p = new PublishedModels();
        SegmentTrainer s = segments.value();
        if (s != null && s.changed) {
            p.segments = s.publish(now, segmentSettings);
            segments.update(s);
        }
        p.churn = publish(churn, now);
        p.propensity = publish(propensity, now);
        if (!p.isEmpty()) {
            if (p.segments != null) {
                log(p.segments.version == 1, "Model segments version {}: {} points, inertia {}", p.segments.version,
                        p.segments.points, rounded(p.segments.inertia));
            }
            PublishedModels all = newest.value();
            newest.update(all == null ? p : all.merge(p));
            Long last = lastRescore.value();
            if (last == null || now - last >= rescoreIntervalMillis) {
                p.rescore = true;
                lastRescore.update(now);
                Long pending = pendingRescore.value();
                if (pending != null) {
                    ctx.timerService().deleteProcessingTimeTimer(pending);
                    pendingRescore.clear();
                }
            } else if (pendingRescore.value() == null) {
                ctx.timerService().registerProcessingTimeTimer(last + rescoreIntervalMillis);
                pendingRescore.update(last + rescoreIntervalMillis);
            }
            out.collect(p);
        }
    }

    private static String rounded(Double v) {
        return v == null ? "n/a" : String.format(Locale.ROOT, "%.3f", v);
    }

    private ClassifierModel publish(ValueState<ClassifierTrainer> state, long now) throws Exception {
        ClassifierTrainer t = state.value();
        if (t == null || !t.changed) {
            return null;
        }
        boolean wasReady = t.ready;
        ClassifierModel m = t.publish(now, classifierSettings);
        state.update(t);
        log(m.version == 1 || m.ready() != wasReady, "Model {} version {} ({}): {} examples ({} positive), "
                + "prequential AUC {}", m.model, m.version, m.status, m.examples, m.positives, rounded(m.quality.auc));
        return m;
    }

    /** New models and status changes at INFO, every other version at DEBUG. */
    private static void log(boolean milestone, String message, Object... args) {
        if (milestone) {
            LOG.info(message, args);
        } else {
            LOG.debug(message, args);
        }
    }
}
