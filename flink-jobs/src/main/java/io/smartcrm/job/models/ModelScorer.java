package io.smartcrm.job.models;

import io.smartcrm.job.features.FeatureValues;
import io.smartcrm.job.features.ProfileFeatures;
import io.smartcrm.model.profile.CustomerProfile;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Gives every emitted profile its segment and scores from the newest broadcast models, in parallel per
 * customer. When models arrive flagged for re-scoring, every profile this instance holds is re-scored, and
 * written again if its segment, a status, a band or a probability (by 0.01 or more) changed, so documents
 * follow the models without waiting for the customer's next event.
 */
public class ModelScorer
        extends KeyedBroadcastProcessFunction<String, CustomerProfile, PublishedModels, ScoredProfile> {
    private static final long serialVersionUID = 1L;
    private static final String CURRENT = "current";
    private static final double MATERIAL_CHANGE = 0.01;

    public static final MapStateDescriptor<String, PublishedModels> MODELS =
            new MapStateDescriptor<>("models", String.class, PublishedModels.class);
    private static final ValueStateDescriptor<ScoredProfile> LAST =
            new ValueStateDescriptor<>("scored-profile", ScoredProfile.class);

    private final ScoreBands bands;
    private final int reasons;
    private final Set<String> labelAttributes;

    private transient ValueState<ScoredProfile> last;
    private transient Counter rescored;

    public ModelScorer(ScoreBands bands, int reasons, Set<String> labelAttributes) {
        this.bands = bands;
        this.reasons = reasons;
        this.labelAttributes = Set.copyOf(labelAttributes);
    }

    @Override
    public void open(OpenContext ctx) {
        last = getRuntimeContext().getState(LAST);
        rescored = getRuntimeContext().getMetricGroup().counter("profilesRescored");
    }

    @Override
    public void processElement(CustomerProfile profile, ReadOnlyContext ctx, Collector<ScoredProfile> out)
            throws Exception {
        if (profile.erased) {
            last.clear();
            out.collect(new ScoredProfile(profile));
            return;
        }
        score(profile, ctx.getBroadcastState(MODELS).get(CURRENT), profile.updatedAt);
        ScoredProfile scored = new ScoredProfile(profile);
        last.update(scored);
        out.collect(scored);
    }

    @Override
    public void processBroadcastElement(PublishedModels update, Context ctx, Collector<ScoredProfile> out)
            throws Exception {
        PublishedModels current = ctx.getBroadcastState(MODELS).get(CURRENT);
        PublishedModels models = current == null ? update : current.merge(update);
        ctx.getBroadcastState(MODELS).put(CURRENT, models);
        if (!update.rescore) {
            return;
        }
        String now = Instant.ofEpochMilli(ctx.currentProcessingTime()).toString();
        ctx.applyToKeyedState(LAST, (customerId, state) -> {
            ScoredProfile s = state.value();
            if (s == null) {
                return;
            }
            CustomerProfile p = s.profile;
            CustomerProfile.Segment segment = p.segment;
            CustomerProfile.Score churn = p.churn;
            CustomerProfile.Score propensity = p.propensity;
            score(p, models, now);
            if (changed(segment, p.segment) || changed(churn, p.churn) || changed(propensity, p.propensity)) {
                p.updatedAt = now;
                s.rescores++;
                state.update(s);
                rescored.inc();
                out.collect(s);
            } else {
                p.segment = segment;
                p.churn = churn;
                p.propensity = propensity;
            }
        });
    }

    private void score(CustomerProfile p, PublishedModels models, String scoredAt) {
        FeatureValues f = ProfileFeatures.extract(p, labelAttributes);
        p.segment = Scores.segment(models == null ? null : models.segments, f);
        p.churn = Scores.classify(models == null ? null : models.churn, f, bands, reasons, scoredAt);
        p.propensity = Scores.classify(models == null ? null : models.propensity, f, bands, reasons, scoredAt);
    }

    static boolean changed(CustomerProfile.Segment a, CustomerProfile.Segment b) {
        if (a == null || b == null) {
            return a != b;
        }
        return a.id != b.id || !Objects.equals(a.name, b.name);
    }

    static boolean changed(CustomerProfile.Score a, CustomerProfile.Score b) {
        if (a == null || b == null) {
            return a != b;
        }
        if (!Objects.equals(a.status, b.status) || !Objects.equals(a.band, b.band)) {
            return true;
        }
        return a.probability != null && b.probability != null
                && Math.abs(a.probability - b.probability) >= MATERIAL_CHANGE;
    }
}
