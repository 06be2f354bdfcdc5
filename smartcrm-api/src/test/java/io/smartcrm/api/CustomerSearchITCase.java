package io.smartcrm.api;

import static io.smartcrm.api.ApiFixture.READ_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smartcrm.api.sample.SyntheticProfiles;
import io.smartcrm.model.profile.CustomerProfile;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code GET /api/customers} on 12,000 synthetic profiles: every filter against the same profiles filtered in
 * Java, facets against filtered totals, sorts, and pages walked past 10,000 hits.
 */
class CustomerSearchITCase {
    private static ApiFixture api;
    private static List<CustomerProfile> profiles;

    @BeforeAll
    static void start() {
        api = ApiFixture.shared();
        SyntheticProfiles synthetic = new SyntheticProfiles(7, ApiFixture.AS_OF);
        profiles = new ArrayList<>();
        for (int i = 0; i < ApiFixture.CUSTOMERS; i++) {
            profiles.add(synthetic.profile(i));
        }
    }

    @Test
    void everyPageOnceAndNothingTwicePastTenThousandHits() {
        List<String> ids = walk("/api/customers?size=1000", 12, n -> {});
        assertThat(ids).hasSize(ApiFixture.CUSTOMERS);
        assertThat(new HashSet<>(ids)).hasSize(ApiFixture.CUSTOMERS);
        assertThat(ids).isSorted();
    }

    @Test
    void pagesSortedByRevenueWithTiesBrokenByCustomerId() {
        List<JsonNode> hits = new ArrayList<>();
        walk("/api/customers?sort=revenue:desc&size=700", 18, hits::add);
        assertThat(hits).hasSize(ApiFixture.CUSTOMERS);
        assertThat(hits.stream().map(h -> h.path("customerId").asText()).distinct().count()).isEqualTo(ApiFixture.CUSTOMERS);
        for (int i = 1; i < hits.size(); i++) {
            double before = hits.get(i - 1).at("/orders/revenue").asDouble();
            double now = hits.get(i).at("/orders/revenue").asDouble();
            assertThat(now).isLessThanOrEqualTo(before);
            if (now == before) {
                assertThat(hits.get(i).path("customerId").asText()).isGreaterThan(hits.get(i - 1).path("customerId").asText());
            }
        }
    }

    @Test
    void customersWithoutAScoreComeLastAndAreNotLostBetweenPages() {
        List<JsonNode> hits = new ArrayList<>();
        walk("/api/customers?sort=churn:asc&size=1000&country=GB", -1, hits::add);
        long expected = count(p -> "GB".equals(p.country));
        assertThat(hits).hasSize((int) expected);
        assertThat(hits.stream().map(h -> h.path("customerId").asText()).distinct().count()).isEqualTo(expected);
        int firstUnscored = 0;
        while (firstUnscored < hits.size() && hits.get(firstUnscored).at("/churn/probability").isNumber()) {
            firstUnscored++;
        }
        assertThat(firstUnscored).isLessThan(hits.size()).as("some GB customers are warming up");
        assertThat(hits.subList(firstUnscored, hits.size())).allMatch(h -> !h.at("/churn/probability").isNumber());
    }

    /** Walks every page; checks the total on each and that the walk ends with next = null. */
    private List<String> walk(String first, int expectedPages, Consumer<JsonNode> hits) {
        List<String> ids = new ArrayList<>();
        String url = first;
        int pages = 0;
        long total = -1;
        while (true) {
            JsonNode page = api.read(url);
            pages++;
            if (total >= 0) {
                assertThat(page.path("total").asLong()).isEqualTo(total);
            }
            total = page.path("total").asLong();
            for (JsonNode h : page.path("hits")) {
                ids.add(h.path("customerId").asText());
                hits.accept(h);
            }
            if (page.path("next").isNull()) {
                break;
            }
            url = first + "&after=" + page.path("next").asText();
            assertThat(pages).isLessThan(100);
        }
        assertThat(ids).hasSize((int) total);
        if (expectedPages > 0) {
            assertThat(pages).isEqualTo(expectedPages);
        }
        return ids;
    }

