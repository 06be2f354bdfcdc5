package io.smartcrm.api.rules;

import io.smartcrm.api.http.ApiException;
import io.smartcrm.api.kafka.Producers;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
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
        if (created) {
            return;
        }
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        try (Admin admin = Admin.create(props)) {
            admin.createTopics(List.of(new NewTopic(topic, Optional.of(1), Optional.empty())
                    .configs(Map.of("cleanup.policy", "compact")))).all().get(20, TimeUnit.SECONDS);
            LOG.info("Rules topic {} created (compacted)", topic);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka at " + bootstrapServers + " did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        created = true;
    }

    /** Writes the rule (or, with a null value, its tombstone) and waits until Kafka has it; 503 if it cannot. */
    void write(String id, byte[] value) {
        try {
            create();
        } catch (RuntimeException e) {
            throw ApiException.unavailable("Kafka is unreachable, the rule was not changed: " + e.getMessage());
        }
        Producers.sendAndWait(producer(), new ProducerRecord<>(topic, id, value), "the rule was not changed");
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
