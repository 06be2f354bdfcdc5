package io.smartcrm.api;

import static io.smartcrm.api.ApiFixture.READ_KEY;
import static io.smartcrm.api.CustomerSearchITCase.assertError;
import static io.smartcrm.api.CustomerSearchITCase.enc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smartcrm.api.sample.SyntheticProfiles;
import io.smartcrm.model.alert.Alert;
import io.smartcrm.model.alert.SegmentSnapshot;
import io.smartcrm.model.profile.CustomerProfile;
import io.smartcrm.model.quality.QualityCounts;
import io.smartcrm.model.wire.DeadLetter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Segments now and over time, alerts, and models, read through the API. */
class InsightsITCase {
    private static final Instant START = Instant.parse("2026-10-30T00:00:00Z");
    private static final int WINDOWS = 12;
    private static final int ALERTS = 31;
    private static final int DEAD_LETTERS = 40;
    private static final int QUALITY_HOURS = 6;
    private static final String[] DLQ_REASONS = {"invalid_json", "schema_violation", "schema_violation",
            "unknown_event_type"};
    private static ApiFixture api;
    private static List<CustomerProfile> profiles;

    @BeforeAll
    static void start() throws Exception {
        api = ApiFixture.shared();
        SyntheticProfiles synthetic = new SyntheticProfiles(7, ApiFixture.AS_OF);
        profiles = new ArrayList<>();
        for (int i = 0; i < ApiFixture.CUSTOMERS; i++) {
            profiles.add(synthetic.profile(i));
        }
        List<String> ids = new ArrayList<>();
        List<Object> docs = new ArrayList<>();
        for (int w = 0; w < WINDOWS; w++) {
            for (int s = 0; s < 3; s++) {
                SegmentSnapshot snap = new SegmentSnapshot();
                snap.windowStart = START.plus(Duration.ofHours(w)).toString();
                snap.windowEnd = START.plus(Duration.ofHours(w + 1)).toString();
                snap.segmentId = s;
                snap.segmentName = SyntheticProfiles.SEGMENTS.get(s);
                snap.customers = 100 + w * 10 + s;
                snap.activeCustomers = 1000;
                snap.share = snap.customers / 1000.0;
                snap.churnMean = 0.2 + 0.01 * w;
                ids.add(START.plus(Duration.ofHours(w)).toEpochMilli() + "-" + s);
                docs.add(snap);
            }
        }
        ApiFixture.bulk(api.es, "crm-segments", ids, docs);
        ids.clear();
        docs.clear();
        String[] kinds = {Alert.DISTRIBUTION_SHIFT, Alert.SEGMENT_SHARE, Alert.SEGMENT_CHURN, Alert.RULE};
        for (int i = 0; i < ALERTS; i++) {
            Alert a = new Alert();
            a.id = "alert-" + i;
            a.kind = kinds[i % kinds.length];
            a.state = i % 3 == 0 ? Alert.RESOLVED : Alert.OPEN;
            a.severity = i % 5 == 0 ? "major" : "minor";
            a.version = 1;
            a.openedAt = START.plus(Duration.ofHours(i)).toString();
            a.updatedAt = START.plus(Duration.ofHours(i + 2)).toString();
            a.windowStart = a.updatedAt;
            a.windowEnd = START.plus(Duration.ofHours(i + 3)).toString();
            a.segmentName = SyntheticProfiles.SEGMENTS.get(i % 6);
            a.ruleId = Alert.RULE.equals(a.kind) ? "rule-" + (i % 2) : null;
            a.before = 0.1;
            a.after = 0.2;
            a.explanation = "'" + a.segmentName + "' grew from 10 % to 20 % of active customers";
            ids.add(a.id);
            docs.add(a);
        }
        ApiFixture.bulk(api.es, "crm-alerts", ids, docs);
        ids.clear();
        docs.clear();
        for (String model : List.of("segments", "churn")) {
            for (int v = 1; v <= (model.equals("churn") ? 5 : 3); v++) {
                ObjectNode m = ApiFixture.JSON.createObjectNode().put("model", model).put("version", v)
                        .put("kind", model.equals("churn") ? "logistic_regression" : "kmeans")
                        .put("status", v < 3 ? "warming_up" : "ready").put("createdAt", START.plusSeconds(v).toString())
                        .put("examples", 100L * v);
                m.putObject("quality").put("auc", 0.6 + 0.05 * v);
                m.putArray("features").addObject().put("name", "orders").put("mean", 1.0).put("std", 1.0).put("coefficient", -0.5);
                ids.add(model + "-" + v);
                docs.add(m);
            }
        }
        ApiFixture.bulk(api.es, "crm-models", ids, docs);
        ids.clear();
        docs.clear();
        for (int i = 0; i < DEAD_LETTERS; i++) {
            DeadLetter d = new DeadLetter();
            d.reason = DLQ_REASONS[i % DLQ_REASONS.length];
            d.message = "rejected " + i;
            d.payload = "{\"secret\": " + i + "}";
            d.payloadEncoding = "utf8";
            d.topic = "crm.events";
            d.offset = i;
            d.rejectedAt = START.plus(Duration.ofMinutes(13L * i)).toEpochMilli(); // 40 over 8.5 hours
            d.recordTimestamp = d.rejectedAt;
            ids.add(d.id());
            docs.add(d);
        }
        ApiFixture.bulk(api.es, "crm-dlq", ids, docs);
        ids.clear();
        docs.clear();
        for (int h = 0; h < QUALITY_HOURS; h++) {
            for (String source : List.of("web", "app")) {
                QualityCounts q = new QualityCounts(START.plus(Duration.ofHours(h)).toString(),
                        START.plus(Duration.ofHours(h + 1)).toString(), source);
                q.duplicates = source.equals("web") ? h + 1 : 0;
                q.late = source.equals("app") ? 2L * h : 0;
                q.erasedDropped = h == 3 && source.equals("web") ? 1 : 0;
                ids.add(START.plus(Duration.ofHours(h)).toEpochMilli() + "-" + source);
                docs.add(q);
            }
        }
        ApiFixture.bulk(api.es, "crm-quality", ids, docs);
        for (String index : List.of("crm-segments", "crm-alerts", "crm-models", "crm-dlq", "crm-quality")) {
            api.es.indices().refresh(r -> r.index(index));
        }
    }

