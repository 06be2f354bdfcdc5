package io.smartcrm.job.profile;

import java.util.Comparator;

/** An event that opens, keeps or closes a cart, at its event time; a cart's fate is read from them in time order. */
public class CartMark {
    static final int ADD = 0;
    static final int REMOVE = 1;
    static final int PURCHASE = 2;
    /** Event time, then add before remove before purchase (a purchase at the same millisecond converts). */
    static final Comparator<CartMark> ORDER = Comparator.<CartMark>comparingLong(m -> m.timestamp).thenComparingInt(m -> m.kind);

    public long timestamp;
    public int kind;

    public CartMark() {}

    CartMark(long timestamp, int kind) {
        this.timestamp = timestamp;
        this.kind = kind;
    }
}
