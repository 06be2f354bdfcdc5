package io.smartcrm.job.rfm;

import static org.assertj.core.api.Assertions.assertThat;

import io.smartcrm.model.profile.CustomerProfile;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.BroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * RFM quintiles by the documented mid-rank rule: a value's percentile p = (buyers below + half the buyers equal) /
 * buyers, and its score is 1 + min(4, ⌊5p⌋).
 */
class RfmDistributionTest {
    static final int DAY0 = 19_844; // 2024-05-01

    static RfmPopulation population(RfmInputs... buyers) {
        RfmPopulation p = new RfmPopulation();
        for (RfmInputs b : buyers) {
            p.apply(new RfmObservation(null, b));
        }
        return p;
    }

    @ParameterizedTest(name = "p={0} → {1}")
    @CsvSource({"0.0, 1", "0.1, 1", "0.1999, 1", "0.2, 2", "0.5, 3", "0.7999, 4", "0.8, 5", "0.95, 5", "1.0, 5", "-0.1, 1"})
    void quintileOfAPercentile(double p, int score) {
        assertThat(RfmDistribution.quintile(p)).isEqualTo(score);
    }

    @Test
    void fiveDistinctBuyersGetOneToFive() {
        RfmDistribution d = population(
                new RfmInputs(DAY0 - 50, 1, 10), new RfmInputs(DAY0 - 40, 2, 100), new RfmInputs(DAY0 - 30, 3, 1_000),
                new RfmInputs(DAY0 - 20, 4, 10_000), new RfmInputs(DAY0 - 10, 5, 100_000)).snapshot(1);
        assertThat(d.buyers).isEqualTo(5);
        // percentiles 0.1 0.3 0.5 0.7 0.9
        assertThat(code(d, new RfmInputs(DAY0 - 50, 1, 10))).isEqualTo("111");
        assertThat(code(d, new RfmInputs(DAY0 - 30, 3, 1_000))).isEqualTo("333");
        assertThat(code(d, new RfmInputs(DAY0 - 10, 5, 100_000))).isEqualTo("555");
        CustomerProfile.Rfm r = d.score(new RfmInputs(DAY0 - 10, 1, 1_000));
        assertThat(r.recency).as("most recent").isEqualTo(5);
        assertThat(r.frequency).isEqualTo(1);
        assertThat(r.monetary).isEqualTo(3);
        assertThat(r.code).isEqualTo("513");
    }

    static String code(RfmDistribution d, RfmInputs in) {
        return d.score(in).code;
    }

    @Test
    void tiesShareTheMidRankScore() {
        // ten buyers: six with 1 order, two with 2, one with 3, one with 5
        RfmPopulation p = new RfmPopulation();
        long[] orders = {1, 1, 1, 1, 1, 1, 2, 2, 3, 5};
        for (int i = 0; i < orders.length; i++) {
            p.apply(new RfmObservation(null, new RfmInputs(DAY0, orders[i], 50)));
        }
        RfmDistribution d = p.snapshot(1);
        // 1 order: (0 + 6/2)/10 = 0.3 → 2; 2: (6 + 1)/10 = 0.7 → 4; 3: (8 + 0.5)/10 = 0.85 → 5; 5: 0.95 → 5
        assertThat(d.score(new RfmInputs(DAY0, 1, 50)).frequency).isEqualTo(2);
        assertThat(d.score(new RfmInputs(DAY0, 2, 50)).frequency).isEqualTo(4);
        assertThat(d.score(new RfmInputs(DAY0, 3, 50)).frequency).isEqualTo(5);
        assertThat(d.score(new RfmInputs(DAY0, 5, 50)).frequency).isEqualTo(5);
        // everybody bought the same day for the same money: all in the middle
        assertThat(d.score(new RfmInputs(DAY0, 1, 50)).recency).isEqualTo(3);
        assertThat(d.score(new RfmInputs(DAY0, 1, 50)).monetary).isEqualTo(3);
    }

    @Test
    void valuesOutsideThePopulationRankByTheirPosition() {
        RfmDistribution d = population(new RfmInputs(DAY0, 2, 10), new RfmInputs(DAY0, 4, 20)).snapshot(1);
        assertThat(d.score(new RfmInputs(DAY0, 1, 10)).frequency).as("below everybody: p = 0").isEqualTo(1);
        assertThat(d.score(new RfmInputs(DAY0, 3, 10)).frequency).as("between: p = 1/2").isEqualTo(3);
        assertThat(d.score(new RfmInputs(DAY0, 9, 10)).frequency).as("above everybody: p = 1").isEqualTo(5);
    }

    @Test
    void anUpdateRemovesTheBuyersPreviousFigures() {
        RfmInputs a = new RfmInputs(DAY0 - 10, 1, 10);
        RfmInputs b = new RfmInputs(DAY0 - 5, 2, 20);
        RfmPopulation p = population(a, b);
        RfmInputs a2 = new RfmInputs(DAY0, 3, 30);
        p.apply(new RfmObservation(a, a2));
        assertThat(p.buyers).isEqualTo(2);
        assertThat(p.frequency).containsOnlyKeys(2L, 3L);
        assertThat(p.recency).containsOnlyKeys(DAY0 - 5, DAY0);
        assertThat(p.monetary).doesNotContainKey(RfmPopulation.monetaryBin(10));
        RfmDistribution d = p.snapshot(2);
        assertThat(d.score(a2).code).isEqualTo("444"); // (1 + 0.5) / 2 = 0.75
        assertThat(d.score(b).code).isEqualTo("222"); // 0.25
    }

