package io.smartcrm.job.models;

import io.smartcrm.job.features.FeatureValues;
import java.io.Serializable;
import java.util.List;

/**
 * How a model reads one feature: numeric features are standardized with the mean and standard deviation the
 * model was trained with and clipped to ±{@value #CLIP}; indicators and the intercept enter as they are.
 */
public class FeatureScale implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final String INTERCEPT = "(intercept)";
    public static final double CLIP = 5.0;

    public String name;
    public boolean indicator;
    public double mean;
    public double std;

    public FeatureScale() {}

    public FeatureScale(String name, boolean indicator, double mean, double std) {
        this.name = name;
        this.indicator = indicator;
        this.mean = mean;
        this.std = std;
    }

    /** The model-space value of {@code raw} (null: missing, which reads as the mean, or as 0 for an indicator). */
    public double scale(Double raw) {
        if (INTERCEPT.equals(name)) {
            return 1.0;
        }
        if (raw == null) {
            return 0.0;
        }
        if (indicator) {
            return raw;
        }
        if (!(std > 0)) {
            return 0.0;
        }
        return Math.max(-CLIP, Math.min(CLIP, (raw - mean) / std));
    }

    /** The vector of {@code f} in the space of {@code scales}; features the model does not know are ignored. */
    public static double[] vector(List<? extends FeatureScale> scales, FeatureValues f) {
        double[] x = new double[scales.size()];
        for (int i = 0; i < x.length; i++) {
            FeatureScale s = scales.get(i);
            x[i] = s.scale(s.indicator ? f.indicators.get(s.name) : f.numeric.get(s.name));
        }
        return x;
    }
}