    @Test
    void filtersCombineAsInJava() {
        assertTotal("country=gb&segment=" + enc("high-value loyal") + "&churnBand=low",
                p -> "GB".equals(p.country) && "high-value loyal".equals(p.segment.name) && "low".equals(band(p.churn)));
        assertTotal("country=DE&country=FR&city=Paris", p -> "FR".equals(p.country) && "Paris".equals(p.city));
        assertTotal("churnMin=0.25&churnMax=0.5", p -> between(prob(p.churn), 0.25, 0.5));
        assertTotal("propensityMin=0.6", p -> between(prob(p.propensity), 0.6, 1));
        assertTotal("propensityBand=high&propensityBand=medium",
                p -> "high".equals(band(p.propensity)) || "medium".equals(band(p.propensity)));
        assertTotal("rfmRecency=4-5&rfmFrequency=3", p -> p.rfm != null && p.rfm.recency >= 4 && p.rfm.frequency == 3);
        assertTotal("rfmMonetary=5", p -> p.rfm != null && p.rfm.monetary == 5);
        assertTotal("rfmCode=555&rfmCode=111", p -> p.rfm != null && (p.rfm.code.equals("555") || p.rfm.code.equals("111")));
        assertTotal("revenueMin=100&revenueMax=500", p -> p.orders.count > 0 && between(p.orders.revenue, 100, 500)
                || p.orders.count == 0 && between(0, 100, 500));
        assertTotal("lastPurchaseAfter=2026-10-01&lastPurchaseBefore=2026-10-15T00:00:00Z",
                p -> p.orders.lastPurchaseAt != null
                        && !Instant.parse(p.orders.lastPurchaseAt).isBefore(Instant.parse("2026-10-01T00:00:00Z"))
                        && Instant.parse(p.orders.lastPurchaseAt).isBefore(Instant.parse("2026-10-15T00:00:00Z")));
        assertTotal("lastPurchaseBefore=" + enc("2026-08-01T02:00:00+02:00"), p -> p.orders.lastPurchaseAt != null
                && Instant.parse(p.orders.lastPurchaseAt).isBefore(Instant.parse("2026-08-01T00:00:00Z")));
        assertTotal("consent=email&consent=sms", p -> p.consent.get("email") && p.consent.get("sms"));
        assertTotal("attr.loyaltyTier=gold&attr.plan=premium&attr.plan=plus", p -> "gold".equals(p.attributes.get("loyaltyTier"))
                && List.of("premium", "plus").contains(p.attributes.get("plan")));
        assertTotal("attr.nothing=x", p -> false);
        assertTotal("q=" + enc("Müller"), p -> List.of(p.name.toLowerCase().split(" ")).contains("müller"));
        assertTotal("q=" + enc("emma müller"), p -> p.name.equals("Emma Müller"));
        CustomerProfile one = profiles.get(4242);
        JsonNode byEmail = api.read("/api/customers?q=" + enc(one.email.toUpperCase()));
        assertThat(byEmail.path("total").asLong()).isEqualTo(1);
        assertThat(byEmail.at("/hits/0/customerId").asText()).isEqualTo(one.customerId);
    }

    @Test
    void freeTextIsOnlyEverAValue() {
        for (String text : List.of("\"}}]}", "name:*", "*", "a OR b", "{\"match_all\":{}}")) {
            JsonNode r = api.read("/api/customers?q=" + enc(text));
            assertThat(r.path("total").asLong()).as(text).isZero();
        }
    }

    @Test
    void facetCountsAgreeWithFilteredTotals() {
        JsonNode r = api.read("/api/customers?country=DE&facets=segment,country,churnBand,propensityBand&size=1");
        long total = r.path("total").asLong();
        assertThat(total).isEqualTo(count(p -> "DE".equals(p.country)));
        JsonNode segments = r.at("/facets/segment");
        assertThat(segments.size()).isEqualTo(SyntheticProfiles.SEGMENTS.size());
        long sum = 0;
        for (JsonNode bucket : segments) {
            long count = bucket.path("count").asLong();
            sum += count;
            JsonNode narrowed = api.read("/api/customers?country=DE&size=1&segment=" + enc(bucket.path("value").asText()));
            assertThat(narrowed.path("total").asLong()).as(bucket.toString()).isEqualTo(count);
        }
        assertThat(sum).isEqualTo(total);
        assertThat(r.at("/facets/country/0/value").asText()).isEqualTo("DE");
        assertThat(r.at("/facets/country/0/count").asLong()).isEqualTo(total);
        for (JsonNode bucket : r.at("/facets/churnBand")) {
            String band = bucket.path("value").asText();
            assertThat(bucket.path("count").asLong()).isEqualTo(count(p -> "DE".equals(p.country) && band.equals(band(p.churn))));
        }
        assertThat(r.at("/facets/propensityBand").size()).isEqualTo(3);
    }

