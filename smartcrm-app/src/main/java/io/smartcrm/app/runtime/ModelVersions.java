package io.smartcrm.app.runtime;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import java.util.Locale;

/** Reads the models index: the newest published version of a model. */
public final class ModelVersions {
    public static final List<String> MODELS = List.of("segments", "churn", "propensity");

    private ModelVersions() {}

    /** The newest version document of {@code model}, or null if none (or no index) yet. */
    public static ObjectNode newest(ElasticsearchClient client, String index, String model) throws IOException {
        List<Hit<ObjectNode>> hits = client.search(s -> s.index(index).ignoreUnavailable(true)
                .query(q -> q.term(t -> t.field("model").value(model)))
                .sort(o -> o.field(f -> f.field("version").order(SortOrder.Desc))).size(1), ObjectNode.class)
                .hits().hits();
        return hits.isEmpty() ? null : hits.get(0).source();
    }

    /** "churn v12 ready (AUC 0.812)", "segments v3 ready (5 segments)", "propensity v2 warming_up (12+/40-)". */
    public static String summary(String model, ObjectNode doc) {
        if (doc == null) {
            return model + " warming_up";
        }
        String head = model + " v" + doc.path("version").asLong() + " " + doc.path("status").asText();
        if (doc.has("segments")) {
            return head + " (" + doc.path("segments").size() + " segments)";
        }
        if (!"ready".equals(doc.path("status").asText())) {
            return head + " (" + doc.path("positives").asLong() + "+/" + doc.path("negatives").asLong() + "- labels)";
        }
        return doc.at("/quality/auc").isNumber()
                ? head + String.format(Locale.ROOT, " (AUC %.3f)", doc.at("/quality/auc").asDouble()) : head;
    }
}
