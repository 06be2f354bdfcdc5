package io.smartcrm.job.models;

import java.util.ArrayList;
import java.util.List;

/**
 * The model versions published together by one trainer round; a model that did not change is null. With
 * {@link #rescore} the scorer also re-scores every profile it holds.
 */
public class PublishedModels {
    public SegmentModel segments;
    public ClassifierModel churn;
    public ClassifierModel propensity;
    public boolean rescore;

    public PublishedModels() {}

    public boolean isEmpty() {
        return segments == null && churn == null && propensity == null;
    }

    /** The published models, segments first. */
    public List<Object> all() {
        List<Object> out = new ArrayList<>(3);
        if (segments != null) {
            out.add(segments);
        }
        if (churn != null) {
            out.add(churn);
        }
        if (propensity != null) {
            out.add(propensity);
        }
        return out;
    }

    /** {@code newer}'s models replace these where newer by version; the rescore flag is {@code newer}'s. */
    public PublishedModels merge(PublishedModels newer) {
        PublishedModels m = new PublishedModels();
        m.rescore = newer.rescore;
        m.segments = newer.segments != null && (segments == null || newer.segments.version > segments.version)
                ? newer.segments : segments;
        m.churn = newest(churn, newer.churn);
        m.propensity = newest(propensity, newer.propensity);
        return m;
    }

    private static ClassifierModel newest(ClassifierModel a, ClassifierModel b) {
        return b != null && (a == null || b.version > a.version) ? b : a;
    }
}
