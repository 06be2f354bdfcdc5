package io.smartcrm.api.kafka;

import io.smartcrm.api.http.ApiException;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The API's Kafka writes: idempotent, acks=all, each confirmed before the request is answered. */
public final class Producers {
    private static final Logger LOG = LoggerFactory.getLogger(Producers.class);
    private static final long SEND_TIMEOUT_MS = 30_000;

    private Producers() {}

    public static KafkaProducer<String, byte[]> reliable(String bootstrapServers, String clientId) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 20_000);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    /** Sends and waits until Kafka has it; a 503 saying what was not done if it cannot. */
    public static RecordMetadata sendAndWait(KafkaProducer<String, byte[]> producer,
            ProducerRecord<String, byte[]> record, String notDone) {
        try {
            return producer.send(record).get(SEND_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            LOG.warn("Cannot write key {} to topic {}: {}", record.key(), record.topic(), cause.toString());
            throw ApiException.unavailable("Kafka is unreachable, " + notDone + ": " + cause.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.unavailable("interrupted while writing to Kafka, " + notDone);
        }
    }
}
