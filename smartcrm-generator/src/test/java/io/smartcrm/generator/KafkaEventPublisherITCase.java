package io.smartcrm.generator;

import static org.assertj.core.api.Assertions.assertThat;

import io.smartcrm.embedded.SharedServices;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

/** Publishes to the real embedded broker and reads everything back. */
class KafkaEventPublisherITCase {
    private static final int COUNT = 20_000;

    @Test
    void everyMessageArrivesKeyedByCustomerInOrderPerKey() {
        String bootstrap = SharedServices.kafka().bootstrapServers();
        String topic = "generator-it-" + System.nanoTime();
        SharedServices.kafka().createTopics(Map.of(topic, 4));
        GeneratorConfig config = GeneratorConfig.builder().topic(topic).rate(0).customers(2_000)
                .startTime(Instant.now().minus(Duration.ofDays(120))).build();

        try (KafkaEventPublisher publisher = new KafkaEventPublisher(config, bootstrap)) {
            assertThat(publisher.publish(COUNT)).isEqualTo(COUNT);
            assertThat(publisher.stats().sent()).isEqualTo(COUNT);
            assertThat(publisher.stats().failed()).isZero();
            assertThat(publisher.stats().acknowledged()).as("every send acknowledged after the flush")
                    .isEqualTo(publisher.stats().sent());
        }

        Map<String, List<String>> expected = byKey(Streams.take(new EventGenerator(config), COUNT));
        Map<String, List<String>> received = new HashMap<>();
        int count = 0;
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, topic + "-reader");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 * 1024 * 1024);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (count < COUNT && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    received.computeIfAbsent(new String(r.key(), StandardCharsets.UTF_8), k -> new ArrayList<>())
                            .add(new String(r.value(), StandardCharsets.UTF_8));
                    count++;
                }
            }
            assertThat(consumer.poll(Duration.ofSeconds(1))).isEmpty();
        }

        assertThat(count).isEqualTo(COUNT);
        assertThat(received.keySet()).allMatch(k -> k.matches("C\\d{6}"));
        assertThat(received.keySet()).isEqualTo(expected.keySet());
        expected.forEach((key, values) -> assertThat(received.get(key)).as("messages of %s", key)
                .containsExactlyElementsOf(values));
    }

    private static Map<String, List<String>> byKey(List<GeneratedEvent> events) {
        Map<String, List<String>> byKey = new HashMap<>();
        for (GeneratedEvent g : events) {
            byKey.computeIfAbsent(g.customerId(), k -> new ArrayList<>())
                    .add(new String(g.value(), StandardCharsets.UTF_8));
        }
        return byKey;
    }
}
