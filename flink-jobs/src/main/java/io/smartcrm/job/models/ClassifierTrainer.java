package io.smartcrm.job.models;

import io.smartcrm.job.features.FeatureValues;
import io.smartcrm.learn.FtrlLogisticRegression;
import io.smartcrm.learn.PrequentialQuality;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The learning state of one classifier: its feature space, FTRL weights and prequential quality. Each labelled
 * example is scored first (quality), then buffered; every {@code globalBatchSize} examples the feature moments
 * and the weights learn from the batch. Checkpointed whole as keyed state of the trainer.
 */
public class ClassifierTrainer implements Serializable {
    private static final long serialVersionUID = 1L;

    public String model;
    public FeatureSpace space;
    public FtrlLogisticRegression ftrl;
    public PrequentialQuality quality;
    public ArrayList<FeatureValues> batch = new ArrayList<>();
    public ArrayList<Boolean> batchLabels = new ArrayList<>();
    public long version;
    /** Whether the last published version was ready. */
    public boolean ready;
    public boolean changed;

    public ClassifierTrainer() {}

    public ClassifierTrainer(String model, ClassifierSettings s) {
        this.model = model;
        this.space = new FeatureSpace(true, s.maxCategories());
        this.ftrl = new FtrlLogisticRegression(s.alpha(), s.beta(), s.reg(), s.elasticNet());
        this.quality = new PrequentialQuality(s.qualityWindow());
    }

    /** Scores the example with the current model, then learns from it; true when a mini-batch was learned. */
    public boolean learn(FeatureValues features, boolean label, ClassifierSettings s) {
        quality.add(ftrl.predict(FeatureScale.vector(space.scales(), features)), label);
        batch.add(features);
        batchLabels.add(label);
        if (batch.size() < s.globalBatchSize()) {
            return false;
        }
        batch.forEach(space::observe);
        List<FeatureScale> scales = space.scales();
        List<double[]> xs = new ArrayList<>(batch.size());
        double[] ys = new double[batch.size()];
        for (int i = 0; i < batch.size(); i++) {
            xs.add(FeatureScale.vector(scales, batch.get(i)));
            ys[i] = batchLabels.get(i) ? 1 : 0;
        }
        ftrl.update(xs, ys);
        batch.clear();
        batchLabels.clear();
        changed = true;
        return true;
    }

    /** The next model version, from what has been learned so far. */
    public ClassifierModel publish(long nowMillis, ClassifierSettings s) {
        version++;
        changed = false;
        ClassifierModel m = new ClassifierModel();
        m.model = model;
        m.version = version;
        m.createdAt = Instant.ofEpochMilli(nowMillis).toString();
        m.positives = quality.positives();
        m.negatives = quality.negatives();
        m.examples = quality.total();
        m.minLabels = s.minLabels();
        ready = m.positives >= s.minLabels() && m.negatives >= s.minLabels();
        m.status = ready ? ClassifierModel.READY : ClassifierModel.WARMING_UP;
        m.quality.window = s.qualityWindow();
        m.quality.evaluated = quality.size();
        m.quality.auc = finite(quality.auc());
        m.quality.logLoss = finite(quality.logLoss());
        m.params = s.params();
        double[] w = ftrl.coefficients();
        List<FeatureScale> scales = space.scales();
        for (int i = 0; i < scales.size(); i++) {
            m.features.add(new ClassifierModel.Weight(scales.get(i), i < w.length ? w[i] : 0));
        }
        return m;
    }

    static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
