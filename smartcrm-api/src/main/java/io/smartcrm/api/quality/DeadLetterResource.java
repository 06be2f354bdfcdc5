package io.smartcrm.api.quality;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.CalendarInterval;
import co.elastic.clients.elasticsearch._types.aggregations.DateHistogramBucket;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import io.smartcrm.api.http.QueryParams;
import io.smartcrm.api.http.Request;
import io.smartcrm.api.http.Response;
import io.smartcrm.api.http.Role;
import io.smartcrm.api.http.Router;
import io.smartcrm.api.search.Dates;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/dead-letters/summary}: the rejected messages of the dead-letter index, by reason, and by reason per
 * hour or day of their rejection time. Payloads never leave the index here.
 */
public final class DeadLetterResource {
    private static final int MAX_REASONS = 100;
    private static final Map<String, CalendarInterval> INTERVALS = Map.of("hour", CalendarInterval.Hour, "day",
            CalendarInterval.Day);

    private final ElasticsearchClient es;
    private final String dlqIndex;

    public DeadLetterResource(ElasticsearchClient es, String dlqIndex) {
        this.es = es;
        this.dlqIndex = dlqIndex;
    }

    public void register(Router router) {
        router.get("/api/dead-letters/summary", Role.READ, this::summary);
    }

    private Response summary(Request request) throws IOException {
        QueryParams params = request.query();
        params.requireKnown(List.of("interval", "from", "to"));
        String interval = params.single("interval").isPresent() ? params.oneOf("interval", INTERVALS.keySet()) : "hour";
        String from = params.single("from").map(v -> Dates.instant("from", v)).orElse(null);
        String to = params.single("to").map(v -> Dates.instant("to", v)).orElse(null);
        Dates.requireOrder("from", from, to);
        Query query = from == null && to == null ? Query.of(q -> q.matchAll(m -> m))
                : Dates.range("rejectedAt", from, to);
        SearchResponse<Void> response = es.search(s -> s.index(dlqIndex).ignoreUnavailable(true).allowNoIndices(true)
                .size(0).trackTotalHits(t -> t.enabled(true)).query(query)
                .aggregations("reasons", a -> a.terms(t -> t.field("reason").size(MAX_REASONS)))
                .aggregations("latest", a -> a.max(m -> m.field("rejectedAt")))
                .aggregations("histogram", a -> a.dateHistogram(d -> d.field("rejectedAt")
                                .calendarInterval(INTERVALS.get(interval)).minDocCount(0))
                        .aggregations("reasons", sub -> sub.terms(t -> t.field("reason").size(MAX_REASONS)))),
                Void.class);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("total", response.hits().total() == null ? 0 : response.hits().total().value());
        Aggregate latest = response.aggregations().get("latest");
        body.put("latest", latest == null || !Double.isFinite(latest.max().value()) // no data: NaN
                ? null : Instant.ofEpochMilli((long) latest.max().value()).toString());
        body.put("interval", interval);
        List<Map<String, Object>> reasons = new ArrayList<>();
        for (StringTermsBucket b : terms(response.aggregations().get("reasons"))) {
            reasons.add(Map.of("reason", b.key().stringValue(), "count", b.docCount()));
        }
        body.put("reasons", reasons);
        List<Map<String, Object>> histogram = new ArrayList<>();
        Aggregate buckets = response.aggregations().get("histogram");
        for (DateHistogramBucket b : buckets == null ? List.<DateHistogramBucket>of()
                : buckets.dateHistogram().buckets().array()) {
            Map<String, Long> byReason = new LinkedHashMap<>();
            for (StringTermsBucket r : terms(b.aggregations().get("reasons"))) {
                byReason.put(r.key().stringValue(), r.docCount());
            }
            histogram.add(Map.of("start", Instant.ofEpochMilli(b.key()).toString(), "count", b.docCount(),
                    "reasons", byReason));
        }
        body.put("histogram", histogram);
        return Response.ok(body);
    }

    private static List<StringTermsBucket> terms(Aggregate agg) {
        return agg == null || !agg.isSterms() ? List.of() : agg.sterms().buckets().array();
    }
}
