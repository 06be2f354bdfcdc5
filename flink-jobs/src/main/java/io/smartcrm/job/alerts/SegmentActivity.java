package io.smartcrm.job.alerts;

import io.smartcrm.model.profile.CustomerProfile;
import java.time.Instant;
import java.util.Map;

/**
 * What the population windows learn about one customer: either that the customer was active in a window (with
 * the state at their last activity in it), or that the customer moved from one segment to another at {@link #time}.
 * Carries the fields marketer rules may filter on.
 */
public class SegmentActivity {
    public String customerId;
    /** Event time: the start of the window the customer was active in, or the time of the move. */
    public long time;
    public boolean moved;
    public Integer segmentId;
    public String segmentName;
    public Long modelVersion;
    public Integer previousSegmentId;
    public String previousSegmentName;
    public Double churn;
    public String churnBand;
    public Double propensity;
    public String propensityBand;
    public Integer daysSinceLastPurchase;
    public long orders;
    public double revenue;
    public Integer rfmRecency;
    public Integer rfmFrequency;
    public Integer rfmMonetary;
    public String rfmCode;
    public String country;
    public String city;
    public String gender;
    public Map<String, Boolean> consent;
    public Map<String, String> attributes;

    public SegmentActivity() {}

    /** The customer's state from a scored profile, without time or kind. */
    public static SegmentActivity of(CustomerProfile p) {
        SegmentActivity a = new SegmentActivity();
        a.customerId = p.customerId;
        if (p.segment != null) {
            a.segmentId = p.segment.id;
            a.segmentName = p.segment.name;
            a.modelVersion = p.segment.modelVersion;
        }
        if (p.churn != null) {
            a.churn = p.churn.probability;
            a.churnBand = p.churn.band;
        }
        if (p.propensity != null) {
            a.propensity = p.propensity.probability;
            a.propensityBand = p.propensity.band;
        }
        a.daysSinceLastPurchase = p.orders.daysSinceLastPurchase;
        a.orders = p.orders.count;
        a.revenue = p.orders.revenue;
        if (p.rfm != null) {
            a.rfmRecency = p.rfm.recency;
            a.rfmFrequency = p.rfm.frequency;
            a.rfmMonetary = p.rfm.monetary;
            a.rfmCode = p.rfm.code;
        }
        a.country = p.country;
        a.city = p.city;
        a.gender = p.gender;
        a.consent = p.consent;
        a.attributes = p.attributes;
        return a;
    }

    /** Milliseconds of the customer's last activity (their own last event), or null. */
    static Long lastActivityMillis(CustomerProfile p) {
        String at = p.engagement == null ? null : p.engagement.lastActivityAt;
        return at == null ? null : Instant.parse(at).toEpochMilli();
    }

    /** The value of a rule filter field (see {@code AlertRule.FILTER_FIELDS}), or null. */
    public Object field(String name) {
        if (name.startsWith("attributes.")) {
            return attributes == null ? null : attributes.get(name.substring("attributes.".length()));
        }
        if (name.startsWith("consent.")) {
            return consent == null ? null : consent.get(name.substring("consent.".length()));
        }
        return switch (name) {
            case "country" -> country;
            case "city" -> city;
            case "gender" -> gender;
            case "segment" -> segmentName;
            case "churn.band" -> churnBand;
            case "propensity.band" -> propensityBand;
            case "churn.probability" -> churn;
            case "propensity.probability" -> propensity;
            case "rfm.recency" -> rfmRecency;
            case "rfm.frequency" -> rfmFrequency;
            case "rfm.monetary" -> rfmMonetary;
            case "rfm.code" -> rfmCode;
            case "orders.count" -> orders;
            case "orders.revenue" -> revenue;
            default -> null;
        };
    }
}
