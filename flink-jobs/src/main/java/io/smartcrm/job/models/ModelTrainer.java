package io.smartcrm.job.models;

import io.smartcrm.job.labels.TrainingExample;
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
 * round goes out as one {@link PublishedModels}. Trainer state, versions included, is checkpointed keyed state,
 * so a restart resumes the same model versions.
 */
public class ModelTrainer extends KeyedProcessFunction<Integer, TrainingExample, PublishedModels> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ModelTrainer.class);

    private final SegmentSettings segmentSettings;
    private final ClassifierSettings classifierSettings;
    private final long publishIntervalMillis;

    private transient ValueState<SegmentTrainer> segments;
    private transient ValueState<ClassifierTrainer> churn;
    private transient ValueState<ClassifierTrainer> propensity;
    private transient ValueState<Long> pendingPublish;
    private transient Counter examples;

    public ModelTrainer(SegmentSettings segmentSettings, ClassifierSettings classifierSettings,
            long publishIntervalMillis) {
        this.segmentSettings = segmentSettings;
        this.classifierSettings = classifierSettings;
        this.publishIntervalMillis = publishIntervalMillis;
    }

    @Override
    public void open(OpenContext ctx) {
        segments = getRuntimeContext().getState(new ValueStateDescriptor<>("segment-trainer", SegmentTrainer.class));
        churn = getRuntimeContext().getState(new ValueStateDescriptor<>("churn-trainer", ClassifierTrainer.class));
        propensity = getRuntimeContext().getState(
                new ValueStateDescriptor<>("propensity-trainer", ClassifierTrainer.class));
        pendingPublish = getRuntimeContext().getState(new ValueStateDescriptor<>("pending-publish", Long.class));
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
            publish(ctx.timerService().currentProcessingTime(), out);
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
        pendingPublish.clear();
        publish(timestamp, out);
    }

    private void publish(long now, Collector<PublishedModels> out) throws Exception {
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
                LOG.info("Model segments version {}: {} points, inertia {}", p.segments.version, p.segments.points,
                        p.segments.inertia);
            }
            for (ClassifierModel m : new ClassifierModel[] {p.churn, p.propensity}) {
                if (m != null) {
                    LOG.info("Model {} version {} ({}): {} examples ({} positive), prequential AUC {}", m.model,
                            m.version, m.status, m.examples, m.positives, m.quality.auc);
                }
            }
            out.collect(p);
        }
    }

    private ClassifierModel publish(ValueState<ClassifierTrainer> state, long now) throws Exception {
        ClassifierTrainer t = state.value();
        if (t == null || !t.changed) {
            return null;
        }
        ClassifierModel m = t.publish(now, classifierSettings);
        state.update(t);
        return m;
    }
}
