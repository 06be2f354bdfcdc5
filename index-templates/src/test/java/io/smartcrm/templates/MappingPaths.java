package io.smartcrm.templates;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * Flattens a mapping's {@code properties} into field path → description ("type" plus its explicit parameters),
 * so a shipped mapping and the one Elasticsearch reports can be compared regardless of how each spells objects
 * ({@code "type": "object"} is implicit in a live mapping) and booleans ({@code false} vs {@code "false"}).
 */
final class MappingPaths {
    private MappingPaths() {}

    static Map<String, String> of(JsonNode mappings) {
        Map<String, String> paths = new TreeMap<>();
        walk("", mappings.path("properties"), paths);
        return paths;
    }

    private static void walk(String prefix, JsonNode properties, Map<String, String> out) {
        for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String path = prefix + field.getKey();
            JsonNode def = field.getValue();
            out.put(path, describe(def));
            if (def.has("properties")) {
                walk(path + ".", def.get("properties"), out);
            }
            if (def.has("fields")) {
                for (Iterator<Map.Entry<String, JsonNode>> sub = def.get("fields").fields(); sub.hasNext(); ) {
                    Map.Entry<String, JsonNode> f = sub.next();
                    out.put(path + "." + f.getKey(), describe(f.getValue()));
                }
            }
        }
    }

    private static String describe(JsonNode def) {
        String type = def.path("type").asText(def.has("properties") ? "object" : "?");
        Map<String, String> params = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = def.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> p = it.next();
            if (!p.getKey().equals("type") && !p.getKey().equals("properties") && !p.getKey().equals("fields")
                    && p.getValue().isValueNode()) {
                params.put(p.getKey(), p.getValue().asText());
            }
        }
        return params.isEmpty() ? type : type + " " + params;
    }
}
