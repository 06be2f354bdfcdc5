package io.smartcrm.job.features;

import io.smartcrm.model.profile.CustomerProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The named features models learn from: behaviour figures of the profile, then its declared attributes.
 * Heavy-tailed counts and amounts are {@code log1p}-transformed; rates stay in [0, 1]. Attributes enter by
 * their declared kind: {@code numeric} as given, {@code boolean} as a 0/1 indicator, {@code categorical}
 * one-hot ({@code attr.NAME=VALUE}); {@code text}, {@code label} and undeclared attributes never do.
 */
public final class ProfileFeatures {
    private static final long DAY = Duration.ofDays(1).toMillis();

    /** A behaviour feature: its name, what it measures, whether it is log1p-transformed, how to read it. */
    public record Definition(String name, String description, boolean log1p,
                             Function<CustomerProfile, Double> raw, Function<Double, String> text) {}

    public static final List<Definition> BEHAVIOUR = List.of(
            new Definition("days_since_last_purchase",
                    "days from the last purchase (never bought: from the first event) to the profile's as-of time",
                    true, ProfileFeatures::daysWithoutPurchase, v -> "no purchase for " + count(v, "day")),
            new Definition("days_since_last_activity",
                    "days from the last event of any kind to the profile's as-of time", true,
                    p -> daysSince(p, p.engagement.lastActivityAt), v -> "last seen " + count(v, "day") + " ago"),
            new Definition("orders", "lifetime orders", true, p -> (double) p.orders.count, v -> count(v, "order")),
            new Definition("net_revenue", "lifetime purchases minus refunds, base currency, at least 0", true,
                    p -> Math.max(0, p.orders.revenue), v -> money(v) + " net revenue"),
            new Definition("avg_order_value", "gross revenue per order (0 without orders)", true,
                    p -> p.orders.avgOrderValue == null ? 0.0 : p.orders.avgOrderValue,
                    v -> "average order " + money(v)),
            new Definition("orders_90d", "orders in the last 90 days", true, p -> (double) p.windows.d90.orders,
                    v -> count(v, "order") + " in the last 90 days"),
            new Definition("sessions_30d", "web and app sessions in the last 30 days", true,
                    p -> (double) p.windows.d30.sessions, v -> count(v, "session") + " in the last 30 days"),
            new Definition("active_days_30d", "days with any event in the last 30 days", true,
                    p -> (double) p.windows.d30.activeDays, v -> "active on " + count(v, "day") + " of the last 30"),
            new Definition("cart_abandonment_rate", "share of settled carts abandoned (missing: no carts)", false,
                    p -> p.engagement.cartAbandonmentRate, v -> "abandons " + percent(v) + " of carts"),
            new Definition("email_click_rate", "share of emails sent that were clicked (missing: none sent)", false,
                    p -> p.engagement.emailClickRate, v -> "clicks " + percent(v) + " of emails"),
            new Definition("tickets_90d", "support tickets in the last 90 days", true,
                    p -> (double) p.windows.d90.tickets, v -> count(v, "support ticket") + " in the last 90 days"),
            new Definition("open_tickets", "support tickets open or pending", true,
                    p -> (double) p.support.openTickets, v -> count(v, "open support ticket")),
            new Definition("refunds", "lifetime refunds", true, p -> (double) p.orders.refunds, v -> count(v, "refund")),
            new Definition("tenure_days", "days from the first event to the profile's as-of time", true,
                    p -> p.tenureDays == null ? null : (double) p.tenureDays, v -> "customer for " + count(v, "day")));

    /** Attribute feature names start with this prefix; one-hot ones continue with {@code NAME=VALUE}. */
    public static final String ATTRIBUTE_PREFIX = "attr.";

    private ProfileFeatures() {}

    /** Names of all behaviour features, in order. */
    public static List<String> behaviourNames() {
        List<String> names = new ArrayList<>(BEHAVIOUR.size());
        BEHAVIOUR.forEach(d -> names.add(d.name()));
        return names;
    }

    public static Definition definition(String name) {
        for (Definition d : BEHAVIOUR) {
            if (d.name().equals(name)) {
                return d;
            }
        }
        return null;
    }

    /**
     * The features of a profile: every behaviour feature it has, then its declared attributes except those
     * named in {@code excludedAttributes} (labels).
     */
    public static FeatureValues extract(CustomerProfile p, Set<String> excludedAttributes) {
        FeatureValues f = new FeatureValues();
        for (Definition d : BEHAVIOUR) {
            Double raw = d.raw().apply(p);
            if (raw != null && Double.isFinite(raw)) {
                f.numeric(d.name(), d.log1p() ? Math.log1p(Math.max(0, raw)) : raw, d.text().apply(raw));
            }
        }
        if (p.attributes != null && p.attributeKinds != null) {
            for (Map.Entry<String, String> a : p.attributes.entrySet()) {
                String kind = p.attributeKinds.get(a.getKey());
                if (kind != null && !excludedAttributes.contains(a.getKey())) {
                    attribute(f, a.getKey(), a.getValue(), kind);
                }
            }
        }
        return f;
    }

    private static void attribute(FeatureValues f, String name, String value, String kind) {
        String label = words(name);
        switch (kind) {
            case "numeric" -> {
                Double v = number(value);
                if (v != null) {
                    f.numeric(ATTRIBUTE_PREFIX + name, v, label + ": " + value);
                }
            }
            case "boolean" -> {
                Boolean b = parseBoolean(value);
                if (b != null) {
                    f.indicator(ATTRIBUTE_PREFIX + name, b, label + ": " + (b ? "yes" : "no"));
                }
            }
            case "categorical" -> f.indicator(ATTRIBUTE_PREFIX + name + "=" + value, true, label + ": " + value);
            default -> { }
        }
    }

    private static Double daysWithoutPurchase(CustomerProfile p) {
        if (p.orders.lastPurchaseAt != null) {
            return daysSince(p, p.orders.lastPurchaseAt);
        }
        return p.tenureDays == null ? null : (double) p.tenureDays;
    }

    private static Double daysSince(CustomerProfile p, String time) {
        if (time == null || p.asOf == null) {
            return null;
        }
        long ms = Instant.parse(p.asOf).toEpochMilli() - Instant.parse(time).toEpochMilli();
        return (double) Math.max(0, ms / DAY);
    }

    private static Double number(String s) {
        try {
            double v = Double.parseDouble(s.trim());
            return Double.isFinite(v) ? v : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** true/yes/1 or false/no/0, any case; null for anything else. */
    public static Boolean parseBoolean(String s) {
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> null;
        };
    }

    /** "tenureMonths" → "tenure months". */
    static String words(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1 $2").replace('_', ' ').toLowerCase(Locale.ROOT);
    }

    private static String count(double v, String unit) {
        long n = Math.round(v);
        return n + " " + unit + (n == 1 ? "" : "s");
    }

    private static String money(double v) {
        return String.format(Locale.ROOT, "%,.2f", v);
    }

    private static String percent(double v) {
        return Math.round(v * 100) + " %";
    }
}
