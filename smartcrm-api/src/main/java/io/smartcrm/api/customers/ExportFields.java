package io.smartcrm.api.customers;

import com.fasterxml.jackson.databind.JsonNode;
import io.smartcrm.api.http.ApiException;
import io.smartcrm.templates.IndexTemplates;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The fields an export may name: every object and field of the customers mapping (as shipped in the index
 * template) and {@code attributes.NAME}.
 */
final class ExportFields {
    /** The CSV columns without {@code fields}. */
    static final List<String> DEFAULT_CSV = List.of("customerId", "name", "email", "phone", "country", "city",
            "segment.name", "churn.probability", "churn.band", "propensity.probability", "propensity.band", "rfm.code",
            "orders.count", "orders.revenue", "orders.lastPurchaseAt", "lastSeen");
    private static final Set<String> KNOWN = mapped();

    private ExportFields() {}

    /** The fields asked for, checked; 400 naming {@code fields} for one the mapping lacks. */
    static List<String> check(List<String> fields) {
        for (String f : fields) {
            boolean attribute = f.startsWith("attributes.") && f.length() > "attributes.".length() && f.length() <= 140;
            if (!KNOWN.contains(f) && !attribute) {
                throw ApiException.badRequest("fields", "fields: '" + f + "' is not a customer field; see the "
                        + "crm-customers mapping (e.g. " + String.join(", ", DEFAULT_CSV.subList(0, 6)) + ")");
            }
        }
        return fields;
    }

    /** The value of a dotted path in a document ({@code attributes.NAME} may itself hold dots). */
    static JsonNode value(JsonNode doc, String path) {
        if (path.startsWith("attributes.")) {
            return doc.path("attributes").path(path.substring("attributes.".length()));
        }
        JsonNode node = doc;
        for (String part : path.split("\\.")) {
            node = node.path(part);
        }
        return node;
    }

    private static Set<String> mapped() {
        Set<String> paths = new TreeSet<>();
        collect("", IndexTemplates.tree("crm-customers").path("template").path("mappings").path("properties"), paths);
        return paths;
    }

    private static void collect(String prefix, JsonNode properties, Set<String> paths) {
        for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String path = prefix + e.getKey();
            paths.add(path);
            collect(path + ".", e.getValue().path("properties"), paths);
        }
    }
}