    @Test
    void aCursorOfAnotherSearchOrAClosedPointInTimeIsA400NamingAfter() throws Exception {
        JsonNode first = api.read("/api/customers?country=GB&size=10");
        String next = first.path("next").asText();
        assertError(api.get("/api/customers?country=FR&size=10&after=" + next, READ_KEY), 400, "after");
        assertThat(api.read("/api/customers?country=GB&size=50&after=" + next).path("hits").size()).isEqualTo(50);

        JsonNode cursor = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(next));
        api.es.closePointInTime(c -> c.id(cursor.path("p").asText()));
        assertError(api.get("/api/customers?country=GB&size=10&after=" + next, READ_KEY), 400, "after");
        assertError(api.get("/api/customers?country=GB&after=not-a-cursor", READ_KEY), 400, "after");
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(
                cursor.toString().replace(cursor.path("p").asText(), "AAAA").getBytes(StandardCharsets.UTF_8));
        assertError(api.get("/api/customers?country=GB&size=10&after=" + forged, READ_KEY), 400, "after");
    }

    @Test
    void theLastPageHasNoCursor() {
        long total = count(p -> "IE".equals(p.country) && "dormant".equals(p.segment.name));
        JsonNode r = api.read("/api/customers?country=IE&segment=dormant&size=1000");
        assertThat(r.path("total").asLong()).isEqualTo(total);
        assertThat(r.path("hits").size()).isEqualTo((int) total);
        assertThat(r.path("next").isNull()).isTrue();
        assertThat(r.path("facets").isObject()).isTrue();
    }

    @Test
    void sortsByTheWhitelistedFields() {
        JsonNode byName = api.read("/api/customers?sort=name&size=50");
        List<String> names = new ArrayList<>();
        byName.path("hits").forEach(h -> names.add(h.path("name").asText()));
        assertThat(names).isSorted();
        JsonNode byLastPurchase = api.read("/api/customers?sort=lastPurchase&size=5");
        String newest = profiles.stream().map(p -> p.orders.lastPurchaseAt).filter(t -> t != null).max(String::compareTo).orElseThrow();
        assertThat(byLastPurchase.at("/hits/0/orders/lastPurchaseAt").asText()).isEqualTo(newest);
        JsonNode byIdDesc = api.read("/api/customers?sort=customerId:desc&size=1");
        assertThat(byIdDesc.at("/hits/0/customerId").asText()).isEqualTo(SyntheticProfiles.id(ApiFixture.CUSTOMERS - 1));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "churnMin=abc|churnMin", "churnMin=1.5|churnMin", "churnMin=0.8&churnMax=0.2|churnMin",
            "propensityMax=-1|propensityMax", "churnBand=extreme|churnBand", "propensityBand=|propensityBand",
            "rfmRecency=6|rfmRecency", "rfmRecency=5-3|rfmRecency", "rfmFrequency=1-9|rfmFrequency", "rfmCode=12|rfmCode",
            "rfmMonetary=3&rfmMonetary=4|rfmMonetary",
            "lastPurchaseBefore=yesterday|lastPurchaseBefore", "lastPurchaseAfter=2026-13-01|lastPurchaseAfter",
            "lastPurchaseAfter=2026-10-02&lastPurchaseBefore=2026-10-01|lastPurchaseAfter",
            "revenueMin=lots|revenueMin", "consent=fax|consent", "sort=email|sort", "sort=revenue:up|sort",
            "size=0|size", "size=1001|size", "size=ten|size", "facets=city|facets", "colour=red|colour",
            "attr.=x|attr.", "attr.a%20b=x|attr.a b", "country=|country", "after=%25%25|after"})
    void badParametersAre400sNamingTheParameter(String query, String parameter) {
        assertError(api.get("/api/customers?" + query, READ_KEY), 400, parameter);
    }

    @Test
    void freeTextIsBounded() {
        assertError(api.get("/api/customers?q=" + "x".repeat(201), READ_KEY), 400, "q");
    }

    static void assertError(HttpResponse<String> r, int status, String parameter) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode body = ApiFixture.json(r);
        assertThat(body.path("error").asText()).isNotBlank();
        if (parameter != null) {
            assertThat(body.path("parameter").asText()).isEqualTo(parameter);
        }
    }

    private void assertTotal(String query, Predicate<CustomerProfile> expected) {
        JsonNode r = api.read("/api/customers?size=200&" + query);
        long want = count(expected);
        assertThat(r.path("total").asLong()).as(query).isEqualTo(want);
        Set<String> ids = new HashSet<>();
        profiles.stream().filter(expected).forEach(p -> ids.add(p.customerId));
        for (JsonNode h : r.path("hits")) {
            assertThat(ids).as(query).contains(h.path("customerId").asText());
        }
    }

    private static long count(Predicate<CustomerProfile> p) {
        return profiles.stream().filter(p).count();
    }

    private static String band(CustomerProfile.Score s) {
        return s == null ? null : s.band;
    }

    private static double prob(CustomerProfile.Score s) {
        return s == null || s.probability == null ? Double.NaN : s.probability;
    }

    private static boolean between(double v, double lo, double hi) {
        return v >= lo && v <= hi;
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
