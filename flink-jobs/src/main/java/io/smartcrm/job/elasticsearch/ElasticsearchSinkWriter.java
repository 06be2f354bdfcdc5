package io.smartcrm.job.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.ErrorCause;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.util.BinaryData;
import co.elastic.clients.util.ContentType;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Buffers documents (a newer version of a buffered id replaces the older one), and sends them in bulk when
 * the buffer is full, every flush interval, and on every checkpoint. Per item: 2xx done; 409 a stale version or
 * an already created id, skipped and counted; 429 and 5xx retried with exponential backoff; anything else
 * (a mapping error) fails the job naming the document. A lost connection, or a whole request refused with 429
 * or 5xx, retries the whole request. When the retention deletes expired daily indices, buffered documents for
 * them are dropped too, so they cannot re-create a deleted index. A deletion replaces a buffered write of its id; a
 * write after a buffered deletion sends the deletion first. An {@link EsDocument#ERASE_EVENTS} request sends the
 * buffer, then deletes the customer's events.
 */
class ElasticsearchSinkWriter implements SinkWriter<EsDocument> {
    private static final Logger LOG = LoggerFactory.getLogger(ElasticsearchSinkWriter.class);
    private static final int ERASE_BATCH = 1000;

    private final ElasticsearchClient client;
    private final BulkSettings settings;
    private final DailyIndexRetention retention;
    private final ProcessingTimeService timeService;
    private final Map<String, EsDocument> buffer = new LinkedHashMap<>();
    private long bufferedBytes;

    private final Counter written;
    private final Counter stale;
    private final Counter retried;
    private final Counter expired;
    private final Counter erasedEvents;

    ElasticsearchSinkWriter(ElasticsearchClient client, BulkSettings settings, DailyIndexRetention retention,
            ProcessingTimeService timeService, SinkWriterMetricGroup metrics) {
        this.client = client;
        this.settings = settings;
        this.retention = retention;
        this.timeService = timeService;
        this.written = metrics.counter("esDocumentsWritten");
        this.stale = metrics.counter("esStaleVersionsSkipped");
        this.retried = metrics.counter("esItemsRetried");
        this.expired = metrics.counter("esExpiredDocumentsSkipped");
        this.erasedEvents = metrics.counter("esErasedEventsDeleted");
        scheduleFlush();
    }

    @Override
    public void write(EsDocument doc, Context context) throws IOException {
        if (doc.version == EsDocument.ERASE_EVENTS) {
            send();
            eraseEvents(doc.index, doc.id);
            return;
        }
        if (retention != null) {
            LocalDate newest = retention.newestDay();
            boolean admitted = retention.admit(doc.index, client);
            if (!Objects.equals(newest, retention.newestDay())) {
                dropExpiredFromBuffer();
            }
            if (!admitted) {
                expired.inc();
                return;
            }
        }
        String key = doc.index + '\u0000' + doc.id;
        EsDocument previous = buffer.get(key);
        if (previous != null && previous.version == EsDocument.DELETE && doc.version != EsDocument.DELETE) {
            send(); // the deletion first: the new document starts a new history
            previous = null;
        }
        if (previous == null || doc.version == EsDocument.DELETE || doc.version >= previous.version) {
            if (previous != null) {
                bufferedBytes -= previous.source.length;
            }
            buffer.put(key, doc);
            bufferedBytes += doc.source.length;
        }
        if (buffer.size() >= settings.maxActions || bufferedBytes >= settings.maxBytes) {
            send();
        }
    }

    private void dropExpiredFromBuffer() {
        for (Iterator<EsDocument> it = buffer.values().iterator(); it.hasNext(); ) {
            EsDocument d = it.next();
            if (retention.isExpired(d.index)) {
                it.remove();
                bufferedBytes -= d.source.length;
                expired.inc();
            }
        }
    }

    @Override
    public void flush(boolean endOfInput) throws IOException {
        send();
    }

    private void scheduleFlush() {
        timeService.registerTimer(timeService.getCurrentProcessingTime() + settings.flushIntervalMillis, t -> {
            send();
            scheduleFlush();
        });
    }

    private void send() throws IOException {
        if (buffer.isEmpty()) {
            return;
        }
        List<EsDocument> pending = new ArrayList<>(buffer.values());
        buffer.clear();
        bufferedBytes = 0;
        for (int attempt = 0; !pending.isEmpty(); attempt++) {
            if (attempt > settings.maxRetries) {
                throw new IOException("Elasticsearch still refused " + pending.size() + " documents after "
                        + settings.maxRetries + " retries, first: " + pending.get(0).index + "/" + pending.get(0).id);
            }
            if (attempt > 0) {
                retried.inc(pending.size());
                sleep(settings.backoff(attempt - 1));
            }
            pending = sendOnce(pending, attempt);
        }
    }

    /** Sends one bulk request; returns the documents to try again. */
    private List<EsDocument> sendOnce(List<EsDocument> docs, int attempt) throws IOException {
        BulkResponse response;
        try {
            response = client.bulk(bulkOf(docs));
        } catch (IOException e) {
            LOG.warn("Bulk request of {} documents failed (attempt {}), will retry: {}", docs.size(), attempt + 1,
                    e.toString());
            return docs;
        } catch (ElasticsearchException e) {
            if (e.status() == 429 || e.status() >= 500) {
                LOG.warn("Bulk request of {} documents refused with {} (attempt {}), will retry: {}", docs.size(),
                        e.status(), attempt + 1, e.getMessage());
                return docs;
            }
            throw new IOException("Elasticsearch refused a bulk request of " + docs.size() + " documents, first "
                    + docs.get(0).index + "/" + docs.get(0).id + ": " + e.getMessage(), e);
        }
        List<EsDocument> retry = new ArrayList<>();
        List<BulkResponseItem> items = response.items();
        for (int i = 0; i < items.size(); i++) {
            BulkResponseItem item = items.get(i);
            int status = item.status();
            if (status >= 200 && status < 300 || status == 404 && docs.get(i).version == EsDocument.DELETE) {
                written.inc();
            } else if (status == 409) {
                stale.inc();
            } else if (status == 429 || status >= 500) {
                retry.add(docs.get(i));
            } else {
                ErrorCause error = item.error();
                throw new IOException("Elasticsearch rejected document " + item.index() + "/" + item.id()
                        + " (status " + status + "): " + (error == null ? "unknown error"
                        : error.type() + ": " + error.reason()));
            }
        }
        return retry;
    }

    private static BulkRequest bulkOf(List<EsDocument> docs) {
        List<BulkOperation> ops = new ArrayList<>(docs.size());
        for (EsDocument d : docs) {
            BinaryData source = BinaryData.of(d.source, ContentType.APPLICATION_JSON);
            if (d.version == EsDocument.DELETE) {
                ops.add(BulkOperation.of(o -> o.delete(x -> x.index(d.index).id(d.id))));
            } else if (d.version >= 0) {
                ops.add(BulkOperation.of(o -> o.index(i -> i.index(d.index).id(d.id).version(d.version)
                        .versionType(VersionType.External).document(source))));
            } else if (d.version == EsDocument.OVERWRITE) {
                ops.add(BulkOperation.of(o -> o.index(i -> i.index(d.index).id(d.id).document(source))));
            } else {
                ops.add(BulkOperation.of(o -> o.create(c -> c.index(d.index).id(d.id).document(source))));
            }
        }
        return BulkRequest.of(b -> b.operations(ops));
    }

    /**
     * Deletes every document of the customer in the indices of {@code patterns} (comma-separated): refreshed first,
     * so that what was just written is found, then found and bulk-deleted a batch at a time (this Elasticsearch has no delete_by_query).
     */
    private void eraseEvents(String patterns, String customerId) throws IOException {
        List<String> indices = List.of(patterns.split(","));
        client.indices().refresh(r -> r.index(indices).ignoreUnavailable(true).allowNoIndices(true));
        long deleted = 0;
        while (true) {
            List<Hit<Void>> hits = client.search(s -> s.index(indices).ignoreUnavailable(true).allowNoIndices(true)
                    .query(q -> q.term(t -> t.field("customerId").value(customerId)))
                    .source(src -> src.fetch(false)).size(ERASE_BATCH), Void.class).hits().hits();
            List<BulkOperation> deletes = hits.stream()
                    .map(h -> BulkOperation.of(b -> b.delete(d -> d.index(h.index()).id(h.id())))).toList();
            if (deletes.isEmpty()) {
                break;
            }
            BulkResponse response = client.bulk(b -> b.operations(deletes).refresh(Refresh.True));
            for (BulkResponseItem item : response.items()) {
                if (item.error() != null && item.status() != 404) {
                    throw new IOException("cannot delete event " + item.index() + "/" + item.id() + " of erased customer "
                            + customerId + ": " + item.error().reason());
                }
            }
            deleted += deletes.size();
        }
        erasedEvents.inc(deleted);
        LOG.info("Customer {} erased: {} documents deleted from {}", customerId, deleted, patterns);
    }

    private static void sleep(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while backing off", e);
        }
    }

    @Override
    public void close() throws Exception {
        ElasticsearchConnection.close(client);
    }
}
