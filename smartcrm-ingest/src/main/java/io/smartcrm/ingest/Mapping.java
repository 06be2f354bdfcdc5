package io.smartcrm.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A validated mapping: how the records of a CSV or JSON-lines file become customer events (format in MAPPINGS.md).
 * Loading checks everything that can be checked without the file (fields, conversions, patterns, types); the
 * columns are checked against the file's header when it is opened, before anything is published. Immutable and
 * safe to share.
 */
public final class Mapping {
    /** Mappings shipped with the module, usable by name. */
    public static final List<String> SHIPPED = List.of("online-retail", "telco-churn");
    private static final String RESOURCE_DIR = "/io/smartcrm/ingest/mappings/";
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    enum Format { CSV, JSONL }

    /** How to read the file. {@code columns} is null when the CSV header names them. */
    record Input(Format format, boolean header, char delimiter, char quote, Charset encoding, List<String> columns,
            int maxLinesPerRecord) {
    }

    private final String name;
    private final String description;
    private final Input input;
    private final Columns columns = new Columns();
    private final List<EventSpec> events = new ArrayList<>();

    private Mapping(JsonNode tree, String origin) {
        SpecNode root = SpecNode.root(tree, origin).requireObject()
                .allowKeys("name", "description", "input", "source", "customerId", "timestamp", "events");
        name = root.text("name", origin);
        description = root.text("description", "");
        input = input(root.require("input"));
        List<SpecNode> specs = root.require("events").elements();
        if (specs.isEmpty()) {
            throw root.get("events").error("at least one event is needed");
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < specs.size(); i++) {
            EventSpec spec = EventSpec.parse(specs.get(i), i, root, columns);
            if (!names.add(spec.name)) {
                throw specs.get(i).error("two events are named '" + spec.name + "'");
            }
            events.add(spec);
        }
        if (input.columns != null) {
            columns.indexIn(input.columns, name, "input.columns");
        }
    }

    private static Input input(SpecNode n) {
        n.allowKeys("format", "header", "delimiter", "quote", "encoding", "columns", "maxLinesPerRecord");
        SpecNode f = n.require("format");
        Format format = switch (f.text()) {
            case "csv" -> Format.CSV;
            case "jsonl" -> Format.JSONL;
            default -> throw f.error("unknown format '" + f.text() + "' (known: csv, jsonl)");
        };
        Charset encoding;
        try {
            encoding = Charset.forName(n.text("encoding", "UTF-8"));
        } catch (IllegalArgumentException e) {
            throw n.get("encoding").error("unknown encoding '" + n.text("encoding", "") + "'");
        }
        List<String> columns = n.has("columns") ? List.copyOf(n.get("columns").texts()) : null;
        if (format == Format.JSONL) {
            for (String csvOnly : List.of("header", "delimiter", "quote", "maxLinesPerRecord")) {
                if (n.has(csvOnly)) {
                    throw n.get(csvOnly).error("'" + csvOnly + "' only applies to csv");
                }
            }
            return new Input(format, false, ',', '"', encoding, columns, 1);
        }
        boolean header = n.bool("header", true);
        if (!header && columns == null) {
            throw n.error("a csv without a header needs 'columns'");
        }
        if (header && columns != null) {
            throw n.get("columns").error("'columns' names the columns of a csv without a header; the header names them here");
        }
        char delimiter = oneChar(n, "delimiter", ',');
        char quote = oneChar(n, "quote", '"');
        if (delimiter == quote) {
            throw n.error("delimiter and quote must differ");
        }
        return new Input(format, header, delimiter, quote, encoding, columns, n.positiveInt("maxLinesPerRecord", 100));
    }

    private static char oneChar(SpecNode n, String key, char otherwise) {
        SpecNode c = n.get(key);
        if (c == null) {
            return otherwise;
        }
        if (c.text().length() != 1 || c.text().charAt(0) == '\n' || c.text().charAt(0) == '\r') {
            throw c.error("must be one character other than a line break, e.g. \",\" or \"\\t\"");
        }
        return c.text().charAt(0);
    }

    /** A mapping file's path, or the name of a shipped mapping ({@link #SHIPPED}). */
    public static Mapping load(String nameOrPath) {
        try {
            Path p = Path.of(nameOrPath);
            if (Files.isRegularFile(p)) {
                return read(p);
            }
        } catch (InvalidPathException notAPath) {
            // fall through to the shipped names
        }
        if (SHIPPED.contains(nameOrPath)) {
            return shipped(nameOrPath);
        }
        throw new MappingException("no mapping file '" + nameOrPath + "' and no shipped mapping of that name (shipped: "
                + String.join(", ", SHIPPED) + ")");
    }

    /** A mapping shipped with the module. */
    public static Mapping shipped(String name) {
        try (InputStream in = Mapping.class.getResourceAsStream(RESOURCE_DIR + name + ".json")) {
            if (in == null) {
                throw new MappingException("no shipped mapping '" + name + "' (shipped: " + String.join(", ", SHIPPED)
                        + ")");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), name);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read shipped mapping " + name, e);
        }
    }

    public static Mapping read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new MappingException("cannot read mapping file " + file + ": " + e.getMessage(), e);
        }
        String fileName = file.getFileName().toString();
        return parse(text, fileName.endsWith(".json") ? fileName.substring(0, fileName.length() - 5) : fileName);
    }

    /** Parses and validates a mapping document; {@code origin} names it in error messages. */
    public static Mapping parse(String json, String origin) {
        JsonNode tree;
        try {
            tree = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new MappingException("mapping " + origin + " is not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")"), e);
        }
        if (tree == null) {
            throw new MappingException("mapping " + origin + " is empty");
        }
        return new Mapping(tree, origin);
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    /** The attributes the mapping writes, with their declared kinds and labels. */
    public List<AttributeDeclaration> attributes() {
        List<AttributeDeclaration> out = new ArrayList<>();
        for (EventSpec e : events) {
            e.attributes.forEach(a -> out.add(a.declaration()));
        }
        return out;
    }

    /** The input columns the mapping reads. */
    public List<String> columns() {
        return columns.all().stream().map(c -> c.name).toList();
    }

    /** Fails, naming every unknown column and where the mapping uses it, unless all columns are available. */
    public void checkColumns(List<String> available) {
        columns.indexIn(available, name, "the file");
    }

    int[] columnIndex(List<String> available, String what) {
        return columns.indexIn(available, name, what);
    }

    Input input() {
        return input;
    }

    List<EventSpec> events() {
        return events;
    }

    @Override
    public String toString() {
        return name;
    }
}
