package io.smartcrm.generator;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes an {@link EventGenerator}'s stream to Kafka (key = customer id, value = the message) at the configured
 * rate of wall time, with a token bucket (rate &le; 0: as fast as possible). History is replayed fast; an event is
 * never sent before the wall clock reaches its time, so once the simulation has caught up it follows real time.
 *
 * <p>{@link #publish(long)} and {@link #run()} block the calling thread; {@link #stop()} and {@link #close()} may
 * be called from any thread. {@link #stats()} gives the counters for a progress line.
 */
public final class KafkaEventPublisher implements AutoCloseable {
    /** How long close() waits for the publishing thread before aborting pending sends. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);
    private static final Logger LOG = LoggerFactory.getLogger(KafkaEventPublisher.class);
    private static final long MAX_SLEEP_NANOS = 100_000_000L;
    private static final long RATE_WINDOW_NANOS = 1_000_000_000L;

    private final GeneratorConfig config;
    private final EventGenerator generator;
    private final Producer<byte[], byte[]> producer;
    private final Ticker ticker;
    private final ReentrantLock publishing = new ReentrantLock();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong acknowledged = new AtomicLong();
    private final Callback onSent = this::onSent;
    private volatile boolean stopRequested;
    /** Set by {@link #close()} before it waits for the publishing thread: no publishing starts after it. */
    private volatile boolean closing;
    private boolean closed;

    // written by the publishing thread only
    private volatile long sent;
    private volatile long skipped;
    private volatile long valid;
    private volatile long duplicates;
    private volatile long malformed;
    private volatile long simulatedTime;
    private volatile double eventsPerSecond;
    private double tokens;
    private long refilledAt;
    private volatile long windowStart;
    private volatile long windowSent;

    /** A publisher with its own producer ({@link #producerConfig(String)}), closed by {@link #close()}. */
    public KafkaEventPublisher(GeneratorConfig config, String bootstrapServers) {
        this(config, new KafkaProducer<>(producerConfig(bootstrapServers)));
    }

    /** A publisher over a given producer, which {@link #close()} closes. */
    public KafkaEventPublisher(GeneratorConfig config, Producer<byte[], byte[]> producer) {
        this(config, producer, Ticker.SYSTEM);
    }

    KafkaEventPublisher(GeneratorConfig config, Producer<byte[], byte[]> producer, Ticker ticker) {
        this.config = config;
        this.generator = new EventGenerator(config);
        this.producer = producer;
        this.ticker = ticker;
        this.simulatedTime = generator.simulatedTime();
    }

    /** Durable, ordered, batched: acks=all, idempotence, lz4, linger 5 ms, 64 KiB batches. */
    public static Map<String, Object> producerConfig(String bootstrapServers) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "smartcrm-generator");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 64 * 1024);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return p;
    }

    public GeneratorConfig config() {
        return config;
    }

    /**
     * Sends the next {@code count} messages, then flushes; returns how many were sent, fewer if stopped or
     * interrupted first.
     */
    public long publish(long count) {
        return loop(count);
    }

    /** Sends until {@link #stop()} or {@link #close()} is called or the thread is interrupted, then flushes. */
    public void run() {
        loop(Long.MAX_VALUE);
    }

    /** Makes the running (or else the next) {@link #publish(long)} or {@link #run()} return within about 100 ms. */
    public void stop() {
        stopRequested = true;
    }

    /**
     * Advances the stream by {@code count} events without sending them: a restarted publisher with the same
     * config continues where an earlier one stopped. Call before publishing.
     */
    public void skip(long count) {
        publishing.lock();
        try {
            for (long i = 0; i < count; i++) {
                generator.next();
            }
            skipped += count;
            simulatedTime = generator.simulatedTime();
        } finally {
            publishing.unlock();
        }
    }

    /** Events of the stream behind this publisher: skipped plus sent. */
    public long position() {
        return skipped + sent;
    }

    /** The counters; the rate is that of the last whole second, or since then while no event was sent for two. */
    public Stats stats() {
        long start = windowStart;
        long inWindow = sent - windowSent;
        long elapsed = ticker.nanoTime() - start;
        double rate = elapsed >= 2 * RATE_WINDOW_NANOS ? inWindow * 1e9 / elapsed : eventsPerSecond;
        return new Stats(sent, valid, duplicates, malformed, acknowledged.get(), failed.get(),
                Instant.ofEpochMilli(simulatedTime), rate);
    }

    /** Stops publishing, waits for the publishing thread to return, flushes and closes the producer. */
    @Override
    public void close() {
        closing = true;
        boolean locked;
        try {
            locked = publishing.tryLock(CLOSE_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            locked = false;
        }
        if (!locked) {
            // the publishing thread is stuck in a send or flush (broker gone): abort its pending sends
            LOG.warn("Publishing did not stop within {} s; closing the producer without waiting: {}",
                    CLOSE_WAIT.toSeconds(), stats());
            producer.close(Duration.ZERO);
            return;
        }
        try {
            if (closed) {
                return;
            }
            closed = true;
            producer.close(Duration.ofSeconds(30));
            LOG.info("Event publisher closed: {}", stats());
        } finally {
            publishing.unlock();
        }
    }

    private long loop(long count) {
        if (!publishing.tryLock()) {
            throw new IllegalStateException("this publisher is already publishing");
        }
        try {
            if (closing) {
                throw new IllegalStateException("this publisher is closed");
            }
            LOG.info("Publishing to topic {} at {} events/s, {} customers, seed {}, simulated time {}",
                    config.topic(), config.rate() > 0 ? config.rate() : "unlimited", config.customers(),
                    config.seed(), Instant.ofEpochMilli(simulatedTime));
            long now = ticker.nanoTime();
            refilledAt = now;
            windowStart = now;
            windowSent = sent;
            tokens = 0;
            long n = 0;
            try {
                while (n < count && !stopping()) {
                    GeneratedEvent event = generator.next();
                    if (!awaitWallClock(event.eventTime()) || !acquire()) {
                        break;
                    }
                    producer.send(new ProducerRecord<>(config.topic(), event.key(), event.value()), onSent);
                    n++;
                    count(event);
                }
                producer.flush();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                LOG.info("Publishing interrupted after {} events; close() flushes", n);
            }
            return n;
        } finally {
            stopRequested = false;
            publishing.unlock();
        }
    }

    private boolean stopping() {
        return stopRequested || closing;
    }

    private void count(GeneratedEvent event) {
        sent++;
        switch (event.kind()) {
            case VALID -> valid++;
            case DUPLICATE -> duplicates++;
            case MALFORMED -> malformed++;
        }
        if (event.eventTime() > simulatedTime) {
            simulatedTime = event.eventTime();
        }
        long now = ticker.nanoTime();
        if (now - windowStart >= RATE_WINDOW_NANOS) {
            eventsPerSecond = (sent - windowSent) * 1e9 / (now - windowStart);
            windowStart = now;
            windowSent = sent;
        }
    }

    /** Waits until the wall clock reaches {@code eventTime}; false if stopped meanwhile. */
    private boolean awaitWallClock(long eventTime) throws InterruptedException {
        long wall;
        while ((wall = ticker.currentTimeMillis()) < eventTime) {
            if (wall > simulatedTime) {
                simulatedTime = wall;
            }
            if (stopping()) {
                return false;
            }
            ticker.sleepNanos(Math.min(MAX_SLEEP_NANOS, (eventTime - wall) * 1_000_000L));
        }
        return true;
    }

    /** Takes a token from the bucket (50 ms of burst), sleeping until one is there; false if stopped meanwhile. */
    private boolean acquire() throws InterruptedException {
        double rate = config.rate();
        if (rate <= 0) {
            return true;
        }
        double burst = Math.max(1, rate / 20);
        while (true) {
            long now = ticker.nanoTime();
            tokens = Math.min(burst, tokens + (now - refilledAt) * rate / 1e9);
            refilledAt = now;
            if (tokens >= 1) {
                tokens -= 1;
                return true;
            }
            if (stopping()) {
                return false;
            }
            ticker.sleepNanos(Math.min(MAX_SLEEP_NANOS, (long) Math.ceil((1 - tokens) * 1e9 / rate)));
        }
    }

    private void onSent(RecordMetadata metadata, Exception error) {
        if (error == null) {
            acknowledged.incrementAndGet();
        } else if (failed.getAndIncrement() == 0) {
            LOG.warn("Cannot send events to topic {} (further failures are only counted): {}", config.topic(),
                    error.toString());
        }
    }

    /**
     * Counters since the publisher was made: messages handed to the producer by kind, those the broker acknowledged
     * and those that failed (the rest are still in the producer's buffer), the simulated clock and the send rate over
     * the last second of wall time.
     */
    public record Stats(long sent, long valid, long duplicates, long malformed, long acknowledged, long failed,
                        Instant simulatedTime, double eventsPerSecond) {
        /** A progress line. */
        @Override
        public String toString() {
            return String.format(Locale.ROOT,
                    "sent %,d (valid %,d, duplicates %,d, malformed %,d), acknowledged %,d, failed %,d, simulated time %s, "
                            + "%,.0f events/s",
                    sent, valid, duplicates, malformed, acknowledged, failed, simulatedTime, eventsPerSecond);
        }
    }
}
