package io.smartcrm.api;

import static io.smartcrm.api.ApiFixture.ADMIN_KEY;
import static io.smartcrm.api.ApiFixture.READ_KEY;
import static io.smartcrm.api.CustomerSearchITCase.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.smartcrm.api.sample.SyntheticProfiles;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One customer's 360 ({@code GET /api/customers/{id}}) and erasure ({@code DELETE}). */
class CustomerProfileITCase {
    private static final String PREFIX = "erase-";
    private static final int ERASE_EVENTS = 2_345;
    private static ApiFixture api;
    private static SmartcrmApi erasing;

    @BeforeAll
    static void start() throws Exception {
        api = ApiFixture.shared();
        erasing = api.startApi(PREFIX);
        ApiFixture.loadProfiles(api.es, PREFIX + "customers", new SyntheticProfiles(3, ApiFixture.AS_OF), 50);
        ApiFixture.loadEvents(api.es, PREFIX + "events-", SyntheticProfiles.id(10), ERASE_EVENTS,
                Duration.ofMinutes(1));
        ApiFixture.loadEvents(api.es, PREFIX + "events-", SyntheticProfiles.id(11), 30, Duration.ofMinutes(1));
        ApiFixture.loadEvents(api.es, PREFIX + "events-", "only-events", 3, Duration.ofMinutes(1));
    }

    @AfterAll
    static void stop() {
        if (erasing != null) {
            erasing.close();
        }
    }

    @Test
    void the360HasTheProfileWithScoresAndTheLatestEventsNewestFirst() {
        JsonNode c = api.read("/api/customers/" + ApiFixture.BUSY_CUSTOMER + "?events=10");
        assertThat(c.at("/profile/customerId").asText()).isEqualTo(ApiFixture.BUSY_CUSTOMER);
        assertThat(c.at("/profile/segment/name").asText()).isIn(SyntheticProfiles.SEGMENTS);
        assertThat(c.at("/profile/churn/status").asText()).isIn("scored", "warming_up");
        if (c.at("/profile/churn/status").asText().equals("scored")) {
            assertThat(c.at("/profile/churn/reasons")).hasSize(3);
        }
        assertThat(c.path("eventsTotal").asLong()).isEqualTo(ApiFixture.MANY_EVENTS);
        JsonNode events = c.path("events");
        assertThat(events).hasSize(10);
        List<Instant> times = new ArrayList<>();
        events.forEach(e -> times.add(Instant.parse(e.path("timestamp").asText())));
        assertThat(times.get(0)).isEqualTo(ApiFixture.AS_OF.minus(Duration.ofHours(1)));
        for (int i = 1; i < times.size(); i++) {
            assertThat(times.get(i)).isBefore(times.get(i - 1));
        }
        assertThat(api.read("/api/customers/" + ApiFixture.BUSY_CUSTOMER).path("events")).hasSize(20);
        assertThat(api.read("/api/customers/" + ApiFixture.BUSY_CUSTOMER + "?events=500").path("events"))
                .hasSize(ApiFixture.MANY_EVENTS);
        assertThat(api.read("/api/customers/" + ApiFixture.BUSY_CUSTOMER + "?events=0").path("events")).isEmpty();
        JsonNode quiet = api.read("/api/customers/" + ApiFixture.QUIET_CUSTOMER);
        assertThat(quiet.path("events")).isEmpty();
        assertThat(quiet.path("eventsTotal").asLong()).isZero();
    }

    @Test
    void unknownCustomersAndBadParameters() {
        assertError(api.get("/api/customers/C9999999", READ_KEY), 404, null);
        assertError(api.get("/api/customers/C9999999?events=5", READ_KEY), 404, null);
        assertError(api.get("/api/customers/" + ApiFixture.BUSY_CUSTOMER + "?events=501", READ_KEY), 400, "events");
        assertError(api.get("/api/customers/" + ApiFixture.BUSY_CUSTOMER + "?events=-1", READ_KEY), 400, "events");
        assertError(api.get("/api/customers/" + ApiFixture.BUSY_CUSTOMER + "?evnts=5", READ_KEY), 400, "evnts");
        assertError(api.send("PUT", "/api/customers/" + ApiFixture.BUSY_CUSTOMER, ADMIN_KEY, "{}"), 405, null);
    }

    @Test
    void erasureDeletesTheProfileAndEveryEventOfTheCustomerOnly() throws Exception {
        String id = SyntheticProfiles.id(10);
        assertThat(erase(id, READ_KEY).statusCode()).isEqualTo(403);
        assertThat(get("/api/customers/" + id).statusCode()).isEqualTo(200);

        HttpResponse<String> erased = erase(id, ADMIN_KEY);
        assertThat(erased.statusCode()).as(erased.body()).isEqualTo(200);
        JsonNode body = ApiFixture.json(erased);
        assertThat(body.path("customerId").asText()).isEqualTo(id);
        assertThat(body.path("profilesDeleted").asLong()).isEqualTo(1);
        assertThat(body.path("eventsDeleted").asLong()).isEqualTo(ERASE_EVENTS);

        assertThat(get("/api/customers/" + id).statusCode()).isEqualTo(404);
        assertThat(events(id)).isZero();
        assertThat(erase(id, ADMIN_KEY).statusCode()).isEqualTo(404);
        assertThat(events(SyntheticProfiles.id(11))).isEqualTo(30);
        assertThat(api.es.count(c -> c.index(PREFIX + "customers")).count()).isEqualTo(49);

        JsonNode onlyEvents = ApiFixture.json(erase("only-events", ADMIN_KEY));
        assertThat(onlyEvents.path("profilesDeleted").asLong()).isZero();
        assertThat(onlyEvents.path("eventsDeleted").asLong()).isEqualTo(3);
    }

    private static long events(String customerId) throws Exception {
        api.es.indices().refresh(r -> r.index(PREFIX + "events-*"));
        return api.es.count(c -> c.index(PREFIX + "events-*").query(q -> q.term(t -> t.field("customerId")
                .value(customerId)))).count();
    }

    private static HttpResponse<String> erase(String id, String key) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + erasing.port()
                + "/api/customers/" + id)).header("X-API-Key", key).DELETE().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + erasing.port()
                + path)).header("X-API-Key", READ_KEY).build(), HttpResponse.BodyHandlers.ofString());
    }
}
