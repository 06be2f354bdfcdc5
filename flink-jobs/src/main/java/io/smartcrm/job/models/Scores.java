package io.smartcrm.job.models;

import io.smartcrm.job.features.FeatureValues;
import io.smartcrm.model.profile.CustomerProfile;
import java.util.ArrayList;
import java.util.List;

/** Turns a model and a profile's features into the segment and scores of the profile document. */
public final class Scores {
    private Scores() {}

    /**
     * The score of {@code f} under {@code model} with the {@code reasons} largest contributions; "warming_up"
     * (no probability) while there is no model or it has not seen enough labels of both classes.
     */
    public static CustomerProfile.Score classify(ClassifierModel model, FeatureValues f, ScoreBands bands,
            int reasons, String scoredAt) {
        CustomerProfile.Score s = new CustomerProfile.Score();
        s.scoredAt = scoredAt;
        s.modelVersion = model == null ? null : model.version;
        if (model == null || !model.ready()) {
            s.status = CustomerProfile.Score.WARMING_UP;
            return s;
        }
        s.status = CustomerProfile.Score.SCORED;
        double p = model.probability(f);
        s.probability = Math.round(p * 1e6) / 1e6;
        s.band = bands.of(p);
        List<ClassifierModel.Contribution> all = model.contributions(f);
        s.reasons = new ArrayList<>(Math.min(reasons, all.size()));
        for (ClassifierModel.Contribution c : all.subList(0, Math.min(reasons, all.size()))) {
            CustomerProfile.Reason r = new CustomerProfile.Reason();
            r.feature = c.feature();
            r.contribution = Math.round(c.contribution() * 1e4) / 1e4;
            r.effect = c.contribution() > 0 ? "raises" : "lowers";
            r.text = c.text() == null ? c.feature() : c.text();
            s.reasons.add(r);
        }
        return s;
    }

    /** The segment of {@code f}; null while the segmentation is not ready. */
    public static CustomerProfile.Segment segment(SegmentModel model, FeatureValues f) {
        if (model == null || !model.ready()) {
            return null;
        }
        SegmentModel.Assignment a = model.assign(f);
        CustomerProfile.Segment s = new CustomerProfile.Segment();
        s.id = a.segment().id;
        s.name = a.segment().name;
        s.distance = Math.round(a.distance() * 1e4) / 1e4;
        s.modelVersion = model.version;
        return s;
    }
}
