package io.smartcrm.job.profile;

import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** How profiles are built: master-data source precedence, session gap, cart abandonment, size caps. */
public final class ProfileSettings implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Distinct products remembered per customer; past this the count stops growing. */
    static final int MAX_DISTINCT_PRODUCTS = 5_000;
    /** Free attributes kept per customer; new keys past this are ignored. */
    static final int MAX_ATTRIBUTES = 200;
    /** Tickets whose status is tracked per customer (the most recent). */
    static final int MAX_TRACKED_TICKETS = 200;

    final Map<String, Integer> sourceRanks = new HashMap<>();
    final long sessionGapMillis;
    final long cartAbandonMillis;

    /**
     * @param sourcePrecedence sources from most to least trusted; unlisted sources rank below all listed ones
     */
    public ProfileSettings(List<String> sourcePrecedence, long sessionGapMillis, long cartAbandonMillis) {
        for (int i = 0; i < sourcePrecedence.size(); i++) {
            sourceRanks.put(sourcePrecedence.get(i).trim().toLowerCase(Locale.ROOT), sourcePrecedence.size() - i);
        }
        this.sessionGapMillis = sessionGapMillis;
        this.cartAbandonMillis = cartAbandonMillis;
    }

    /**
     * How long behind the newest event time the details of sessions and carts are kept: within it, events in any
     * order give the same figures; older details are final. Longer than any session gap or cart idle time.
     */
    long memoryMillis() {
        return Math.max(sessionGapMillis, cartAbandonMillis) + ProfileState.DAY;
    }

    int rank(String source) {
        return source == null ? 0 : sourceRanks.getOrDefault(source, 0);
    }
}
