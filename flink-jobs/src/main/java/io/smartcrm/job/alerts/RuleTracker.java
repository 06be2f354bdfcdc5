package io.smartcrm.job.alerts;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smartcrm.model.alert.Alert;
import io.smartcrm.model.alert.AlertRule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One marketer rule's evaluation: sums per period (tumbling, aligned to the epoch) over the activity that matches
 * the rule's filter, the metric at each period's end compared by the rule's condition, and the rule's
 * {@link OngoingAlert}. A rule starts counting at the first full period after it arrived (a partial period would
 * mislead), and a period whose population is under the rule's minimum is skipped.
 */
public class RuleTracker {
    private static final ObjectMapper RULES = new ObjectMapper();

    public AlertRule rule;
    public long periodMillis;
    /** Activity before this is ignored: the first full period after the rule arrived. */
    public long countFrom;
    public Map<Long, Sums> periods = new TreeMap<>();
    /** The metric of the last evaluated period, for increase/decrease conditions. */
    public Double previous;
    public OngoingAlert ongoing;

    /** Sums over one period. */
    public static class Sums {
        public long population;
        public long inSegment;
        public long churnScored;
        public double churnSum;
        public long propensityScored;
        public double propensitySum;
        public long movedIn;

        public Sums() {}
    }

    public RuleTracker() {}

    /** A tracker for {@code rule} that counts from the first full period after {@code watermark}. */
    public static RuleTracker start(AlertRule rule, long watermark) {
        RuleTracker t = new RuleTracker();
        t.rule = rule;
        t.periodMillis = rule.periodDuration().toMillis();
        t.countFrom = watermark == Long.MIN_VALUE ? Long.MIN_VALUE : t.periodStart(watermark) + t.periodMillis;
        return t;
    }

    /** Whether this tracker follows {@code r} as it is (the same rule, field for field). */
    public boolean follows(AlertRule r) {
        return RULES.valueToTree(rule).equals(RULES.valueToTree(r));
    }

    long periodStart(long time) {
        return Math.floorDiv(time, periodMillis) * periodMillis;
    }

    /** Counts one record; returns the end of its period (for a timer) or null if it is not counted. */
    public Long add(SegmentActivity a) {
        if (a.time < countFrom) {
            return null;
        }
        long start = periodStart(a.time);
        Sums sums = periods.computeIfAbsent(start, k -> new Sums());
        boolean segmentMatches = rule.segment == null || rule.segment.equals(a.segmentName);
        if (a.moved) {
            if (AlertRule.MOVED_IN.equals(rule.metric) && segmentMatches && rule.matches(a::field)) {
                sums.movedIn++;
            }
        } else if (rule.matches(a::field)) {
            sums.population++;
            if (segmentMatches) {
                sums.inSegment++;
                if (a.churn != null) {
                    sums.churnScored++;
                    sums.churnSum += a.churn;
                }
                if (a.propensity != null) {
                    sums.propensityScored++;
                    sums.propensitySum += a.propensity;
                }
            }
        }
        return start + periodMillis;
    }

    /** Evaluates every period that ended at or before {@code closedUntil}; returns the alert changes. */
    public List<Alert> close(long closedUntil, int defaultMinCustomers, int resolveAfter) {
        List<Alert> changes = new ArrayList<>();
        List<Long> due = new ArrayList<>();
        for (long start : periods.keySet()) {
            if (start + periodMillis <= closedUntil) {
                due.add(start);
            }
        }
        due.sort(null);
        for (long start : due) {
            Sums sums = periods.remove(start);
            Alert change = evaluate(start, sums, defaultMinCustomers, resolveAfter);
            if (change != null) {
                changes.add(change);
            }
        }
        return changes;
    }