    @Test
    void segmentsNowAreCountedOverTheCustomers() {
        JsonNode r = api.read("/api/segments");
        assertThat(r.path("customers").asLong()).isEqualTo(ApiFixture.CUSTOMERS);
        assertThat(r.path("segmented").asLong()).isEqualTo(ApiFixture.CUSTOMERS);
        double shares = 0;
        long previous = Long.MAX_VALUE;
        for (JsonNode s : r.path("segments")) {
            String name = s.path("name").asText();
            List<CustomerProfile> members = profiles.stream().filter(p -> p.segment.name.equals(name)).toList();
            assertThat(s.path("customers").asLong()).isEqualTo(members.size()).isLessThanOrEqualTo(previous);
            previous = members.size();
            assertThat(s.path("id").asInt()).isEqualTo(SyntheticProfiles.SEGMENTS.indexOf(name));
            double churn = members.stream().filter(p -> p.churn.probability != null)
                    .mapToDouble(p -> p.churn.probability).average().orElseThrow();
            assertThat(s.path("churnMean").asDouble()).isCloseTo(churn, offset(1e-9));
            double revenue = members.stream().mapToDouble(p -> p.orders.revenue).average().orElseThrow();
            assertThat(s.path("revenueMean").asDouble()).isCloseTo(revenue, offset(1e-6));
            shares += s.path("share").asDouble();
        }
        assertThat(r.path("segments")).hasSize(SyntheticProfiles.SEGMENTS.size());
        assertThat(shares).isCloseTo(1.0, offset(1e-9));
        assertError(api.get("/api/segments?size=3", READ_KEY), 400, "size");
    }

