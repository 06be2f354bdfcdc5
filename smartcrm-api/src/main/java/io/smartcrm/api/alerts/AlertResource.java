package io.smartcrm.api.alerts;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.SortOptions;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.GetResponse;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smartcrm.api.http.ApiException;
import io.smartcrm.api.http.QueryParams;
import io.smartcrm.api.http.Request;
import io.smartcrm.api.http.Response;
import io.smartcrm.api.http.Role;
import io.smartcrm.api.http.Router;
import io.smartcrm.api.search.Cursor;
import io.smartcrm.api.search.Dates;
import io.smartcrm.api.search.PagedSearch;
import io.smartcrm.model.alert.Alert;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code /api/alerts}: alerts newest first (by their latest update), filtered by state, kind, severity, segment,
 * rule and time, with cursor pagination; and one alert by id.
 */
public final class AlertResource {
    public static final List<String> PARAMETERS = List.of("state", "kind", "severity", "segment", "rule", "from", "to",
            "size", Cursor.PARAMETER);
    private static final List<SortOptions> SORT = List.of(
            SortOptions.of(s -> s.field(f -> f.field("updatedAt").order(SortOrder.Desc))),
            SortOptions.of(s -> s.field(f -> f.field("id").order(SortOrder.Asc))));

    private final ElasticsearchClient es;
    private final PagedSearch paged;
    private final String alertsIndex;
    private final int maxPageSize;

    public AlertResource(ElasticsearchClient es, PagedSearch paged, String alertsIndex, int maxPageSize) {
        this.es = es;
        this.paged = paged;
        this.alertsIndex = alertsIndex;
        this.maxPageSize = maxPageSize;
    }

    public void register(Router router) {
        router.get("/api/alerts", Role.READ, this::list)
                .get("/api/alerts/{id}", Role.READ, this::alert);
    }

    /** from/to select the alerts whose lifetime (openedAt to updatedAt) overlaps [from, to). */
    private Response list(Request request) throws IOException {
        QueryParams params = request.query();
        params.requireKnown(PARAMETERS);
        List<Query> filters = new ArrayList<>();
        Map<String, String> canonical = new TreeMap<>();
        term(filters, canonical, "state", "state", params.oneOf("state", List.of(Alert.OPEN, Alert.RESOLVED)));
        term(filters, canonical, "kind", "kind", params.oneOf("kind",
                List.of(Alert.DISTRIBUTION_SHIFT, Alert.SEGMENT_SHARE, Alert.SEGMENT_CHURN, Alert.RULE)));
        term(filters, canonical, "severity", "severity", params.oneOf("severity", List.of("minor", "major")));
        term(filters, canonical, "segment", "segmentName", params.single("segment").orElse(null));
        term(filters, canonical, "rule", "ruleId", params.single("rule").orElse(null));
        String from = params.single("from").map(v -> Dates.instant("from", v)).orElse(null);
        String to = params.single("to").map(v -> Dates.instant("to", v)).orElse(null);
        Dates.requireOrder("from", from, to);
        if (from != null) {
            filters.add(Dates.range("updatedAt", from, null));
            canonical.put("from", from);
        }
        if (to != null) {
            filters.add(Dates.range("openedAt", null, to));
            canonical.put("to", to);
        }
        int size = params.integer("size", 50, 1, maxPageSize);
        String fingerprint = Cursor.fingerprint(canonical.toString());
        Cursor after = params.single(Cursor.PARAMETER).map(a -> Cursor.decode(a, fingerprint)).orElse(null);
        Query query = Query.of(q -> q.bool(b -> b.filter(filters)));
        PagedSearch.Page page = paged.page(new PagedSearch.Search(alertsIndex, query, SORT, Map.of(), fingerprint),
                size, after);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("total", page.total());
        body.put("alerts", page.hits());
        body.put("next", page.next());
        return Response.ok(body);
    }

    private static void term(List<Query> filters, Map<String, String> canonical, String parameter, String field,
            String value) {
        if (value != null) {
            filters.add(Query.of(q -> q.term(t -> t.field(field).value(value))));
            canonical.put(parameter, value);
        }
    }

    private Response alert(Request request) throws IOException {
        request.query().requireKnown(List.of());
        String id = request.pathParam("id");
        try {
            GetResponse<ObjectNode> doc = es.get(g -> g.index(alertsIndex).id(id), ObjectNode.class);
            if (doc.found()) {
                return Response.ok(doc.source());
            }
        } catch (ElasticsearchException e) {
            if (e.status() != 404) {
                throw e;
            }
        }
        throw ApiException.notFound("no alert '" + id + "'");
    }
}
