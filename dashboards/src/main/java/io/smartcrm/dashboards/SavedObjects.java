package io.smartcrm.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The saved objects shipped as NDJSON resources under {@code dashboards/}: the files in import order (from
 * {@code dashboards.list}, index patterns first), their lines and the objects they hold.
 */
public final class SavedObjects {
    private static final String DIR = "/dashboards/";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SavedObjects() {}

    /** One saved object: its file, type, id and title, and the whole object. */
    public record SavedObject(String file, String type, String id, String title, JsonNode json) {}

    /** The NDJSON file names, in import order. */
    public static List<String> files() {
        List<String> files = new ArrayList<>();
        for (String line : resource("dashboards.list").split("\n")) {
            String name = line.strip();
            if (!name.isEmpty() && !name.startsWith("#")) {
                files.add(name);
            }
        }
        return files;
    }

    /** A file's text as shipped. */
    public static String text(String file) {
        return resource(file);
    }

    /** A file's non-blank lines. */
    public static List<String> lines(String file) {
        return text(file).lines().filter(l -> !l.isBlank()).toList();
    }

    /** Every object of every file, in import order. */
    public static List<SavedObject> all() {
        List<SavedObject> objects = new ArrayList<>();
        for (String file : files()) {
            for (String line : lines(file)) {
                JsonNode o = parse(line, file);
                objects.add(new SavedObject(file, o.path("type").asText(), o.path("id").asText(),
                        o.path("attributes").path("title").asText(), o));
            }
        }
        return objects;
    }

    /** All files as one NDJSON document, index patterns first: what the loader imports. */
    public static String ndjson() {
        StringBuilder out = new StringBuilder();
        for (String file : files()) {
            for (String line : lines(file)) {
                out.append(line.strip()).append('\n');
            }
        }
        return out.toString();
    }

    /** Parses JSON, naming the file on failure. */
    public static JsonNode parse(String json, String where) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException(where + ": not valid JSON: " + e.getMessage(), e);
        }
    }

    private static String resource(String file) {
        try (InputStream in = SavedObjects.class.getResourceAsStream(DIR + file)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + DIR + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
