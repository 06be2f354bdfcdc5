package io.smartcrm.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smartcrm.api.SmartcrmApi;
import io.smartcrm.api.http.ApiKeys;
import io.smartcrm.app.cli.ServeCommand;
import io.smartcrm.app.runtime.ProgressMetrics;
import io.smartcrm.generator.EventGenerator;
import io.smartcrm.generator.GeneratorConfig;
import io.smartcrm.job.SmartcrmOptions;
import io.smartcrm.model.event.CustomerEvent;
import io.smartcrm.model.event.EventType;
import io.smartcrm.model.wire.EventCodec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Erasure through the API on the live stack: the running job deletes the customer's profile and events, and forgets
 * them, so neither an older event still to come nor a new one brings the erased history back.
 */
class CustomerErasureITCase {
    static final Duration TIMEOUT = Duration.ofMinutes(3);
    static final ObjectMapper JSON = new ObjectMapper();
    static final String ADMIN_KEY = "erasure-itcase-admin-key-0123456789";

    @TempDir
    Path tmp;

    @Test
    void anErasedCustomerIsGoneFromTheIndicesAndTheJob() throws Exception {
        Instant start = Instant.now().minus(Duration.ofDays(20)).truncatedTo(ChronoUnit.DAYS);
        EventGenerator generator = new EventGenerator(GeneratorConfig.builder().customers(200).seed(11)
                .startTime(start).malformedShare(0).duplicateShare(0).build());
        try (LivePipeline pipeline = new LivePipeline("erasure")) {
            pipeline.conf.set(SmartcrmOptions.API_PORT, 0);
            pipeline.conf.set(SmartcrmOptions.API_ERASURE_WAIT, TIMEOUT);
            pipeline.publishUntil(generator, start.plus(Duration.ofDays(19)).toEpochMilli());
            pipeline.start(tmp.resolve("checkpoints"));
            try (SmartcrmApi api = SmartcrmApi.start(ServeCommand.settings(pipeline.conf,
                    ApiKeys.parse(ADMIN_KEY + ":admin")), pipeline.es, Map::of)) {
                LivePipeline.waitUntil("profiles and events indexed", TIMEOUT,
                        () -> pipeline.count("crm-customers") >= 100 && pipeline.count("crm-events-*") > 1_000);
                String id = busiestBuyer(pipeline);
                long eventsBefore = events(pipeline, id);
                assertThat(eventsBefore).isPositive();

                HttpResponse<String> erased = send(api, "DELETE", id);
                assertThat(erased.statusCode()).as(erased.body()).isEqualTo(200);
                JsonNode body = JSON.readTree(erased.body());
                assertThat(body.path("status").asText()).isEqualTo("erased");
                assertThat(body.path("profileFound").asBoolean()).isTrue();
                assertThat(body.path("eventsFound").asLong()).isPositive();
                assertThat(send(api, "GET", id).statusCode()).isEqualTo(404);
                assertThat(events(pipeline, id)).isZero();
                assertThat(pipeline.count("crm-customers")).as("the others are still there").isPositive();

                long old = Instant.now().minus(Duration.ofDays(2)).toEpochMilli();
                long fresh = Instant.now().toEpochMilli();
                publish(pipeline, event(id, "replayed-old", EventType.PURCHASE, old));
                publish(pipeline, event(id, "after-erasure", EventType.PAGE_VIEW, fresh));
                LivePipeline.waitUntil("the returning customer's new profile", TIMEOUT,
                        () -> send(api, "GET", id).statusCode() == 200);
                JsonNode profile = JSON.readTree(send(api, "GET", id).body()).path("profile");
                assertThat(profile.path("eventCount").asLong()).as("a new history: only the new event").isEqualTo(1);
                assertThat(profile.path("orders").path("count").asLong()).isZero();
                LivePipeline.waitUntil("the new event indexed", TIMEOUT, () -> events(pipeline, id) == 1);
                LivePipeline.waitUntil("the older event dropped", TIMEOUT,
                        () -> ProgressMetrics.sum("erasedEventsDropped") == 1);
                assertThat(events(pipeline, id)).as("the older event is not indexed").isEqualTo(1);
            }
        }
    }

    /** The customer with the most orders, so that there is much to erase. */
    private static String busiestBuyer(LivePipeline pipeline) throws Exception {
        return pipeline.es.search(s -> s.index("crm-customers").size(1)
                .sort(o -> o.field(f -> f.field("orders.count").order(co.elastic.clients.elasticsearch._types.SortOrder.Desc))),
                JsonNode.class).hits().hits().get(0).id();
    }

    private static long events(LivePipeline pipeline, String id) {
        try {
            pipeline.es.indices().refresh(r -> r.index("crm-events-*"));
            return pipeline.es.count(c -> c.index("crm-events-*").query(q -> q.term(t -> t.field("customerId").value(id))))
                    .count();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static CustomerEvent event(String customerId, String eventId, EventType type, long timestamp) {
        CustomerEvent e = new CustomerEvent();
        e.eventId = eventId;
        e.customerId = customerId;
        e.type = type;
        e.timestamp = timestamp;
        e.source = "web";
        if (type == EventType.PURCHASE) {
            e.amount = 99.0;
            e.currency = "GBP";
            e.orderId = "o-" + eventId;
        }
        return e;
    }

    private static void publish(LivePipeline pipeline, CustomerEvent e) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, pipeline.bootstrapServers());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(pipeline.topic, e.customerId, EventCodec.toJson(e)));
            producer.flush();
        }
    }

    private static HttpResponse<String> send(SmartcrmApi api, String method, String id) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port()
                    + "/api/customers/" + id)).header("X-API-Key", ADMIN_KEY).method(method,
                    HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
