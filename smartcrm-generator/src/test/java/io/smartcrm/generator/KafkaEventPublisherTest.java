package io.smartcrm.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class KafkaEventPublisherTest {

    /** A wall clock that only moves when the publisher sleeps. */
    private static final class FakeTicker implements Ticker {
        final long wallAtStart;
        long nanos;

        FakeTicker(long wallAtStart) {
            this.wallAtStart = wallAtStart;
        }

        @Override
        public long currentTimeMillis() {
            return wallAtStart + nanos / 1_000_000;
        }

        @Override
        public long nanoTime() {
            return nanos;
        }

        @Override
        public void sleepNanos(long n) {
            nanos += n;
        }
    }

    /** Remembers the wall clock at each send. */
    private static final class RecordingProducer extends MockProducer<byte[], byte[]> {
        final Ticker ticker;
        final List<Long> sentAt = new ArrayList<>();

        RecordingProducer(Ticker ticker) {
            super(true, null, new ByteArraySerializer(), new ByteArraySerializer());
            this.ticker = ticker;
        }

        @Override
        public synchronized Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record, Callback callback) {
            sentAt.add(ticker.currentTimeMillis());
            return super.send(record, callback);
        }
    }

    @Test
    void publishesTheGeneratorsStreamAtTheConfiguredRate() {
        GeneratorConfig config = Streams.config().rate(1_000).topic("events-test").build();
        FakeTicker ticker = new FakeTicker(Instant.parse("2026-01-01T00:00:00Z").toEpochMilli());
        RecordingProducer producer = new RecordingProducer(ticker);
        KafkaEventPublisher publisher = new KafkaEventPublisher(config, producer, ticker);

        assertThat(publisher.publish(5_000)).isEqualTo(5_000);

        assertThat(ticker.nanos / 1e9).isCloseTo(5.0, within(0.1));
        List<GeneratedEvent> expected = Streams.take(new EventGenerator(config), 5_000);
        List<ProducerRecord<byte[], byte[]>> sent = producer.history();
        assertThat(sent).hasSize(5_000);
        for (int i = 0; i < sent.size(); i++) {
            assertThat(sent.get(i).topic()).isEqualTo("events-test");
            assertThat(sent.get(i).key()).isEqualTo(expected.get(i).key());
            assertThat(sent.get(i).value()).isEqualTo(expected.get(i).value());
        }
        KafkaEventPublisher.Stats stats = publisher.stats();
        assertThat(stats.sent()).isEqualTo(5_000);
        assertThat(stats.valid()).isEqualTo(count(expected, GeneratedEvent.Kind.VALID));
        assertThat(stats.duplicates()).isEqualTo(count(expected, GeneratedEvent.Kind.DUPLICATE));
        assertThat(stats.malformed()).isEqualTo(count(expected, GeneratedEvent.Kind.MALFORMED));
        assertThat(stats.failed()).isZero();
        assertThat(stats.acknowledged()).isEqualTo(5_000);
        assertThat(stats.eventsPerSecond()).isCloseTo(1_000, within(50.0));
        assertThat(stats.simulatedTime().toEpochMilli())
                .isEqualTo(expected.stream().mapToLong(GeneratedEvent::eventTime).max().orElseThrow());
        assertThat(stats.toString()).contains("sent 5,000", "acknowledged 5,000", "events/s", "simulated time");
        ticker.sleepNanos(20_000_000_000L); // twenty seconds without a send: the rate falls
        assertThat(publisher.stats().eventsPerSecond()).isLessThan(60);

        publisher.close();
        assertThat(producer.closed()).isTrue();
        assertThatThrownBy(() -> publisher.publish(1)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void neverSendsAnEventBeforeTheWallClockReachesIt() {
        FakeTicker ticker = new FakeTicker(Streams.START.plus(Duration.ofHours(1)).toEpochMilli());
        GeneratorConfig config = Streams.config().rate(0).build();
        RecordingProducer producer = new RecordingProducer(ticker);
        try (KafkaEventPublisher publisher = new KafkaEventPublisher(config, producer, ticker)) {
            publisher.publish(3_000);

            List<GeneratedEvent> expected = Streams.take(new EventGenerator(config), 3_000);
            int waited = 0;
            for (int i = 0; i < expected.size(); i++) {
                assertThat(expected.get(i).eventTime()).as("event %d", i).isLessThanOrEqualTo(producer.sentAt.get(i));
                if (expected.get(i).eventTime() > ticker.wallAtStart) {
                    waited++;
                }
            }
            assertThat(waited).as("events that had to wait for the wall clock").isGreaterThan(500);
            assertThat(publisher.stats().simulatedTime().toEpochMilli())
                    .isLessThanOrEqualTo(ticker.currentTimeMillis());
        }
    }

    @Test
    void aSkippingPublisherContinuesTheStreamWhereTheFirstOneStopped() {
        GeneratorConfig config = Streams.config().rate(0).build();
        MockProducer<byte[], byte[]> first = new MockProducer<>(true, null, new ByteArraySerializer(),
                new ByteArraySerializer());
        MockProducer<byte[], byte[]> resumed = new MockProducer<>(true, null, new ByteArraySerializer(),
                new ByteArraySerializer());
        try (KafkaEventPublisher a = new KafkaEventPublisher(config, first);
                KafkaEventPublisher b = new KafkaEventPublisher(config, resumed)) {
            a.publish(1_500);
            b.skip(1_000);
            assertThat(b.position()).isEqualTo(1_000);
            b.publish(500);
            assertThat(b.position()).isEqualTo(1_500);
            assertThat(b.stats().sent()).isEqualTo(500);
            for (int i = 0; i < 500; i++) {
                assertThat(resumed.history().get(i).value()).as("event %d", 1_000 + i)
                        .isEqualTo(first.history().get(1_000 + i).value());
            }
        }
    }

    @Test
    void runUntilClosedFromAnotherThread() throws Exception {
        GeneratorConfig config = Streams.config().rate(2_000).build();
        MockProducer<byte[], byte[]> producer = new MockProducer<>(true, null, new ByteArraySerializer(),
                new ByteArraySerializer());
        KafkaEventPublisher publisher = new KafkaEventPublisher(config, producer);
        Thread runner = new Thread(publisher::run, "publisher");
        runner.start();
        Thread.sleep(500);
        publisher.close();
        runner.join(5_000);

        assertThat(runner.isAlive()).isFalse();
        assertThat(producer.closed()).isTrue();
        assertThat(publisher.stats().sent()).isEqualTo(producer.history().size()).isBetween(100L, 2_000L);
    }

    @Test
    void stopEndsARunAndThePublisherCanGoOn() throws Exception {
        MockProducer<byte[], byte[]> producer = new MockProducer<>(true, null, new ByteArraySerializer(),
                new ByteArraySerializer());
        try (KafkaEventPublisher publisher = new KafkaEventPublisher(Streams.config().rate(5_000).build(), producer)) {
            Thread runner = new Thread(publisher::run, "publisher");
            runner.start();
            Thread.sleep(200);
            publisher.stop();
            runner.join(5_000);
            assertThat(runner.isAlive()).isFalse();
            long sent = publisher.stats().sent();
            assertThat(publisher.publish(10)).isEqualTo(10);
            assertThat(publisher.stats().sent()).isEqualTo(sent + 10);
        }
    }

    @Test
    void producerIsDurableOrderedAndBatched() {
        assertThat(KafkaEventPublisher.producerConfig("127.0.0.1:9092"))
                .containsEntry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092")
                .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
                .containsEntry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4")
                .containsEntry(ProducerConfig.LINGER_MS_CONFIG, 5)
                .containsKey(ProducerConfig.BATCH_SIZE_CONFIG);
    }

    private static long count(List<GeneratedEvent> events, GeneratedEvent.Kind kind) {
        return events.stream().filter(g -> g.kind() == kind).count();
    }
}
