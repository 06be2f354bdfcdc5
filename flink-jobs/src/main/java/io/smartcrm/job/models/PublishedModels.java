package io.smartcrm.job.models;

import java.util.function.ToLongFunction;

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

    /** {@code newer}'s models replace these where newer by version; the rescore flag is {@code newer}'s. */
    public PublishedModels merge(PublishedModels newer) {
        PublishedModels m = new PublishedModels();
        m.rescore = newer.rescore;
        m.segments = newest(segments, newer.segments, s -> s.version);
        m.churn = newest(churn, newer.churn, c -> c.version);
        m.propensity = newest(propensity, newer.propensity, c -> c.version);
        return m;
    }

    private static <T> T newest(T a, T b, ToLongFunction<T> version) {
        return b != null && (a == null || version.applyAsLong(b) > version.applyAsLong(a)) ? b : a;
    }
}
