package io.smartcrm.api.rules;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch.core.GetResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import io.smartcrm.model.alert.AlertRule;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/** The rules index: one document per rule under its id, written with refresh=wait_for so a write is searchable. */
final class RuleStore {
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

    void put(AlertRule rule) throws IOException {
        es.index(i -> i.index(index).id(rule.id).document(rule).refresh(Refresh.WaitFor));
    }

    void delete(String id) throws IOException {
        es.delete(d -> d.index(index).id(id).refresh(Refresh.WaitFor));
    }
}
