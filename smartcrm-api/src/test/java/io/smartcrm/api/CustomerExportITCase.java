package io.smartcrm.api;

import static io.smartcrm.api.ApiFixture.READ_KEY;
import static io.smartcrm.api.CustomerSearchITCase.assertError;
import static io.smartcrm.api.CustomerSearchITCase.enc;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.smartcrm.api.sample.SyntheticProfiles;
import io.smartcrm.model.profile.CustomerProfile;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/customers/export}: CSV and JSON lines of whole searches and segments, streamed in chunks,
 * as many lines as the search's total; CSV that parses, with formula cells defused.
 */
class CustomerExportITCase {
    private static final String PREFIX = "export-";
    private static final String[] FORMULAS = {"=HYPERLINK(\"http://evil.example\",\"x\")", "+1+2", "-2+3", "@SUM(A1:A2)",
            "\tTabbed", "=cmd|' /C calc'!A0"};
    private static ApiFixture api;
    private static SmartcrmApi crafted;

    @BeforeAll
    static void start() throws IOException {
        api = ApiFixture.shared();
        crafted = api.startApi(PREFIX);
        List<String> ids = new ArrayList<>();
        List<Object> docs = new ArrayList<>();
        SyntheticProfiles synthetic = new SyntheticProfiles(11, ApiFixture.AS_OF);
        for (int i = 0; i < FORMULAS.length; i++) {
            CustomerProfile p = synthetic.profile(i);
            p.name = FORMULAS[i];
            p.city = i == 0 ? "Smith, \"Jr\"\r\nSecond line" : "-Minus town";
            p.attributes = Map.of("note", "=1+1", "plain", "ok");
            ids.add(p.customerId);
            docs.add(p);
        }
        ApiFixture.bulk(api.es, PREFIX + "customers", ids, docs);
        api.es.indices().refresh(r -> r.index(PREFIX + "customers"));
    }

    @AfterAll
    static void stop() {
        if (crafted != null) {
            crafted.close();
        }
    }

    @Test
    void csvOfEveryCustomerHasOneRowPerHitAndParses() {
        HttpResponse<String> r = api.get("/api/customers/export?format=csv", READ_KEY);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("text/csv; charset=utf-8");
        assertThat(r.headers().firstValue("Transfer-Encoding")).hasValue("chunked");
        assertThat(r.headers().firstValue("Content-Disposition").orElse("")).contains("customers.csv");
        List<List<String>> rows = Csv.parse(r.body());
        assertThat(rows.get(0)).containsExactly("customerId", "name", "email", "phone", "country", "city",
                "segment.name", "churn.probability", "churn.band", "propensity.probability", "propensity.band",
                "rfm.code", "orders.count", "orders.revenue", "orders.lastPurchaseAt", "lastSeen");
        assertThat(rows).hasSize(ApiFixture.CUSTOMERS + 1);
        Set<String> ids = new HashSet<>();
        for (List<String> row : rows.subList(1, rows.size())) {
            assertThat(row).hasSize(16);
            ids.add(row.get(0));
        }
        assertThat(ids).hasSize(ApiFixture.CUSTOMERS);
        CustomerProfile p = new SyntheticProfiles(7, ApiFixture.AS_OF).profile(0);
        List<String> first = rows.get(1);
        assertThat(first.get(0)).isEqualTo(p.customerId);
        assertThat(first.get(1)).isEqualTo(p.name);
        assertThat(first.get(3)).isEqualTo("'" + p.phone); // E.164 starts with +
        assertThat(first.get(6)).isEqualTo(p.segment.name);
        assertThat(Double.parseDouble(first.get(13))).isEqualTo(p.orders.revenue);
    }

    @Test
    void jsonLinesOfASegmentAreAsManyAsItsTotal() throws Exception {
        long total = api.read("/api/customers?size=1&segment=dormant").path("total").asLong();
        HttpResponse<String> r = api.get("/api/customers/export?format=jsonl&segment=dormant", READ_KEY);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/x-ndjson");
        String[] lines = r.body().split("\n");
        assertThat(lines).hasSize((int) total);
        Set<String> ids = new HashSet<>();
        for (String line : lines) {
            JsonNode doc = ApiFixture.JSON.readTree(line);
            assertThat(doc.at("/segment/name").asText()).isEqualTo("dormant");
            assertThat(doc.at("/churn/status").isTextual()).isTrue();
            ids.add(doc.path("customerId").asText());
        }
        assertThat(ids).hasSize((int) total);
    }

