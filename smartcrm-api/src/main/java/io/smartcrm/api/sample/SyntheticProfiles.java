package io.smartcrm.api.sample;

import io.smartcrm.model.profile.CustomerProfile;
import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Synthetic but realistic customer profile documents, seeded (the same seed and index give the same profile), for
 * the API's tests and latency benchmark. The mix follows the event generator's personas (loyal big spenders 12 %,
 * bargain hunters 20 %, window shoppers 23 %, new 15 %, drifting away 15 %, support-heavy 15 %) and countries;
 * each persona has its own order counts, basket values, recency, engagement and tickets, from which follow RFM
 * scores, a segment (10 % of customers in another one, as a clustering would have it), churn and purchase
 * propensity with bands and reasons, consents and custom attributes.
 */
public final class SyntheticProfiles {
    /** The segment names, by segment id. */
    public static final List<String> SEGMENTS = List.of("high-value loyal", "bargain hunters", "window shoppers",
            "new", "dormant", "needs support");

    private enum Persona {
        // share, mean orders, mean order value, mean days since purchase, mean days since activity, visits/day, tickets/day, churn base
        LOYAL(0.12, 14, 120, 6, 2, 0.30, 0.004, -2.2, 0),
        BARGAIN(0.20, 6, 25, 20, 10, 0.18, 0.006, -1.0, 1),
        WINDOW(0.23, 0.4, 40, 60, 3, 0.55, 0.002, -0.6, 2),
        NEW(0.15, 1, 50, 10, 3, 0.25, 0.005, -0.8, 3),
        DRIFTING(0.15, 4, 60, 70, 55, 0.35, 0.008, 1.2, 4),
        SUPPORT(0.15, 5, 55, 15, 4, 0.25, 0.12, 0.0, 5);

        final double share;
        final double orders;
        final double orderValue;
        final double purchaseDays;
        final double activityDays;
        final double visitsPerDay;
        final double ticketsPerDay;
        final double churnBase;
        final int segment;

        Persona(double share, double orders, double orderValue, double purchaseDays, double activityDays,
                double visitsPerDay, double ticketsPerDay, double churnBase, int segment) {
            this.share = share;
            this.orders = orders;
            this.orderValue = orderValue;
            this.purchaseDays = purchaseDays;
            this.activityDays = activityDays;
            this.visitsPerDay = visitsPerDay;
            this.ticketsPerDay = ticketsPerDay;
            this.churnBase = churnBase;
            this.segment = segment;
        }
    }

    private record Country(String code, double share, String dial, String domain, String[] cities, String[] first,
            String[] last) {}

