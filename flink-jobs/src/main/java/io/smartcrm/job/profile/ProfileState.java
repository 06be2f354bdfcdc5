package io.smartcrm.job.profile;

import io.smartcrm.model.event.CustomerEvent;
import io.smartcrm.model.event.EventType;
import io.smartcrm.model.event.LineItem;
import io.smartcrm.model.profile.CustomerProfile;
import io.smartcrm.model.profile.CustomerProfile.WindowFigures;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Everything smartcrm keeps about one customer, and the arithmetic that turns events into figures. Pure logic:
 * the Flink operator only stores it. Lifetime figures take every event, late or not; rolling windows are kept
 * as per-day buckets of event time for the last {@value #WINDOW_DAYS} days before {@link #asOf}.
 *
 * <p>The figures do not depend on the order events arrive in: sessions and carts are decided on event time from
 * the details of the last {@link ProfileSettings#memoryMillis()} (longer than any out-of-orderness the job
 * tolerates), and master data, ticket statuses and every other figure are order-free by construction. Nor do
 * they depend on when documents are made: {@link #toDocument} does not change the state.
 */
public class ProfileState {
    static final int WINDOW_DAYS = 90;
    static final long DAY = 86_400_000L;
    private static final long NONE = Long.MIN_VALUE;

    public String customerId;
    public long eventCount;
    public long lateEvents;
    /** Daily refreshes since the last event; part of the version. */
    public int refreshTicks;
    public long firstSeen = NONE;
    public long lastSeen = NONE;
    /** The event time figures are computed at: the newest event or daily refresh. */
    public long asOf = NONE;

    public Map<String, MasterValue> master = new HashMap<>();
    /** Attribute name → "kind@eventTime" of its newest declaration (numeric, categorical, boolean, text, label). */
    public Map<String, String> attributeKinds = new HashMap<>();

    public long orders;
    public long refunds;
    public double grossRevenue;
    public double refundAmount;
    public long firstPurchase = NONE;
    public long lastPurchase = NONE;
    public Set<String> products = new HashSet<>();
    public Map<String, Long> categories = new HashMap<>();

    /** Sessions counted so far (a late event joining two sessions makes them one again). */
    public long sessions;
    /** Recent sessions of events without a sessionId: disjoint runs more than the session gap apart. */
    public List<Span> gapSessions = new ArrayList<>();
    /** Recent sessions by sessionId. */
    public Map<String, Span> idSessions = new HashMap<>();
    public long pageViews;
    public long productViews;
    public long logins;
    public long cartAdds;
    public long cartRemoves;
    /** Carts converted before the cart marks still kept. */
    public long cartsConverted;
    /** Carts abandoned before the cart marks still kept. */
    public long cartsAbandoned;
    /** The cart open before the cart marks still kept (NONE: none), and its last activity. */
    public long cartOpenedAt = NONE;
    public long cartLastActivity = NONE;
    /** Recent adds, removes and purchases, in arrival order; read in event-time order. */
    public List<CartMark> cartMarks = new ArrayList<>();
    public long emailsSent;
    public long emailOpens;
    public long emailClicks;
    /** Last event time of the customer's own doing: every type but email_send. */
    public long lastActivity = NONE;

    public long tickets;
    public long lastTicket = NONE;
    /** ticketId → "status@eventTime" of its newest event. */
    public Map<String, String> ticketStatus = new HashMap<>();

    public boolean cancelled;
    public long cancelledAt = NONE;

    /** Epoch day → activity of that day. */
    public Map<Integer, DayStats> days = new HashMap<>();

    public ProfileState() {}

    /** Where versions start: above the last one of an erased earlier history of the same id, else 0. */
    public long versionBase;

    /** The version Elasticsearch orders writes by: events applied, then daily refreshes since the last one. */
    public long version() {
        return ((versionBase + eventCount) << 10) | Math.min(refreshTicks, 1023);
    }

    /** Applies one event; {@code late} says it arrived behind the watermark (counted, still applied). */
    public void apply(CustomerEvent e, boolean late, ProfileSettings settings) {
        eventCount++;
        refreshTicks = 0;
        if (late) {
            lateEvents++;
        }
        long ts = e.timestamp;
        firstSeen = firstSeen == NONE ? ts : Math.min(firstSeen, ts);
        lastSeen = Math.max(lastSeen, ts);
        asOf = Math.max(asOf, ts);
        if (e.type != EventType.EMAIL_SEND) {
            lastActivity = Math.max(lastActivity, ts);
        }
        DayStats day = dayFor(ts);
        if (day != null) {
            day.events++;
        }
        int rank = settings.rank(e.source);
        master("email", e.email, ts, rank);
        master("phone", e.phone, ts, rank);
        switch (e.type) {
            case PURCHASE:
                purchase(e, day);
                cartMarks.add(new CartMark(ts, CartMark.PURCHASE));
                break;
            case REFUND:
                refunds++;
                refundAmount += e.amount;
                if (day != null) {
                    day.revenue -= e.amount;
                }
                break;
            case PAGE_VIEW:
                pageViews++;
                if (day != null) {
                    day.pageViews++;
                }
                break;
            case PRODUCT_VIEW:
                productViews++;
                countCategory(e.category, 1);
                break;
            case ADD_TO_CART:
                cartAdds++;
                if (day != null) {
                    day.cartAdds++;
                }
                cartMarks.add(new CartMark(ts, CartMark.ADD));
                countCategory(e.category, 1);
                break;
            case REMOVE_FROM_CART:
                cartRemoves++;
                cartMarks.add(new CartMark(ts, CartMark.REMOVE));
                break;
            case LOGIN:
                logins++;
                break;
            case EMAIL_SEND:
                emailsSent++;
                break;
            case EMAIL_OPEN:
                emailOpens++;
                if (day != null) {
                    day.emailOpens++;
                }
                break;
            case EMAIL_CLICK:
                emailClicks++;
                if (day != null) {
                    day.emailClicks++;
                }
                break;
            case SUPPORT_TICKET:
                ticket(e, day);
                break;
            case SUBSCRIPTION_CANCEL:
                cancelled = true;
                cancelledAt = Math.max(cancelledAt, ts);
                break;
            case PROFILE_UPDATE:
                profileUpdate(e, rank);
                break;
            default:
                break;
        }
        if (e.type.isEngagement()) {
            session(e, settings);
        }
        pruneDays();
        forget(settings);
    }

    /** Recomputes figures as of a later event time without a new event (the daily refresh). */
    public void refresh(long timestamp) {
        if (timestamp > asOf) {
            asOf = timestamp;
            refreshTicks++;
            pruneDays();
        }
    }

    private void purchase(CustomerEvent e, DayStats day) {
        orders++;
        grossRevenue += e.amount;
        firstPurchase = firstPurchase == NONE ? e.timestamp : Math.min(firstPurchase, e.timestamp);
        lastPurchase = Math.max(lastPurchase, e.timestamp);
        if (day != null) {
            day.orders++;
            day.revenue += e.amount;
        }
        if (e.items != null) {
            for (LineItem li : e.items) {
                if (products.size() < ProfileSettings.MAX_DISTINCT_PRODUCTS) {
                    products.add(li.productId);
                }
                countCategory(li.category, li.quantity);
            }
        } else if (e.productId != null && products.size() < ProfileSettings.MAX_DISTINCT_PRODUCTS) {
            products.add(e.productId);
        }
    }

    private void ticket(CustomerEvent e, DayStats day) {
        String status = e.ticketStatus == null ? "open" : e.ticketStatus;
        String previous = e.ticketId == null ? null : ticketStatus.get(e.ticketId);
        if (previous == null) {
            tickets++;
            if (day != null) {
                day.tickets++;
            }
        }
        lastTicket = Math.max(lastTicket, e.timestamp);
        if (e.ticketId == null) {
            return; // cannot be followed (the standardizer rejects such tickets)
        }
        if (previous == null || supersedes(status, e.timestamp, previous)) {
            ticketStatus.put(e.ticketId, status + "@" + e.timestamp);
        }
        if (ticketStatus.size() > ProfileSettings.MAX_TRACKED_TICKETS) {
            ticketStatus.entrySet().stream().min(Comparator.comparingLong(t -> timeOf(t.getValue())))
                    .ifPresent(oldest -> ticketStatus.remove(oldest.getKey()));
        }
    }

    /** The time of a "value@eventTime". */
    private static long timeOf(String valueAtTime) {
        return Long.parseLong(valueAtTime.substring(valueAtTime.lastIndexOf('@') + 1));
    }

    /** The value of a "value@eventTime". */
    private static String valueOf(String valueAtTime) {
        return valueAtTime.substring(0, valueAtTime.lastIndexOf('@'));
    }

    /** Newer wins; at the same time the more final status (closed, resolved, pending, open, others by name). */
    private static boolean supersedes(String status, long timestamp, String previous) {
        long previousTime = timeOf(previous);
        if (timestamp != previousTime) {
            return timestamp > previousTime;
        }
        String previousStatus = valueOf(previous);
        int byRank = Integer.compare(statusRank(status), statusRank(previousStatus));
        return byRank != 0 ? byRank > 0 : status.compareTo(previousStatus) > 0;
    }

    private static int statusRank(String status) {
        return switch (status) {
            case "closed" -> 4;
            case "resolved" -> 3;
            case "pending" -> 2;
            case "open" -> 1;
            default -> 0;
        };
    }

    /**
     * Engagement events with a sessionId form one session per id; those without one form sessions of events at
     * most the session gap apart. An event that bridges two such sessions merges them. A session counts for the
     * day it started.
     */
    private void session(CustomerEvent e, ProfileSettings settings) {
        long ts = e.timestamp;
        if (e.sessionId != null) {
            Span s = idSessions.get(e.sessionId);
            if (s == null) {
                idSessions.put(e.sessionId, new Span(ts, ts));
                countSession(ts, 1);
            } else {
                if (ts < s.start) {
                    countSession(s.start, -1);
                    countSession(ts, 1);
                    s.start = ts;
                }
                s.end = Math.max(s.end, ts);
            }
            return;
        }
        long gap = settings.sessionGapMillis;
        long start = ts;
        long end = ts;
        for (Iterator<Span> it = gapSessions.iterator(); it.hasNext(); ) {
            Span s = it.next();
            if (s.start - gap <= ts && ts <= s.end + gap) {
                start = Math.min(start, s.start);
                end = Math.max(end, s.end);
                countSession(s.start, -1);
                it.remove();
            }
        }
        gapSessions.add(new Span(start, end));
        countSession(start, 1);
    }

    private void countSession(long start, int delta) {
        sessions += delta;
        DayStats day = delta > 0 ? dayFor(start) : days.get((int) Math.floorDiv(start, DAY));
        if (day != null) {
            day.sessions += delta;
        }
    }

    /** Drops session and cart details older than the memory; what they decided stays counted. */
    private void forget(ProfileSettings settings) {
        long horizon = asOf - settings.memoryMillis();
        gapSessions.removeIf(s -> s.end < horizon);
        idSessions.values().removeIf(s -> s.end < horizon);
        if (cartMarks.stream().anyMatch(m -> m.timestamp < horizon)) {
            cartMarks.sort(CartMark.ORDER);
            Carts settled = new Carts(this);
            int n = 0;
            for (; n < cartMarks.size() && cartMarks.get(n).timestamp < horizon; n++) {
                settled.step(cartMarks.get(n), settings.cartAbandonMillis);
            }
            cartMarks.subList(0, n).clear();
            cartsConverted = settled.converted;
            cartsAbandoned = settled.abandoned;
            cartOpenedAt = settled.openedAt;
            cartLastActivity = settled.lastActivity;
        }
    }

    /**
     * Carts read in event-time order: an add opens a cart (or keeps the open one); adds and removes are cart
     * activity; a cart idle longer than the abandonment time is abandoned — at the next cart event, at a purchase
     * (which then converts nothing), or as of the document's time; otherwise a purchase converts it.
     */
    private static final class Carts {
        long converted;
        long abandoned;
        long openedAt;
        long lastActivity;

        Carts(ProfileState s) {
            converted = s.cartsConverted;
            abandoned = s.cartsAbandoned;
            openedAt = s.cartOpenedAt;
            lastActivity = s.cartLastActivity;
        }

        void step(CartMark m, long abandonAfter) {
            idleUntil(m.timestamp, abandonAfter);
            switch (m.kind) {
                case CartMark.ADD -> {
                    if (openedAt == NONE) {
                        openedAt = m.timestamp;
                    }
                    lastActivity = Math.max(lastActivity, m.timestamp);
                }
                case CartMark.REMOVE -> {
                    if (openedAt != NONE) {
                        lastActivity = Math.max(lastActivity, m.timestamp);
                    }
                }
                default -> {
                    if (openedAt != NONE) {
                        converted++;
                        openedAt = NONE;
                        lastActivity = NONE;
                    }
                }
            }
        }

        /** Abandons the open cart if it has been idle too long at this time. */
        void idleUntil(long timestamp, long abandonAfter) {
            if (openedAt != NONE && timestamp - lastActivity > abandonAfter) {
                abandoned++;
                openedAt = NONE;
                lastActivity = NONE;
            }
        }
    }

    private Carts cartsAsOf(ProfileSettings settings) {
        Carts carts = new Carts(this);
        List<CartMark> marks = new ArrayList<>(cartMarks);
        marks.sort(CartMark.ORDER);
        for (CartMark m : marks) {
            carts.step(m, settings.cartAbandonMillis);
        }
        carts.idleUntil(asOf, settings.cartAbandonMillis);
        return carts;
    }

    private void profileUpdate(CustomerEvent e, int rank) {
        long ts = e.timestamp;
        master("name", e.name, ts, rank);
        master("country", e.country, ts, rank);
        master("city", e.city, ts, rank);
        master("birthDate", e.birthDate, ts, rank);
        master("gender", e.gender, ts, rank);
        if (e.consent != null) {
            e.consent.forEach((k, v) -> master("consent." + k, String.valueOf(v), ts, rank));
        }
        if (e.attributes != null) {
            e.attributes.forEach((k, v) -> master("attr." + k, v, ts, rank));
        }
        if (e.attributeKinds != null) {
            e.attributeKinds.forEach((k, v) -> attributeKind(k, v, ts));
        }
    }

    /** Keeps the newest declaration per attribute, for at most as many names as attributes are kept. */
    private void attributeKind(String name, String kind, long ts) {
        String previous = attributeKinds.get(name);
        if (previous == null ? attributeKinds.size() < ProfileSettings.MAX_ATTRIBUTES
                : kindSupersedes(kind, ts, previous)) {
            attributeKinds.put(name, kind + "@" + ts);
        }
    }

    /** Newer wins; at the same time a label (so it is never taken for a feature), then the greater kind by name. */
    private static boolean kindSupersedes(String kind, long timestamp, String previous) {
        long previousTime = timeOf(previous);
        if (timestamp != previousTime) {
            return timestamp > previousTime;
        }
        String previousKind = valueOf(previous);
        int byLabel = Boolean.compare(kind.equals("label"), previousKind.equals("label"));
        return byLabel != 0 ? byLabel > 0 : kind.compareTo(previousKind) > 0;
    }

    private void master(String field, String value, long ts, int rank) {
        if (value == null) {
            return;
        }
        MasterValue current = master.get(field);
        if (current == null) {
            if (field.startsWith("attr.") && attributeCount() >= ProfileSettings.MAX_ATTRIBUTES) {
                return;
            }
            master.put(field, new MasterValue(value, ts, rank));
        } else if (current.losesTo(value, ts, rank)) {
            current.value = value;
            current.timestamp = ts;
            current.rank = rank;
        }
    }

    private long attributeCount() {
        return master.keySet().stream().filter(k -> k.startsWith("attr.")).count();
    }

    private void countCategory(String category, int weight) {
        if (category != null && (categories.containsKey(category) || categories.size() < 500)) {
            categories.merge(category, (long) weight, Long::sum);
        }
    }

    /** The bucket for this event time, or null when it lies before the rolling windows. */
    private DayStats dayFor(long ts) {
        int day = (int) Math.floorDiv(ts, DAY);
        if (day <= asOfDay() - WINDOW_DAYS) {
            return null;
        }
        return days.computeIfAbsent(day, d -> new DayStats());
    }

    private int asOfDay() {
        return (int) Math.floorDiv(asOf, DAY);
    }

    private void pruneDays() {
        int oldest = asOfDay() - WINDOW_DAYS;
        days.keySet().removeIf(d -> d <= oldest);
    }

    /** Whether the profile still has activity inside the rolling windows (daily refreshes stop after). */
    public boolean hasRecentActivity(long timestamp) {
        return lastSeen != NONE && timestamp - lastSeen <= (WINDOW_DAYS + 1) * DAY;
    }

    /** The document as of {@link #asOf} (a cart idle past the abandonment time by then counts as abandoned). */
    public CustomerProfile toDocument(ProfileSettings settings, long nowMillis) {
        CustomerProfile p = new CustomerProfile();
        p.customerId = customerId;
        p.version = version();
        p.asOf = iso(asOf);
        p.updatedAt = iso(nowMillis);
        p.firstSeen = iso(firstSeen);
        p.lastSeen = iso(lastSeen);
        p.tenureDays = firstSeen == NONE ? null : (int) ((asOf - firstSeen) / DAY);
        p.eventCount = eventCount;
        p.lateEvents = lateEvents;

        p.name = value("name");
        p.email = value("email");
        p.phone = value("phone");
        p.country = value("country");
        p.city = value("city");
        p.birthDate = value("birthDate");
        p.gender = value("gender");
        Map<String, Boolean> consent = new TreeMap<>();
        Map<String, String> attributes = new TreeMap<>();
        master.forEach((k, v) -> {
            if (k.startsWith("consent.")) {
                consent.put(k.substring(8), Boolean.valueOf(v.value));
            } else if (k.startsWith("attr.")) {
                attributes.put(k.substring(5), v.value);
            }
        });
        p.consent = consent.isEmpty() ? null : consent;
        p.attributes = attributes.isEmpty() ? null : attributes;
        Map<String, String> kinds = new TreeMap<>();
        attributeKinds.forEach((k, v) -> {
            if (attributes.containsKey(k)) {
                kinds.put(k, valueOf(v));
            }
        });
        p.attributeKinds = kinds.isEmpty() ? null : kinds;

        CustomerProfile.Orders o = p.orders;
        o.count = orders;
        o.grossRevenue = round(grossRevenue);
        o.refunds = refunds;
        o.refundAmount = round(refundAmount);
        o.revenue = round(grossRevenue - refundAmount);
        o.avgOrderValue = orders == 0 ? null : round(grossRevenue / orders);
        o.firstPurchaseAt = iso(firstPurchase);
        o.lastPurchaseAt = iso(lastPurchase);
        o.daysSinceLastPurchase = lastPurchase == NONE ? null : (int) Math.max(0, (asOf - lastPurchase) / DAY);
        o.distinctProducts = products.size();
        o.topCategories = topCategories(3);

        CustomerProfile.Engagement g = p.engagement;
        g.lastActivityAt = iso(lastActivity);
        g.sessions = sessions;
        g.pageViews = pageViews;
        g.productViews = productViews;
        g.logins = logins;
        g.cartAdds = cartAdds;
        g.cartRemoves = cartRemoves;
        Carts carts = cartsAsOf(settings);
        g.cartsConverted = carts.converted;
        g.cartsAbandoned = carts.abandoned;
        g.cartAbandonmentRate = ratio(carts.abandoned, carts.abandoned + carts.converted);
        g.emailsSent = emailsSent;
        g.emailOpens = emailOpens;
        g.emailClicks = emailClicks;
        g.emailOpenRate = emailsSent == 0 ? null : Math.min(1.0, ratio(emailOpens, emailsSent));
        g.emailClickRate = emailsSent == 0 ? null : Math.min(1.0, ratio(emailClicks, emailsSent));

        p.support.tickets = tickets;
        p.support.openTickets = ticketStatus.values().stream()
                .filter(s -> s.startsWith("open@") || s.startsWith("pending@")).count();
        p.support.lastTicketAt = iso(lastTicket);
        p.subscription.cancelled = cancelled;
        p.subscription.cancelledAt = iso(cancelledAt);

        window(p.windows.d7, 7);
        window(p.windows.d30, 30);
        window(p.windows.d90, 90);
        return p;
    }

    private void window(WindowFigures w, int length) {
        int end = asOfDay();
        for (Map.Entry<Integer, DayStats> entry : days.entrySet()) {
            if (entry.getKey() > end - length && entry.getKey() <= end) {
                DayStats d = entry.getValue();
                w.orders += d.orders;
                w.revenue += d.revenue;
                w.sessions += d.sessions;
                w.pageViews += d.pageViews;
                w.cartAdds += d.cartAdds;
                w.emailOpens += d.emailOpens;
                w.emailClicks += d.emailClicks;
                w.tickets += d.tickets;
                w.activeDays += d.events > 0 ? 1 : 0;
            }
        }
        w.revenue = round(w.revenue);
    }

    private List<String> topCategories(int n) {
        if (categories.isEmpty()) {
            return null;
        }
        List<Map.Entry<String, Long>> entries = new ArrayList<>(categories.entrySet());
        entries.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        List<String> top = new ArrayList<>(n);
        for (Iterator<Map.Entry<String, Long>> it = entries.iterator(); it.hasNext() && top.size() < n; ) {
            top.add(it.next().getKey());
        }
        return top;
    }

    private String value(String field) {
        MasterValue v = master.get(field);
        return v == null ? null : v.value;
    }

    private static Double ratio(long a, long b) {
        return b == 0 ? null : (double) a / b;
    }

    private static double round(double v) {
        return Math.round(v * 100d) / 100d;
    }

    private static String iso(long ts) {
        return ts == NONE ? null : Instant.ofEpochMilli(ts).toString();
    }
}
