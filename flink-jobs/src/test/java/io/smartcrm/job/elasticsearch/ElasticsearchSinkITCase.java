package io.smartcrm.job.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.smartcrm.embedded.SharedServices;
import io.smartcrm.job.EsHttp;
import io.smartcrm.model.wire.DeadLetter;
import io.smartcrm.templates.IndexTemplates;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.metrics.testutils.MetricListener;
import org.apache.flink.runtime.metrics.groups.MetricsGroupTestUtils;
import org.apache.flink.streaming.runtime.tasks.TestProcessingTimeService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Sink V2 writer against the live Elasticsearch node, driven directly: a test processing-time service for the
 * flush timer and a metric listener for its counters.
 */
class ElasticsearchSinkITCase {
    private static final AtomicInteger RUN = new AtomicInteger();
    private static final SinkWriter.Context CONTEXT = new SinkWriter.Context() {
        @Override
        public long currentWatermark() {
            return Long.MIN_VALUE;
        }

        @Override
        public Long timestamp() {
            return null;
        }
    };

    private static ElasticsearchConnection connection;
    private static EsHttp es;

    private final List<ElasticsearchSinkWriter> writers = new ArrayList<>();
    private MetricListener metrics;
    private TestProcessingTimeService time;
    private String customers;
    private String eventsPrefix;

    @BeforeAll
    static void elasticsearch() throws Exception {
        String url = SharedServices.elasticsearch().httpUrl();
        connection = ElasticsearchConnection.of(url);
        es = new EsHttp(url);
        ElasticsearchClient client = connection.createClient();
        try {
            IndexTemplates.apply(client);
        } finally {
            ElasticsearchConnection.close(client);
        }
    }

