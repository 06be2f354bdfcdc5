package io.smartcrm.job.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.smartcrm.model.alert.Alert;
import io.smartcrm.model.alert.AlertRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleTrackerTest {
    private static final long DAY = 86_400_000L;

    private static AlertRule rule(String metric, String segment, Map<String, Object> filter, String condition,
            double threshold) {
        AlertRule r = new AlertRule();
        r.id = "r1";
        r.name = "test rule";
        r.metric = metric;
        r.segment = segment;
        r.filter = filter;
        r.period = "1d";
        r.condition = condition;
        r.threshold = threshold;
        r.updatedAt = "2025-01-01T00:00:00Z";
        assertThat(r.problems()).isEmpty();
        return r;
    }

    private static SegmentActivity active(long time, String segment, String country, double churn) {
        SegmentActivity a = new SegmentActivity();
        a.time = time;
        a.segmentId = segment.hashCode();
        a.segmentName = segment;
        a.country = country;
        a.churn = churn;
        return a;
    }

    @Test
    void meanChurnOfACountryAboveAThresholdOpensUpdatesAndResolves() {
        RuleTracker t = RuleTracker.start(rule(AlertRule.MEAN_CHURN, null, Map.of("country", "DE"), AlertRule.ABOVE, 0.4),
                Long.MIN_VALUE);
        List<Alert> alerts = new ArrayList<>();
        double[] churnByDay = {0.2, 0.5, 0.6, 0.2, 0.2};
        for (int day = 0; day < churnByDay.length; day++) {
            for (int i = 0; i < 150; i++) {
                t.add(active(day * DAY + i, "s", "DE", churnByDay[day]));
                t.add(active(day * DAY + i, "s", "FR", 0.9));
            }
            alerts.addAll(t.close((day + 1) * DAY, 100, 2));
        }
        assertThat(alerts).extracting(a -> a.state).containsExactly(Alert.OPEN, Alert.OPEN, Alert.RESOLVED);
        assertThat(alerts).extracting(a -> a.id).containsOnly("rule-r1-19700102T0000Z");
        assertThat(alerts).extracting(a -> a.version).containsExactly(1L, 2L, 3L);
        assertThat(alerts.get(0).explanation).isEqualTo("Rule 'test rule': the mean churn risk of active customers"
                + " with country=DE was 0.50 in the day ending 1970-01-03 00:00 UTC, above 0.40");
    }

    @Test
    void aShareUpWeekOverWeekComparesWithThePreviousPeriod() {
        AlertRule r = rule(AlertRule.SHARE, "at risk", null, AlertRule.INCREASE_ABOVE, 0.2);
        r.period = "1w";
        RuleTracker t = RuleTracker.start(r, Long.MIN_VALUE);
        List<Alert> alerts = new ArrayList<>();
        int[] atRiskPerWeek = {100, 110, 150};
        for (int w = 0; w < 3; w++) {
            for (int i = 0; i < 1000; i++) {
                t.add(active(w * 7 * DAY + i, i < atRiskPerWeek[w] ? "at risk" : "loyal", "DE", 0.1));
            }
            alerts.addAll(t.close((w + 1) * 7 * DAY, 100, 2));
        }
        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0).before).isEqualTo(0.11);
        assertThat(alerts.get(0).after).isEqualTo(0.15);
        assertThat(alerts.get(0).explanation).contains("up 36 % from 11 %");
    }

    @Test
    void movesIntoASegmentAreCountedForMatchingCustomersOnly() {
        RuleTracker t = RuleTracker.start(rule(AlertRule.MOVED_IN, "dormant", Map.of("rfm.monetary", Map.of("gte", 4)),
                AlertRule.ABOVE, 50), Long.MIN_VALUE);
        for (int i = 0; i < 60; i++) {
            SegmentActivity a = active(i, "dormant", "DE", 0.1);
            a.moved = true;
            a.rfmMonetary = i < 51 ? 5 : 2;
            t.add(a);
        }
        List<Alert> alerts = t.close(DAY, 100, 2);
        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0).after).isEqualTo(51.0);
    }

    @Test
    void aRuleStartsAtTheFirstFullPeriodAndSmallPopulationsAreSkipped() {
        RuleTracker t = RuleTracker.start(rule(AlertRule.MEAN_CHURN, null, null, AlertRule.ABOVE, 0.4), DAY + 5);
        assertThat(t.add(active(DAY + 10, "s", "DE", 0.9))).isNull();
        for (int i = 0; i < 99; i++) {
            assertThat(t.add(active(2 * DAY + i, "s", "DE", 0.9))).isEqualTo(3 * DAY);
        }
        assertThat(t.close(3 * DAY, 100, 2)).as("99 customers < 100").isEmpty();
        assertThat(t.end("rule deleted")).isNull();
    }
}
