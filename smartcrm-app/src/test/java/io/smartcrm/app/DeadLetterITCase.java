package io.smartcrm.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smartcrm.app.runtime.ProgressMetrics;
import io.smartcrm.generator.EventGenerator;
import io.smartcrm.generator.GeneratedEvent;
import io.smartcrm.generator.GeneratorConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generated traffic with every kind of bad message (and duplicates) through the real pipeline: each rejected
 * message lands in the dead-letter topic and in {@code crm-dlq} with the reason the generator meant, and its
 * original bytes; duplicates are dropped and counted; accepted + rejected = sent.
 */
class DeadLetterITCase {
    private static final Duration TIMEOUT = Duration.ofMinutes(3);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void rejectedMessagesLandInTheDeadLetterTopicAndIndexWithTheirReasons() throws Exception {
        GeneratorConfig config = GeneratorConfig.builder().customers(300).seed(7).baseCurrency("GBP").malformedShare(0.05)
                .duplicateShare(0.02).build();
        EventGenerator generator = new EventGenerator(config);
        List<GeneratedEvent> sent = new ArrayList<>();
        for (int i = 0; i < 6_000; i++) {
            sent.add(generator.next());
        }
        byte[] notUtf8 = {(byte) 0xff, (byte) 0xfe, '{', 0x00, (byte) 0xc3};
        Map<String, Long> expectedReasons = sent.stream().filter(e -> e.kind() == GeneratedEvent.Kind.MALFORMED)
                .collect(Collectors.groupingBy(e -> e.expectedReason().code(), TreeMap::new, Collectors.counting()));
        expectedReasons.merge("malformed_json", 1L, Long::sum);
        long expectedRejected = expectedReasons.values().stream().mapToLong(Long::longValue).sum();
        long duplicates = sent.stream().filter(e -> e.kind() == GeneratedEvent.Kind.DUPLICATE).count();
        long unique = sent.stream().filter(e -> e.kind() == GeneratedEvent.Kind.VALID).count();
        assertThat(expectedReasons).containsKeys("malformed_json", "missing_field", "unknown_type", "wrong_type",
                "non_positive_amount", "future_timestamp", "oversize");

        try (LivePipeline pipeline = new LivePipeline("dlq")) {
            publish(pipeline, sent, notUtf8);
            pipeline.start(tmp.resolve("checkpoints"));

            LivePipeline.waitUntil("every message counted", TIMEOUT,
                    () -> ProgressMetrics.sum("eventsAccepted") + ProgressMetrics.sum("eventsRejected") == sent.size() + 1);
            assertThat(ProgressMetrics.sum("eventsRejected")).isEqualTo(expectedRejected);
            LivePipeline.waitUntil("duplicates dropped", TIMEOUT,
                    () -> ProgressMetrics.sum("duplicateEvents") == duplicates);
            LivePipeline.waitUntil("dead letters indexed", TIMEOUT,
                    () -> pipeline.count("crm-dlq") == expectedRejected);

            Map<String, ObjectNode> indexed = pipeline.documents("crm-dlq");
            assertThat(reasons(indexed.values())).isEqualTo(expectedReasons);
            ObjectNode binary = indexed.values().stream()
                    .filter(d -> d.path("payloadEncoding").asText().equals("base64")).findFirst().orElseThrow();
            assertThat(Base64.getDecoder().decode(binary.path("payload").asText())).isEqualTo(notUtf8);
            assertThat(indexed.values()).allSatisfy(d -> {
                assertThat(d.path("message").asText()).isNotBlank();
                assertThat(d.path("topic").asText()).isEqualTo(pipeline.topic);
            });

            List<JsonNode> onTopic = readCommitted(pipeline, expectedRejected);
            assertThat(reasons(onTopic)).isEqualTo(expectedReasons);

            LivePipeline.waitUntil("unique events indexed", TIMEOUT,
                    () -> pipeline.count("crm-events-*") == unique);
        }
    }

    private static void publish(LivePipeline pipeline, List<GeneratedEvent> events, byte[] extra) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, pipeline.bootstrapServers());
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4 * 1024 * 1024);
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (GeneratedEvent e : events) {
                producer.send(new ProducerRecord<>(pipeline.topic, e.key(), e.value()));
            }
            producer.send(new ProducerRecord<>(pipeline.topic, "binary".getBytes(), extra));
            producer.flush();
        }
    }

    private static List<JsonNode> readCommitted(LivePipeline pipeline, long expected) throws Exception {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, pipeline.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "dlq-reader-" + System.nanoTime());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<JsonNode> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(pipeline.dlqTopic));
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    records.add(JSON.readTree(r.value()));
                }
            }
            // anything beyond the expected count would be a duplicate: give it a moment to show up
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofSeconds(2))) {
                records.add(JSON.readTree(r.value()));
            }
        }
        return records;
    }

    private static Map<String, Long> reasons(java.util.Collection<? extends JsonNode> deadLetters) {
        Map<String, Long> counts = new TreeMap<>();
        deadLetters.forEach(d -> counts.merge(d.path("reason").asText(), 1L, Long::sum));
        return counts;
    }
}
