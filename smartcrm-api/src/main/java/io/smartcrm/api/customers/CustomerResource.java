package io.smartcrm.api.customers;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch.core.GetResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smartcrm.api.http.ApiException;
import io.smartcrm.api.http.QueryParams;
import io.smartcrm.api.http.Request;
import io.smartcrm.api.http.Response;
import io.smartcrm.api.http.Role;
import io.smartcrm.api.http.Router;
import io.smartcrm.api.search.Cursor;
import io.smartcrm.api.search.PagedSearch;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/customers}: search with filters, sort, facets and cursor pagination; the export of a search as
 * CSV or JSON lines, streamed; one customer's 360 (profile and latest events); erasure.
 */
public final class CustomerResource {
    public static final List<String> FACETS = List.of("segment", "country", "churnBand", "propensityBand");
    public static final int MAX_EVENTS = 500;
    /** Hits per search_after request of an export. */
    static final int EXPORT_BATCH = 1000;
    private static final Map<String, String> FACET_FIELDS = Map.of("segment", "segment.name", "country", "country",
            "churnBand", "churn.band", "propensityBand", "propensity.band");
    private static final int FACET_BUCKETS = 250;
    private static final List<String> SEARCH_PARAMETERS = List.of("sort", "size", "facets", Cursor.PARAMETER);
    private static final List<String> EXPORT_PARAMETERS = List.of("format", "fields", "sort");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CUT_SHORT = "the export was cut short; the rows before are not all of it";

    private final ElasticsearchClient es;
    private final PagedSearch paged;
    private final CustomerErasure erasure;
    private final String customersIndex;
    private final String eventsPattern;
    private final int maxPageSize;

    public CustomerResource(ElasticsearchClient es, PagedSearch paged, CustomerErasure erasure, String customersIndex,
            String eventsIndexPrefix, int maxPageSize) {
        this.es = es;
        this.paged = paged;
        this.erasure = erasure;
        this.customersIndex = customersIndex;
        this.eventsPattern = eventsIndexPrefix + "*";
        this.maxPageSize = maxPageSize;
    }

    public void register(Router router) {
        router.get("/api/customers", Role.READ, this::search)
                .get("/api/customers/export", Role.READ, this::export)
                .get("/api/customers/{id}", Role.READ, this::customer)
                .delete("/api/customers/{id}", Role.ADMIN, this::erase);
    }

    /** The query parameters of {@code GET /api/customers} besides {@code attr.NAME}. */
    public static List<String> searchParameters() {
        List<String> all = new ArrayList<>(CustomerFilters.PARAMETERS);
        all.addAll(SEARCH_PARAMETERS);
        return all;
    }

    /** The query parameters of {@code GET /api/customers/export} besides {@code attr.NAME}. */
    public static List<String> exportParameters() {
        List<String> all = new ArrayList<>(CustomerFilters.PARAMETERS);
        all.addAll(EXPORT_PARAMETERS);
        return all;
    }

    private Response search(Request request) throws IOException {
        QueryParams params = request.query();
        params.requireKnown(searchParameters(), CustomerFilters::isFilter);
        CustomerFilters filters = CustomerFilters.parse(params);
        CustomerSort sort = CustomerSort.parse(params.single(CustomerSort.PARAMETER).orElse(null), filters.hasText());
        int size = params.integer("size", 20, 1, maxPageSize);
        List<String> facets = params.list("facets", FACETS);
        String fingerprint = Cursor.fingerprint(filters.canonical() + "|" + sort.canonical());
        Cursor after = params.single(Cursor.PARAMETER).map(a -> Cursor.decode(a, fingerprint)).orElse(null);
        Map<String, Aggregation> aggregations = new LinkedHashMap<>();
        for (String facet : facets) {
            aggregations.put(facet, Aggregation.of(a -> a.terms(t -> t.field(FACET_FIELDS.get(facet)).size(FACET_BUCKETS))));
        }
        PagedSearch.Page page = paged.page(new PagedSearch.Search(customersIndex, filters.query(), sort.options(),
                aggregations, fingerprint), size, after);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("total", page.total());
        body.put("hits", page.hits());
        Map<String, Object> facetCounts = new LinkedHashMap<>();
        for (String facet : facets) {
            facetCounts.put(facet, buckets(page.aggregations().get(facet)));
        }
        body.put("facets", facetCounts);
        body.put("next", page.next());
        return Response.ok(body);
    }

    private static List<Map<String, Object>> buckets(Aggregate aggregate) {
        List<Map<String, Object>> buckets = new ArrayList<>();
        if (aggregate != null && aggregate.isSterms()) {
            aggregate.sterms().buckets().array().forEach(b -> {
                Map<String, Object> bucket = new LinkedHashMap<>();
                bucket.put("value", b.key().stringValue());
                bucket.put("count", b.docCount());
                buckets.add(bucket);
            });
        }
        return buckets;
    }

