package io.smartcrm.model.alert;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An alert as indexed in {@code crm-alerts} and published on the alerts topic. One alert per ongoing condition:
 * it opens when the condition is first met, is updated (same {@link #id}, higher {@link #version}) while it lasts,
 * and is resolved when the condition is gone. Times are ISO-8601 UTC event times.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Alert {
    /** The whole segment distribution moved: population stability index over the threshold. */
    public static final String DISTRIBUTION_SHIFT = "distribution_shift";
    /** One segment's share of active customers changed by more than the threshold. */
    public static final String SEGMENT_SHARE = "segment_share";
    /** One segment's mean churn risk rose by more than the threshold. */
    public static final String SEGMENT_CHURN = "segment_churn";
    /** A marketer's rule fired. */
    public static final String RULE = "rule";

    public static final String OPEN = "open";
    public static final String RESOLVED = "resolved";

    public String id;
    public String kind;
    /** open or resolved. */
    public String state;
    /** minor or major: the highest reached while open. */
    public String severity;
    /** Bumped by every update; Elasticsearch keeps the highest. */
    public long version;
    /** Start of the first window the condition held in. */
    public String openedAt;
    /** End of the latest window evaluated. */
    public String updatedAt;
    public String resolvedAt;
    /** Why a resolved alert ended. */
    public String resolution;
    /** Windows (periods, for rules) the condition has held in. */
    public int windows;
    public String windowStart;
    public String windowEnd;
    public Integer segmentId;
    public String segmentName;
    public String ruleId;
    public String ruleName;
    public String metric;
    public Double psi;
    /** The reference value: a share, a mean churn risk or, for rules, the metric of the previous period. */
    public Double before;
    /** The value in the latest window. */
    public Double after;
    public Long beforeCount;
    public Long afterCount;
    public Double threshold;
    public String explanation;
    /** For distribution shifts: every segment's share before and after. */
    public List<Share> shares;

    /** One segment's share of active customers in the reference and in the latest window. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Share {
        public int segmentId;
        public String segmentName;
        public double before;
        public double after;
        public long count;

        public Share() {}

        public Share(int segmentId, String segmentName, double before, double after, long count) {
            this.segmentId = segmentId;
            this.segmentName = segmentName;
            this.before = before;
            this.after = after;
            this.count = count;
        }
    }
}
