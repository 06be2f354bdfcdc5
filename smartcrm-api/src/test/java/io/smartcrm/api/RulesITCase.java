package io.smartcrm.api;

import static io.smartcrm.api.ApiFixture.ADMIN_KEY;
import static io.smartcrm.api.ApiFixture.READ_KEY;
import static io.smartcrm.api.CustomerSearchITCase.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch._types.Refresh;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Rules CRUD: validation, ids, 409/404/403, and every write on the compacted rules topic (read back with a
 * consumer) before it is in the index; a delete leaves a tombstone; the index is repaired from the topic.
 */
class RulesITCase {
    private static final String TOPIC = "crm.alert-rules";
    private static final String AT_RISK = """
            {"name": "Ärger: at risk up 20 % week over week", "metric": "share", "segment": "at risk, big spenders",
             "period": "1w", "condition": "increase_above", "threshold": 0.2}""";
    private static ApiFixture api;

    @BeforeAll
    static void start() {
        api = ApiFixture.shared();
    }

    @Test
    void aCreatedRuleIsOnTheTopicAndInTheIndexWithItsIdFromTheName() throws Exception {
        Instant before = Instant.now();
        HttpResponse<String> created = api.send("POST", "/api/rules", ADMIN_KEY, AT_RISK);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = "arger-at-risk-up-20-week-over-week";
        assertThat(created.headers().firstValue("Location")).hasValue("/api/rules/" + id);
        JsonNode rule = ApiFixture.json(created);
        assertThat(rule.path("id").asText()).isEqualTo(id);
        assertThat(Instant.parse(rule.path("createdAt").asText())).isAfterOrEqualTo(before.minusSeconds(1));
        assertThat(rule.path("updatedAt").asText()).isEqualTo(rule.path("createdAt").asText());

        assertThat(api.read("/api/rules/" + id)).isEqualTo(rule);
        assertThat(api.read("/api/rules").path("rules").findValuesAsText("id")).contains(id);

        ConsumerRecord<String, byte[]> record = last(id);
        assertThat(ApiFixture.JSON.readTree(record.value())).isEqualTo(rule);

        HttpResponse<String> again = api.send("POST", "/api/rules", ADMIN_KEY, AT_RISK);
        assertError(again, 409, null);
        assertThat(ApiFixture.json(again).path("error").asText()).contains(id);
    }

    @Test
    void putCreatesThenReplacesKeepingCreatedAt() throws Exception {
        String body = """
                {"name": "DE churn above 0.4", "metric": "mean_churn", "filter": {"country": "DE", "rfm.monetary": {"gte": 4}},
                 "period": "1h", "condition": "above", "threshold": 0.4, "severity": "major", "minCustomers": 30}""";
        HttpResponse<String> created = api.send("PUT", "/api/rules/de-churn", ADMIN_KEY, body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).hasValue("/api/rules/de-churn");
        JsonNode first = ApiFixture.json(created);
        assertThat(first.at("/filter/rfm.monetary/gte").asInt()).isEqualTo(4);
        Thread.sleep(5);

        HttpResponse<String> replaced = api.send("PUT", "/api/rules/de-churn", ADMIN_KEY,
                body.replace("0.4,", "0.5,").replace("{\"name\"", "{\"id\": \"de-churn\", \"name\""));
        assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
        JsonNode second = ApiFixture.json(replaced);
        assertThat(second.path("threshold").asDouble()).isEqualTo(0.5);
        assertThat(second.path("createdAt").asText()).isEqualTo(first.path("createdAt").asText());
        assertThat(Instant.parse(second.path("updatedAt").asText())).isAfter(Instant.parse(first.path("updatedAt").asText()));
        assertThat(api.read("/api/rules/de-churn").path("threshold").asDouble()).isEqualTo(0.5);
        assertThat(ApiFixture.JSON.readTree(last("de-churn").value())).isEqualTo(second);

        HttpResponse<String> mismatch = api.send("PUT", "/api/rules/de-churn", ADMIN_KEY,
                body.replace("{\"name\"", "{\"id\": \"other\", \"name\""));
        assertError(mismatch, 400, "id");
    }