    private Response export(Request request) throws IOException {
        QueryParams params = request.query();
        params.requireKnown(exportParameters(), CustomerFilters::isFilter);
        String format = params.oneOf("format", List.of("csv", "jsonl"));
        List<String> fields = ExportFields.check(params.list("fields", null));
        CustomerFilters filters = CustomerFilters.parse(params);
        CustomerSort sort = CustomerSort.parse(params.single(CustomerSort.PARAMETER).orElse(null), filters.hasText());
        PagedSearch.Search search = new PagedSearch.Search(customersIndex, filters.query(), sort.options(), Map.of(), "");
        if ("jsonl".equals(format)) {
            PagedSearch.Scan scan = paged.scan(search, EXPORT_BATCH, fields);
            return Response.stream("application/x-ndjson", out -> {
                Writer writer = writer(out);
                try {
                    scan.forEach(doc -> {
                        writer.write(JSON.writeValueAsString(doc));
                        writer.write('\n');
                    });
                } catch (IOException | RuntimeException e) {
                    cutShort(writer, JSON.writeValueAsString(Map.of("error", CUT_SHORT)) + "\n", e);
                }
                writer.flush();
            }).header("Content-Disposition", "attachment; filename=\"customers.jsonl\"");
        }
        List<String> columns = fields.isEmpty() ? ExportFields.DEFAULT_CSV : fields;
        PagedSearch.Scan scan = paged.scan(search, EXPORT_BATCH, columns);
        return Response.stream("text/csv; charset=utf-8", out -> {
            Writer writer = writer(out);
            CsvWriter csv = new CsvWriter(writer);
            csv.row(columns.stream().map(CsvWriter::text).toList());
            List<String> row = new ArrayList<>(columns.size());
            try {
                scan.forEach(doc -> {
                    row.clear();
                    for (String c : columns) {
                        row.add(CsvWriter.cell(ExportFields.value(doc, c)));
                    }
                    csv.row(row);
                });
            } catch (IOException | RuntimeException e) {
                cutShort(writer, "#error: " + CUT_SHORT + "\r\n", e);
            }
            writer.flush();
        }).header("Content-Disposition", "attachment; filename=\"customers.csv\"");
    }

    /**
     * A stream cut short still ends like a whole one (the JDK server always sends the last chunk), so it ends with
     * a line saying so, then the failure goes on to the server's log.
     */
    private static void cutShort(Writer writer, String line, Exception e) throws IOException {
        try {
            writer.write(line);
            writer.flush();
        } catch (IOException ignored) {
            // the caller is gone
        }
        if (e instanceof IOException io) {
            throw io;
        }
        throw (RuntimeException) e;
    }

    private static Writer writer(OutputStream out) {
        return new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
    }

    private Response customer(Request request) throws IOException {
        request.query().requireKnown(List.of("events"));
        int events = request.query().integer("events", 20, 0, MAX_EVENTS);
        String id = request.pathParam("id");
        ObjectNode profile = profile(id);
        if (profile == null) {
            throw ApiException.notFound("no customer '" + id + "'");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("profile", profile);
        SearchResponse<ObjectNode> latest = es.search(s -> s.index(eventsPattern).ignoreUnavailable(true)
                .allowNoIndices(true).query(q -> q.term(t -> t.field("customerId").value(id)))
                .sort(o -> o.field(f -> f.field("timestamp").order(SortOrder.Desc)))
                .sort(o -> o.field(f -> f.field("eventId").order(SortOrder.Desc)))
                .trackTotalHits(t -> t.enabled(true)).size(events), ObjectNode.class);
        body.put("eventsTotal", latest.hits().total() == null ? 0 : latest.hits().total().value());
        body.put("events", latest.hits().hits().stream().map(Hit::source).toList());
        return Response.ok(body);
    }

    private ObjectNode profile(String id) throws IOException {
        try {
            GetResponse<ObjectNode> doc = es.get(g -> g.index(customersIndex).id(id), ObjectNode.class);
            return doc.found() ? doc.source() : null;
        } catch (ElasticsearchException e) {
            if (e.status() == 404) {
                return null; // no index yet
            }
            throw e;
        }
    }

    private Response erase(Request request) throws IOException {
        request.query().requireKnown(List.of());
        String id = request.pathParam("id");
        CustomerErasure.Outcome outcome = erasure.erase(id);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("customerId", id);
        body.put("status", outcome.done() ? "erased" : "requested");
        body.put("profileFound", outcome.profileFound());
        body.put("eventsFound", outcome.eventsFound());
        if (!outcome.done()) {
            body.put("message", outcome.profileFound() || outcome.eventsFound() > 0
                    ? "the job erases the customer when it reaches the request; GET /api/customers/" + id
                            + " answers 404 then"
                    : "nothing is indexed under this id; the job forgets whatever it holds when it reaches the request");
        }
        return outcome.done() ? Response.ok(body) : Response.status(202, body);
    }
}
