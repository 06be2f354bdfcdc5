package io.smartcrm.model.alert;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A marketer's alert rule, stored in {@code crm-alert-rules} and applied by the running job. At the end of every
 * {@link #period} (tumbling, in event time, aligned to the epoch) the job computes the rule's {@link #metric} over
 * the customers active in the period that match {@link #filter}, compares it by {@link #condition} with
 * {@link #threshold}, and opens, updates or resolves the rule's alert. Examples:
 * <ul>
 *   <li>segment "at risk" share up more than 20 % week over week: metric {@code share}, segment "at risk",
 *       period {@code 7d}, condition {@code increase_above}, threshold 0.2;</li>
 *   <li>mean churn risk of customers with country=DE above 0.4: metric {@code mean_churn}, filter
 *       {@code {"country": "DE"}}, period {@code 1h}, condition {@code above}, threshold 0.4;</li>
 *   <li>more than 50 high-value customers moved to "dormant" today: metric {@code moved_in}, segment "dormant",
 *       filter {@code {"rfm.monetary": {"gte": 4}}}, period {@code 1d}, condition {@code above}, threshold 50.</li>
 * </ul>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AlertRule {
    /** Share of the matching active customers that are in {@link #segment} (0–1). */
    public static final String SHARE = "share";
    /** Matching active customers (in {@link #segment} if given). */
    public static final String COUNT = "count";
    /** Mean churn probability of the matching scored active customers (in {@link #segment} if given). */
    public static final String MEAN_CHURN = "mean_churn";
    /** Mean purchase propensity of the matching scored active customers (in {@link #segment} if given). */
    public static final String MEAN_PROPENSITY = "mean_propensity";
    /** Customers matching the filter who moved into {@link #segment} from another segment. */
    public static final String MOVED_IN = "moved_in";
    public static final List<String> METRICS = List.of(SHARE, COUNT, MEAN_CHURN, MEAN_PROPENSITY, MOVED_IN);

    public static final String ABOVE = "above";
    public static final String BELOW = "below";
    /** Relative increase over the previous period above the threshold (0.2 = 20 %). */
    public static final String INCREASE_ABOVE = "increase_above";
    /** Relative decrease from the previous period above the threshold (0.2 = 20 %). */
    public static final String DECREASE_ABOVE = "decrease_above";
    public static final List<String> CONDITIONS = List.of(ABOVE, BELOW, INCREASE_ABOVE, DECREASE_ABOVE);

    public static final List<String> SEVERITIES = List.of("minor", "major");

    /** Customer fields a filter may name, besides {@code attributes.NAME}. */
    public static final Set<String> FILTER_FIELDS = Set.of("country", "city", "gender", "segment", "churn.band",
            "propensity.band", "churn.probability", "propensity.probability", "rfm.recency", "rfm.frequency",
            "rfm.monetary", "rfm.code", "orders.count", "orders.revenue", "consent.email", "consent.sms",
            "consent.push", "consent.phone", "consent.profiling");
    public static final String ATTRIBUTE_PREFIX = "attributes.";
    public static final Set<String> RANGE_OPERATORS = Set.of("gte", "gt", "lte", "lt");

    public static final Duration MIN_PERIOD = Duration.ofMinutes(1);
    public static final Duration MAX_PERIOD = Duration.ofDays(31);
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d{1,6})([mhdw])");

    public String id;
    public String name;
    public String description;
    public Boolean enabled;
    public String metric;
    /** A segment name, as in {@code segment.name} of the customers index. */
    public String segment;
    /** Field → value (equals), list of values (any of) or range object ({@code gte}, {@code gt}, {@code lte}, {@code lt}). */
    public Map<String, Object> filter;
    /** {@code 30m}, {@code 1h}, {@code 1d}, {@code 1w} or ISO-8601 ({@code PT6H}). */
    public String period;
    public String condition;
    public Double threshold;
    /** minor (default) or major. */
    public String severity;
    /** The rule is not evaluated over fewer matching active customers than this (null: the job's default). */
    public Integer minCustomers;
    public String createdAt;
    public String updatedAt;

    public boolean isEnabled() {
        return enabled == null || enabled;
    }

    public String severityOrDefault() {
        return severity == null ? "minor" : severity;
    }

    /** The period; only call on a rule without {@link #problems()}. */
    public Duration periodDuration() {
        return parsePeriod(period);
    }

    /** Parses {@code 30m}, {@code 1h}, {@code 1d}, {@code 1w} or an ISO-8601 duration; null if neither. */
    public static Duration parsePeriod(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = SHORT_DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                default -> Duration.ofDays(7 * n);
            };
        }
        try {
            return Duration.parse(text.trim().toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Everything wrong with the rule, each message naming its field; empty when the rule is valid. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (id == null || !ID.matcher(id).matches()) {
            problems.add("id: must be 1–64 characters of a-z, 0-9, '_' and '-', starting with a letter or digit");
        }
        if (name == null || name.isBlank() || name.length() > 200) {
            problems.add("name: required, at most 200 characters");
        }
        if (description != null && description.length() > 2000) {
            problems.add("description: at most 2000 characters");
        }
        if (metric == null || !METRICS.contains(metric)) {
            problems.add("metric: must be one of " + METRICS);
        }
        boolean needsSegment = SHARE.equals(metric) || MOVED_IN.equals(metric);
        if (needsSegment && (segment == null || segment.isBlank())) {
            problems.add("segment: required for metric " + metric);
        }
        if (segment != null && (segment.isBlank() || segment.length() > 200)) {
            problems.add("segment: a segment name of at most 200 characters");
        }
        Duration p = parsePeriod(period);
        if (p == null) {
            problems.add("period: required, e.g. 30m, 1h, 1d, 1w or PT6H");
        } else if (p.compareTo(MIN_PERIOD) < 0 || p.compareTo(MAX_PERIOD) > 0) {
            problems.add("period: must be between 1m and 31d");
        }
        if (condition == null || !CONDITIONS.contains(condition)) {
            problems.add("condition: must be one of " + CONDITIONS);
        }
        if (threshold == null || threshold.isNaN() || threshold.isInfinite()) {
            problems.add("threshold: required, a finite number");
        } else if ((INCREASE_ABOVE.equals(condition) || DECREASE_ABOVE.equals(condition)) && threshold <= 0) {
            problems.add("threshold: a relative change above 0 (0.2 = 20 %) for condition " + condition);
        } else if ((SHARE.equals(metric) || MEAN_CHURN.equals(metric) || MEAN_PROPENSITY.equals(metric))
                && (ABOVE.equals(condition) || BELOW.equals(condition)) && (threshold < 0 || threshold > 1)) {
            problems.add("threshold: between 0 and 1 for metric " + metric);
        } else if (threshold < 0) {
            problems.add("threshold: must not be negative");
        }
        if (severity != null && !SEVERITIES.contains(severity)) {
            problems.add("severity: must be one of " + SEVERITIES);
        }
        if (minCustomers != null && minCustomers < 1) {
            problems.add("minCustomers: at least 1");
        }
        if (filter != null) {
            filter.forEach((field, value) -> filterProblems(field, value, problems));
        }
        return problems;
    }

    private static void filterProblems(String field, Object value, List<String> problems) {
        boolean known = FILTER_FIELDS.contains(field)
                || (field.startsWith(ATTRIBUTE_PREFIX) && field.length() > ATTRIBUTE_PREFIX.length());
        if (!known) {
            problems.add("filter." + field + ": unknown field; known: attributes.NAME and " + FILTER_FIELDS.stream().sorted().toList());
            return;
        }
        if (value == null) {
            problems.add("filter." + field + ": a value, a list of values or a range object is required");
        } else if (value instanceof Map<?, ?> range) {
            if (range.isEmpty()) {
                problems.add("filter." + field + ": an empty range");
            }
            range.forEach((op, bound) -> {
                if (!RANGE_OPERATORS.contains(String.valueOf(op))) {
                    problems.add("filter." + field + "." + op + ": unknown range operator; use gte, gt, lte or lt");
                } else if (!(bound instanceof Number)) {
                    problems.add("filter." + field + "." + op + ": must be a number");
                }
            });
        } else if (value instanceof Collection<?> values) {
            if (values.isEmpty()) {
                problems.add("filter." + field + ": an empty list of values");
            }
            for (Object v : values) {
                if (!scalar(v)) {
                    problems.add("filter." + field + ": list values must be strings, numbers or booleans");
                    break;
                }
            }
        } else if (!scalar(value)) {
            problems.add("filter." + field + ": must be a string, number, boolean, list or range object");
        }
    }

    private static boolean scalar(Object v) {
        return v instanceof String || v instanceof Number || v instanceof Boolean;
    }

    /**
     * Whether a customer matches every filter condition; {@code valueOf} gives the customer's value of a filter
     * field (a String, Number or Boolean; null when the customer has none, which matches no condition).
     */
    public boolean matches(Function<String, Object> valueOf) {
        if (filter == null) {
            return true;
        }
        for (Map.Entry<String, Object> c : filter.entrySet()) {
            if (!matches(valueOf.apply(c.getKey()), c.getValue())) {
                return false;
            }
        }
        return true;
    }

    private static boolean matches(Object actual, Object expected) {
        if (actual == null) {
            return false;
        }
        if (expected instanceof Map<?, ?> range) {
            Double x = number(actual);
            if (x == null) {
                return false;
            }
            for (Map.Entry<?, ?> b : range.entrySet()) {
                double bound = ((Number) b.getValue()).doubleValue();
                boolean ok = switch (String.valueOf(b.getKey())) {
                    case "gte" -> x >= bound;
                    case "gt" -> x > bound;
                    case "lte" -> x <= bound;
                    default -> x < bound;
                };
                if (!ok) {
                    return false;
                }
            }
            return true;
        }
        if (expected instanceof Collection<?> values) {
            for (Object v : values) {
                if (equal(actual, v)) {
                    return true;
                }
            }
            return false;
        }
        return equal(actual, expected);
    }

    private static boolean equal(Object actual, Object expected) {
        if (expected instanceof Number n) {
            Double x = number(actual);
            return x != null && x == n.doubleValue();
        }
        if (expected instanceof Boolean b) {
            return b.equals(actual) || b.toString().equalsIgnoreCase(String.valueOf(actual));
        }
        return String.valueOf(expected).equals(String.valueOf(actual));
    }

    private static Double number(Object v) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(String.valueOf(v));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
