package io.smartcrm.job.profile;

/** One customer's activity on one UTC day of event time; rolling windows are sums of these. */
public class DayStats {
    public long events;
    public long orders;
    /** Purchases minus refunds. */
    public double revenue;
    public long sessions;
    public long pageViews;
    public long cartAdds;
    public long emailOpens;
    public long emailClicks;
    public long tickets;

    public DayStats() {}
}
