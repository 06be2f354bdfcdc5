package io.smartcrm.job.models;

import static org.assertj.core.api.Assertions.assertThat;

import io.smartcrm.model.profile.CustomerProfile;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/** The scorer in Flink's keyed broadcast harness: warming up, new model versions, re-scoring. */
class ModelScorerTest {

    static CustomerProfile profile(String id, long version, long orders) {
        CustomerProfile p = new CustomerProfile();
        p.customerId = id;
        p.version = version;
        p.asOf = "2024-05-31T00:00:00Z";
        p.updatedAt = "2024-05-31T00:00:01Z";
        p.tenureDays = 100;
        p.orders.count = orders;
        return p;
    }

    /** A churn model on one feature: log1p(orders) standardized with mean 1, std 1. */
    static PublishedModels churnModel(long version, double coefficient) {
        ClassifierModel m = new ClassifierModel();
        m.model = "churn";
        m.version = version;
        m.status = ClassifierModel.READY;
        m.features = List.of(new ClassifierModel.Weight(new FeatureScale(FeatureScale.INTERCEPT, true, 0, 0), 0),
                new ClassifierModel.Weight(new FeatureScale("orders", false, 1, 1), coefficient));
        PublishedModels p = new PublishedModels();
        p.churn = m;
        p.rescore = true;
        return p;
    }

    KeyedBroadcastOperatorTestHarness<String, CustomerProfile, PublishedModels, ScoredProfile> harness() throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                new ModelScorer(new ScoreBands(0.3, 0.6), 3, Set.of("churned")), p -> p.customerId, Types.STRING,
                ModelScorer.MODELS);
    }

    @Test
    void profilesWarmUpThenFollowEveryNewModelVersion() throws Exception {
        try (var h = harness()) {
            h.processElement(profile("c1", 1024, 0), 1);
            h.processElement(profile("c2", 2048, 20), 1);
            List<ScoredProfile> out = h.extractOutputValues();
            assertThat(out).hasSize(2).allSatisfy(s -> {
                assertThat(s.profile.churn.status).isEqualTo(CustomerProfile.Score.WARMING_UP);
                assertThat(s.profile.churn.probability).isNull();
                assertThat(s.profile.churn.modelVersion).as("no model yet").isNull();
                assertThat(s.profile.segment).isNull();
            });

            h.processBroadcastElement(churnModel(1, -2.0), 2);
            List<ScoredProfile> v1 = h.extractOutputValues().subList(2, 4);
            assertThat(v1).as("both re-scored when the first model arrives").hasSize(2);
            ScoredProfile c1 = v1.stream().filter(s -> s.profile.customerId.equals("c1")).findFirst().orElseThrow();
            // z = (log1p(0) − 1) / 1 = −1 → margin 2
            assertThat(c1.profile.churn.probability).isEqualTo(0.880797);
            assertThat(c1.profile.churn.band).isEqualTo("high");
            assertThat(c1.profile.churn.modelVersion).isEqualTo(1L);
            assertThat(c1.profile.churn.reasons).singleElement().satisfies(r -> {
                assertThat(r.text).isEqualTo("0 orders");
                assertThat(r.effect).isEqualTo("raises");
            });
            assertThat(c1.writeVersion()).as("a re-scoring outranks the written profile version")
                    .isEqualTo((1024L << 20) + 1);

            h.processBroadcastElement(churnModel(2, -2.001), 3);
            assertThat(h.extractOutputValues()).as("no material change: nothing written").hasSize(4);

            PublishedModels quiet = churnModel(3, 1.0);
            quiet.rescore = false;
            h.processBroadcastElement(quiet, 4);
            assertThat(h.extractOutputValues()).as("not flagged: only new writes use it").hasSize(4);

            h.processBroadcastElement(churnModel(3, 1.0), 4);
            List<ScoredProfile> v3 = h.extractOutputValues().subList(4, 6);
            assertThat(v3).allSatisfy(s -> assertThat(s.profile.churn.modelVersion).isEqualTo(3L));
            assertThat(v3.stream().filter(s -> s.profile.customerId.equals("c1")).findFirst().orElseThrow()
                    .profile.churn.probability).isEqualTo(0.268941);

            h.processElement(profile("c1", 2 * 1024, 0), 5);
            ScoredProfile fresh = h.extractOutputValues().get(6);
            assertThat(fresh.profile.churn.modelVersion).as("new emissions use the newest model").isEqualTo(3L);
            assertThat(fresh.writeVersion()).isEqualTo(2048L << 20);
        }
    }
}
