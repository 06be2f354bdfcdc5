package io.smartcrm.api.models;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smartcrm.api.http.ApiException;
import io.smartcrm.api.http.Request;
import io.smartcrm.api.http.Response;
import io.smartcrm.api.http.Role;
import io.smartcrm.api.http.Router;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/models}: the newest version of each model (segments, churn, propensity) with its status, quality and
 * parameters, and a model's version history (summaries: status, examples, quality).
 */
public final class ModelResource {
    public static final List<String> MODELS = List.of("segments", "churn", "propensity");
    private static final List<String> SUMMARY = List.of("model", "kind", "version", "createdAt", "status", "examples",
            "positives", "negatives", "minLabels", "points", "inertia", "inertiaWindow", "quality", "params");

    private final ElasticsearchClient es;
    private final String modelsIndex;
    private final int maxPageSize;

    public ModelResource(ElasticsearchClient es, String modelsIndex, int maxPageSize) {
        this.es = es;
        this.modelsIndex = modelsIndex;
        this.maxPageSize = maxPageSize;
    }

    public void register(Router router) {
        router.get("/api/models", Role.READ, this::latest)
                .get("/api/models/{model}/versions", Role.READ, this::versions);
    }

    private Response latest(Request request) throws IOException {
        request.query().requireKnown(List.of());
        List<Object> models = new ArrayList<>();
        for (String model : MODELS) {
            List<ObjectNode> newest = versions(model, 1, List.of());
            if (newest.isEmpty()) {
                Map<String, Object> none = new LinkedHashMap<>();
                none.put("model", model);
                none.put("status", "none");
                models.add(none);
            } else {
                models.add(newest.get(0));
            }
        }
        return Response.ok(Map.of("models", models));
    }

    private Response versions(Request request) throws IOException {
        request.query().requireKnown(List.of("size"));
        String model = request.pathParam("model");
        if (!MODELS.contains(model)) {
            throw ApiException.notFound("no model '" + model + "'; models: " + String.join(", ", MODELS));
        }
        int size = request.query().integer("size", 20, 1, maxPageSize);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model", model);
        body.put("versions", versions(model, size, SUMMARY));
        return Response.ok(body);
    }

    /** The newest {@code size} versions of a model, newest first; {@code fields} limits the source (empty: all). */
    private List<ObjectNode> versions(String model, int size, List<String> fields) throws IOException {
        SearchResponse<ObjectNode> response = es.search(s -> {
            s.index(modelsIndex).ignoreUnavailable(true).allowNoIndices(true)
                    .query(q -> q.term(t -> t.field("model").value(model)))
                    .sort(o -> o.field(f -> f.field("version").order(SortOrder.Desc))).size(size);
            if (!fields.isEmpty()) {
                s.source(src -> src.filter(f -> f.includes(fields)));
            }
            return s;
        }, ObjectNode.class);
        return response.hits().hits().stream().map(Hit::source).toList();
    }
}