    @Test
    void exportsTakeTheSearchFiltersFieldsAndSort() throws Exception {
        String filter = "country=NL&churnBand=high&attr.channel=app";
        long total = api.read("/api/customers?size=1&" + filter).path("total").asLong();
        assertThat(total).isPositive();
        HttpResponse<String> r = api.get("/api/customers/export?format=jsonl&sort=revenue:desc&fields="
                + enc("customerId,orders.revenue,attributes.channel") + "&" + filter, READ_KEY);
        String[] lines = r.body().split("\n");
        assertThat(lines).hasSize((int) total);
        double previous = Double.MAX_VALUE;
        for (String line : lines) {
            JsonNode doc = ApiFixture.JSON.readTree(line);
            List<String> names = new ArrayList<>();
            doc.fieldNames().forEachRemaining(names::add);
            assertThat(names).containsExactlyInAnyOrder("customerId", "orders", "attributes");
            assertThat(doc.at("/attributes/channel").asText()).isEqualTo("app");
            assertThat(doc.path("attributes").size()).isEqualTo(1);
            assertThat(doc.at("/orders/revenue").asDouble()).isLessThanOrEqualTo(previous);
            previous = doc.at("/orders/revenue").asDouble();
        }
        List<List<String>> csv = Csv.parse(api.get("/api/customers/export?fields=customerId,attributes.loyaltyTier&"
                + filter, READ_KEY).body());
        assertThat(csv.get(0)).containsExactly("customerId", "attributes.loyaltyTier");
        assertThat(csv).hasSize((int) total + 1);
    }

    @Test
    void formulaCellsAreDefusedAndQuotedCellsSurvive() {
        HttpResponse<String> r = crafted(
                "/api/customers/export?format=csv&sort=customerId&fields=customerId,name,city,attributes.note,attributes.plain,orders.revenue");
        assertThat(r.statusCode()).isEqualTo(200);
        List<List<String>> rows = Csv.parse(r.body());
        assertThat(rows).hasSize(FORMULAS.length + 1);
        for (int i = 0; i < FORMULAS.length; i++) {
            List<String> row = rows.get(i + 1);
            assertThat(row.get(1)).isEqualTo("'" + FORMULAS[i]);
            assertThat(row.get(2)).isEqualTo(i == 0 ? "Smith, \"Jr\"\r\nSecond line" : "'-Minus town");
            assertThat(row.get(3)).isEqualTo("'=1+1");
            assertThat(row.get(4)).isEqualTo("ok");
            assertThat(row.get(5)).doesNotStartWith("'");
        }
    }

    @Test
    void badExportParametersAre400s() {
        assertError(api.get("/api/customers/export?format=xml", READ_KEY), 400, "format");
        assertError(api.get("/api/customers/export?fields=password", READ_KEY), 400, "fields");
        assertError(api.get("/api/customers/export?churnMin=2", READ_KEY), 400, "churnMin");
        assertError(api.get("/api/customers/export?size=10", READ_KEY), 400, "size");
        assertThat(api.get("/api/customers/export", null).statusCode()).isEqualTo(401);
    }

    @Test
    void aSlowReaderGetsTheWholeStream() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(api.base + "/api/customers/export?format=jsonl"))
                .header("X-API-Key", READ_KEY).build();
        HttpResponse<Stream<String>> r = client.send(request, HttpResponse.BodyHandlers.ofLines());
        long lines = 0;
        for (Iterator<String> it = r.body().iterator(); it.hasNext(); it.next()) {
            lines++;
            if (lines % 4000 == 0) {
                Thread.sleep(200);
            }
        }
        assertThat(lines).isEqualTo(ApiFixture.CUSTOMERS);
    }

    @Test
    void anExportCutShortByElasticsearchEndsWithALineSayingSo() throws Exception {
        try (SmartcrmApi cut = api.startApi("cut-")) {
            ApiFixture.loadProfiles(api.es, "cut-customers", new SyntheticProfiles(5, ApiFixture.AS_OF), 5_000);
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + cut.port()
                    + "/api/customers/export?format=jsonl")).header("X-API-Key", READ_KEY).build();
            HttpResponse<InputStream> r = HttpClient.newHttpClient().send(request,
                    HttpResponse.BodyHandlers.ofInputStream());
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
                assertThat(lines.readLine()).contains("customerId");
                api.es.indices().delete(d -> d.index("cut-customers"));
                List<String> rest = lines.lines().toList();
                assertThat(rest.size() + 1).isLessThan(5_000);
                assertThat(ApiFixture.JSON.readTree(rest.get(rest.size() - 1)).path("error").asText()).contains("cut short");
            }
        }
    }

    private static HttpResponse<String> crafted(String path) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + crafted.port() + path)).header("X-API-Key", READ_KEY).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
