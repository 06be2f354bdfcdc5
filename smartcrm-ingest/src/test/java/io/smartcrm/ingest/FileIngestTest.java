package io.smartcrm.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class FileIngestTest {
    private static final String MAPPING = """
            {"input": {"format": "csv"}, "customerId": {"column": "id"}, "timestamp": "ingestTime",
             "events": [{"type": "login", "eventId": "t:{_line}"}]}""";
    private static final String CSV = "id,x\nc1,a\n,b\nc2,c\nbad,\"d\"e\n";

    private static MockProducer<byte[], byte[]> producer() {
        return new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    }

    @Test
    void publishesEveryEventKeyedByCustomerId() throws IOException {
        MockProducer<byte[], byte[]> producer = producer();
        Path file = Fixtures.file(CSV);
        Mapping mapping = Mapping.parse(MAPPING, "test");
        IngestReport report = FileIngest.ingest(file, mapping, producer, "crm.events", Fixtures.OPTIONS);

        List<MappedEvent> expected = Fixtures.map(mapping, file);
        List<ProducerRecord<byte[], byte[]>> sent = producer.history();
        assertThat(sent).hasSize(3).allSatisfy(r -> assertThat(r.topic()).isEqualTo("crm.events"));
        assertThat(sent).extracting(r -> r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8))
                .containsExactly("c1", null, "c2");
        assertThat(sent).extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                .containsExactlyElementsOf(expected.stream().map(e -> new String(e.toJson(), StandardCharsets.UTF_8))
                        .toList());
        assertThat(producer.closed()).as("the caller's producer stays open").isFalse();

        assertThat(report.topic()).isEqualTo("crm.events");
        assertThat(report.events()).isEqualTo(3);
        assertThat(report.linesRead()).isEqualTo(3);
        assertThat(report.unreadableLines()).isEqualTo(1);
        assertThat(report.eventsWithoutCustomerId()).isEqualTo(1);
        assertThat(report.eventsPerSecond()).isPositive();
        assertThat(report.summary()).contains("3 lines read, 1 unreadable; 3 events published to crm.events (login=3)");
    }

    @Test
    void aFailedSendFailsTheIngest() {
        MockProducer<byte[], byte[]> producer = new MockProducer<>(true, null, new ByteArraySerializer(),
                new ByteArraySerializer()) {
            @Override
            public synchronized Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> r, Callback callback) {
                if (history().size() == 1) {
                    RecordTooLargeException error = new RecordTooLargeException("record is too large");
                    callback.onCompletion(null, error);
                    return CompletableFuture.failedFuture(error);
                }
                return super.send(r, callback);
            }
        };
        assertThatThrownBy(() -> FileIngest.ingest(Fixtures.file(CSV), Mapping.parse(MAPPING, "test"), producer,
                "crm.events", Fixtures.OPTIONS))
                .isInstanceOf(IngestException.class)
                .hasMessageContaining("into topic crm.events failed: 2 events sent, 1 acknowledged; first error: "
                        + "RecordTooLargeException: record is too large")
                .hasCauseInstanceOf(RecordTooLargeException.class);
    }

    @Test
    void anUnreachableBrokerFailsClearly() {
        IngestOptions quick = Fixtures.OPTIONS.withProducerProperty(ProducerConfig.MAX_BLOCK_MS_CONFIG, 500);
        assertThatThrownBy(() -> FileIngest.ingest(Fixtures.file(CSV), Mapping.parse(MAPPING, "test"),
                "127.0.0.1:1", "crm.events", quick))
                .isInstanceOf(IngestException.class)
                .hasMessageContaining("failed: 1 events sent, 0 acknowledged; first error:");
    }

    @Test
    void producerSettings() {
        assertThat(FileIngest.producerConfig("h:9092"))
                .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
                .containsEntry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4")
                .containsEntry(ProducerConfig.LINGER_MS_CONFIG, 10)
                .containsEntry(ProducerConfig.BATCH_SIZE_CONFIG, 262144);
    }
}
