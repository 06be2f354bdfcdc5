package io.smartcrm.api.quality;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
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
 * The data-quality summaries: {@code /api/dead-letters/summary}, the rejected messages of the dead-letter index by
 * reason, and by reason per hour or day of their rejection time (payloads never leave the index here); and
 * {@code /api/quality/summary}, the accepted events the job dropped as duplicates, found late or dropped after an
 * erasure, from the quality index, by source and per hour or day of their event time.
 */
public final class QualityResource {
    private static final int MAX_TERMS = 100;
    private static final Map<String, CalendarInterval> INTERVALS = Map.of("hour", CalendarInterval.Hour, "day",
            CalendarInterval.Day);
    private static final List<String> COUNTS = List.of("duplicates", "late", "erasedDropped");

    private final ElasticsearchClient es;
    private final String dlqIndex;
    private final String qualityIndex;

    public QualityResource(ElasticsearchClient es, String dlqIndex, String qualityIndex) {
        this.es = es;
        this.dlqIndex = dlqIndex;
        this.qualityIndex = qualityIndex;
    }

    public void register(Router router) {
        router.get("/api/dead-letters/summary", Role.READ, this::deadLetters);
        router.get("/api/quality/summary", Role.READ, this::quality);
    }

    /** The request's {@code interval}, {@code from} and {@code to}, checked. */
    private record Range(String interval, String from, String to) {
        static Range of(Request request) {
            QueryParams params = request.query();
            params.requireKnown(List.of("interval", "from", "to"));
            String interval = params.single("interval").isPresent() ? params.oneOf("interval", INTERVALS.keySet())
                    : "hour";
            String from = params.single("from").map(v -> Dates.instant("from", v)).orElse(null);
            String to = params.single("to").map(v -> Dates.instant("to", v)).orElse(null);
            Dates.requireOrder("from", from, to);
            return new Range(interval, from, to);
        }

        Query query(String field) {
            return from == null && to == null ? Query.of(q -> q.matchAll(m -> m)) : Dates.range(field, from, to);
        }

        Aggregation.Builder.ContainerBuilder histogram(Aggregation.Builder a, String field) {
            return a.dateHistogram(d -> d.field(field).calendarInterval(INTERVALS.get(interval)).minDocCount(0));
        }
    }

    private Response deadLetters(Request request) throws IOException {
        Range range = Range.of(request);
        SearchResponse<Void> response = es.search(s -> s.index(dlqIndex).ignoreUnavailable(true).allowNoIndices(true)
                .size(0).trackTotalHits(t -> t.enabled(true)).query(range.query("rejectedAt"))
                .aggregations("reasons", a -> a.terms(t -> t.field("reason").size(MAX_TERMS)))
                .aggregations("latest", a -> a.max(m -> m.field("rejectedAt")))
                .aggregations("histogram", a -> range.histogram(a, "rejectedAt")
                        .aggregations("reasons", sub -> sub.terms(t -> t.field("reason").size(MAX_TERMS)))),
                Void.class);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("total", response.hits().total() == null ? 0 : response.hits().total().value());
        Aggregate latest = response.aggregations().get("latest");
        body.put("latest", latest == null || !Double.isFinite(latest.max().value()) // no data: NaN
                ? null : Instant.ofEpochMilli((long) latest.max().value()).toString());
        body.put("interval", range.interval());
        List<Map<String, Object>> reasons = new ArrayList<>();
        for (StringTermsBucket b : terms(response.aggregations().get("reasons"))) {
            reasons.add(Map.of("reason", b.key().stringValue(), "count", b.docCount()));
        }
        body.put("reasons", reasons);
        List<Map<String, Object>> histogram = new ArrayList<>();
        for (DateHistogramBucket b : buckets(response.aggregations().get("histogram"))) {
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

    private Response quality(Request request) throws IOException {
        Range range = Range.of(request);
        SearchResponse<Void> response = es.search(s -> {
            s.index(qualityIndex).ignoreUnavailable(true).allowNoIndices(true).size(0).query(range.query("windowStart"))
                    .aggregations("sources", a -> a.terms(t -> t.field("source").size(MAX_TERMS)).aggregations(sums()))
                    .aggregations("histogram", a -> range.histogram(a, "windowStart").aggregations(sums()));
            return s.aggregations(sums());
        }, Void.class);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("interval", range.interval());
        body.put("totals", sums(response.aggregations()));
        List<Map<String, Object>> sources = new ArrayList<>();
        for (StringTermsBucket b : terms(response.aggregations().get("sources"))) {
            Map<String, Object> source = new LinkedHashMap<>();
            source.put("source", b.key().stringValue());
            source.putAll(sums(b.aggregations()));
            sources.add(source);
        }
        body.put("sources", sources);
        List<Map<String, Object>> histogram = new ArrayList<>();
        for (DateHistogramBucket b : buckets(response.aggregations().get("histogram"))) {
            Map<String, Object> bucket = new LinkedHashMap<>();
            bucket.put("start", Instant.ofEpochMilli(b.key()).toString());
            bucket.putAll(sums(b.aggregations()));
            histogram.add(bucket);
        }
        body.put("histogram", histogram);
        return Response.ok(body);
    }

    private static Map<String, Aggregation> sums() {
        Map<String, Aggregation> out = new LinkedHashMap<>();
        for (String field : COUNTS) {
            out.put(field, Aggregation.of(a -> a.sum(m -> m.field(field))));
        }
        return out;
    }

    private static Map<String, Long> sums(Map<String, Aggregate> aggregations) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String field : COUNTS) {
            Aggregate sum = aggregations.get(field);
            out.put(field, sum == null ? 0 : Math.round(sum.sum().value()));
        }
        return out;
    }

    private static List<DateHistogramBucket> buckets(Aggregate agg) {
        return agg == null ? List.of() : agg.dateHistogram().buckets().array();
    }

    private static List<StringTermsBucket> terms(Aggregate agg) {
        return agg == null || !agg.isSterms() ? List.of() : agg.sterms().buckets().array();
    }
}
