package io.smartcrm.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import io.smartcrm.dashboards.SavedObjects.SavedObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every field a saved object uses, with what it is used for: the aggregations of a visualization, the time field of
 * an index pattern, the columns and sort of a saved search, and the fields named in a KQL query or a filter.
 */
final class FieldUsages {
    /** How a field is used, hence which mapping types fit. */
    enum Use { TERMS, DATE, NUMERIC, CARDINALITY, COLUMN, SORT, QUERY }

    record Usage(String objectId, String indexPatternId, String field, Use use, String what) {}

    private static final Map<String, Use> AGG_USES = Map.ofEntries(
            Map.entry("terms", Use.TERMS), Map.entry("significant_terms", Use.TERMS),
            Map.entry("date_histogram", Use.DATE), Map.entry("date_range", Use.DATE),
            Map.entry("avg", Use.NUMERIC), Map.entry("sum", Use.NUMERIC), Map.entry("min", Use.NUMERIC),
            Map.entry("max", Use.NUMERIC), Map.entry("median", Use.NUMERIC), Map.entry("percentiles", Use.NUMERIC),
            Map.entry("std_dev", Use.NUMERIC), Map.entry("histogram", Use.NUMERIC), Map.entry("range", Use.NUMERIC),
            Map.entry("cardinality", Use.CARDINALITY));
    /** A field name before a KQL operator, outside quoted values. */
    private static final Pattern KQL_FIELD = Pattern.compile("([A-Za-z_@][A-Za-z0-9_.@]*)\\s*(?::|>=|<=|>|<)");
    private static final Pattern QUOTED = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");

    private FieldUsages() {}

    static List<Usage> of(List<SavedObject> objects) {
        List<Usage> out = new ArrayList<>();
        for (SavedObject o : objects) {
            String index = indexRef(o.json());
            switch (o.type()) {
                case "index-pattern" -> {
                    String tf = o.json().path("attributes").path("timeFieldName").asText("");
                    if (!tf.isEmpty()) {
                        out.add(new Usage(o.id(), o.id(), tf, Use.DATE, "timeFieldName"));
                    }
                }
                case "visualization" -> {
                    JsonNode vis = SavedObjects.parse(o.json().path("attributes").path("visState").asText(), o.id());
                    for (JsonNode agg : vis.path("aggs")) {
                        String type = agg.path("type").asText();
                        String field = agg.path("params").path("field").asText("");
                        if (field.isEmpty()) {
                            continue;
                        }
                        Use use = AGG_USES.get(type);
                        if (use == null) {
                            throw new IllegalStateException(o.id() + ": aggregation " + type + " has no known field use");
                        }
                        out.add(new Usage(o.id(), index, field, use, type + " aggregation"));
                    }
                    queryFields(o, index, out);
                }
                case "search" -> {
                    for (JsonNode c : o.json().path("attributes").path("columns")) {
                        if (!c.asText().equals("_source")) {
                            out.add(new Usage(o.id(), index, c.asText(), Use.COLUMN, "column"));
                        }
                    }
                    for (JsonNode s : o.json().path("attributes").path("sort")) {
                        out.add(new Usage(o.id(), index, s.path(0).asText(), Use.SORT, "sort"));
                    }
                    queryFields(o, index, out);
                }
                default -> queryFields(o, index, out);
            }
        }
        return out;
    }

    /** The index pattern id a visualization or search reads from, or null. */
    static String indexRef(JsonNode object) {
        JsonNode source = SavedObjects.parse(
                object.path("attributes").path("kibanaSavedObjectMeta").path("searchSourceJSON").asText("{}"), "source");
        String refName = source.path("indexRefName").asText("");
        for (JsonNode r : object.path("references")) {
            if (r.path("name").asText().equals(refName) && r.path("type").asText().equals("index-pattern")) {
                return r.path("id").asText();
            }
        }
        return null;
    }

    private static void queryFields(SavedObject o, String index, List<Usage> out) {
        JsonNode source = SavedObjects.parse(
                o.json().path("attributes").path("kibanaSavedObjectMeta").path("searchSourceJSON").asText("{}"), o.id());
        for (String field : kqlFields(source.path("query").path("query").asText(""))) {
            out.add(new Usage(o.id(), index, field, Use.QUERY, "query"));
        }
        for (JsonNode f : source.path("filter")) {
            String key = f.path("meta").path("key").asText("");
            if (!key.isEmpty()) {
                out.add(new Usage(o.id(), index, key, Use.QUERY, "filter"));
            }
        }
    }

    /** The fields a KQL query names. */
    static List<String> kqlFields(String kql) {
        String unquoted = QUOTED.matcher(kql).replaceAll("\"\"");
        List<String> fields = new ArrayList<>();
        Matcher m = KQL_FIELD.matcher(unquoted);
        while (m.find()) {
            String f = m.group(1);
            if (!f.equalsIgnoreCase("and") && !f.equalsIgnoreCase("or") && !f.equalsIgnoreCase("not")) {
                fields.add(f);
            }
        }
        return fields;
    }
}
