package io.smartcrm.job.profile;

import io.smartcrm.model.event.CustomerEvent;
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

    public long orders;
    public long refunds;
    public double grossRevenue;
    public double refundAmount;
    public long firstPurchase = NONE;
    public long lastPurchase = NONE;
    public Set<String> products = new HashSet<>();
    public Map<String, Long> categories = new HashMap<>();

    public long sessions;
    public long pageViews;
    public long productViews;
    public long logins;
    public long cartAdds;
    public long cartRemoves;
    public long cartsConverted;
    public long cartsAbandoned;
    public long cartOpenedAt = NONE;
    public long cartLastActivity = NONE;
    public long emailsSent;
    public long emailOpens;
    public long emailClicks;
    public long lastEngagement = NONE;
    public String lastSessionId;
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

    /** The version Elasticsearch orders writes by: events applied, then daily refreshes since the last one. */
    public long version() {
        return (eventCount << 10) | Math.min(refreshTicks, 1023);
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
        lastActivity = Math.max(lastActivity, ts);
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
                if (cartOpenedAt != NONE && ts - cartLastActivity > settings.cartAbandonMillis) {
                    cartsAbandoned++;
                    cartOpenedAt = NONE;
                }
                if (cartOpenedAt == NONE) {
                    cartOpenedAt = ts;
                }
                cartLastActivity = Math.max(cartLastActivity, ts);
                countCategory(e.category, 1);
                break;
            case REMOVE_FROM_CART:
                cartRemoves++;
                cartLastActivity = Math.max(cartLastActivity, ts);
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
            session(e, day, settings);
        }
        pruneDays();
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
        if (cartOpenedAt != NONE && e.timestamp >= cartOpenedAt) {
            cartsConverted++;
            cartOpenedAt = NONE;
            cartLastActivity = NONE;
        }
    }

    private void ticket(CustomerEvent e, DayStats day) {
        String status = e.ticketStatus == null ? "open" : e.ticketStatus;
        String previous = ticketStatus.get(e.ticketId);
        if (previous == null) {
            tickets++;
            if (day != null) {
                day.tickets++;
            }
        }
        if (previous == null || statusTime(previous) <= e.timestamp) {
            ticketStatus.put(e.ticketId, status + "@" + e.timestamp);
        }
        lastTicket = Math.max(lastTicket, e.timestamp);
        if (ticketStatus.size() > ProfileSettings.MAX_TRACKED_TICKETS) {
            ticketStatus.entrySet().stream().min(Comparator.comparingLong(t -> statusTime(t.getValue())))
                    .ifPresent(oldest -> ticketStatus.remove(oldest.getKey()));
        }
    }

    private static long statusTime(String statusAtTime) {
        return Long.parseLong(statusAtTime.substring(statusAtTime.lastIndexOf('@') + 1));
    }

    private void session(CustomerEvent e, DayStats day, ProfileSettings settings) {
        boolean newSession = e.sessionId != null
                ? !e.sessionId.equals(lastSessionId)
                : lastEngagement == NONE || Math.abs(e.timestamp - lastEngagement) > settings.sessionGapMillis;
        if (newSession) {
            sessions++;
            if (day != null) {
                day.sessions++;
            }
        }
        if (e.sessionId != null) {
            lastSessionId = e.sessionId;
        }
        lastEngagement = Math.max(lastEngagement, e.timestamp);
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

    /** Closes a cart idle longer than the abandonment time, as of {@link #asOf}. */
    private void expireCart(ProfileSettings settings) {
        if (cartOpenedAt != NONE && asOf - cartLastActivity > settings.cartAbandonMillis) {
            cartsAbandoned++;
            cartOpenedAt = NONE;
            cartLastActivity = NONE;
        }
    }

    /** Whether the profile still has activity inside the rolling windows (daily refreshes stop after). */
    public boolean hasRecentActivity(long timestamp) {
        return lastSeen != NONE && timestamp - lastSeen <= (WINDOW_DAYS + 1) * DAY;
    }

    /** The document as of {@link #asOf}. Closes idle carts first, so it may change the state. */
    public CustomerProfile toDocument(ProfileSettings settings, long nowMillis) {
        expireCart(settings);
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
        g.cartsConverted = cartsConverted;
        g.cartsAbandoned = cartsAbandoned;
        g.cartAbandonmentRate = ratio(cartsAbandoned, cartsAbandoned + cartsConverted);
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