    @Test
    void deleteLeavesATombstoneAndA404() throws Exception {
        String body = """
                {"name": "dormant moves", "metric": "moved_in", "segment": "dormant", "period": "1d",
                 "condition": "above", "threshold": 50}""";
        assertThat(api.send("POST", "/api/rules", ADMIN_KEY, body).statusCode()).isEqualTo(201);
        assertThat(api.send("DELETE", "/api/rules/dormant-moves", READ_KEY, null).statusCode()).isEqualTo(403);
        HttpResponse<String> deleted = api.send("DELETE", "/api/rules/dormant-moves", ADMIN_KEY, null);
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();
        assertError(api.get("/api/rules/dormant-moves", READ_KEY), 404, null);
        assertError(api.send("DELETE", "/api/rules/dormant-moves", ADMIN_KEY, null), 404, null);
        assertThat(api.read("/api/rules").path("rules").findValuesAsText("id")).doesNotContain("dormant-moves");
        List<ConsumerRecord<String, byte[]>> records = records("dormant-moves");
        assertThat(records).hasSize(2);
        assertThat(records.get(0).value()).isNotNull();
        assertThat(records.get(1).value()).isNull();
    }

    @Test
    void anotherInstanceRepairsTheIndexFromTheTopic() throws Exception {
        // what an instance that stopped between its Kafka and its index write, or a failed index write, leaves:
        // a rule only on the topic, a tombstone the index missed, and a document no record stands for
        String body = """
                {"name": "%s", "metric": "count", "period": "1h", "condition": "below", "threshold": 10}""";
        assertThat(api.send("PUT", "/api/rules/repair-deleted", ADMIN_KEY, body.formatted("deleted")).statusCode())
                .isEqualTo(201);
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, api.kafka);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
                new ByteArraySerializer())) {
            JsonNode onlyOnTopic = ApiFixture.JSON.readTree(body.formatted("only on the topic"));
            ((ObjectNode) onlyOnTopic).put("id", "repair-missing");
            producer.send(new ProducerRecord<>(TOPIC, "repair-missing", ApiFixture.JSON.writeValueAsBytes(onlyOnTopic)))
                    .get(30, TimeUnit.SECONDS);
            producer.send(new ProducerRecord<>(TOPIC, "repair-deleted", null)).get(30, TimeUnit.SECONDS);
        }
        JsonNode stray = ApiFixture.JSON.readTree(body.formatted("stray"));
        ((ObjectNode) stray).put("id", "repair-stray");
        api.es.index(i -> i.index("crm-alert-rules").id("repair-stray").document(stray).refresh(Refresh.True));

        try (SmartcrmApi repairing = api.startApi("crm-")) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline && !(api.get("/api/rules/repair-missing", READ_KEY).statusCode() == 200
                    && api.get("/api/rules/repair-deleted", READ_KEY).statusCode() == 404
                    && api.get("/api/rules/repair-stray", READ_KEY).statusCode() == 404)) {
                Thread.sleep(200);
            }
        }
        assertThat(api.read("/api/rules/repair-missing").path("name").asText()).isEqualTo("only on the topic");
        assertError(api.get("/api/rules/repair-deleted", READ_KEY), 404, null);
        assertError(api.get("/api/rules/repair-stray", READ_KEY), 404, null);
        // the repaired view is versioned by offsets: a write through the API still wins over the repair's
        HttpResponse<String> replaced = api.send("PUT", "/api/rules/repair-missing", ADMIN_KEY, body.formatted("new"));
        assertThat(replaced.statusCode()).isEqualTo(200);
        assertThat(api.read("/api/rules/repair-missing").path("name").asText()).isEqualTo("new");
    }

    @Test
    void theTopicIsCompactedWithOnePartition() throws Exception {
        api.send("PUT", "/api/rules/topic-check", ADMIN_KEY, """
                {"name": "count", "metric": "count", "period": "1h", "condition": "below", "threshold": 10}""");
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, api.kafka);
        try (Admin admin = Admin.create(props)) {
            assertThat(admin.describeTopics(List.of(TOPIC)).allTopicNames().get(30, TimeUnit.SECONDS).get(TOPIC)
                    .partitions()).hasSize(1);
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, TOPIC);
            Config config = admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
            assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
        }
    }

    @Test
    void everyProblemOfAnInvalidRuleIsNamed() {
        HttpResponse<String> r = api.send("POST", "/api/rules", ADMIN_KEY, """
                {"name": "broken", "metric": "nope", "period": "forever", "condition": "above",
                 "filter": {"colour": "red", "orders.count": {"between": 3}}}""");
        assertError(r, 400, null);
        List<String> fields = new ArrayList<>();
        ApiFixture.json(r).path("problems").forEach(p -> fields.add(p.asText().substring(0, p.asText().indexOf(':'))));
        assertThat(fields).containsExactlyInAnyOrder("metric", "period", "threshold", "filter.colour", "filter.orders.count.between");
        assertError(api.send("PUT", "/api/rules/Bad%20Id", ADMIN_KEY, AT_RISK), 400, null);
        assertThat(ApiFixture.json(api.send("PUT", "/api/rules/Bad%20Id", ADMIN_KEY, AT_RISK)).path("problems").get(0)
                .asText()).startsWith("id:");
        assertError(api.get("/api/rules/Bad%20Id", READ_KEY), 404, null);
    }

    @Test
    void bodiesAreParsedStrictly() {
        HttpResponse<String> unknown = api.send("POST", "/api/rules", ADMIN_KEY,
                AT_RISK.replace("{\"name\"", "{\"colour\": \"red\", \"treshold\": 1, \"name\""));
        assertError(unknown, 400, null);
        assertThat(ApiFixture.json(unknown).path("error").asText()).contains("colour", "treshold");
        assertError(api.send("POST", "/api/rules", ADMIN_KEY, "{\"name\": "), 400, null);
        assertError(api.send("POST", "/api/rules", ADMIN_KEY, "[1, 2]"), 400, null);
        assertError(api.send("POST", "/api/rules", ADMIN_KEY, ""), 400, null);
        assertError(api.send("POST", "/api/rules", ADMIN_KEY, AT_RISK + " {}"), 400, null);
        assertError(api.send("POST", "/api/rules", ADMIN_KEY, AT_RISK.replace("\"name\"", "\"name\": \"x\", \"name\"")), 400, null);
        HttpResponse<String> typed = api.send("POST", "/api/rules", ADMIN_KEY, AT_RISK.replace("0.2", "\"0.2\""));
        assertError(typed, 400, null);
        assertThat(ApiFixture.json(typed).path("problems").get(0).asText()).startsWith("threshold:");
        assertThat(api.send("POST", "/api/rules", READ_KEY, AT_RISK).statusCode()).isEqualTo(403);
        assertThat(api.send("POST", "/api/rules", null, AT_RISK).statusCode()).isEqualTo(401);
        assertError(api.send("PATCH", "/api/rules/x", ADMIN_KEY, "{}"), 405, null);
        assertThat(api.send("PATCH", "/api/rules/x", ADMIN_KEY, "{}").headers().firstValue("Allow"))
                .hasValue("GET, PUT, DELETE");
        assertError(api.send("POST", "/api/rules?dryRun=true", ADMIN_KEY, AT_RISK), 400, "dryRun");
    }

    @Test
    void aNonJsonBodyIs415AndAHugeOne413() throws Exception {
        HttpResponse<String> text = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(api.base
                + "/api/rules")).header("X-API-Key", ADMIN_KEY).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(AT_RISK)).build(), HttpResponse.BodyHandlers.ofString());
        assertError(text, 415, null);
        String huge = AT_RISK.replace("\"name\"", "\"description\": \"" + "x".repeat(70_000) + "\", \"name\"");
        assertError(api.send("POST", "/api/rules", ADMIN_KEY, huge), 413, null);
    }

    /** The last record of the rule on the topic. */
    private static ConsumerRecord<String, byte[]> last(String id) {
        List<ConsumerRecord<String, byte[]>> records = records(id);
        assertThat(records).isNotEmpty();
        return records.get(records.size() - 1);
    }

    /** Every record of the rule on the topic, in order. */
    private static List<ConsumerRecord<String, byte[]>> records(String id) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, api.kafka);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(TOPIC, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (consumer.position(partition) < end && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.key().equals(id)) {
                        records.add(r);
                    }
                }
            }
        }
        return records;
    }
}