    @Test
    void segmentMeansOfScoresStillWarmingUpAreNull() throws Exception {
        try (SmartcrmApi warm = api.startApi("warm-")) {
            List<String> ids = new ArrayList<>();
            List<Object> docs = new ArrayList<>();
            SyntheticProfiles synthetic = new SyntheticProfiles(9, ApiFixture.AS_OF);
            for (int i = 0; i < 20; i++) {
                CustomerProfile p = synthetic.profile(i);
                p.churn = new CustomerProfile.Score();
                p.churn.status = CustomerProfile.Score.WARMING_UP;
                p.propensity = p.churn;
                ids.add(p.customerId);
                docs.add(p);
            }
            ApiFixture.bulk(api.es, "warm-customers", ids, docs);
            api.es.indices().refresh(r -> r.index("warm-customers"));
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + warm.port() + "/api/segments")).header("X-API-Key", READ_KEY).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode segments = ApiFixture.json(r).path("segments");
            assertThat(segments).isNotEmpty();
            for (JsonNode s : segments) {
                assertThat(s.path("churnMean").isNull()).as(s.toString()).isTrue();
                assertThat(s.path("propensityMean").isNull()).isTrue();
                assertThat(s.path("revenueMean").isNumber()).isTrue();
            }
        }
    }

    @Test
    void segmentHistoryIsTheNewestSnapshotsOldestFirst() {
        JsonNode all = api.read("/api/segments/history?segment=" + enc("high-value loyal"));
        assertThat(all.path("total").asLong()).isEqualTo(WINDOWS);
        List<String> starts = all.path("snapshots").findValuesAsText("windowStart");
        assertThat(starts).hasSize(WINDOWS).isSorted();
        assertThat(all.path("snapshots").findValuesAsText("segmentName")).containsOnly("high-value loyal");

        JsonNode newest = api.read("/api/segments/history?size=3&segment=" + enc("high-value loyal"));
        assertThat(newest.path("snapshots").findValuesAsText("windowStart")).containsExactly(
                START.plus(Duration.ofHours(9)).toString(), START.plus(Duration.ofHours(10)).toString(),
                START.plus(Duration.ofHours(11)).toString());

        JsonNode range = api.read("/api/segments/history?from=2026-10-30T02:00:00Z&to=" + enc("2026-10-30T06:00:00+01:00"));
        assertThat(range.path("total").asLong()).isEqualTo(3 * 3);
        assertError(api.get("/api/segments/history?from=tuesday", READ_KEY), 400, "from");
        assertError(api.get("/api/segments/history?from=2026-10-31&to=2026-10-30", READ_KEY), 400, "from");
        assertError(api.get("/api/segments/history?size=0", READ_KEY), 400, "size");
    }

    @Test
    void alertsAreFilteredAndPagedNewestFirst() {
        JsonNode open = api.read("/api/alerts?state=open");
        long expectedOpen = IntStream.range(0, ALERTS).filter(i -> i % 3 != 0).count();
        assertThat(open.path("total").asLong()).isEqualTo(expectedOpen);
        assertThat(open.path("alerts").findValuesAsText("state")).containsOnly("open");
        List<String> updated = open.path("alerts").findValuesAsText("updatedAt");
        List<String> reversed = new ArrayList<>(updated);
        reversed.sort(Comparator.reverseOrder());
        assertThat(updated).isEqualTo(reversed);

        Set<String> seen = new HashSet<>();
        String url = "/api/alerts?size=7";
        int pages = 0;
        while (url != null) {
            JsonNode page = api.read(url);
            pages++;
            page.path("alerts").forEach(a -> assertThat(seen.add(a.path("id").asText())).isTrue());
            url = page.path("next").isNull() ? null : "/api/alerts?size=7&after=" + page.path("next").asText();
        }
        assertThat(seen).hasSize(ALERTS);
        assertThat(pages).isEqualTo(5);

        assertThat(api.read("/api/alerts?kind=rule&rule=rule-1").path("alerts").findValuesAsText("id"))
                .allMatch(id -> Integer.parseInt(id.substring(6)) % 4 == 3 && Integer.parseInt(id.substring(6)) % 2 == 1)
                .isNotEmpty();
        assertThat(api.read("/api/alerts?severity=major&state=resolved").path("total").asLong())
                .isEqualTo(IntStream.range(0, ALERTS).filter(i -> i % 5 == 0 && i % 3 == 0).count());
        assertThat(api.read("/api/alerts?segment=dormant").path("alerts").findValuesAsText("segmentName")).containsOnly("dormant");
        // lifetimes overlapping [10:00, 12:00): opened before 12:00 and updated at or after 10:00 -> alerts 8..11
        assertThat(api.read("/api/alerts?from=2026-10-30T10:00:00Z&to=2026-10-30T12:00:00Z").path("total").asLong())
                .isEqualTo(4);

        JsonNode one = api.read("/api/alerts/alert-7");
        assertThat(one.path("explanation").asText()).contains("grew from 10 %");
        assertError(api.get("/api/alerts/alert-99", READ_KEY), 404, null);
        assertError(api.get("/api/alerts?state=closed", READ_KEY), 400, "state");
        assertError(api.get("/api/alerts?kind=weather", READ_KEY), 400, "kind");
        assertError(api.get("/api/alerts?size=7&after=" + api.read("/api/alerts?size=7").path("next").asText()
                + "&state=open", READ_KEY), 400, "after");
    }

    @Test
    void deadLettersAreCountedByReasonAndByReasonPerHour() {
        JsonNode summary = api.read("/api/dead-letters/summary");
        assertThat(summary.path("total").asLong()).isEqualTo(DEAD_LETTERS);
        assertThat(summary.path("interval").asText()).isEqualTo("hour");
        Instant last = START.plus(Duration.ofMinutes(13L * (DEAD_LETTERS - 1)));
        assertThat(Instant.parse(summary.path("latest").asText())).isEqualTo(last);
        assertThat(summary.path("reasons").get(0).path("reason").asText()).isEqualTo("schema_violation");
        assertThat(summary.path("reasons").get(0).path("count").asLong()).isEqualTo(DEAD_LETTERS / 2);
        assertThat(summary.path("reasons").findValuesAsText("reason"))
                .containsExactlyInAnyOrder("schema_violation", "invalid_json", "unknown_event_type");
        JsonNode histogram = summary.path("histogram");
        assertThat(histogram.size()).as("hours 00 to 08").isEqualTo(9);
        long inBuckets = 0;
        for (int h = 0; h < histogram.size(); h++) {
            JsonNode bucket = histogram.get(h);
            assertThat(Instant.parse(bucket.path("start").asText())).isEqualTo(START.plus(Duration.ofHours(h)));
            long byReason = 0;
            for (JsonNode n : bucket.path("reasons")) {
                byReason += n.asLong();
            }
            assertThat(byReason).isEqualTo(bucket.path("count").asLong());
            inBuckets += byReason;
        }
        assertThat(inBuckets).isEqualTo(DEAD_LETTERS);
        assertThat(summary.toString()).doesNotContain("secret");

        JsonNode daily = api.read("/api/dead-letters/summary?interval=day&from=" + enc(START.plus(Duration.ofHours(4)).toString()));
        assertThat(daily.path("histogram").size()).isEqualTo(1);
        long expected = IntStream.range(0, DEAD_LETTERS).filter(i -> 13L * i >= 240).count();
        assertThat(daily.path("total").asLong()).isEqualTo(expected);
        assertThat(daily.path("histogram").get(0).path("count").asLong()).isEqualTo(expected);

        assertError(api.get("/api/dead-letters/summary?interval=week", READ_KEY), 400, "interval");
        assertError(api.get("/api/dead-letters/summary?size=3", READ_KEY), 400, "size");
        assertError(api.get("/api/dead-letters/summary?from=yesterday", READ_KEY), 400, "from");
    }

    @Test
    void duplicatesAndLateEventsAreSummedBySourceAndPerHour() {
        JsonNode summary = api.read("/api/quality/summary");
        assertThat(summary.path("interval").asText()).isEqualTo("hour");
        assertThat(summary.path("totals").path("duplicates").asLong()).isEqualTo(21); // 1 + ... + 6
        assertThat(summary.path("totals").path("late").asLong()).isEqualTo(30); // 2 * (0 + ... + 5)
        assertThat(summary.path("totals").path("erasedDropped").asLong()).isEqualTo(1);
        assertThat(summary.path("sources").findValuesAsText("source")).containsExactlyInAnyOrder("web", "app");
        JsonNode histogram = summary.path("histogram");
        assertThat(histogram.size()).isEqualTo(QUALITY_HOURS);
        for (int h = 0; h < QUALITY_HOURS; h++) {
            JsonNode bucket = histogram.get(h);
            assertThat(Instant.parse(bucket.path("start").asText())).isEqualTo(START.plus(Duration.ofHours(h)));
            assertThat(bucket.path("duplicates").asLong()).isEqualTo(h + 1);
            assertThat(bucket.path("late").asLong()).isEqualTo(2L * h);
        }

        JsonNode daily = api.read("/api/quality/summary?interval=day&from=" + enc(START.plus(Duration.ofHours(4)).toString()));
        assertThat(daily.path("histogram").size()).isEqualTo(1);
        assertThat(daily.path("totals").path("duplicates").asLong()).isEqualTo(5 + 6);
        assertThat(daily.path("histogram").get(0).path("late").asLong()).isEqualTo(8 + 10);

        assertError(api.get("/api/quality/summary?interval=minute", READ_KEY), 400, "interval");
        assertError(api.get("/api/quality/summary?source=web", READ_KEY), 400, "source");
        assertError(api.get("/api/quality/summary?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z", READ_KEY), 400,
                "from");
    }

    @Test
    void theWarmUpAsksWhatTheConsolesPagesAskFirstAndIsAnswered() throws Exception {
        ApiWarmUp.Result r = api.api.warmUp().get(1, TimeUnit.MINUTES);
        assertThat(r.failed()).isEmpty();
        assertThat(r.asked().get(0)).isEqualTo(ApiWarmUp.SEARCH);
        assertThat(r.asked().get(1)).startsWith("/api/customers/").endsWith("?events=50");
        assertThat(r.asked()).containsAll(ApiWarmUp.PAGES).hasSize(ApiWarmUp.PAGES.size() + 2);
    }

    @Test
    void modelsAreTheNewestVersionsAndTheirHistory() {
        JsonNode models = api.read("/api/models").path("models");
        assertThat(models.findValuesAsText("model")).containsExactly("segments", "churn", "propensity");
        assertThat(models.get(0).path("version").asInt()).isEqualTo(3);
        assertThat(models.get(1).path("version").asInt()).isEqualTo(5);
        assertThat(models.get(1).path("status").asText()).isEqualTo("ready");
        assertThat(models.get(1).at("/quality/auc").asDouble()).isEqualTo(0.85, offset(1e-9));
        assertThat(models.get(1).path("features")).hasSize(1);
        assertThat(models.get(2).path("status").asText()).isEqualTo("none");

        JsonNode versions = api.read("/api/models/churn/versions?size=2");
        assertThat(versions.path("versions").findValuesAsText("version")).containsExactly("5", "4");
        assertThat(versions.path("versions").get(0).has("features")).isFalse();
        assertThat(api.read("/api/models/propensity/versions").path("versions")).isEmpty();
        assertError(api.get("/api/models/weather/versions", READ_KEY), 404, null);
        assertError(api.get("/api/models/churn/versions?size=0", READ_KEY), 400, "size");
    }
}
