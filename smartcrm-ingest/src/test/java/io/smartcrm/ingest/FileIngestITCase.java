package io.smartcrm.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.smartcrm.embedded.EmbeddedKafka;
import io.smartcrm.embedded.SharedServices;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

/** The retail file through a real broker: everything published is there, keyed by customer id. */
class FileIngestITCase {

    @Test
    void ingestsTheRetailSampleIntoKafka() throws Exception {
        EmbeddedKafka kafka = SharedServices.kafka();
        String topic = "ingest-it-" + UUID.randomUUID();
        kafka.createTopics(Map.of(topic, 3));
        Path file = SharedData.file(SharedData.RETAIL);
        Mapping mapping = Mapping.load("online-retail");

        IngestReport report = FileIngest.ingest(file, mapping, kafka.bootstrapServers(), topic, Fixtures.OPTIONS);
        System.out.println("FileIngestITCase: " + report.summary());

        Map<String, String> expected = new HashMap<>();
        Fixtures.map(mapping, file).forEach(e -> expected.put(e.event().eventId,
                new String(e.toJson(), StandardCharsets.UTF_8)));
        assertThat(report.events()).isEqualTo(expected.size()).isEqualTo(16_820);

        List<ConsumerRecord<byte[], byte[]>> consumed = consumeAll(kafka.bootstrapServers(), topic, report.events());
        assertThat(consumed).hasSize((int) report.events());
        Map<String, String> published = new HashMap<>();
        Map<String, Set<Integer>> partitionsOfCustomer = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : consumed) {
            JsonNode value = Fixtures.JSON.readTree(r.value());
            String customerId = value.path("customerId").textValue();
            String key = r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8);
            assertThat(key).as("key of %s", value.get("eventId")).isEqualTo(customerId);
            published.put(value.get("eventId").textValue(), new String(r.value(), StandardCharsets.UTF_8));
            if (customerId != null) {
                partitionsOfCustomer.computeIfAbsent(customerId, c -> new HashSet<>()).add(r.partition());
            }
        }
        assertThat(published).isEqualTo(expected);
        assertThat(partitionsOfCustomer.values()).allSatisfy(p -> assertThat(p).hasSize(1));
        assertThat(report.eventsPerSecond()).isPositive();
    }

    private static List<ConsumerRecord<byte[], byte[]>> consumeAll(String bootstrap, String topic, long expected) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
            consumer.poll(Duration.ofSeconds(1)).forEach(records::add);
        }
        return records;
    }
}
