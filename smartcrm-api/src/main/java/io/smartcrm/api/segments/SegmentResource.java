package io.smartcrm.api.segments;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.StatsAggregate;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smartcrm.api.http.QueryParams;
import io.smartcrm.api.http.Request;
import io.smartcrm.api.http.Response;
import io.smartcrm.api.http.Role;
import io.smartcrm.api.http.Router;
import io.smartcrm.api.search.Dates;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/segments}: the segments now, from the customers index (customers, share of the segmented
 * customers, mean churn, propensity and revenue), and their history from the segment snapshots index.
 */
public final class SegmentResource {
    private static final int MAX_SEGMENTS = 1000;

    private final ElasticsearchClient es;
    private final String customersIndex;
    private final String segmentsIndex;
    private final int maxPageSize;

    public SegmentResource(ElasticsearchClient es, String customersIndex, String segmentsIndex, int maxPageSize) {
        this.es = es;
        this.customersIndex = customersIndex;
        this.segmentsIndex = segmentsIndex;
        this.maxPageSize = maxPageSize;
    }

    public void register(Router router) {
        router.get("/api/segments", Role.READ, this::current)
                .get("/api/segments/history", Role.READ, this::history);
    }

    private Response current(Request request) throws IOException {
        request.query().requireKnown(List.of());
        SearchResponse<Void> response = es.search(s -> s.index(customersIndex).ignoreUnavailable(true)
                .allowNoIndices(true).size(0).trackTotalHits(t -> t.enabled(true))
                .aggregations("segments", a -> a.terms(t -> t.field("segment.name").size(MAX_SEGMENTS))
                        .aggregations("id", sub -> sub.max(m -> m.field("segment.id")))
                        .aggregations("churn", sub -> sub.stats(m -> m.field("churn.probability")))
                        .aggregations("propensity", sub -> sub.stats(m -> m.field("propensity.probability")))
                        .aggregations("revenue", sub -> sub.stats(m -> m.field("orders.revenue")))), Void.class);
        long total = response.hits().total() == null ? 0 : response.hits().total().value();
        Aggregate agg = response.aggregations().get("segments");
        List<StringTermsBucket> buckets = agg == null || !agg.isSterms() ? List.of() : agg.sterms().buckets().array();
        long segmented = buckets.stream().mapToLong(StringTermsBucket::docCount).sum();
        List<Map<String, Object>> segments = new ArrayList<>();
        for (StringTermsBucket b : buckets) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("name", b.key().stringValue());
            s.put("id", (int) b.aggregations().get("id").max().value());
            s.put("customers", b.docCount());
            s.put("share", segmented == 0 ? 0.0 : (double) b.docCount() / segmented);
            s.put("churnMean", mean(b.aggregations().get("churn").stats()));
            s.put("propensityMean", mean(b.aggregations().get("propensity").stats()));
            s.put("revenueMean", mean(b.aggregations().get("revenue").stats()));
            segments.add(s);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("customers", total);
        body.put("segmented", segmented);
        body.put("segments", segments);
        return Response.ok(body);
    }

    /** The mean, or null when no customer of the segment has a value (churn and propensity while warming up). */
    private static Double mean(StatsAggregate stats) {
        return stats.count() == 0 ? null : stats.avg();
    }

    /** The newest {@code size} snapshots within [from, to), oldest first. */
    private Response history(Request request) throws IOException {
        QueryParams params = request.query();
        params.requireKnown(List.of("segment", "from", "to", "size"));
        String segment = params.single("segment").orElse(null);
        String from = params.single("from").map(v -> Dates.instant("from", v)).orElse(null);
        String to = params.single("to").map(v -> Dates.instant("to", v)).orElse(null);
        Dates.requireOrder("from", from, to);
        int size = params.integer("size", 100, 1, maxPageSize);
        List<Query> filters = new ArrayList<>();
        if (segment != null) {
            filters.add(Query.of(q -> q.term(t -> t.field("segmentName").value(segment))));
        }
        if (from != null || to != null) {
            filters.add(Dates.range("windowStart", from, to));
        }
        SearchResponse<ObjectNode> response = es.search(s -> s.index(segmentsIndex).ignoreUnavailable(true)
                .allowNoIndices(true).query(q -> q.bool(b -> b.filter(filters))).size(size)
                .trackTotalHits(t -> t.enabled(true))
                .sort(o -> o.field(f -> f.field("windowStart").order(SortOrder.Desc)))
                .sort(o -> o.field(f -> f.field("segmentId").order(SortOrder.Desc))), ObjectNode.class);
        List<ObjectNode> snapshots = new ArrayList<>(response.hits().hits().stream().map(Hit::source).toList());
        Collections.reverse(snapshots);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("total", response.hits().total() == null ? 0 : response.hits().total().value());
        body.put("snapshots", snapshots);
        return Response.ok(body);
    }
}
