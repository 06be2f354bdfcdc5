package io.smartcrm.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smartcrm.embedded.SharedServices;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole job on a MiniCluster (parallelism 2, checkpoints every 500 ms) with the real Kafka source, the
 * exactly-once dead-letter topic and the Elasticsearch sink against the shared live services, fed with a
 * hand-made set of events: valid ones, duplicates, one rejected message per reason and a late event.
 */
class CustomerJobITCase {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private String run;
    private Configuration conf;
    private EsHttp es;
    private KafkaProducer<byte[], byte[]> producer;
    private JobClient job;
    private int sent;

    @BeforeEach
    void freshTopicsAndIndices() throws Exception {
        run = "it-job-" + UUID.randomUUID().toString().substring(0, 8);
        String kafka = SharedServices.kafka().bootstrapServers();
        String url = SharedServices.elasticsearch().httpUrl();
        SharedServices.kafka().createTopics(Map.of(run + "-events", 2, run + "-dlq", 1));
        conf = new Configuration();
        conf.set(SmartcrmOptions.KAFKA_BOOTSTRAP_SERVERS, kafka);
        conf.set(SmartcrmOptions.EVENTS_TOPIC, run + "-events");
        conf.set(SmartcrmOptions.DLQ_TOPIC, run + "-dlq");
        conf.set(SmartcrmOptions.GROUP_ID, run);
        conf.set(SmartcrmOptions.ES_HOSTS, url);
        conf.set(SmartcrmOptions.CUSTOMERS_INDEX, run + "-customers");
        conf.set(SmartcrmOptions.DLQ_INDEX, run + "-dlq");
        conf.set(SmartcrmOptions.ALERT_RULES_TOPIC, run + "-rules");
        conf.set(SmartcrmOptions.ALERTS_TOPIC, run + "-alerts");
        conf.set(SmartcrmOptions.SEGMENTS_INDEX, run + "-segments");
        conf.set(SmartcrmOptions.ALERTS_INDEX, run + "-alerts");
        conf.set(SmartcrmOptions.ALERT_RULES_INDEX, run + "-alert-rules");
        conf.set(SmartcrmOptions.MODELS_INDEX, run + "-models");
        conf.set(SmartcrmOptions.QUALITY_INDEX, run + "-quality");
        conf.set(SmartcrmOptions.QUALITY_WRITE_INTERVAL, Duration.ofMillis(200));
        conf.set(SmartcrmOptions.EVENTS_INDEX_PREFIX, "crm-events-" + run.replace("-", "") + "-");
        conf.set(SmartcrmOptions.PROFILE_WRITE_INTERVAL, Duration.ofMillis(200));
        conf.set(SmartcrmOptions.BULK_FLUSH_INTERVAL, Duration.ofMillis(200));
        conf.set(SmartcrmOptions.IDLENESS, Duration.ofSeconds(5));
        // phase one spans 20 minutes of event time: with 30 minutes of out-of-orderness none of it can be late,
        // even when one split starts reading after the other was marked idle
        conf.set(SmartcrmOptions.OUT_OF_ORDERNESS, Duration.ofMinutes(30));
        es = new EsHttp(url);
        // the templates follow the configured names: the fresh indices get the strict mappings
        CustomerJob.applyIndexTemplates(conf);
        CustomerJob.createTopics(conf);

        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, "1048576");
        producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    @AfterEach
    void stop() throws Exception {
        if (job != null) {
            job.cancel().get(30, TimeUnit.SECONDS);
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
        es.delete(run + "-*");
        es.delete(conf.get(SmartcrmOptions.EVENTS_INDEX_PREFIX) + "*");
    }

    private void send(int partition, String key, String json) {
        send(partition, key, json.getBytes(StandardCharsets.UTF_8));
    }

    private void send(int partition, String key, byte[] value) {
        producer.send(new ProducerRecord<>(run + "-events", partition, key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                value));
        sent++;
    }

    private static String ev(String id, String type, long ts, String customer, String extra) {
        return "{\"eventId\":\"" + id + "\",\"type\":\"" + type + "\",\"timestamp\":\"" + Instant.ofEpochMilli(ts)
                + "\",\"customerId\":\"" + customer + "\"" + (extra.isEmpty() ? "" : "," + extra) + "}";
    }

    @Test
    void theWholeJobBuildsProfilesDeduplicatesAndDeadLetters() throws Exception {
        long t = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MINUTES).toEpochMilli();
        long min = 60_000;

        // c1 and c2 on partition 0, c3 and c4 on partition 1 (the producers' key partitioning, made explicit)
        send(0, "c1", ev("c1-1", "profile_update", t, "c1", "\"source\":\"crm\",\"name\":\"Ann Smith\","
                + "\"email\":\" ANN@X.COM \",\"phone\":\"020 7946 0000\",\"country\":\"United Kingdom\""));
        send(0, "c1", ev("c1-2", "page_view", t + min, "c1", "\"sessionId\":\"s-c1\",\"url\":\"/shoes\""));
        send(0, "c1", ev("c1-3", "add_to_cart", t + 2 * min, "c1", "\"sessionId\":\"s-c1\",\"productId\":\"p1\""));
        String purchase = ev("c1-4", "purchase", t + 3 * min, "c1", "\"amount\":100,\"currency\":\"EUR\","
                + "\"items\":[{\"productId\":\"p1\",\"category\":\"shoes\",\"quantity\":1,\"unitPrice\":100}]");
        send(0, "c1", purchase);
        send(0, "c1", purchase); // duplicate
        send(0, "c1", "{\"eventId\":\"c1-5\",\"type\":\"refund\",\"timestamp\":" + (t + 10 * min)
                + ",\"customerId\":\"c1\",\"amount\":10}");

        send(0, "c2", ev("c2-1", "page_view", t + min, "c2", "\"sessionId\":\"s-c2\""));
        send(0, "c2", ev("c2-2", "page_view", t + 2 * min, "c2", "\"sessionId\":\"s-c2\""));
        send(0, "c2", ev("c2-3", "email_send", t + 3 * min, "c2", "\"campaignId\":\"m1\""));
        send(0, "c2", ev("c2-4", "email_open", t + 4 * min, "c2", "\"campaignId\":\"m1\""));
        send(0, "c2", ev("c2-5", "support_ticket", t + 5 * min, "c2", "\"ticketId\":\"t1\""));
        send(0, "c2", ev("c2-6", "support_ticket", t + 6 * min, "c2", "\"ticketId\":\"t1\",\"ticketStatus\":\"closed\""));
        send(0, "c2", ev("c2-7", "purchase", t + 7 * min, "c2", "\"amount\":20"));

        String c3First = ev("c3-1", "purchase", t + 5 * min, "c3", "\"amount\":30");
        send(1, "c3", c3First);
        send(1, "c3", ev("c3-2", "page_view", t + 20 * min, "c3", ""));
        send(1, "c4", ev("c4-1", "login", t + min, "c4", "\"source\":\"app\""));

        // one rejected message per reason, on both partitions
        Map<String, String> rejected = new TreeMap<>();
        rejected.put("malformed_json", "{\"eventId\":\"bad-1\",");
        rejected.put("oversize", ev("bad-2", "page_view", t, "c5", "\"url\":\"" + "u".repeat(70_000) + "\""));
        rejected.put("missing_field", "{\"eventId\":\"bad-3\",\"type\":\"login\",\"timestamp\":" + t + "}");
        rejected.put("unknown_type", ev("bad-4", "teleport", t, "c5", ""));
        rejected.put("wrong_type", ev("bad-5", "purchase", t, "c5", "\"amount\":\"12.50\""));
        rejected.put("invalid_timestamp", "{\"eventId\":\"bad-6\",\"type\":\"login\",\"timestamp\":\"2024-05-01T10:00:00\","
                + "\"customerId\":\"c5\"}");
        rejected.put("future_timestamp", ev("bad-7", "login", System.currentTimeMillis() + 86_400_000L, "c5", ""));
        rejected.put("non_positive_amount", ev("bad-8", "purchase", t, "c5", "\"amount\":0"));
        rejected.put("invalid_value", ev("bad-9", "add_to_cart", t, "c5", "\"productId\":\"p\",\"quantity\":0"));
        rejected.put("unknown_currency", ev("bad-10", "purchase", t, "c5", "\"amount\":5,\"currency\":\"XYZ\""));
        int i = 0;
        for (String json : rejected.values()) {
            send(i++ % 2, "c5", json);
        }
        producer.flush();

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.enableCheckpointing(500);
        CustomerJob.build(env, conf);
        job = env.executeAsync(CustomerJob.NAME);

        String customers = run + "-customers";
        await("the profiles of phase one", () -> eventCounts(customers).equals(Map.of("c1", 5L, "c2", 7L, "c3", 2L, "c4", 1L)));

        // phase two, once the watermark is far past t - 3 h: a late purchase and a resent event
        Thread.sleep(1_000);
        send(1, "c3", ev("c3-3", "purchase", t - 180 * min, "c3", "\"amount\":10"));
        send(1, "c3", c3First);
        producer.flush();
        await("the late event", () -> eventCounts(customers).get("c3") == 3L);

        JsonNode c1 = es.source(customers, "c1");
        assertThat(c1.path("name").asText()).isEqualTo("Ann Smith");
        assertThat(c1.path("email").asText()).isEqualTo("ann@x.com");
        assertThat(c1.path("phone").asText()).isEqualTo("+442079460000");
        assertThat(c1.path("country").asText()).isEqualTo("GB");
        assertThat(c1.at("/orders/count").asLong()).as("the duplicate purchase is dropped").isEqualTo(1);
        assertThat(c1.at("/orders/grossRevenue").asDouble()).isEqualTo(85.0); // 100 EUR at 0.85
        assertThat(c1.at("/orders/refundAmount").asDouble()).isEqualTo(10.0);
        assertThat(c1.at("/orders/revenue").asDouble()).isEqualTo(75.0);
        assertThat(c1.at("/orders/topCategories/0").asText()).isEqualTo("shoes");
        assertThat(c1.at("/engagement/sessions").asLong()).isEqualTo(1);
        assertThat(c1.at("/engagement/cartsConverted").asLong()).isEqualTo(1);
        assertThat(c1.at("/lateEvents").asLong()).isZero();
        assertThat(c1.at("/version").asLong() >> 10).as("events applied, in the version's high bits").isEqualTo(5);

        JsonNode c2 = es.source(customers, "c2");
        assertThat(c2.at("/engagement/pageViews").asLong()).isEqualTo(2);
        assertThat(c2.at("/engagement/sessions").asLong()).isEqualTo(1);
        assertThat(c2.at("/engagement/emailOpenRate").asDouble()).isEqualTo(1.0);
        assertThat(c2.at("/support/tickets").asLong()).isEqualTo(1);
        assertThat(c2.at("/support/openTickets").asLong()).isZero();
        assertThat(c2.at("/orders/revenue").asDouble()).isEqualTo(20.0);

        JsonNode c3 = es.source(customers, "c3");
        assertThat(c3.at("/lateEvents").asLong()).isEqualTo(1);
        assertThat(c3.at("/orders/count").asLong()).as("late purchase applied, resent one dropped").isEqualTo(2);
        assertThat(c3.at("/orders/revenue").asDouble()).isEqualTo(40.0);
        assertThat(c3.at("/orders/firstPurchaseAt").asText()).isEqualTo(Instant.ofEpochMilli(t - 180 * min).toString());
        assertThat(c3.at("/rfm/code").asText()).as("scored against the buyer population").matches("[1-5]{3}");

        // every rejected message, once, with its reason, in the index and on the topic
        String dlq = run + "-dlq";
        await("the dead letters", () -> es.count(dlq) >= rejected.size());
        Thread.sleep(500);
        List<JsonNode> letters = es.all(dlq);
        assertThat(letters).hasSize(rejected.size());
        Map<String, JsonNode> byReason = letters.stream().collect(Collectors.toMap(d -> d.path("reason").asText(), d -> d));
        assertThat(byReason.keySet()).containsExactlyInAnyOrderElementsOf(rejected.keySet());
        rejected.forEach((reason, json) -> {
            JsonNode d = byReason.get(reason);
            assertThat(d.path("payload").asText()).as(reason).isEqualTo(json);
            assertThat(d.path("topic").asText()).isEqualTo(run + "-events");
            assertThat(d.path("key").asText()).isEqualTo("c5");
            assertThat(d.path("message").asText()).isNotBlank();
        });
        assertThat(byReason.get("wrong_type").path("eventId").asText()).isEqualTo("bad-5");
        assertThat(byReason.get("wrong_type").path("customerId").asText()).isEqualTo("c5");

        Map<String, JsonNode> onTopic = readDeadLetterTopic(rejected.size());
        assertThat(onTopic.keySet()).containsExactlyInAnyOrderElementsOf(rejected.keySet());
        onTopic.forEach((reason, d) -> assertThat(d.path("payload").asText()).isEqualTo(rejected.get(reason)));

        // accepted + duplicates + rejected = sent
        String eventIndices = conf.get(SmartcrmOptions.EVENTS_INDEX_PREFIX) + "*";
        long accepted = es.count(eventIndices);
        long total = eventCounts(customers).values().stream().mapToLong(Long::longValue).sum();
        assertThat(accepted).isEqualTo(total).isEqualTo(16);
        assertThat(accepted + 2 + letters.size()).isEqualTo(sent);
        assertThat(es.all(eventIndices)).extracting(e -> e.path("eventId").asText()).doesNotHaveDuplicates()
                .contains("c3-3", "c1-4");

        // the duplicates and the late event, counted in the hours of their event time
        String quality = run + "-quality";
        Map<String, String> expected = new TreeMap<>();
        expected.merge(hour(t + 3 * min) + "-unknown", "dup", (a, b) -> a + "," + b);
        expected.merge(hour(t + 5 * min) + "-unknown", "dup", (a, b) -> a + "," + b);
        expected.merge(hour(t - 180 * min) + "-unknown", "late", (a, b) -> a + "," + b);
        await("the data-quality counts", () -> qualityCounts(quality).equals(expected));
        Thread.sleep(500);
        assertThat(qualityCounts(quality)).isEqualTo(expected);
        assertThat(es.all(quality)).allSatisfy(d -> {
            assertThat(d.path("source").asText()).isEqualTo("unknown");
            assertThat(Instant.parse(d.path("windowEnd").asText()).toEpochMilli()
                    - Instant.parse(d.path("windowStart").asText()).toEpochMilli()).isEqualTo(60 * min);
        });
    }

