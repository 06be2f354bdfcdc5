package io.smartcrm.api.customers;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch._types.Result;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch.core.search.Hit;
import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Erases a customer's documents: the events in the daily event indices (found by search and bulk-deleted, a
 * batch at a time, since this Elasticsearch has no delete_by_query) and the profile. What the running job keeps
 * in its state is not touched: a later event of the same customer builds a new profile.
 */
public final class CustomerErasure {
    private static final Logger LOG = LoggerFactory.getLogger(CustomerErasure.class);
    private static final int BATCH = 1000;

    private final ElasticsearchClient es;
    private final String customersIndex;
    private final String eventsPattern;

    public CustomerErasure(ElasticsearchClient es, String customersIndex, String eventsIndexPrefix) {
        this.es = es;
        this.customersIndex = customersIndex;
        this.eventsPattern = eventsIndexPrefix + "*";
    }

    /** What an erasure deleted. */
    public record Erased(long profilesDeleted, long eventsDeleted) {
        public boolean nothing() {
            return profilesDeleted == 0 && eventsDeleted == 0;
        }
    }

    public Erased erase(String customerId) throws IOException {
        long events = deleteEvents(customerId);
        long profiles = deleteProfile(customerId);
        if (profiles + events > 0) {
            LOG.info("Erased customer {}: {} profile, {} events", customerId, profiles, events);
        }
        return new Erased(profiles, events);
    }

    private long deleteProfile(String customerId) throws IOException {
        try {
            return es.delete(d -> d.index(customersIndex).id(customerId).refresh(Refresh.WaitFor)).result()
                    == Result.Deleted ? 1 : 0;
        } catch (ElasticsearchException e) {
            if (e.status() == 404) {
                return 0; // no index
            }
            throw e;
        }
    }

    /** Deletes batch after batch (each refreshed, so the next search no longer sees it) until none is left. */
    private long deleteEvents(String customerId) throws IOException {
        long deleted = 0;
        while (true) {
            List<Hit<Void>> hits = es.search(s -> s.index(eventsPattern).ignoreUnavailable(true).allowNoIndices(true)
                    .query(q -> q.term(t -> t.field("customerId").value(customerId)))
                    .source(src -> src.fetch(false)).size(BATCH), Void.class).hits().hits();
            if (hits.isEmpty()) {
                return deleted;
            }
            List<BulkOperation> deletes = hits.stream()
                    .map(h -> BulkOperation.of(b -> b.delete(d -> d.index(h.index()).id(h.id())))).toList();
            BulkResponse response = es.bulk(b -> b.operations(deletes).refresh(Refresh.True));
            long batch = 0;
            for (BulkResponseItem item : response.items()) {
                if (item.error() != null) {
                    throw new IllegalStateException("deleting event " + item.id() + " of customer " + customerId
                            + " in " + item.index() + ": " + item.error().reason());
                }
                if ("deleted".equals(item.result())) {
                    batch++;
                }
            }
            if (batch == 0) {
                return deleted; // found but already gone: nothing more to do
            }
            deleted += batch;
        }
    }
}
