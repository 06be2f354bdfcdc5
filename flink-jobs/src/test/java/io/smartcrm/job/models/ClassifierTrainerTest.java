package io.smartcrm.job.models;

import static org.assertj.core.api.Assertions.assertThat;

import io.smartcrm.job.features.FeatureValues;
import io.smartcrm.model.profile.CustomerProfile;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ClassifierTrainerTest {
    static final ClassifierSettings S = new ClassifierSettings(0.1, 0.1, 0, 0, 4, 10, 100, 32);

    /** Churners have few orders and a month-to-month contract more often. */
    static FeatureValues example(Random rnd, boolean churner) {
        double orders = churner ? rnd.nextGaussian() : 2 + rnd.nextGaussian();
        boolean monthly = rnd.nextDouble() < (churner ? 0.8 : 0.2);
        return new FeatureValues().numeric("orders", orders, Math.round(orders) + " orders")
                .indicator("attr.contract=" + (monthly ? "Month-to-month" : "Two year"), true,
                        "contract: " + (monthly ? "Month-to-month" : "Two year"));
    }

    @Test
    void warmsUpUntilEnoughLabelsOfBothClassesThenScoresWithReasons() {
        ClassifierTrainer t = new ClassifierTrainer("churn", S);
        Random rnd = new Random(1);
        for (int i = 0; i < 12; i++) {
            t.learn(example(rnd, false), false, S);
        }
        ClassifierModel warming = t.publish(1_000, S);
        assertThat(warming.status).isEqualTo(ClassifierModel.WARMING_UP);
        assertThat(Scores.classify(warming, example(rnd, true), new ScoreBands(0.3, 0.6), 3, "t").status)
                .isEqualTo(CustomerProfile.Score.WARMING_UP);

        for (int i = 0; i < 400; i++) {
            boolean churner = i % 2 == 0;
            t.learn(example(rnd, churner), churner, S);
        }
        ClassifierModel m = t.publish(2_000, S);
        assertThat(m.version).isEqualTo(2);
        assertThat(m.status).isEqualTo(ClassifierModel.READY);
        assertThat(m.positives).isEqualTo(200);
        assertThat(m.negatives).isEqualTo(212);
        assertThat(m.quality.auc).isGreaterThan(0.85);
        assertThat(m.features.get(0).name).isEqualTo(FeatureScale.INTERCEPT);

        FeatureValues risky = new FeatureValues().numeric("orders", -1.0, "no orders")
                .indicator("attr.contract=Month-to-month", true, "contract: Month-to-month");
        CustomerProfile.Score s = Scores.classify(m, risky, new ScoreBands(0.3, 0.6), 3, "t");
        assertThat(s.status).isEqualTo(CustomerProfile.Score.SCORED);
        assertThat(s.probability).isGreaterThan(0.6);
        assertThat(s.band).isEqualTo("high");
        assertThat(s.modelVersion).isEqualTo(2L);
        assertThat(s.reasons).extracting(r -> r.text).containsExactlyInAnyOrder("no orders", "contract: Month-to-month");
        assertThat(s.reasons).allSatisfy(r -> assertThat(r.effect).isEqualTo("raises"));
        assertThat(Math.abs(s.reasons.get(0).contribution)).isGreaterThanOrEqualTo(Math.abs(s.reasons.get(1).contribution));
    }

    @Test
    void unknownFeaturesAreIgnoredAndMissingNumericsReadAsTheMean() {
        ClassifierModel m = new ClassifierModel();
        m.features.add(new ClassifierModel.Weight(new FeatureScale(FeatureScale.INTERCEPT, true, 0, 0), -1));
        m.features.add(new ClassifierModel.Weight(new FeatureScale("orders", false, 2, 0.5), -2));
        FeatureValues f = new FeatureValues().numeric("orders", 1.0, "1 order").indicator("attr.new=x", true, "new: x");
        // z = (1 − 2) / 0.5 = −2; margin = −1 + (−2)(−2) = 3
        assertThat(m.probability(f)).isEqualTo(1 / (1 + Math.exp(-3)));
        assertThat(m.probability(new FeatureValues())).isEqualTo(1 / (1 + Math.exp(1)));
        assertThat(m.contributions(f)).singleElement().satisfies(c -> assertThat(c.contribution()).isEqualTo(4.0));
    }
}
