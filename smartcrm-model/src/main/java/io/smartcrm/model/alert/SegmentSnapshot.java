package io.smartcrm.model.alert;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One segment in one tumbling event-time window, as indexed in {@code crm-segments} (a time series): the customers
 * active in the window (at least one event in it), counted in the segment they were in at their last activity,
 * with their mean scores and RFM figures. Money is in the base currency.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SegmentSnapshot {
    public String windowStart;
    public String windowEnd;
    public int segmentId;
    public String segmentName;
    public Long modelVersion;
    /** Active customers in this segment. */
    public long customers;
    /** Active segmented customers in the window, all segments. */
    public long activeCustomers;
    /** customers / activeCustomers. */
    public double share;
    /** Customers that moved into this segment from another one during the window. */
    public long movedIn;
    public long movedOut;
    public Double churnMean;
    public long churnScored;
    public Double propensityMean;
    public long propensityScored;
    /** Means over the segment's buyers: days since last purchase, orders, revenue, and RFM scores 1–5. */
    public Double recencyDays;
    public Double frequency;
    public Double monetary;
    public Double rfmRecency;
    public Double rfmFrequency;
    public Double rfmMonetary;
    public long buyers;
}