    private static long hour(long t) {
        return t - Math.floorMod(t, 3_600_000L);
    }

    /** Per document id, "dup" once per duplicate and "late" once per late event. */
    private Map<String, String> qualityCounts(String index) {
        Map<String, String> out = new TreeMap<>();
        for (JsonNode d : es.all(index)) {
            List<String> marks = new ArrayList<>();
            for (int i = 0; i < d.path("duplicates").asInt(); i++) {
                marks.add("dup");
            }
            for (int i = 0; i < d.path("late").asInt(); i++) {
                marks.add("late");
            }
            assertThat(d.path("erasedDropped").asLong()).isZero();
            out.put(Instant.parse(d.path("windowStart").asText()).toEpochMilli() + "-" + d.path("source").asText(),
                    String.join(",", marks));
        }
        return out;
    }

    private Map<String, Long> eventCounts(String index) {
        Map<String, Long> counts = new HashMap<>();
        for (JsonNode p : es.all(index)) {
            counts.put(p.path("customerId").asText(), p.path("eventCount").asLong());
        }
        return counts;
    }

    private Map<String, JsonNode> readDeadLetterTopic(int expected) throws Exception {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, conf.get(SmartcrmOptions.KAFKA_BOOTSTRAP_SERVERS));
        p.put(ConsumerConfig.GROUP_ID_CONFIG, run + "-reader");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(run + "-dlq"));
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
            // and nothing more arrives
            consumer.poll(Duration.ofSeconds(1)).forEach(records::add);
        }
        assertThat(records).hasSize(expected);
        Map<String, JsonNode> byReason = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo("c5");
            JsonNode d = MAPPER.readTree(r.value());
            byReason.put(d.path("reason").asText(), d);
        }
        return byReason;
    }

    private void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException e) {
                // not there yet (e.g. an index not created)
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what + "; profiles: " + es.all(run + "-customers")
                        + "; job: " + job.getJobStatus().join());
            }
            Thread.sleep(250);
        }
    }
}
