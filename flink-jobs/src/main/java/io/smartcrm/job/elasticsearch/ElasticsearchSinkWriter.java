package io.smartcrm.job.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.ErrorCause;
import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
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
 * them are dropped too, so they cannot re-create a deleted index.
 */
class ElasticsearchSinkWriter implements SinkWriter<EsDocument> {
    private static final Logger LOG = LoggerFactory.getLogger(ElasticsearchSinkWriter.class);

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
        scheduleFlush();
    }

    @Override
    public void write(EsDocument doc, Context context) throws IOException {
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
        if (previous == null || doc.version >= previous.version) {
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
            if (status >= 200 && status < 300) {
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
            if (d.version >= 0) {
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
