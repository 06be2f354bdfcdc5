package io.smartcrm.ingest;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The columns a mapping reads, numbered in order of first use. */
final class Columns {
    private final Map<String, Column> byName = new LinkedHashMap<>();

    Column column(String name, String usedAt) {
        return byName.computeIfAbsent(name, n -> new Column(n, byName.size(), usedAt));
    }

    Collection<Column> all() {
        return Collections.unmodifiableCollection(byName.values());
    }

    /** Positions of the mapping's columns in {@code available}; fails naming every column that is not there. */
    int[] indexIn(List<String> available, String origin, String what) {
        int[] index = new int[byName.size()];
        List<String> unknown = new ArrayList<>();
        for (Column c : byName.values()) {
            index[c.ordinal] = available.indexOf(c.name);
            if (index[c.ordinal] < 0) {
                unknown.add("'" + c.name + "' (used at " + c.usedAt + ")");
            }
        }
        if (!unknown.isEmpty()) {
            throw new MappingException("mapping " + origin + ": unknown column" + (unknown.size() > 1 ? "s " : " ")
                    + String.join(", ", unknown) + "; " + what + " has: " + String.join(", ", available));
        }
        return index;
    }
}