    @BeforeEach
    void freshIndices() {
        int n = RUN.incrementAndGet();
        customers = "it-sink-" + n + "-customers";
        eventsPrefix = "crm-events-itsink" + n + "-"; // matched by the crm-events-* template
        es.createLike(customers, "crm-customers");
        metrics = new MetricListener();
        time = new TestProcessingTimeService();
        try {
            time.setCurrentTime(0);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void close() throws Exception {
        for (ElasticsearchSinkWriter w : writers) {
            w.close();
        }
        es.delete(customers);
        es.delete(eventsPrefix + "*");
    }

    ElasticsearchSinkWriter writer(BulkSettings settings, DailyIndexRetention retention) {
        ElasticsearchSinkWriter w = new ElasticsearchSinkWriter(connection.createClient(), settings, retention, time,
                MetricsGroupTestUtils.mockWriterMetricGroup(metrics.getMetricGroup()));
        writers.add(w);
        return w;
    }

    ElasticsearchSinkWriter writer() {
        return writer(new BulkSettings(1_000, 1 << 20, 60_000, 2, 10, 100), null);
    }

    long counter(String name) {
        return metrics.getCounter(name).map(c -> c.getCount()).orElse(0L);
    }

    static EsDocument profile(String index, String id, long version, long orders) {
        String json = "{\"customerId\":\"" + id + "\",\"version\":" + version + ",\"orders\":{\"count\":" + orders + "}}";
        return new EsDocument(index, id, version, json.getBytes(StandardCharsets.UTF_8));
    }

    static EsDocument event(String index, String id) {
        String json = "{\"eventId\":\"" + id + "\",\"type\":\"page_view\",\"timestamp\":\"2024-05-01T10:00:00Z\","
                + "\"customerId\":\"c1\"}";
        return new EsDocument(index, id, EsDocument.CREATE_ONLY, json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aLowerVersionAfterAHigherOneLeavesTheHigherAndIsCountedAsStale() throws Exception {
        ElasticsearchSinkWriter w = writer();
        w.write(profile(customers, "c1", 5, 5), CONTEXT);
        w.flush(false);
        w.write(profile(customers, "c1", 3, 3), CONTEXT);
        w.flush(false);
        assertThat(es.version(customers, "c1")).isEqualTo(5);
        assertThat(es.source(customers, "c1").path("orders").path("count").asLong()).isEqualTo(5);
        assertThat(counter("esStaleVersionsSkipped")).isEqualTo(1);
        assertThat(counter("esDocumentsWritten")).isEqualTo(1);

        w.write(profile(customers, "c1", 5, 99), CONTEXT); // the same version again: stale too
        w.write(profile(customers, "c2", 1, 1), CONTEXT);
        w.flush(false);
        assertThat(counter("esStaleVersionsSkipped")).isEqualTo(2);
        w.write(profile(customers, "c1", 6, 6), CONTEXT);
        w.flush(false);
        assertThat(es.version(customers, "c1")).isEqualTo(6);
        assertThat(es.source(customers, "c1").path("orders").path("count").asLong()).isEqualTo(6);
        assertThat(counter("esDocumentsWritten")).isEqualTo(3);
    }

    @Test
    void createOnlyDocumentsWrittenTwiceAreFine() throws Exception {
        ElasticsearchSinkWriter w = writer();
        String index = eventsPrefix + "2024.05.01";
        w.write(event(index, "e1"), CONTEXT);
        w.flush(false);
        w.write(event(index, "e1"), CONTEXT); // replayed after a restart
        w.write(event(index, "e2"), CONTEXT);
        w.flush(false);
        assertThat(es.count(index)).isEqualTo(2);
        assertThat(es.version(index, "e1")).isEqualTo(1);
        assertThat(counter("esStaleVersionsSkipped")).isEqualTo(1);
        assertThat(counter("esDocumentsWritten")).isEqualTo(2);
    }

    @Test
    void aDocumentViolatingTheStrictMappingFailsTheWriterNamingIt() throws Exception {
        ElasticsearchSinkWriter w = writer();
        w.write(profile(customers, "good", 1, 1), CONTEXT);
        w.write(new EsDocument(customers, "bad-doc", 1,
                "{\"customerId\":\"bad-doc\",\"notMapped\":true}".getBytes(StandardCharsets.UTF_8)), CONTEXT);
        assertThatThrownBy(() -> w.flush(false)).isInstanceOf(IOException.class)
                .hasMessageContaining(customers + "/bad-doc")
                .hasMessageContaining("400")
                .hasMessageContaining("strict_dynamic_mapping_exception");
        assertThat(es.version(customers, "good")).as("the rest of the bulk request is written").isEqualTo(1);
    }

    @Test
    void flushWritesEverythingBufferedAndNothingIsSentBefore() throws Exception {
        ElasticsearchSinkWriter w = writer();
        for (int i = 0; i < 25; i++) {
            w.write(profile(customers, "c" + i, 1, i), CONTEXT);
        }
        assertThat(es.count(customers)).isZero();
        w.flush(false);
        assertThat(es.count(customers)).isEqualTo(25);
        w.flush(false); // nothing left
        assertThat(counter("esDocumentsWritten")).isEqualTo(25);
    }

    @Test
    void aFullBufferAndTheFlushIntervalSendToo() throws Exception {
        ElasticsearchSinkWriter w = writer(new BulkSettings(5, 1 << 20, 1_000, 2, 10, 100), null);
        for (int i = 0; i < 7; i++) {
            w.write(profile(customers, "c" + i, 1, i), CONTEXT);
        }
        assertThat(es.count(customers)).as("five sent when the buffer filled").isEqualTo(5);
        time.setCurrentTime(999);
        assertThat(es.count(customers)).isEqualTo(5);
        time.setCurrentTime(1_000);
        assertThat(es.count(customers)).as("the rest sent by the flush timer").isEqualTo(7);
        w.write(profile(customers, "c7", 1, 7), CONTEXT);
        time.setCurrentTime(2_000);
        assertThat(es.count(customers)).as("the timer keeps running").isEqualTo(8);
    }

    @Test
    void coalescingKeepsTheHighestVersionPerId() throws Exception {
        ElasticsearchSinkWriter w = writer();
        w.write(profile(customers, "c1", 1, 1), CONTEXT);
        w.write(profile(customers, "c1", 4, 4), CONTEXT);
        w.write(profile(customers, "c1", 2, 2), CONTEXT);
        w.write(profile(customers, "c2", 7, 7), CONTEXT);
        w.flush(false);
        assertThat(counter("esDocumentsWritten")).as("one request item per id").isEqualTo(2);
        assertThat(counter("esStaleVersionsSkipped")).isZero();
        assertThat(es.version(customers, "c1")).isEqualTo(4);
        assertThat(es.source(customers, "c1").path("orders").path("count").asLong()).isEqualTo(4);
    }

    @Test
    void anErasureDeletesTheProfileAndTheEventsWrittenBeforeIt() throws Exception {
        ElasticsearchSinkWriter w = writer();
        String day1 = eventsPrefix + "2024.05.01";
        String day2 = eventsPrefix + "2024.05.02";
        w.write(profile(customers, "c1", 3, 3), CONTEXT);
        w.write(profile(customers, "c2", 1, 1), CONTEXT);
        w.write(event(day1, "e1"), CONTEXT);
        w.flush(false);
        for (int i = 0; i < 1_234; i++) {
            w.write(event(i % 2 == 0 ? day1 : day2, "b" + i), CONTEXT); // still buffered when the erasure comes
        }
        w.write(new EsDocument(day2, "other", EsDocument.CREATE_ONLY, ("{\"eventId\":\"other\",\"type\":\"page_view\","
                + "\"timestamp\":\"2024-05-02T10:00:00Z\",\"customerId\":\"c2\"}").getBytes(StandardCharsets.UTF_8)), CONTEXT);
        w.write(EsDocument.delete(customers, "c1"), CONTEXT);
        w.write(EsDocument.eraseEvents(eventsPrefix + "*," + customers, "c1"), CONTEXT);
        w.flush(false);

        assertThat(es.call("GET", "/" + customers + "/_doc/c1", null).status()).isEqualTo(404);
        assertThat(es.version(customers, "c2")).isEqualTo(1);
        assertThat(es.count(eventsPrefix + "*")).as("only the other customer's event is left").isEqualTo(1);
        assertThat(counter("esErasedEventsDeleted")).isEqualTo(1_235);

        w.write(EsDocument.delete(customers, "c1"), CONTEXT); // replayed: already gone, fine
        w.write(EsDocument.eraseEvents(eventsPrefix + "*", "c1"), CONTEXT);
        w.flush(false);
        w.write(EsDocument.delete(customers, "c2"), CONTEXT);
        w.write(profile(customers, "c2", 4, 4), CONTEXT); // a new history after the erasure: the deletion goes first
        w.flush(false);
        assertThat(es.source(customers, "c2").path("orders").path("count").asLong()).isEqualTo(4);
    }

    static String day(LocalDate d) {
        return DailyIndexRetention.DAY_FORMAT.format(d);
    }

    @Test
    void retentionDeletesDailyIndicesOlderThanTheNewestDayWrittenAndSkipsExpiredDays() throws Exception {
        LocalDate d = LocalDate.of(2024, 5, 10);
        for (int back : new int[] {10, 4, 3, 2}) {
            es.call("PUT", "/" + eventsPrefix + day(d.minusDays(back)), null);
        }
        DailyIndexRetention retention = new DailyIndexRetention(eventsPrefix, 3);
        ElasticsearchSinkWriter w = writer(new BulkSettings(1_000, 1 << 20, 60_000, 2, 10, 100), retention);
        assertThat(retention.indexFor(d.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli() + 1))
                .isEqualTo(eventsPrefix + "2024.05.10");

        w.write(event(eventsPrefix + day(d), "today"), CONTEXT);
        // the three days kept are d-2, d-1 and d
        assertThat(es.indices(eventsPrefix + "*")).containsExactly(eventsPrefix + day(d.minusDays(2)));
        w.write(event(eventsPrefix + day(d.minusDays(5)), "expired"), CONTEXT);
        w.write(event(eventsPrefix + day(d.minusDays(3)), "expired-too"), CONTEXT);
        w.write(event(eventsPrefix + day(d.minusDays(1)), "kept"), CONTEXT);
        w.write(profile(customers, "c1", 1, 1), CONTEXT); // other indices are not the retention's business
        w.flush(false);
        assertThat(counter("esExpiredDocumentsSkipped")).isEqualTo(2);
        assertThat(es.indices(eventsPrefix + "*")).containsExactly(eventsPrefix + day(d.minusDays(2)),
                eventsPrefix + day(d.minusDays(1)), eventsPrefix + day(d));
        assertThat(es.version(customers, "c1")).isEqualTo(1);
    }

    @Test
    void parallelWritersDeletingTheSameExpiredDaysDoNotFail() throws Exception {
        LocalDate d = LocalDate.of(2024, 5, 10);
        for (int round = 0; round < 5; round++) {
            LocalDate newest = d.plusDays(40L * round);
            for (int back = 3; back < 30; back++) {
                es.call("PUT", "/" + eventsPrefix + day(newest.minusDays(back)), null);
            }
            List<ElasticsearchSinkWriter> subtasks = List.of(
                    writer(new BulkSettings(1_000, 1 << 20, 60_000, 2, 10, 100), new DailyIndexRetention(eventsPrefix, 3)),
                    writer(new BulkSettings(1_000, 1 << 20, 60_000, 2, 10, 100), new DailyIndexRetention(eventsPrefix, 3)));
            List<CompletableFuture<Void>> both = new ArrayList<>();
            for (int i = 0; i < subtasks.size(); i++) {
                ElasticsearchSinkWriter w = subtasks.get(i);
                String id = "r" + round + "-" + i;
                both.add(CompletableFuture.runAsync(() -> {
                    try {
                        w.write(event(eventsPrefix + day(newest), id), CONTEXT);
                    } catch (Exception e) {
                        throw new CompletionException(e);
                    }
                }));
            }
            assertThatCode(() -> CompletableFuture.allOf(both.toArray(CompletableFuture[]::new)).join())
                    .as("round %d", round).doesNotThrowAnyException();
            assertThat(es.indices(eventsPrefix + "*")).noneMatch(i -> i.endsWith(day(newest.minusDays(3))));
        }
    }

    @Test
    void bufferedDocumentsOfDaysThatExpireAreNotWrittenBack() throws Exception {
        LocalDate d = LocalDate.of(2024, 5, 10);
        DailyIndexRetention retention = new DailyIndexRetention(eventsPrefix, 3);
        ElasticsearchSinkWriter w = writer(new BulkSettings(1_000, 1 << 20, 60_000, 2, 10, 100), retention);
        w.write(event(eventsPrefix + day(d), "old-news"), CONTEXT);
        w.write(event(eventsPrefix + day(d.plusDays(3)), "three-days-later"), CONTEXT);
        w.flush(false);
        assertThat(es.indices(eventsPrefix + "*")).as("the deleted day is not re-created by its buffered document")
                .containsExactly(eventsPrefix + day(d.plusDays(3)));
        assertThat(counter("esExpiredDocumentsSkipped")).isEqualTo(1);
    }

    @Test
    void aDeadLetterWithAHugeKeyIsStillStored() throws Exception {
        es.createLike(customers + "-dlq", "crm-dlq");
        try {
            DeadLetter d = new DeadLetter();
            d.reason = "malformed_json";
            d.message = "not valid JSON";
            d.payload = "x";
            d.payloadEncoding = "utf-8";
            d.key = "k".repeat(40_000);
            d.customerId = "c".repeat(40_000);
            d.topic = "crm.events";
            d.partition = 0;
            d.offset = 1;
            ElasticsearchSinkWriter w = writer();
            w.write(Documents.deadLetter(customers + "-dlq", d), CONTEXT);
            w.flush(false);
            assertThat(es.source(customers + "-dlq", "crm.events-0-1").path("key").asText()).hasSize(1_024);
        } finally {
            es.delete(customers + "-dlq");
        }
    }

    @Test
    void anUnreachableClusterIsRetriedThenFailsNamingTheDocuments() throws Exception {
        ElasticsearchSinkWriter w = new ElasticsearchSinkWriter(
                ElasticsearchConnection.of("http://127.0.0.1:1").createClient(), new BulkSettings(10, 1 << 20, 60_000, 2, 5, 20),
                null, time, MetricsGroupTestUtils.mockWriterMetricGroup(metrics.getMetricGroup()));
        writers.add(w);
        w.write(profile("somewhere", "c1", 1, 1), CONTEXT);
        assertThatThrownBy(() -> w.flush(false)).isInstanceOf(IOException.class)
                .hasMessageContaining("after 2 retries").hasMessageContaining("somewhere/c1");
        assertThat(counter("esItemsRetried")).isEqualTo(2);
    }
}
