package io.smartcrm.job.features;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One profile's features before scaling. Numeric features are standardized by the model that uses them (a
 * missing one counts as the mean); indicators (one-hot categories, booleans) enter as 0/1. Each feature keeps
 * a readable text of its raw value for the reasons of a score.
 */
public class FeatureValues implements Serializable {
    private static final long serialVersionUID = 1L;

    public LinkedHashMap<String, Double> numeric = new LinkedHashMap<>();
    public LinkedHashMap<String, Double> indicators = new LinkedHashMap<>();
    public LinkedHashMap<String, String> texts = new LinkedHashMap<>();

    public FeatureValues() {}

    public FeatureValues numeric(String name, double value, String text) {
        numeric.put(name, value);
        texts.put(name, text);
        return this;
    }

    public FeatureValues indicator(String name, boolean on, String text) {
        indicators.put(name, on ? 1.0 : 0.0);
        texts.put(name, text);
        return this;
    }

    public String text(String name) {
        return texts.get(name);
    }

    /** Only the named numeric features, in the given order (used for segmentation). */
    public FeatureValues select(Iterable<String> names) {
        FeatureValues out = new FeatureValues();
        for (String n : names) {
            Double v = numeric.get(n);
            if (v != null) {
                out.numeric(n, v, texts.get(n));
            }
        }
        return out;
    }

    @Override
    public String toString() {
        Map<String, Double> all = new LinkedHashMap<>(numeric);
        all.putAll(indicators);
        return all.toString();
    }
}
