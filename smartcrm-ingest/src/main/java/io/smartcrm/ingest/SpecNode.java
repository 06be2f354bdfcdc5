package io.smartcrm.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** A place in a mapping document, so every error can say where it is ("online-retail: events[order].fields"). */
final class SpecNode {
    final JsonNode node;
    final String path;
    private final String origin;

    private SpecNode(JsonNode node, String path, String origin) {
        this.node = node;
        this.path = path;
        this.origin = origin;
    }

    static SpecNode root(JsonNode node, String origin) {
        return new SpecNode(node, "", origin);
    }

    /** The child, or null when it is absent or JSON null. */
    SpecNode get(String key) {
        JsonNode n = node.get(key);
        return n == null || n.isNull() ? null : new SpecNode(n, child(key), origin);
    }

    SpecNode require(String key) {
        SpecNode n = get(key);
        if (n == null) {
            throw error("'" + key + "' is required");
        }
        return n;
    }

    boolean has(String key) {
        return get(key) != null;
    }

    String child(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** The same node under another path, e.g. "events[order]" instead of "events[1]". */
    SpecNode relabel(String newPath) {
        return new SpecNode(node, newPath, origin);
    }

    /** Another document standing at this place (e.g. a placeholder spelled out as a value spec). */
    SpecNode standIn(JsonNode other) {
        return new SpecNode(other, path, origin);
    }

    String text() {
        if (!node.isTextual()) {
            throw error("must be a string, got " + describe());
        }
        return node.textValue();
    }

    String text(String key, String otherwise) {
        SpecNode n = get(key);
        return n == null ? otherwise : n.text();
    }

    boolean bool(String key, boolean otherwise) {
        SpecNode n = get(key);
        if (n == null) {
            return otherwise;
        }
        if (!n.node.isBoolean()) {
            throw n.error("must be true or false, got " + n.describe());
        }
        return n.node.booleanValue();
    }

    int positiveInt(String key, int otherwise) {
        SpecNode n = get(key);
        if (n == null) {
            return otherwise;
        }
        if (!n.node.canConvertToInt() || !n.node.isIntegralNumber() || n.node.intValue() <= 0) {
            throw n.error("must be a positive integer, got " + n.describe());
        }
        return n.node.intValue();
    }

    /** A single string or an array of strings, as a list. */
    List<String> texts() {
        if (node.isTextual()) {
            return List.of(node.textValue());
        }
        List<String> out = new ArrayList<>();
        for (SpecNode e : elements()) {
            out.add(e.text());
        }
        return out;
    }

    List<SpecNode> elements() {
        if (!node.isArray()) {
            throw error("must be an array, got " + describe());
        }
        List<SpecNode> out = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            out.add(new SpecNode(node.get(i), path + "[" + i + "]", origin));
        }
        return out;
    }

    /** The members of an object, in document order. */
    Map<String, SpecNode> members() {
        requireObject();
        Map<String, SpecNode> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            out.put(f.getKey(), new SpecNode(f.getValue(), child(f.getKey()), origin));
        }
        return out;
    }

    SpecNode requireObject() {
        if (!node.isObject()) {
            throw error("must be an object, got " + describe());
        }
        return this;
    }

    /** Fails on any key not listed, so a typo ("colum") is caught instead of ignored. */
    SpecNode allowKeys(String... keys) {
        requireObject();
        Set<String> allowed = Set.of(keys);
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!allowed.contains(k)) {
                throw error("unknown key '" + k + "' (known: " + String.join(", ", new TreeSet<>(Arrays.asList(keys)))
                        + ")");
            }
        }
        return this;
    }

    String describe() {
        return node.isValueNode() ? node.getNodeType().name().toLowerCase() + " " + node : node.getNodeType().name()
                .toLowerCase();
    }

    MappingException error(String message) {
        return new MappingException("mapping " + origin + (path.isEmpty() ? "" : ", " + path) + ": " + message);
    }
}
