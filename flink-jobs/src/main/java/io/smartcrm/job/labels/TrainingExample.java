package io.smartcrm.job.labels;

import io.smartcrm.job.features.FeatureValues;

/**
 * What the model trainer learns from: a labelled example for a classifier ({@link #CHURN} or
 * {@link #PROPENSITY}), or an unlabelled point for the segmentation ({@link #SEGMENTS}).
 */
public class TrainingExample {
    public static final String SEGMENTS = "segments";
    public static final String CHURN = "churn";
    public static final String PROPENSITY = "propensity";

    public String model;
    public String customerId;
    /** Event time the features are as of. */
    public long featuresAt;
    /** Null for a segmentation point. */
    public Boolean label;
    public FeatureValues features;

    public TrainingExample() {}

    public TrainingExample(String model, String customerId, long featuresAt, Boolean label, FeatureValues features) {
        this.model = model;
        this.customerId = customerId;
        this.featuresAt = featuresAt;
        this.label = label;
        this.features = features;
    }

    @Override
    public String toString() {
        return model + "{" + customerId + ", label=" + label + ", at=" + featuresAt + "}";
    }
}
