package io.smartcrm.job.models;

import io.smartcrm.job.features.FeatureValues;
import io.smartcrm.job.features.ProfileFeatures;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The features a trainer has met, in order of first appearance (new one-hot categories extend the space), with
 * running mean and variance (Welford) of each numeric feature over the values seen. At most
 * {@code maxCategories} categories of one attribute are learned; later ones are ignored.
 */
public class FeatureSpace implements Serializable {
    private static final long serialVersionUID = 1L;

    public ArrayList<String> names = new ArrayList<>();
    public ArrayList<Boolean> indicator = new ArrayList<>();
    public HashMap<String, Integer> index = new HashMap<>();
    public HashMap<String, Integer> categories = new HashMap<>();
    public double[] count = new double[0];
    public double[] mean = new double[0];
    public double[] m2 = new double[0];
    public int maxCategories;

    public FeatureSpace() {}

    public FeatureSpace(boolean intercept, int maxCategories) {
        this.maxCategories = maxCategories;
        if (intercept) {
            add(FeatureScale.INTERCEPT, true);
        }
    }

    /** Registers the features of {@code f} in their order, without learning their values. */
    public void declare(FeatureValues f) {
        f.numeric.keySet().forEach(n -> indexOf(n, false));
        f.indicators.keySet().forEach(n -> indexOf(n, true));
    }

    /** Registers the features of {@code f} and adds its numeric values to the running moments. */
    public void observe(FeatureValues f) {
        for (Map.Entry<String, Double> e : f.numeric.entrySet()) {
            int i = indexOf(e.getKey(), false);
            if (i >= 0) {
                count[i]++;
                double delta = e.getValue() - mean[i];
                mean[i] += delta / count[i];
                m2[i] += delta * (e.getValue() - mean[i]);
            }
        }
        for (String name : f.indicators.keySet()) {
            indexOf(name, true);
        }
    }

    /** The scales of all features now, in space order. */
    public List<FeatureScale> scales() {
        List<FeatureScale> out = new ArrayList<>(names.size());
        for (int i = 0; i < names.size(); i++) {
            double std = count[i] > 0 ? Math.sqrt(m2[i] / count[i]) : 0;
            out.add(new FeatureScale(names.get(i), indicator.get(i), mean[i], std));
        }
        return out;
    }

    public int dimension() {
        return names.size();
    }

    private int indexOf(String name, boolean isIndicator) {
        Integer i = index.get(name);
        if (i != null) {
            return i;
        }
        int eq = name.indexOf('=');
        if (isIndicator && name.startsWith(ProfileFeatures.ATTRIBUTE_PREFIX) && eq > 0) {
            String attribute = name.substring(0, eq);
            int seen = categories.getOrDefault(attribute, 0);
            if (seen >= maxCategories) {
                return -1;
            }
            categories.put(attribute, seen + 1);
        }
        return add(name, isIndicator);
    }

    private int add(String name, boolean isIndicator) {
        int i = names.size();
        names.add(name);
        indicator.add(isIndicator);
        index.put(name, i);
        count = Arrays.copyOf(count, i + 1);
        mean = Arrays.copyOf(mean, i + 1);
        m2 = Arrays.copyOf(m2, i + 1);
        return i;
    }
}
