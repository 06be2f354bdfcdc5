package io.smartcrm.api.rules;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch.core.GetResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import io.smartcrm.model.alert.AlertRule;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * The rules index, a view of the rules topic: one document per rule under its id, versioned externally by the
 * offset of the topic record it shows (plus one), so that writes from any API instance, in any order and repeated,
 * leave the latest record's state. Written with refresh=wait_for so a write is searchable when answered.
 */
final class RuleStore {
    /** More rules than any team keeps; the index holds them in one page. */
    static final int MAX_RULES = 10_000;

    private final ElasticsearchClient es;
    private final String index;

    RuleStore(ElasticsearchClient es, String index) {
        this.es = es;
        this.index = index;
    }

    Optional<AlertRule> get(String id) throws IOException {
        try {
            GetResponse<AlertRule> doc = es.get(g -> g.index(index).id(id), AlertRule.class);
            return doc.found() ? Optional.of(doc.source()) : Optional.empty();
        } catch (ElasticsearchException e) {
            if (e.status() == 404) {
                return Optional.empty(); // no index yet
            }
            throw e;
        }
    }

    /** The rules by id, at most {@code size}, with the number of all. */
    record Listing(long total, List<AlertRule> rules) {}

    Listing list(int size) throws IOException {
        SearchResponse<AlertRule> response = es.search(s -> s.index(index).ignoreUnavailable(true).allowNoIndices(true)
                .size(size).trackTotalHits(t -> t.enabled(true))
                .sort(o -> o.field(f -> f.field("id").order(SortOrder.Asc))), AlertRule.class);
        return new Listing(response.hits().total() == null ? 0 : response.hits().total().value(),
                response.hits().hits().stream().map(Hit::source).toList());
    }

    /** Shows the rule of the topic record at {@code offset}, unless the index shows a later record already. */
    void put(AlertRule rule, long offset) throws IOException {
        ignoringStale(() -> es.index(i -> i.index(index).id(rule.id).document(rule).version(offset + 1)
                .versionType(VersionType.External).refresh(Refresh.WaitFor)));
    }

    /** Shows the tombstone at {@code offset}: the rule is gone, unless the index shows a later record already. */
    void delete(String id, long offset) throws IOException {
        ignoringStale(() -> es.delete(d -> d.index(index).id(id).version(offset + 1)
                .versionType(VersionType.External).refresh(Refresh.WaitFor)));
    }

    /** Deletes a document no topic record stands for. */
    void deleteUnversioned(String id) throws IOException {
        ignoringStale(() -> es.delete(d -> d.index(index).id(id).refresh(Refresh.WaitFor)));
    }

    /** The ids of every rule document. */
    List<String> ids() throws IOException {
        SearchResponse<Void> response = es.search(s -> s.index(index).ignoreUnavailable(true).allowNoIndices(true)
                .size(MAX_RULES).source(src -> src.fetch(false)), Void.class);
        return response.hits().hits().stream().map(Hit::id).toList();
    }

    private interface Write {
        void run() throws IOException;
    }

    /** Runs the write; a version conflict (a later record is shown) or a missing document is no error. */
    private static void ignoringStale(Write write) throws IOException {
        try {
            write.run();
        } catch (ElasticsearchException e) {
            if (e.status() != 409 && e.status() != 404) {
                throw e;
            }
        }
    }
}
