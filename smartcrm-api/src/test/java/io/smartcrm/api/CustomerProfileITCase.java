package io.smartcrm.api;

import static io.smartcrm.api.ApiFixture.ADMIN_KEY;
import static io.smartcrm.api.ApiFixture.READ_KEY;
import static io.smartcrm.api.CustomerSearchITCase.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.smartcrm.api.sample.SyntheticProfiles;
import io.smartcrm.embedded.SharedServices;
import io.smartcrm.model.event.CustomerEvent;
import io.smartcrm.model.event.EventType;
import io.smartcrm.model.wire.EventCodec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One customer's 360 ({@code GET /api/customers/{id}}) and the erasure request ({@code DELETE}). */
class CustomerProfileITCase {
    private static final String PREFIX = "erase-";
    private static final int ERASE_EVENTS = 2_345;
    private static ApiFixture api;
    private static SmartcrmApi erasing;

    @BeforeAll
    static void start() throws Exception {
        api = ApiFixture.shared();
        erasing = api.startApi(PREFIX);
        SharedServices.kafka().createTopics(Map.of("erase.events", 1));
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
    void erasureIsAskedOfTheJobThroughTheEventsTopicKeyedByTheCustomer() throws Exception {
        String id = SyntheticProfiles.id(10);
        assertThat(erase(id, READ_KEY).statusCode()).isEqualTo(403);

        HttpResponse<String> requested = erase(id, ADMIN_KEY);
        assertThat(requested.statusCode()).as("no job here to obey it: %s", requested.body()).isEqualTo(202);
        JsonNode body = ApiFixture.json(requested);
        assertThat(body.path("customerId").asText()).isEqualTo(id);
        assertThat(body.path("status").asText()).isEqualTo("requested");
        assertThat(body.path("profileFound").asBoolean()).isTrue();
        assertThat(body.path("eventsFound").asLong()).isEqualTo(ERASE_EVENTS);
        assertThat(body.path("message").asText()).contains("when it reaches the request");
        assertThat(get("/api/customers/" + id).statusCode()).as("the API itself deletes nothing").isEqualTo(200);

        HttpResponse<String> unknown = erase("nobody", ADMIN_KEY);
        assertThat(unknown.statusCode()).isEqualTo(202);
        assertThat(ApiFixture.json(unknown).path("profileFound").asBoolean()).isFalse();
        assertThat(ApiFixture.json(unknown).path("eventsFound").asLong()).isZero();
        assertError(api.send("DELETE", "/api/customers/" + id + "?now=1", ADMIN_KEY, null), 400, "now");

        List<ConsumerRecord<String, byte[]>> records = requests(2);
        assertThat(records).extracting(ConsumerRecord::key).containsExactly(id, "nobody");
        CustomerEvent request = new EventCodec(1 << 20, 60_000).parse(records.get(0).value(), System.currentTimeMillis());
        assertThat(request.type).isEqualTo(EventType.CUSTOMER_ERASURE);
        assertThat(request.customerId).isEqualTo(id);
        assertThat(request.source).isEqualTo("api");
        assertThat(Instant.ofEpochMilli(request.timestamp)).isBetween(Instant.now().minusSeconds(120), Instant.now());
    }

    private static List<ConsumerRecord<String, byte[]>> requests(int expected) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, api.kafka);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "erasure-check-" + System.nanoTime());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of("erase.events"));
            long deadline = System.currentTimeMillis() + 30_000;
            while (records.size() < expected && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
        }
        return records;
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
