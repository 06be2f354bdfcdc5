package io.smartcrm.api.search;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOptions;
import co.elastic.clients.elasticsearch._types.Time;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Searches read page by page past any depth: the first page opens a point in time and searches it; when more hits
 * follow, the {@link Cursor} carries the point in time with the last hit's sort values, so later pages are
 * search_after requests on the same snapshot. The sort must end with a unique field. The last page closes the
 * point in time; an abandoned one expires after the keep-alive.
 */
public final class PagedSearch {
    private static final Logger LOG = LoggerFactory.getLogger(PagedSearch.class);

    private final ElasticsearchClient es;
    private ElasticsearchAsyncClient esAsync;
    private final Time keepAlive;

    public PagedSearch(ElasticsearchClient es, Duration keepAlive) {
        this.es = es;
        this.keepAlive = Time.of(t -> t.time(keepAlive.toMillis() + "ms"));
    }

    /** One page: exact total, the documents, the aggregations asked for, the next cursor (null on the last page). */
    public record Page(long total, List<ObjectNode> hits, Map<String, Aggregate> aggregations, String next) {}

    /** What to search: the index, the query, a sort ending with a unique field, aggregations (may be empty). */
    public record Search(String index, Query query, List<SortOptions> sort, Map<String, Aggregation> aggregations,
            String fingerprint) {}

    /**
     * The first page ({@code after} null) or the page after the cursor. A first page opens the point in time and
     * reads from it, so every page of a walk, the first included, sees one snapshot; when no page follows, the
     * point in time is closed right away (in the background).
     */
    public Page page(Search search, int size, Cursor after) throws IOException {
        String pit = after == null ? openPit(search.index()) : after.pitId();
        SearchRequest.Builder request = new SearchRequest.Builder().query(search.query()).sort(search.sort())
                .size(size).trackTotalHits(t -> t.enabled(true)).aggregations(search.aggregations())
                .pit(p -> p.id(pit).keepAlive(keepAlive));
        if (after != null) {
            request.searchAfter(after.after());
        }
        SearchResponse<ObjectNode> response;
        try {
            response = es.search(request.build(), ObjectNode.class);
        } catch (ElasticsearchException e) {
            if (after == null) {
                closePitInBackground(pit);
            } else if (e.status() == 404 || e.status() == 400) {
                throw Cursor.invalid(); // expired or not a point in time id
            }
            throw e;
        }
        if (after != null && response.shards().total().intValue() == 0) {
            throw Cursor.invalid(); // not a point in time of any shard
        }
        if (response.shards().failed().intValue() > 0) {
            if (after != null) {
                throw Cursor.invalid(); // the point in time has expired on the shard
            }
            closePitInBackground(pit);
            throw new IllegalStateException("search of " + search.index() + " failed on "
                    + response.shards().failed() + " shards: " + response.shards().failures());
        }
        List<Hit<ObjectNode>> hits = response.hits().hits();
        long total = response.hits().total() == null ? hits.size() : response.hits().total().value();
        long returned = (after == null ? 0 : after.returned()) + hits.size();
        String next = null;
        String current = response.pitId() != null ? response.pitId() : pit;
        if (hits.size() == size && returned < total) {
            next = new Cursor(current, hits.get(hits.size() - 1).sort(), returned, search.fingerprint()).encode();
        } else {
            closePitInBackground(current);
        }
        List<ObjectNode> docs = new ArrayList<>(hits.size());
        hits.forEach(h -> docs.add(h.source()));
        return new Page(total, docs, response.aggregations(), next);
    }

    /** Receives the documents of a {@link Scan}, one at a time. */
    @FunctionalInterface
    public interface DocumentSink {
        void accept(ObjectNode document) throws IOException;
    }

    /**
     * Every hit of the search, in sort order, read {@code batch} at a time through a point in time, so any number
     * of hits takes constant memory. {@code fields} limits the source to these paths (empty: all). The point in
     * time is opened here, so an unreachable Elasticsearch fails before anything is streamed.
     */
    public Scan scan(Search search, int batch, List<String> fields) throws IOException {
        return new Scan(search, batch, fields, openPit(search.index()));
    }

    /** A scan over a point in time; {@link #forEach} reads it once and closes the point in time. */
    public final class Scan {
        private final Search search;
        private final int batch;
        private final List<String> fields;
        private String pit;

        private Scan(Search search, int batch, List<String> fields, String pit) {
            this.search = search;
            this.batch = batch;
            this.fields = fields;
            this.pit = pit;
        }

        public void forEach(DocumentSink sink) throws IOException {
            try {
                List<FieldValue> after = null;
                while (true) {
                    SearchRequest.Builder request = new SearchRequest.Builder().query(search.query())
                            .sort(search.sort()).size(batch).trackTotalHits(t -> t.enabled(false));
                    String current = pit;
                    request.pit(p -> p.id(current).keepAlive(keepAlive));
                    if (!fields.isEmpty()) {
                        request.source(s -> s.filter(f -> f.includes(fields)));
                    }
                    if (after != null) {
                        request.searchAfter(after);
                    }
                    SearchResponse<ObjectNode> response = es.search(request.build(), ObjectNode.class);
                    if (response.shards().failed().intValue() > 0) {
                        throw new IllegalStateException("scan of " + search.index() + " failed on "
                                + response.shards().failed() + " shards: " + response.shards().failures());
                    }
                    List<Hit<ObjectNode>> hits = response.hits().hits();
                    for (Hit<ObjectNode> h : hits) {
                        sink.accept(h.source());
                    }
                    if (response.pitId() != null) {
                        pit = response.pitId();
                    }
                    if (hits.size() < batch) {
                        return;
                    }
                    after = hits.get(hits.size() - 1).sort();
                }
            } finally {
                closePit(pit);
            }
        }
    }

    /** A point in time of the index; of no shards (every search on it finds nothing) if the index is missing. */
    private String openPit(String index) throws IOException {
        return es.openPointInTime(o -> o.index(index).keepAlive(keepAlive).ignoreUnavailable(true)).id();
    }

    private void closePitInBackground(String id) {
        asyncClient().closePointInTime(c -> c.id(id)).whenComplete((r, e) -> {
            if (e != null) {
                LOG.debug("Closing a point in time: {}", e.toString()); // it expires on its own
            }
        });
    }

    private synchronized ElasticsearchAsyncClient asyncClient() {
        if (esAsync == null) {
            esAsync = new ElasticsearchAsyncClient(es._transport(), es._transportOptions());
        }
        return esAsync;
    }

    private void closePit(String id) {
        try {
            es.closePointInTime(c -> c.id(id));
        } catch (IOException | RuntimeException e) {
            LOG.debug("Closing a point in time: {}", e.toString()); // it expires on its own
        }
    }
}
