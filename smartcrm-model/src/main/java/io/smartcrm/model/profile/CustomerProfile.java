package io.smartcrm.model.profile;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;
import java.util.Map;

/**
 * One customer's 360 document as indexed in {@code crm-customers}. Times are ISO-8601 UTC strings; figures are
 * "as of" {@link #asOf}, the newest event time the profile has seen (or the daily refresh it was recomputed at).
 */
public class CustomerProfile {
    public String customerId;
    /** Set only on the marker the job passes along when the customer was erased: the document is deleted. */
    @JsonIgnore
    public boolean erased;
    /** Monotonic per customer: every change bumps it; Elasticsearch keeps the highest (external versioning). */
    public long version;
    public String asOf;
    public String updatedAt;
    public String firstSeen;
    public String lastSeen;
    public Integer tenureDays;
    public long eventCount;
    public long lateEvents;

    public String name;
    public String email;
    public String phone;
    public String country;
    public String city;
    public String birthDate;
    public String gender;
    public Map<String, Boolean> consent;
    public Map<String, String> attributes;
    /** Declared kind of each attribute: numeric, categorical, boolean, text or label (see the event schema). */
    public Map<String, String> attributeKinds;

    public Orders orders = new Orders();
    public Engagement engagement = new Engagement();
    public Support support = new Support();
    public Subscription subscription = new Subscription();
    public Windows windows = new Windows();
    public Rfm rfm;
    public Segment segment;
    public Score churn;
    public Score propensity;

    /** Lifetime order figures; money in the base currency. */
    /** The marker of an erased customer. */
    public static CustomerProfile erasure(String customerId) {
        CustomerProfile p = new CustomerProfile();
        p.customerId = customerId;
        p.erased = true;
        return p;
    }

    public static class Orders {
        public long count;
        /** Purchases minus refunds. */
        public double revenue;
        public double grossRevenue;
        public long refunds;
        public double refundAmount;
        /** Gross revenue per order. */
        public Double avgOrderValue;
        public String firstPurchaseAt;
        public String lastPurchaseAt;
        public Integer daysSinceLastPurchase;
        public long distinctProducts;
        public List<String> topCategories;
    }

    /** Lifetime behaviour on web, app and email. */
    public static class Engagement {
        /** The customer's last event of any type but {@code email_send} (which the shop, not the customer, makes). */
        public String lastActivityAt;
        public long sessions;
        public long pageViews;
        public long productViews;
        public long logins;
        public long cartAdds;
        public long cartRemoves;
        public long cartsConverted;
        public long cartsAbandoned;
        public Double cartAbandonmentRate;
        public long emailsSent;
        public long emailOpens;
        public long emailClicks;
        public Double emailOpenRate;
        public Double emailClickRate;
    }

    /** Service load. */
    public static class Support {
        public long tickets;
        public long openTickets;
        public String lastTicketAt;
    }

    public static class Subscription {
        public boolean cancelled;
        public String cancelledAt;
    }

    /** Rolling event-time windows ending at {@code asOf}. */
    public static class Windows {
        public WindowFigures d7 = new WindowFigures();
        public WindowFigures d30 = new WindowFigures();
        public WindowFigures d90 = new WindowFigures();
    }

    public static class WindowFigures {
        public long orders;
        /** Purchases minus refunds in the window. */
        public double revenue;
        public long sessions;
        public long pageViews;
        public long cartAdds;
        public long emailOpens;
        public long emailClicks;
        public long tickets;
        public long activeDays;
    }

    /** RFM scores 1–5 against the current population of buyers (5 = most recent / frequent / valuable). */
    public static class Rfm {
        public int recency;
        public int frequency;
        public int monetary;
        /** The three digits, e.g. "545". */
        public String code;
    }

    /** The customer's segment under the current segmentation model. */
    public static class Segment {
        /** Stable across model versions: a new model's centroids are matched to the old ones. */
        public int id;
        public String name;
        /** Euclidean distance to the segment's centroid in standardized feature space. */
        public double distance;
        public long modelVersion;
    }

    /** A classifier's verdict on the customer: a probability with its band and reasons, or "warming_up". */
    public static class Score {
        public static final String SCORED = "scored";
        public static final String WARMING_UP = "warming_up";

        public String status;
        /** Null while warming up. */
        public Double probability;
        /** low, medium or high; null while warming up. */
        public String band;
        /** Null while there is no model yet. */
        public Long modelVersion;
        public String scoredAt;
        /** The features that moved the score most, largest first. */
        public List<Reason> reasons;
    }

    /** One feature's part in a score: coefficient × standardized value, in log-odds. */
    public static class Reason {
        public String feature;
        public double contribution;
        /** "raises" or "lowers". */
        public String effect;
        public String text;
    }
}
