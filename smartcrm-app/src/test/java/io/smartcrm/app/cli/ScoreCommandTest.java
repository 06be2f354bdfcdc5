package io.smartcrm.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.smartcrm.job.models.ClassifierModel;
import io.smartcrm.job.models.FeatureScale;
import io.smartcrm.job.models.ScoreBands;
import io.smartcrm.job.models.SegmentModel;
import io.smartcrm.model.profile.CustomerProfile;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The explanation {@code ./smartcrm score} prints, from a profile and model versions. */
class ScoreCommandTest {

    static CustomerProfile profile() {
        CustomerProfile p = new CustomerProfile();
        p.customerId = "c7";
        p.eventCount = 12;
        p.asOf = "2024-05-31T00:00:00Z";
        p.tenureDays = 200;
        p.orders.count = 1;
        p.orders.lastPurchaseAt = "2024-03-18T10:00:00Z";
        p.attributes = Map.of("contract", "Month-to-month", "churned", "true");
        p.attributeKinds = Map.of("contract", "categorical", "churned", "boolean");
        return p;
    }

    static String explain(SegmentModel segments, ClassifierModel churn, ClassifierModel propensity) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ScoreCommand.explain(new PrintStream(bytes, true, StandardCharsets.UTF_8), profile(), segments, churn,
                propensity, Set.of("churned"), new ScoreBands(0.3, 0.6));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void printsTheSegmentAndEveryContributionOfAReadyModel() {
        SegmentModel segments = new SegmentModel();
        segments.version = 4;
        segments.status = ClassifierModel.READY;
        segments.features = List.of(new FeatureScale("days_since_last_purchase", false, Math.log1p(10), 1));
        SegmentModel.Segment dormant = new SegmentModel.Segment();
        dormant.id = 2;
        dormant.name = "dormant";
        dormant.centroid = new double[] {2};
        segments.segments = List.of(dormant);

        ClassifierModel churn = new ClassifierModel();
        churn.model = "churn";
        churn.version = 9;
        churn.status = ClassifierModel.READY;
        churn.quality.auc = 0.81;
        churn.quality.evaluated = 500;
        churn.features = List.of(new ClassifierModel.Weight(new FeatureScale(FeatureScale.INTERCEPT, true, 0, 0), -1),
                new ClassifierModel.Weight(new FeatureScale("days_since_last_purchase", false, Math.log1p(10), 1), 0.8),
                new ClassifierModel.Weight(new FeatureScale("attr.contract=Month-to-month", true, 0, 0), 1.2),
                new ClassifierModel.Weight(new FeatureScale("attr.churned", true, 0, 0), 5));

        ClassifierModel propensity = new ClassifierModel();
        propensity.model = "propensity";
        propensity.version = 3;
        propensity.status = ClassifierModel.WARMING_UP;
        propensity.positives = 12;
        propensity.negatives = 80;
        propensity.minLabels = 50;

        String out = explain(segments, churn, propensity);
        assertThat(out).contains("Customer c7: 12 events, as of 2024-05-31T00:00:00Z");
        assertThat(out).contains("Segment 2 \"dormant\" (model version 4)");
        assertThat(out).contains("no purchase for 73 days");
        assertThat(out).contains("Churn: ").contains("(high), model version 9, prequential AUC 0.810 over 500 examples");
        assertThat(out).contains("+1.200  contract: Month-to-month");
        assertThat(out).as("the label is never a feature").doesNotContain("churned");
        assertThat(out).contains("Purchase propensity: warming_up (model version 3 has 12 positive and 80 negative "
                + "labels, needs 50 of each)");
    }

    @Test
    void saysWhenThereIsNoModelYet() {
        String out = explain(null, null, null);
        assertThat(out).contains("Segment: no segmentation model yet").contains("Churn: warming_up (no model yet)");
    }
}
