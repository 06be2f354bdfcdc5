package io.smartcrm.job.models;

import static org.assertj.core.api.Assertions.assertThat;

import io.smartcrm.job.features.FeatureValues;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SegmentTrainerTest {
    static final List<String> FEATURES = List.of("days_since_last_purchase", "orders", "net_revenue");
    static final SegmentSettings S = new SegmentSettings(3, 0.99, 16, 7, FEATURES, 100);

    /** Three groups: recent frequent big spenders, dormant, and recent one-off buyers. */
    static FeatureValues point(Random rnd, int group) {
        double[][] centres = {{1, 3, 7}, {5, 0.7, 3}, {1, 0.7, 3}};
        FeatureValues f = new FeatureValues();
        for (int i = 0; i < 3; i++) {
            f.numeric(FEATURES.get(i), centres[group][i] + 0.2 * rnd.nextGaussian(), "");
        }
        return f;
    }

    @Test
    void findsTheGroupsNamesThemAndKeepsIdsWhenTheCentroidsAreReordered() {
        SegmentTrainer t = new SegmentTrainer(S);
        Random rnd = new Random(3);
        for (int i = 0; i < 600; i++) {
            t.learn(point(rnd, i % 3), S);
        }
        SegmentModel first = t.publish(1_000, S);
        assertThat(first.version).isEqualTo(1);
        assertThat(first.segments).extracting(s -> s.id).containsExactly(1, 2, 3);
        assertThat(first.segments).extracting(s -> s.name)
                .containsExactlyInAnyOrder("high-value loyal", "dormant", "recent buyers");
        assertThat(first.inertia).isLessThan(0.5);
        assertThat(first.segments).as("the recent window is shared evenly by the three groups")
                .allSatisfy(g -> assertThat(g.recentPoints).isBetween(25L, 42L));
        assertThat(first.segments.stream().mapToLong(g -> g.recentPoints).sum()).isEqualTo(100);
        int bigSpenders = first.assign(point(rnd, 0)).segment().id;
        int dormant = first.assign(point(rnd, 1)).segment().id;

        double[][] c = t.kmeans.centroids();
        t.kmeans.setCentroids(new double[][] {c[2], c[0], c[1]});
        for (int i = 0; i < 48; i++) {
            t.learn(point(rnd, i % 3), S);
        }
        SegmentModel second = t.publish(2_000, S);
        assertThat(second.version).isEqualTo(2);
        assertThat(second.assign(point(rnd, 0)).segment().id).isEqualTo(bigSpenders);
        assertThat(second.assign(point(rnd, 1)).segment().id).isEqualTo(dormant);
        assertThat(second.segments.stream().filter(s -> s.id == dormant).findFirst().orElseThrow().name)
                .isEqualTo("dormant");
        assertThat(second.segments).isSortedAccordingTo(Comparator.comparingInt(s -> s.id));
    }

    @Test
    void publishesNothingBeforeTheCentroidsExist() {
        SegmentTrainer t = new SegmentTrainer(S);
        t.learn(point(new Random(1), 0), S);
        assertThat(t.publish(1, S)).isNull();
    }

    @Test
    void centroidsFollowAChangeOfScaling() {
        List<FeatureScale> from = List.of(new FeatureScale("a", false, 10, 2));
        List<FeatureScale> to = List.of(new FeatureScale("a", false, 12, 4));
        // z = 1 under (10, 2) is raw 12, which is z = 0 under (12, 4)
        assertThat(SegmentTrainer.rescale(new double[][] {{1}}, from, to)[0][0]).isEqualTo(0.0);
    }

    @Test
    void namesFollowTheDocumentedRules() {
        List<String> f = List.of("days_since_last_purchase", "orders", "net_revenue", "tenure_days", "avg_order_value");
        assertThat(SegmentNames.name(f, new double[] {1.2, 0, 0.9, 0, 0})).isEqualTo("at risk, big spenders");
        assertThat(SegmentNames.name(f, new double[] {1.2, 0, 0, 0, 0})).isEqualTo("dormant");
        assertThat(SegmentNames.name(f, new double[] {0, -0.5, 0, -1, 0})).isEqualTo("new");
        assertThat(SegmentNames.name(f, new double[] {-0.2, 0.8, -0.2, 0, -0.6})).isEqualTo("bargain hunters");
        assertThat(SegmentNames.name(f, new double[] {0, 0, 0, 0, 0})).isEqualTo("average");
        List<String> g = List.of("days_since_last_purchase", "orders", "net_revenue", "sessions_30d", "tickets_90d");
        assertThat(SegmentNames.name(g, new double[] {1.2, -0.5, -0.5, 0.9, 0})).isEqualTo("window shoppers");
        assertThat(SegmentNames.name(g, new double[] {-0.5, 0.8, 0.9, 0.2, 2.6})).isEqualTo("needs support");
        assertThat(SegmentNames.of(f, new double[][] {{1.2, 0, 0, 0, 0}, {1.5, 0, 0, 0, 0}}, new int[] {2, 1}))
                .containsExactly("dormant (2)", "dormant");
    }
}