    private Alert evaluate(long start, Sums sums, int defaultMinCustomers, int resolveAfter) {
        Double value = value(sums, rule.minCustomers == null ? defaultMinCustomers : rule.minCustomers);
        if (value == null) {
            return null;
        }
        Double before = previous;
        previous = value;
        String windowStart = Instant.ofEpochMilli(start).toString();
        String windowEnd = Instant.ofEpochMilli(start + periodMillis).toString();
        if (holds(value, before)) {
            Alert a = new Alert();
            a.kind = Alert.RULE;
            a.severity = rule.severityOrDefault();
            a.ruleId = rule.id;
            a.ruleName = rule.name;
            a.metric = rule.metric;
            a.segmentName = rule.segment;
            a.windowStart = windowStart;
            a.windowEnd = windowEnd;
            a.before = before;
            a.after = ShiftDetector.round(value);
            a.afterCount = sums.population;
            a.threshold = rule.threshold;
            a.explanation = describe(value, before, start);
            ongoing = OngoingAlert.held(ongoing, "rule-" + rule.id, a, start);
            return ongoing.published();
        }
        if (ongoing == null) {
            return null;
        }
        Alert resolved = ongoing.quietWindow(resolveAfter, windowStart, windowEnd, String.format(Locale.ROOT,
                "Resolved: rule '%s' no longer holds: %s was %s %s", rule.name, metricName(), format(value),
                period(start)));
        if (resolved != null) {
            ongoing = null;
        }
        return resolved;
    }

    /** Resolves the rule's open alert because the rule was deleted, disabled or changed; null if none is open. */
    public Alert end(String resolution) {
        if (ongoing == null) {
            return null;
        }
        Alert a = ongoing.resolve(null, null, resolution, "Resolved: rule '" + rule.name + "' " + resolution);
        ongoing = null;
        return a;
    }

    private Double value(Sums s, int minCustomers) {
        return switch (rule.metric) {
            case AlertRule.SHARE -> s.population < minCustomers ? null : s.inSegment / (double) s.population;
            case AlertRule.COUNT -> (double) (rule.segment == null ? s.population : s.inSegment);
            case AlertRule.MEAN_CHURN -> s.churnScored < minCustomers ? null : s.churnSum / s.churnScored;
            case AlertRule.MEAN_PROPENSITY -> s.propensityScored < minCustomers ? null
                    : s.propensitySum / s.propensityScored;
            default -> (double) s.movedIn;
        };
    }

    private boolean holds(double value, Double before) {
        double t = rule.threshold;
        return switch (rule.condition) {
            case AlertRule.ABOVE -> value > t;
            case AlertRule.BELOW -> value < t;
            case AlertRule.INCREASE_ABOVE -> before != null && before > 0 && (value - before) / before > t;
            default -> before != null && before > 0 && (before - value) / before > t;
        };
    }

    private String describe(double value, Double before, long start) {
        String change = switch (rule.condition) {
            case AlertRule.ABOVE -> "above " + format(rule.threshold);
            case AlertRule.BELOW -> "below " + format(rule.threshold);
            case AlertRule.INCREASE_ABOVE -> String.format(Locale.ROOT, "up %.0f %% from %s (threshold +%.0f %%)",
                    100 * (value - before) / before, format(before), 100 * rule.threshold);
            default -> String.format(Locale.ROOT, "down %.0f %% from %s (threshold -%.0f %%)",
                    100 * (before - value) / before, format(before), 100 * rule.threshold);
        };
        return String.format(Locale.ROOT, "Rule '%s': %s was %s %s, %s", rule.name, metricName(), format(value),
                period(start), change);
    }

    private String metricName() {
        String who = rule.filter == null || rule.filter.isEmpty() ? "active customers"
                : "active customers with " + filterText();
        String segment = rule.segment == null ? "" : "'" + rule.segment + "' ";
        return switch (rule.metric) {
            case AlertRule.SHARE -> "the share of " + segment + "among " + who;
            case AlertRule.COUNT -> "the number of " + segment + who;
            case AlertRule.MEAN_CHURN -> "the mean churn risk of " + segment + who;
            case AlertRule.MEAN_PROPENSITY -> "the mean purchase propensity of " + segment + who;
            default -> "the number of " + (rule.filter == null || rule.filter.isEmpty() ? "customers"
                    : "customers with " + filterText()) + " who moved to " + segment.trim();
        };
    }

    private String filterText() {
        List<String> parts = new ArrayList<>();
        rule.filter.forEach((k, v) -> parts.add(k + "=" + v));
        return String.join(", ", parts);
    }

    private String format(double v) {
        if (AlertRule.SHARE.equals(rule.metric)) {
            return ShiftDetector.percent(v);
        }
        if (AlertRule.COUNT.equals(rule.metric) || AlertRule.MOVED_IN.equals(rule.metric)) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private String period(long start) {
        return "in the " + Durations.windowName(periodMillis) + " ending " + Durations.minute(start + periodMillis);
    }
}
