package io.smartcrm.app.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smartcrm.api.sample.SyntheticProfiles;
import io.smartcrm.job.elasticsearch.DailyIndexRetention;
import io.smartcrm.job.elasticsearch.Documents;
import io.smartcrm.job.elasticsearch.EsDocument;
import io.smartcrm.model.alert.Alert;
import io.smartcrm.model.alert.AlertRule;
import io.smartcrm.model.alert.SegmentSnapshot;
import io.smartcrm.model.event.CustomerEvent;
import io.smartcrm.model.event.EventType;
import io.smartcrm.model.event.LineItem;
import io.smartcrm.model.profile.CustomerProfile;
import io.smartcrm.model.wire.DeadLetter;
import io.smartcrm.model.wire.RejectReason;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * What the console's other pages read, as the job would have written it over the {@value #DAYS} days before
 * {@code asOf}, seeded: hourly segment snapshots (sized by the loaded profiles, one segment growing in the last
 * {@value #SHIFT_HOURS} hours), the alerts those days raised (shifts, segment alerts, rule alerts; the growth still
 * open), the model versions the profiles were scored by and their predecessors, rejected messages of the last two
 * days, alert rules, and the event history of the customers whose 360 is visited. Count the profiles first
 * ({@link #count}): snapshots and pages follow them.
 */
final class ConsoleData {
    static final int DAYS = 30;
    static final int SHIFT_HOURS = 6;
    /** Share of the customers active in an hour, at the day's peak. */
    private static final double ACTIVE_PER_HOUR = 0.03;
    /** The segment that grows at the end, and the share it grows by. */
    private static final int GROWING = 2;
    private static final double GROWTH = 0.6;
    /** The models, and the versions the synthetic profiles are scored by (the newest of each). */
    static final List<String> MODELS = List.of("segments", "churn", "propensity");
    static final Map<String, Integer> MODEL_VERSIONS = Map.of("segments", 25, "churn", 12, "propensity", 30);
    static final int DEAD_LETTERS = 240;
    static final int EVENTS_PER_CUSTOMER = 150;
    /** Days of events: the job's default retention, so the 360's search spans as many daily indices. */
    static final int EVENT_DAYS = 90;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final long seed;
    private final Instant asOf;
    private final BenchIndices indices;
    private final long[] segmentCustomers = new long[SyntheticProfiles.SEGMENTS.size()];
    private final double[] segmentChurn = new double[SyntheticProfiles.SEGMENTS.size()];
    private final double[] segmentPropensity = new double[SyntheticProfiles.SEGMENTS.size()];
    private final Map<String, Long> matches = new HashMap<>();

    ConsoleData(long seed, Instant asOf, BenchIndices indices) {
        this.seed = seed;
        this.asOf = asOf;
        this.indices = indices;
    }

    /** Counts a loaded profile: customers, mean scores per segment and per segment and churn band. */
    void count(CustomerProfile p) {
        if (p.segment == null) {
            return;
        }
        int s = p.segment.id;
        segmentCustomers[s]++;
        segmentChurn[s] += p.churn != null && p.churn.probability != null ? p.churn.probability : 0.3;
        segmentPropensity[s] += p.propensity != null && p.propensity.probability != null ? p.propensity.probability : 0.3;
        if (p.churn != null && p.churn.band != null) {
            matches.merge(ConsolePages.key(p.segment.name, p.churn.band), 1L, Long::sum);
        }
    }

    /** Customers per segment and churn band ({@link ConsolePages#key}). */
    Map<String, Long> matches() {
        return matches;
    }

    /** Every document: snapshots, alerts, models, dead letters, and the events of {@code customers}. */
    List<EsDocument> documents(Collection<String> customers) {
        List<EsDocument> docs = new ArrayList<>();
        snapshots(docs);
        alerts(docs);
        models(docs);
        deadLetters(docs);
        for (String customer : customers) {
            events(customer, docs);
        }
        return docs;
    }

    private Instant hour(int windowsBeforeAsOf) {
        return asOf.minus(Duration.ofHours(windowsBeforeAsOf));
    }

    // ------------------------------------------------------------------------------------------------- snapshots

    private double mean(double[] sums, int s) {
        return segmentCustomers[s] == 0 ? 0 : sums[s] / segmentCustomers[s];
    }

    /** The segment's weight in hour {@code w} (windows before asOf): its size, grown at the end if it grows. */
    private double weight(int s, int w) {
        return segmentCustomers[s] * (s == GROWING && w <= SHIFT_HOURS ? 1 + GROWTH : 1);
    }

    private void snapshots(List<EsDocument> docs) {
        Random r = new Random(seed * 31 + 1);
        String index = indices.prefix + "segments";
        int segments = SyntheticProfiles.SEGMENTS.size();
        for (int w = DAYS * 24; w >= 1; w--) {
            Instant start = hour(w);
            int hourOfDay = start.atZone(ZoneOffset.UTC).getHour();
            double daily = 0.35 + 0.65 * Math.max(0, Math.sin(Math.PI * (hourOfDay - 6) / 16.0));
            long[] active = new long[segments];
            long total = 0;
            for (int s = 0; s < segments; s++) {
                active[s] = Math.round(weight(s, w) * ACTIVE_PER_HOUR * daily * (0.9 + 0.2 * r.nextDouble()));
                total += active[s];
            }
            for (int s = 0; s < segments; s++) {
                SegmentSnapshot snap = new SegmentSnapshot();
                snap.windowStart = start.toString();
                snap.windowEnd = start.plus(Duration.ofHours(1)).toString();
                snap.segmentId = s;
                snap.segmentName = SyntheticProfiles.SEGMENTS.get(s);
                snap.modelVersion = (long) MODEL_VERSIONS.get("segments");
                snap.customers = active[s];
                snap.activeCustomers = total;
                snap.share = total == 0 ? 0 : (double) active[s] / total;
                snap.movedIn = r.nextInt(1 + (int) (active[s] / 50));
                snap.movedOut = r.nextInt(1 + (int) (active[s] / 50));
                snap.churnMean = round(mean(segmentChurn, s) * (0.95 + 0.1 * r.nextDouble()));
                snap.churnScored = Math.round(active[s] * 0.97);
                snap.propensityMean = round(mean(segmentPropensity, s) * (0.95 + 0.1 * r.nextDouble()));
                snap.propensityScored = snap.churnScored;
                snap.buyers = Math.round(active[s] * (0.3 + 0.4 * r.nextDouble()));
                snap.recencyDays = round(5 + 60 * r.nextDouble());
                snap.frequency = round(1 + 10 * r.nextDouble());
                snap.monetary = round(50 + 900 * r.nextDouble());
                snap.rfmRecency = round(1 + 4 * r.nextDouble());
                snap.rfmFrequency = round(1 + 4 * r.nextDouble());
                snap.rfmMonetary = round(1 + 4 * r.nextDouble());
                docs.add(Documents.segmentSnapshot(index, snap));
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------- alerts

    private void alerts(List<EsDocument> docs) {
        Random r = new Random(seed * 31 + 2);
        String index = indices.prefix + "alerts";
        List<AlertRule> rules = rules();
        for (int day = DAYS - 1; day >= 2; day--) {
            int w = day * 24 - r.nextInt(24); // opened in hour w before asOf
            int windows = 2 + r.nextInt(5);
            Alert a = switch (day % 3) {
                case 0 -> shift(w, r);
                case 1 -> segmentAlert(w, r);
                default -> ruleAlert(rules.get(r.nextInt(rules.size())), w, r);
            };
            resolve(a, w, windows);
            docs.add(Documents.alert(index, a));
        }
        double before = shareOf(GROWING);
        Alert growing = segmentShare(GROWING, SHIFT_HOURS, before, before * (1 + GROWTH) / (1 + before * GROWTH));
        open(growing, SHIFT_HOURS, SHIFT_HOURS);
        docs.add(Documents.alert(index, growing));
        for (int i = 0; i < 2; i++) {
            Alert rule = ruleAlert(rules.get(i), 3 + i, r);
            open(rule, 3 + i, 1);
            docs.add(Documents.alert(index, rule));
        }
    }

    /** The segment's share of the segmented customers. */
    private double shareOf(int s) {
        long total = 0;
        for (long c : segmentCustomers) {
            total += c;
        }
        return total == 0 ? 0 : (double) segmentCustomers[s] / total;
    }

    private Alert shift(int w, Random r) {
        Alert a = alert(Alert.DISTRIBUTION_SHIFT, null, w);
        a.psi = round(0.1 + 0.2 * r.nextDouble());
        a.severity = a.psi >= 0.25 ? "major" : "minor";
        a.shares = new ArrayList<>();
        for (int s = 0; s < segmentCustomers.length; s++) {
            double before = shareOf(s);
            double after = round(before * (0.7 + 0.6 * r.nextDouble()));
            a.shares.add(new Alert.Share(s, SyntheticProfiles.SEGMENTS.get(s), round(before), after,
                    Math.round(segmentCustomers[s] * ACTIVE_PER_HOUR * after / Math.max(before, 1e-9))));
        }
        a.explanation = String.format(Locale.ROOT, "the segment mix shifted (PSI %.2f) in the hour ending %s", a.psi,
                ended(w));
        return a;
    }

    private Alert segmentAlert(int w, Random r) {
        int s = r.nextInt(segmentCustomers.length);
        if (r.nextBoolean()) {
            double before = round(0.05 + 0.25 * r.nextDouble());
            return segmentShare(s, w, before, round(before * (1.3 + 0.5 * r.nextDouble())));
        }
        Alert a = alert(Alert.SEGMENT_CHURN, SyntheticProfiles.SEGMENTS.get(s), w);
        a.segmentId = s;
        a.metric = "mean_churn";
        a.before = round(0.2 + 0.3 * r.nextDouble());
        a.after = round(a.before + 0.05 + 0.1 * r.nextDouble());
        a.threshold = 0.05;
        a.severity = a.after - a.before > 0.1 ? "major" : "minor";
        a.explanation = String.format(Locale.ROOT, "'%s' mean churn risk rose from %.0f %% to %.0f %% in the hour "
                + "ending %s", a.segmentName, 100 * a.before, 100 * a.after, ended(w));
        return a;
    }

    private Alert segmentShare(int s, int w, double before, double after) {
        Alert a = alert(Alert.SEGMENT_SHARE, SyntheticProfiles.SEGMENTS.get(s), w);
        a.segmentId = s;
        a.metric = "share";
        a.before = round(before);
        a.after = round(after);
        a.beforeCount = Math.round(segmentCustomers[s] * ACTIVE_PER_HOUR * 24);
        a.afterCount = Math.round(segmentCustomers[s] * ACTIVE_PER_HOUR * after / Math.max(before, 1e-9));
        a.threshold = 0.3;
        a.severity = after / before > 1.5 ? "major" : "minor";
        a.explanation = String.format(Locale.ROOT, "'%s' grew from %.0f %% to %.0f %% of active customers in the hour "
                + "ending %s (reference: the 24 windows before)", a.segmentName, 100 * a.before, 100 * a.after, ended(w));
        return a;
    }

    private Alert ruleAlert(AlertRule rule, int w, Random r) {
        Alert a = alert(Alert.RULE, rule.segment, w);
        a.id = "rule-" + rule.id + "-" + hour(w).toEpochMilli();
        a.ruleId = rule.id;
        a.ruleName = rule.name;
        a.metric = rule.metric;
        a.threshold = rule.threshold;
        a.severity = rule.severityOrDefault();
        boolean relative = rule.condition.endsWith("_above");
        boolean counted = rule.metric.equals(AlertRule.COUNT) || rule.metric.equals(AlertRule.MOVED_IN);
        a.before = relative || counted ? (counted ? 40 + r.nextInt(60) : round(0.1 + 0.3 * r.nextDouble()))
                : round(rule.threshold * (0.7 + 0.2 * r.nextDouble()));
        a.after = relative ? round(a.before * (1 + rule.threshold + 0.2 * r.nextDouble()))
                : counted ? rule.threshold + 1 + r.nextInt(30) : round(rule.threshold * (1.05 + 0.3 * r.nextDouble()));
        a.explanation = String.format(Locale.ROOT, "%s: %s %s %s in the period ending %s", rule.name, rule.metric,
                rule.condition.replace('_', ' '), rule.threshold, ended(w));
        return a;
    }

    private Alert alert(String kind, String segment, int w) {
        Alert a = new Alert();
        a.kind = kind;
        a.segmentName = segment;
        a.id = kind + (segment == null ? "" : "-" + segment.replace(' ', '-')) + "-" + hour(w).toEpochMilli();
        a.openedAt = hour(w).toString();
        return a;
    }

    private void resolve(Alert a, int w, int windows) {
        open(a, w, windows);
        a.state = Alert.RESOLVED;
        a.resolvedAt = a.updatedAt;
        a.resolution = "returned";
    }

    /** Open since hour {@code w} before asOf, updated for {@code windows} windows. */
    private void open(Alert a, int w, int windows) {
        a.state = Alert.OPEN;
        a.windows = windows;
        a.version = windows;
        a.windowStart = hour(w - windows + 1).toString();
        a.windowEnd = hour(w - windows).toString();
        a.updatedAt = a.windowEnd;
    }

    private String ended(int w) {
        return hour(w - 1).toString().replace('T', ' ').replace(":00Z", " UTC");
    }

    // ------------------------------------------------------------------------------------------------ rules

    /** The alert rules marketers keep, as the console's admin would create them. */
    List<AlertRule> rules() {
        List<AlertRule> rules = new ArrayList<>();
        rules.add(rule("Dormant share up week over week", AlertRule.SHARE, "dormant", "7d", AlertRule.INCREASE_ABOVE, 0.2,
                "major", null));
        rules.add(rule("German churn risk", AlertRule.MEAN_CHURN, null, "1h", AlertRule.ABOVE, 0.4, "minor",
                Map.of("country", "DE")));
        rules.add(rule("Loyal customers moving to dormant", AlertRule.MOVED_IN, "dormant", "1d", AlertRule.ABOVE, 50.0,
                "major", Map.of("rfm.monetary", Map.of("gte", 4))));
        rules.add(rule("Window shoppers share", AlertRule.SHARE, "window shoppers", "1h", AlertRule.ABOVE, 0.3, "minor",
                null));
        rules.add(rule("Support load", AlertRule.COUNT, "needs support", "1h", AlertRule.INCREASE_ABOVE, 0.5, "minor",
                null));
        rules.add(rule("Premium propensity drop", AlertRule.MEAN_PROPENSITY, null, "1d", AlertRule.DECREASE_ABOVE, 0.15,
                "major", Map.of("attributes.plan", "premium")));
        rules.add(rule("New customers share", AlertRule.SHARE, "new", "1d", AlertRule.BELOW, 0.1, "minor",
                Map.of("country", List.of("GB", "IE"))));
        rules.add(rule("Bargain hunters churn", AlertRule.MEAN_CHURN, "bargain hunters", "1h", AlertRule.ABOVE, 0.5,
                "minor", null));
        return rules;
    }

    private static AlertRule rule(String name, String metric, String segment, String period, String condition,
            double threshold, String severity, Map<String, Object> filter) {
        AlertRule rule = new AlertRule();
        rule.id = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        rule.name = name;
        rule.metric = metric;
        rule.segment = segment;
        rule.period = period;
        rule.condition = condition;
        rule.threshold = threshold;
        rule.severity = severity;
        rule.filter = filter;
        rule.enabled = true;
        return rule;
    }

    // ----------------------------------------------------------------------------------------------- models

    private void models(List<EsDocument> docs) {
        Random r = new Random(seed * 31 + 3);
        for (String model : MODELS) {
            int newest = MODEL_VERSIONS.get(model);
            for (int v = 1; v <= newest; v++) {
                ObjectNode doc = JSON.createObjectNode().put("model", model).put("version", v)
                        .put("createdAt", asOf.minus(Duration.ofHours((long) (newest - v) * DAYS * 24 / newest + 1)).toString());
                if (model.equals("segments")) {
                    segmentsModel(doc, v, r);
                } else {
                    classifier(doc, v, r);
                }
                docs.add(new EsDocument(indices.models(), model + "-" + v, EsDocument.OVERWRITE, Documents.json(doc)));
            }
        }
    }

    private void segmentsModel(ObjectNode doc, int version, Random r) {
        doc.put("kind", "kmeans").put("status", "ready").put("points", 4_000L * version)
                .put("inertia", round(2.0 + r.nextDouble())).put("inertiaWindow", 1000);
        doc.putObject("params").put("k", SyntheticProfiles.SEGMENTS.size()).put("decayFactor", 0.9).put("seed", seed);
        ArrayNode segments = doc.putArray("segments");
        for (int s = 0; s < SyntheticProfiles.SEGMENTS.size(); s++) {
            ObjectNode seg = segments.addObject().put("id", s).put("name", SyntheticProfiles.SEGMENTS.get(s))
                    .put("weight", round(segmentCustomers[s] * 0.01)).put("recentPoints", 100 + r.nextInt(900));
            ArrayNode centroid = seg.putArray("centroid");
            for (int f = 0; f < 8; f++) {
                centroid.add(round(2 * r.nextGaussian()));
            }
        }
    }

    private void classifier(ObjectNode doc, int version, Random r) {
        boolean ready = version > 2;
        long examples = 1_500L * version;
        doc.put("kind", "logistic_regression").put("status", ready ? "ready" : "warming_up")
                .put("examples", examples).put("positives", examples / 4).put("negatives", examples - examples / 4)
                .put("minLabels", 200);
        if (ready) {
            doc.putObject("quality").put("auc", round(0.7 + 0.12 * (1 - 1.0 / version) + 0.01 * r.nextDouble()))
                    .put("logLoss", round(0.55 - 0.1 * (1 - 1.0 / version))).put("window", 2000).put("evaluated", 2000);
        }
        doc.putObject("params").put("alpha", 0.05).put("beta", 1.0).put("reg", 0.001).put("elasticNet", 0.5)
                .put("globalBatchSize", 256);
        ArrayNode features = doc.putArray("features");
        for (String f : List.of("days_since_last_purchase", "orders_90d", "active_days_30d", "email_click_rate",
                "support_tickets_90d", "cart_abandonment_rate")) {
            features.addObject().put("name", f).put("indicator", false).put("mean", round(5 * r.nextDouble()))
                    .put("std", round(0.5 + 3 * r.nextDouble())).put("coefficient", round(r.nextGaussian()));
        }
    }

    // ---------------------------------------------------------------------------------------- dead letters

    private void deadLetters(List<EsDocument> docs) {
        Random r = new Random(seed * 31 + 4);
        RejectReason[] common = {RejectReason.MALFORMED_JSON, RejectReason.MISSING_FIELD, RejectReason.MISSING_FIELD,
            RejectReason.INVALID_TIMESTAMP, RejectReason.UNKNOWN_TYPE, RejectReason.WRONG_TYPE,
            RejectReason.NON_POSITIVE_AMOUNT, RejectReason.UNKNOWN_CURRENCY};
        for (int i = 0; i < DEAD_LETTERS; i++) {
            DeadLetter d = new DeadLetter();
            RejectReason reason = common[r.nextInt(common.length)];
            d.reason = reason.code();
            d.message = reason.code().replace('_', ' ') + " in message " + i;
            d.payload = "{\"type\":\"purchase\",\"customerId\":\"" + SyntheticProfiles.id(r.nextInt(1000)) + "\"}";
            d.payloadEncoding = "utf8";
            d.topic = "crm.events";
            d.partition = r.nextInt(3);
            d.offset = 1_000L * i + r.nextInt(1000);
            d.rejectedAt = asOf.minus(Duration.ofMinutes(r.nextInt(48 * 60) + 1)).toEpochMilli();
            d.recordTimestamp = d.rejectedAt - r.nextInt(5000);
            docs.add(Documents.deadLetter(indices.prefix + "dlq", d));
        }
    }

    // ---------------------------------------------------------------------------------------------- events

    /** The customer's events over the last {@value #EVENT_DAYS} days, in the daily indices of their days. */
    private void events(String customer, List<EsDocument> docs) {
        Random r = new Random(seed * 31 + customer.hashCode());
        String[] categories = {"shoes", "outerwear", "accessories", "home", "beauty", "electronics"};
        for (int i = 0; i < EVENTS_PER_CUSTOMER; i++) {
            CustomerEvent e = new CustomerEvent();
            e.eventId = customer + "-e" + i;
            e.customerId = customer;
            e.timestamp = asOf.minus(Duration.ofMinutes(1 + r.nextInt(EVENT_DAYS * 24 * 60))).toEpochMilli();
            e.source = r.nextBoolean() ? "web" : "app";
            e.sessionId = customer + "-s" + r.nextInt(40);
            String category = categories[r.nextInt(categories.length)];
            int kind = r.nextInt(100);
            if (kind < 45) {
                e.type = EventType.PAGE_VIEW;
                e.url = "/c/" + category;
            } else if (kind < 65) {
                e.type = EventType.PRODUCT_VIEW;
                e.productId = "p" + r.nextInt(500);
                e.category = category;
            } else if (kind < 75) {
                e.type = EventType.ADD_TO_CART;
                e.productId = "p" + r.nextInt(500);
                e.category = category;
                e.quantity = 1 + r.nextInt(3);
                e.unitPrice = round(5 + 150 * r.nextDouble());
            } else if (kind < 82) {
                e.type = EventType.PURCHASE;
                e.orderId = customer + "-o" + i;
                LineItem item = new LineItem("p" + r.nextInt(500), category, 1 + r.nextInt(2), round(5 + 150 * r.nextDouble()));
                e.items = List.of(item);
                e.amount = round(item.quantity * item.unitPrice);
                e.currency = "EUR";
            } else if (kind < 90) {
                e.type = EventType.EMAIL_OPEN;
                e.campaignId = "cmp-" + r.nextInt(20);
            } else if (kind < 94) {
                e.type = EventType.EMAIL_CLICK;
                e.campaignId = "cmp-" + r.nextInt(20);
            } else if (kind < 97) {
                e.type = EventType.LOGIN;
            } else {
                e.type = EventType.SUPPORT_TICKET;
                e.ticketId = customer + "-t" + i;
                e.subject = "Where is my order?";
                e.channel = "email";
                e.ticketStatus = "open";
            }
            String day = DailyIndexRetention.DAY_FORMAT.format(Instant.ofEpochMilli(e.timestamp).atZone(ZoneOffset.UTC));
            docs.add(Documents.event(indices.events() + day, e));
        }
    }

    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }

    /** For the figures: how much of each was written. */
    static Map<String, Integer> summary(List<EsDocument> docs, BenchIndices indices) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (EsDocument d : docs) {
            String kind = d.index.startsWith(indices.events()) ? "events" : d.index.substring(indices.prefix.length());
            counts.merge(kind, 1, Integer::sum);
        }
        return counts;
    }
}
