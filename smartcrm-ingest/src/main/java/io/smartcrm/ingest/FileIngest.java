package io.smartcrm.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a CSV or JSON-lines file into Kafka as customer events, through a {@link Mapping}: the value is the
 * event's wire JSON, the key the customer id (UTF-8; none when the record has no customer id). Records that do not
 * map fully are published as they are, for the job to reject with a reason; only unreadable lines are skipped.
 */
public final class FileIngest {
    public static final String DEFAULT_TOPIC = "crm.events";
    private static final Logger LOG = LoggerFactory.getLogger(FileIngest.class);
    private static final long PROGRESS_NANOS = Duration.ofSeconds(10).toNanos();

    private FileIngest() {
    }

    /** The producer settings: acks=all, idempotence, lz4, linger 10 ms, batches of 256 KiB. */
    public static Map<String, Object> producerConfig(String bootstrapServers) {
        Map<String, Object> c = new HashMap<>();
        c.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        c.put(ProducerConfig.ACKS_CONFIG, "all");
        c.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        c.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        c.put(ProducerConfig.LINGER_MS_CONFIG, 10);
        c.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        c.put(ProducerConfig.CLIENT_ID_CONFIG, "smartcrm-ingest");
        c.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        c.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return c;
    }

    /** Ingests with a producer of its own, closed at the end. */
    public static IngestReport ingest(Path file, Mapping mapping, String bootstrapServers, String topic,
            IngestOptions options) throws IOException {
        Map<String, Object> config = producerConfig(bootstrapServers);
        config.putAll(options.producerProperties());
        try (Producer<byte[], byte[]> producer = new KafkaProducer<>(config)) {
            return ingest(file, mapping, producer, topic, options);
        }
    }

    /**
     * Ingests with the caller's producer (flushed, not closed). Returns once every event is acknowledged; throws
     * {@link IngestException} if any send fails, and {@link MappingException} before publishing anything if the
     * mapping does not fit the file.
     */
    public static IngestReport ingest(Path file, Mapping mapping, Producer<byte[], byte[]> producer, String topic,
            IngestOptions options) throws IOException {
        AtomicReference<Exception> failure = new AtomicReference<>();
        AtomicLong acknowledged = new AtomicLong();
        long sent = 0;
        try (EventMapper events = EventMapper.open(file, mapping, options)) {
            LOG.info("Ingesting {} with mapping {} into topic {}", file, mapping.name(), topic);
            long nextProgress = System.nanoTime() + PROGRESS_NANOS;
            while (events.hasNext() && failure.get() == null) {
                MappedEvent e = events.next();
                try {
                    producer.send(new ProducerRecord<>(topic, e.keyBytes(), e.toJson()), (metadata, error) -> {
                        if (error == null) {
                            acknowledged.incrementAndGet();
                        } else {
                            failure.compareAndSet(null, error);
                        }
                    });
                } catch (KafkaException | IllegalStateException ex) {
                    failure.compareAndSet(null, ex);
                }
                sent++;
                if ((sent & 4095) == 0 && System.nanoTime() > nextProgress) {
                    LOG.info("{}: {} events sent, {} acknowledged", file.getFileName(), sent, acknowledged.get());
                    nextProgress = System.nanoTime() + PROGRESS_NANOS;
                }
            }
            try {
                producer.flush();
            } catch (KafkaException ex) {
                failure.compareAndSet(null, ex);
            }
            Exception error = failure.get();
            if (error != null || acknowledged.get() != sent) {
                throw new IngestException("ingest of " + file + " into topic " + topic + " failed: " + sent
                        + " events sent, " + acknowledged.get() + " acknowledged" + (error == null ? ""
                        : "; first error: " + error.getClass().getSimpleName() + ": " + error.getMessage()), error);
            }
            IngestReport report = events.report(topic);
            LOG.info("Ingested {}", report.summary());
            return report;
        }
    }

    /**
     * The events a file maps to, without Kafka, lazily. Close the stream to release the file. Throws
     * {@link MappingException} at once if the mapping's columns are not in the file.
     */
    public static Stream<MappedEvent> map(Path file, Mapping mapping, IngestOptions options) throws IOException {
        EventMapper events = EventMapper.open(file, mapping, options);
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(events, Spliterator.ORDERED | Spliterator.NONNULL),
                false).onClose(() -> {
                    try {
                        events.close();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }
}
