package io.smartcrm.job.models;

import io.smartcrm.job.features.FeatureValues;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * One published version of a logistic-regression model (churn or purchase propensity), as broadcast to the
 * scorer and indexed in {@code crm-models}: per feature its scaling and coefficient, what it has learned from,
 * and its prequential quality.
 */
public class ClassifierModel implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final String KIND = "logistic_regression";
    public static final String WARMING_UP = "warming_up";
    public static final String READY = "ready";

    public String model;
    public String kind = KIND;
    public long version;
    public String createdAt;
    /** {@value #READY} once it has learned from {@code minLabels} examples of each class. */
    public String status;
    public long examples;
    public long positives;
    public long negatives;
    public long minLabels;
    public Quality quality = new Quality();
    public Map<String, Object> params;
    public List<Weight> features = new ArrayList<>();

    /** A feature's scaling and coefficient (log-odds per standardized unit). */
    public static class Weight extends FeatureScale {
        private static final long serialVersionUID = 1L;
        public double coefficient;

        public Weight() {}

        public Weight(FeatureScale s, double coefficient) {
            super(s.name, s.indicator, s.mean, s.std);
            this.coefficient = coefficient;
        }
    }

    /** Prequential quality: each labelled example scored before the model learned from it. */
    public static class Quality implements Serializable {
        private static final long serialVersionUID = 1L;
        /** ROC AUC over the last {@code window} examples; null until both classes are in it. */
        public Double auc;
        public Double logLoss;
        public int window;
        public int evaluated;
    }

    /** A feature's part in one score. */
    public record Contribution(String feature, double value, double coefficient, double contribution, String text) {}

    public boolean ready() {
        return READY.equals(status);
    }

    public double probability(FeatureValues f) {
        return sigmoid(margin(FeatureScale.vector(features, f)));
    }

    /** Every feature's contribution (coefficient × model-space value) to the score of {@code f}, largest |c| first. */
    public List<Contribution> contributions(FeatureValues f) {
        double[] x = FeatureScale.vector(features, f);
        List<Contribution> out = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            Weight w = features.get(i);
            if (!FeatureScale.INTERCEPT.equals(w.name) && x[i] != 0 && w.coefficient != 0) {
                out.add(new Contribution(w.name, x[i], w.coefficient, w.coefficient * x[i], f.text(w.name)));
            }
        }
        out.sort(Comparator.comparingDouble((Contribution c) -> -Math.abs(c.contribution())));
        return out;
    }

    double margin(double[] x) {
        double m = 0;
        for (int i = 0; i < x.length; i++) {
            m += features.get(i).coefficient * x[i];
        }
        return m;
    }

    static double sigmoid(double m) {
        return m >= 0 ? 1 / (1 + Math.exp(-m)) : Math.exp(m) / (1 + Math.exp(m));
    }
}