    @Test
    void aBuyerWhoStopsBeingOneIsRemoved() {
        RfmInputs a = new RfmInputs(DAY0, 1, 10);
        RfmPopulation p = population(a, new RfmInputs(DAY0, 2, 20));
        p.apply(new RfmObservation(a, null));
        assertThat(p.buyers).isEqualTo(1);
        assertThat(p.frequency).containsOnlyKeys(2L);
    }

    @Test
    void monetaryBinsAreAboutFivePercentWideAndOrderNegativeRevenueFirst() {
        assertThat(RfmPopulation.monetaryBin(100)).isEqualTo(RfmPopulation.monetaryBin(101));
        assertThat(RfmPopulation.monetaryBin(100)).isLessThan(RfmPopulation.monetaryBin(106));
        assertThat(RfmPopulation.monetaryBin(0)).isZero();
        assertThat(RfmPopulation.monetaryBin(-50)).isNegative().isLessThan(RfmPopulation.monetaryBin(0));
        RfmDistribution d = population(new RfmInputs(DAY0, 1, -50), new RfmInputs(DAY0, 1, 0), new RfmInputs(DAY0, 1, 500))
                .snapshot(1);
        assertThat(d.score(new RfmInputs(DAY0, 1, -50)).monetary).isEqualTo(1); // 1/6
        assertThat(d.score(new RfmInputs(DAY0, 1, 500)).monetary).isEqualTo(5); // 5/6
    }

    @Test
    void noScoreForNonBuyersOrAnEmptyPopulation() {
        assertThat(population(new RfmInputs(DAY0, 1, 1)).snapshot(1).score(null)).isNull();
        assertThat(new RfmPopulation().snapshot(1).score(new RfmInputs(DAY0, 1, 1))).isNull();
    }

    @Test
    void aSnapshotIsNotChangedByLaterUpdates() {
        RfmPopulation p = population(new RfmInputs(DAY0, 1, 10));
        RfmDistribution d = p.snapshot(1);
        p.apply(new RfmObservation(null, new RfmInputs(DAY0, 9, 10)));
        assertThat(d.buyers).isEqualTo(1);
        assertThat(d.frequency.keys).containsExactly(1L);
    }

    @Test
    void theRfmInputsOfAProfile() {
        CustomerProfile p = new CustomerProfile();
        assertThat(RfmInputs.of(p)).isNull();
        p.orders.count = 2;
        p.orders.revenue = 12.5;
        p.orders.lastPurchaseAt = "2024-05-01T23:59:59Z";
        assertThat(RfmInputs.of(p)).isEqualTo(new RfmInputs(DAY0, 2, 12.5));
    }

    @Test
    void thePopulationFunctionPublishesVersionedDistributionsAtMostOncePerInterval() throws Exception {
        KeyedOneInputStreamOperatorTestHarness<Integer, RfmObservation, RfmDistribution> h =
                new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new RfmPopulationFunction(1_000)),
                        o -> 0, Types.INT);
        h.open();
        h.setProcessingTime(0);
        h.processElement(new RfmObservation(null, new RfmInputs(DAY0, 1, 10)), 0);
        h.processElement(new RfmObservation(null, new RfmInputs(DAY0, 2, 20)), 0);
        h.setProcessingTime(999);
        assertThat(h.extractOutputValues()).isEmpty();
        h.setProcessingTime(1_000);
        assertThat(h.extractOutputValues()).singleElement().satisfies(d -> {
            assertThat(d.version).isEqualTo(1);
            assertThat(d.buyers).isEqualTo(2);
        });
        h.setProcessingTime(5_000);
        assertThat(h.extractOutputValues()).as("no change, no publication").hasSize(1);
        h.processElement(new RfmObservation(new RfmInputs(DAY0, 1, 10), new RfmInputs(DAY0, 3, 30)), 0);
        h.setProcessingTime(6_000);
        List<RfmDistribution> out = h.extractOutputValues();
        assertThat(out).hasSize(2);
        assertThat(out.get(1).version).isEqualTo(2);
        assertThat(out.get(1).buyers).isEqualTo(2);
        h.close();
    }

    @Test
    void theScorerUsesTheNewestDistributionOnly() throws Exception {
        BroadcastOperatorTestHarness<CustomerProfile, RfmDistribution, CustomerProfile> h =
                ProcessFunctionTestHarnesses.forBroadcastProcessFunction(new ProfileScorer(), ProfileScorer.RFM_DISTRIBUTION);
        CustomerProfile buyer = new CustomerProfile();
        buyer.customerId = "c1";
        buyer.orders.count = 1;
        buyer.orders.revenue = 10;
        buyer.orders.lastPurchaseAt = "2024-05-01T10:00:00Z";
        h.processElement(buyer, 0);
        assertThat(h.extractOutputValues().get(0).rfm).as("no distribution yet").isNull();

        RfmDistribution v2 = population(new RfmInputs(DAY0 - 1, 1, 10), new RfmInputs(DAY0, 1, 10)).snapshot(2);
        RfmDistribution v1 = population(new RfmInputs(DAY0 + 5, 9, 1_000)).snapshot(1);
        h.processBroadcastElement(v2, 0);
        h.processBroadcastElement(v1, 0); // older, arrives late: ignored
        h.processElement(buyer, 0);
        CustomerProfile.Rfm rfm = h.extractOutputValues().get(1).rfm;
        assertThat(rfm.code).isEqualTo("433"); // recency 0.75, frequency 0.5, monetary 0.5

        CustomerProfile browser = new CustomerProfile();
        browser.customerId = "c2";
        h.processElement(browser, 0);
        assertThat(h.extractOutputValues().get(2).rfm).isNull();
        h.close();
    }
}