    private static final List<Country> COUNTRIES = List.of(
            new Country("GB", 0.25, "44", "co.uk", new String[] {"London", "Manchester", "Birmingham", "Leeds", "Glasgow", "Bristol", "Edinburgh"},
                    new String[] {"Amelia", "Olivia", "Isla", "Oliver", "George", "Harry", "Chloë"},
                    new String[] {"Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "O'Brien"}),
            new Country("DE", 0.22, "49", "de", new String[] {"Berlin", "Hamburg", "München", "Köln", "Frankfurt am Main", "Stuttgart"},
                    new String[] {"Mia", "Hannah", "Emma", "Lukas", "Leon", "Jürgen"},
                    new String[] {"Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Groß"}),
            new Country("US", 0.13, "1", "com", new String[] {"New York", "Chicago", "Austin", "Seattle", "Boston", "Denver"},
                    new String[] {"Olivia", "Emma", "Ava", "James", "Michael", "Ethan"},
                    new String[] {"Johnson", "Williams", "Garcia", "Miller", "Davis", "Martinez"}),
            new Country("FR", 0.15, "33", "fr", new String[] {"Paris", "Lyon", "Marseille", "Toulouse", "Lille", "Nantes"},
                    new String[] {"Léa", "Chloé", "Manon", "Louis", "Gabriel", "Hugo"},
                    new String[] {"Martin", "Bernard", "Dubois", "Lefèvre", "Moreau", "Roux"}),
            new Country("NL", 0.10, "31", "nl", new String[] {"Amsterdam", "Rotterdam", "Utrecht", "Eindhoven", "Den Haag"},
                    new String[] {"Emma", "Julia", "Tess", "Daan", "Sem", "Bram"},
                    new String[] {"de Jong", "Jansen", "de Vries", "van den Berg", "Bakker", "Visser"}),
            new Country("IE", 0.07, "353", "ie", new String[] {"Dublin", "Cork", "Galway", "Limerick"},
                    new String[] {"Aoife", "Niamh", "Saoirse", "Seán", "Conor", "Cian"},
                    new String[] {"Murphy", "Kelly", "O'Sullivan", "Walsh", "Byrne", "Ryan"}),
            new Country("ES", 0.08, "34", "es", new String[] {"Madrid", "Barcelona", "Valencia", "Sevilla", "Bilbao"},
                    new String[] {"Lucía", "Sofía", "Martina", "Hugo", "Martín", "Pablo"},
                    new String[] {"García", "Fernández", "López", "Martínez", "Sánchez", "Pérez"}));
    private static final String[] CATEGORIES = {"shoes", "outerwear", "accessories", "home", "beauty", "electronics",
            "sports", "kids"};
    private static final String[] PLANS = {"basic", "plus", "premium"};

    private final long seed;
    private final Instant asOf;

    public SyntheticProfiles(long seed, Instant asOf) {
        this.seed = seed;
        this.asOf = asOf;
    }

    /** The customer id of profile {@code index}. */
    public static String id(int index) {
        return String.format(Locale.ROOT, "C%07d", index);
    }

    /** Profile {@code index} (0-based), the same for the same seed. */
    public CustomerProfile profile(int index) {
        Random r = new Random(seed * 1_000_003L + index);
        Persona persona = persona(r);
        Country country = pick(r, COUNTRIES);
        CustomerProfile p = new CustomerProfile();
        p.customerId = id(index);

        String first = country.first[r.nextInt(country.first.length)];
        String last = country.last[r.nextInt(country.last.length)];
        p.name = first + " " + last;
        p.email = ascii(first + "." + last).replaceAll("[^a-z0-9.]", "") + index + "@example." + country.domain;
        p.phone = "+" + country.dial + (700_000_000L + (long) r.nextInt(299_999_999));
        p.country = country.code;
        p.city = country.cities[r.nextInt(country.cities.length)];
        p.gender = r.nextBoolean() ? "female" : "male";
        p.birthDate = String.format(Locale.ROOT, "%d-%02d-%02d", 1950 + r.nextInt(55), 1 + r.nextInt(12), 1 + r.nextInt(28));
        p.consent = new LinkedHashMap<>();
        p.consent.put("email", r.nextDouble() < (persona == Persona.DRIFTING ? 0.45 : 0.75));
        p.consent.put("sms", r.nextDouble() < 0.35);
        p.consent.put("push", r.nextDouble() < 0.40);
        p.consent.put("phone", r.nextDouble() < 0.20);
        p.consent.put("profiling", r.nextDouble() < 0.60);
        p.attributes = new LinkedHashMap<>();
        p.attributes.put("loyaltyTier", persona == Persona.LOYAL ? (r.nextDouble() < 0.6 ? "gold" : "platinum")
                : r.nextDouble() < 0.5 ? "bronze" : "silver");
        p.attributes.put("plan", PLANS[Math.min(2, (int) (r.nextDouble() * (persona == Persona.LOYAL ? 4 : 3)))]);
        p.attributes.put("channel", r.nextDouble() < 0.45 ? "app" : "web");
        p.attributes.put("newsletter", String.valueOf(p.consent.get("email") && r.nextDouble() < 0.8));
        p.attributeKinds = Map.of("loyaltyTier", "categorical", "plan", "categorical", "channel", "categorical",
                "newsletter", "boolean");

        int tenure = persona == Persona.NEW ? 1 + r.nextInt(30) : 60 + r.nextInt(660);
        int activityAgo = (int) Math.min(tenure, exponential(r, persona.activityDays));
        p.tenureDays = tenure;
        p.firstSeen = ago(tenure, r);
        p.lastSeen = ago(activityAgo, r);
        p.asOf = asOf.toString();
        p.updatedAt = asOf.toString();

        long orders = poisson(r, persona.orders * Math.max(0.2, Math.min(2.0, tenure / 200.0)));
        double aov = persona.orderValue * Math.exp(0.5 * r.nextGaussian());
        if (orders > 0) {
            int purchaseAgo = (int) Math.min(tenure, Math.max(activityAgo, exponential(r, persona.purchaseDays)));
            double refundShare = persona == Persona.SUPPORT || persona == Persona.BARGAIN ? 0.18 : 0.04;
            p.orders.count = orders;
            p.orders.grossRevenue = round(orders * aov);
            p.orders.refunds = binomial(r, orders, refundShare);
            p.orders.refundAmount = round(p.orders.refunds * aov * 0.8);
            p.orders.revenue = round(p.orders.grossRevenue - p.orders.refundAmount);
            p.orders.avgOrderValue = round(aov);
            p.orders.lastPurchaseAt = ago(purchaseAgo, r);
            p.orders.firstPurchaseAt = ago(purchaseAgo + r.nextInt(Math.max(1, tenure - purchaseAgo + 1)), r);
            p.orders.daysSinceLastPurchase = purchaseAgo;
            p.orders.distinctProducts = orders + r.nextInt((int) orders * 2 + 1);
            p.orders.topCategories = List.of(CATEGORIES[r.nextInt(CATEGORIES.length)], CATEGORIES[r.nextInt(CATEGORIES.length)]);
            p.rfm = rfm(purchaseAgo, orders, p.orders.revenue);
        }

        long sessions = poisson(r, persona.visitsPerDay * tenure);
        p.engagement.sessions = sessions;
        p.engagement.pageViews = sessions * (3 + r.nextInt(6));
        p.engagement.productViews = sessions * (2 + r.nextInt(8));
        p.engagement.logins = (long) (sessions * 0.4);
        p.engagement.cartAdds = (long) (sessions * (persona == Persona.WINDOW ? 0.6 : 0.3));
        p.engagement.cartsConverted = Math.min(p.engagement.cartAdds, orders);
        p.engagement.cartsAbandoned = Math.max(0, p.engagement.cartAdds / 2 - p.engagement.cartsConverted);
        long settled = p.engagement.cartsConverted + p.engagement.cartsAbandoned;
        p.engagement.cartAbandonmentRate = settled == 0 ? null : round((double) p.engagement.cartsAbandoned / settled);
        p.engagement.emailsSent = tenure / 7;
        p.engagement.emailOpens = binomial(r, p.engagement.emailsSent, persona == Persona.BARGAIN ? 0.65 : 0.4);
        p.engagement.emailClicks = binomial(r, p.engagement.emailOpens, 0.3);
        p.engagement.emailOpenRate = p.engagement.emailsSent == 0 ? null : round((double) p.engagement.emailOpens / p.engagement.emailsSent);
        p.engagement.emailClickRate = p.engagement.emailsSent == 0 ? null : round((double) p.engagement.emailClicks / p.engagement.emailsSent);
        p.engagement.lastActivityAt = p.lastSeen;
        p.support.tickets = poisson(r, persona.ticketsPerDay * tenure);
        p.support.openTickets = p.support.tickets == 0 ? 0 : r.nextInt((int) Math.min(3, p.support.tickets) + 1);
        p.subscription.cancelled = persona == Persona.DRIFTING && r.nextDouble() < 0.4;
        p.windows.d7.activeDays = activityAgo < 7 ? 1 + r.nextInt(4) : 0;
        p.windows.d30.activeDays = activityAgo < 30 ? p.windows.d7.activeDays + r.nextInt(8) : 0;
        p.windows.d90.activeDays = activityAgo < 90 ? p.windows.d30.activeDays + r.nextInt(15) : 0;
        p.windows.d30.sessions = p.windows.d30.activeDays;
        p.windows.d90.sessions = p.windows.d90.activeDays;
        p.eventCount = sessions * 5 + orders + p.support.tickets;
        p.version = p.eventCount * 1024;

        int segment = r.nextDouble() < 0.9 ? persona.segment : r.nextInt(SEGMENTS.size());
        p.segment = new CustomerProfile.Segment();
        p.segment.id = segment;
        p.segment.name = SEGMENTS.get(segment);
        p.segment.distance = round(0.2 + 2 * r.nextDouble());
        p.segment.modelVersion = 25;

        double recencyDays = p.orders.daysSinceLastPurchase == null ? tenure : p.orders.daysSinceLastPurchase;
        double churnLogit = persona.churnBase + 0.02 * (recencyDays - 30) - 0.05 * Math.min(orders, 20)
                + 0.3 * p.support.openTickets + 0.6 * r.nextGaussian();
        p.churn = score(r, churnLogit, 12, List.of(
                reason("days_since_last_purchase", 0.02 * (recencyDays - 30), "no purchase for " + (int) recencyDays + " days"),
                reason("orders", -0.05 * Math.min(orders, 20), orders + " orders"),
                reason("open_tickets", 0.3 * p.support.openTickets, p.support.openTickets + " open tickets"),
                reason("sessions_30d", -0.04 * p.windows.d30.sessions, p.windows.d30.sessions + " sessions in 30 days")));
        double propensityLogit = -0.5 - 0.6 * persona.churnBase - 0.015 * recencyDays + 0.08 * p.windows.d30.activeDays
                + 0.5 * r.nextGaussian();
        p.propensity = score(r, propensityLogit, 30, List.of(
                reason("active_days_30d", 0.08 * p.windows.d30.activeDays, p.windows.d30.activeDays + " active days in 30 days"),
                reason("days_since_last_purchase", -0.015 * recencyDays, "no purchase for " + (int) recencyDays + " days"),
                reason("email_click_rate", p.engagement.emailClickRate == null ? 0 : p.engagement.emailClickRate,
                        "clicks " + Math.round(100 * (p.engagement.emailClickRate == null ? 0 : p.engagement.emailClickRate)) + " % of emails")));
        return p;
    }

    private CustomerProfile.Score score(Random r, double logit, long modelVersion, List<CustomerProfile.Reason> reasons) {
        CustomerProfile.Score s = new CustomerProfile.Score();
        s.modelVersion = modelVersion;
        if (r.nextDouble() < 0.03) {
            s.status = CustomerProfile.Score.WARMING_UP;
            return s;
        }
        s.status = CustomerProfile.Score.SCORED;
        s.probability = Math.round(10_000 / (1 + Math.exp(-logit))) / 10_000.0;
        s.band = s.probability < 0.3 ? "low" : s.probability < 0.6 ? "medium" : "high";
        s.scoredAt = asOf.toString();
        List<CustomerProfile.Reason> sorted = new ArrayList<>(reasons);
        sorted.sort((a, b) -> Double.compare(Math.abs(b.contribution), Math.abs(a.contribution)));
        s.reasons = sorted.subList(0, 3);
        return s;
    }

    private static CustomerProfile.Reason reason(String feature, double contribution, String text) {
        CustomerProfile.Reason reason = new CustomerProfile.Reason();
        reason.feature = feature;
        reason.contribution = round(contribution);
        reason.effect = contribution >= 0 ? "raises" : "lowers";
        reason.text = text;
        return reason;
    }

    private static CustomerProfile.Rfm rfm(int days, long orders, double revenue) {
        CustomerProfile.Rfm rfm = new CustomerProfile.Rfm();
        rfm.recency = days <= 7 ? 5 : days <= 21 ? 4 : days <= 45 ? 3 : days <= 90 ? 2 : 1;
        rfm.frequency = orders >= 15 ? 5 : orders >= 8 ? 4 : orders >= 4 ? 3 : orders >= 2 ? 2 : 1;
        rfm.monetary = revenue >= 1500 ? 5 : revenue >= 600 ? 4 : revenue >= 250 ? 3 : revenue >= 80 ? 2 : 1;
        rfm.code = "" + rfm.recency + rfm.frequency + rfm.monetary;
        return rfm;
    }

    private String ago(int days, Random r) {
        return asOf.minus(Duration.ofDays(days)).minusSeconds(r.nextInt(86_400)).toString();
    }

    private static Persona persona(Random r) {
        double u = r.nextDouble();
        for (Persona p : Persona.values()) {
            u -= p.share;
            if (u < 0) {
                return p;
            }
        }
        return Persona.SUPPORT;
    }

    private static Country pick(Random r, List<Country> countries) {
        double u = r.nextDouble();
        for (Country c : countries) {
            u -= c.share;
            if (u < 0) {
                return c;
            }
        }
        return countries.get(0);
    }

    private static double exponential(Random r, double mean) {
        return -mean * Math.log(1 - r.nextDouble());
    }

    private static long poisson(Random r, double mean) {
        if (mean > 50) {
            return Math.max(0, Math.round(mean + Math.sqrt(mean) * r.nextGaussian()));
        }
        double l = Math.exp(-mean);
        double p = 1;
        long k = 0;
        do {
            k++;
            p *= r.nextDouble();
        } while (p > l);
        return k - 1;
    }

    private static long binomial(Random r, long n, double p) {
        long k = 0;
        for (long i = 0; i < Math.min(n, 10_000); i++) {
            if (r.nextDouble() < p) {
                k++;
            }
        }
        return k;
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static String ascii(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT)
                .replace(' ', '.');
    }
}
