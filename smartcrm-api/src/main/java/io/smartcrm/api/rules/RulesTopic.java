package io.smartcrm.api.rules;

import io.smartcrm.api.http.ApiException;
import io.smartcrm.api.kafka.Producers;
import io.smartcrm.kafka.SharedTopics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The compacted rules topic the running job reads: key = rule id, value = the rule as JSON, a tombstone (null
 * value) for a deleted rule. The topic is created if missing (1 partition, cleanup.policy=compact) at start, in
 * the background until Kafka answers, and before the first write at the latest. Writes are synchronous with
 * acks=all: a write the API confirmed is in the topic.
 */
final class RulesTopic implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RulesTopic.class);
    private static final int RETRY_SECONDS = 5;
    private static final int READ_SECONDS = 60;

    private final String bootstrapServers;
    private final String topic;
    private final ScheduledExecutorService creator;
    private volatile boolean created;
    private long firstFailure;
    private boolean warned;
    private KafkaProducer<String, byte[]> producer;

    RulesTopic(String bootstrapServers, String topic) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.creator = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "smartcrm-api-rules-topic");
            t.setDaemon(true);
            return t;
        });
    }

    /** Creates the topic if missing, retrying in the background until Kafka answers. */
    void createInBackground() {
        creator.execute(this::tryCreate);
    }

    private void tryCreate() {
        try {
            create();
        } catch (RuntimeException e) {
            // Kafka may still be starting next to us: only a minute of failures is worth a warning
            long now = System.nanoTime();
            if (firstFailure == 0) {
                firstFailure = now;
            }
            if (!warned && now - firstFailure > TimeUnit.MINUTES.toNanos(1)) {
                warned = true;
                LOG.warn("Cannot create the rules topic {} for a minute now ({}); still retrying", topic, e.getMessage());
            } else {
                LOG.debug("Cannot create the rules topic {} yet: {}", topic, e.getMessage());
            }
            creator.schedule(this::tryCreate, RETRY_SECONDS, TimeUnit.SECONDS);
        }
    }

    private synchronized void create() {
        if (!created) {
            SharedTopics.createIfMissing(bootstrapServers, List.of(SharedTopics.alertRules(topic)));
            created = true;
        }
    }

    /**
     * Writes the rule (or, with a null value, its tombstone) and waits until Kafka has it; 503 if it cannot. The
     * record's offset, which orders every write of every API instance.
     */
    long write(String id, byte[] value) {
        try {
            create();
        } catch (RuntimeException e) {
            throw ApiException.unavailable("Kafka is unreachable, the rule was not changed: " + e.getMessage());
        }
        return Producers.sendAndWait(producer(), new ProducerRecord<>(topic, id, value), "the rule was not changed")
                .offset();
    }

    /** The last record of a rule on the topic: its offset and value (null for a tombstone). */
    record Latest(long offset, byte[] value) {}

    /** The last record of every rule id, read from the beginning of the topic to its current end. */
    Map<String, Latest> readAll() {
        create();
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        Map<String, Latest> latest = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(READ_SECONDS);
            while (consumer.position(partition) < end) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the rules topic " + topic + " was not read to its end (offset "
                            + end + ") in " + READ_SECONDS + " s");
                }
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.key() != null) {
                        latest.put(r.key(), new Latest(r.offset(), r.value()));
                    }
                }
            }
        }
        return latest;
    }

    private synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            producer = Producers.reliable(bootstrapServers, "smartcrm-api-rules");
        }
        return producer;
    }

    @Override
    public synchronized void close() {
        creator.shutdownNow();
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }
}
