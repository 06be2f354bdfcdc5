package io.smartcrm.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Imports NDJSON saved objects into Kibana 8 or OpenSearch Dashboards through their
 * {@code POST /api/saved_objects/_import?overwrite=true} API (multipart/form-data, one part {@code file}), and
 * reports every object's result from the answer's {@code successResults} and {@code errors}.
 */
public final class DashboardLoader {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Which product: the header each one demands against cross-site request forgery differs. */
    public enum Flavor {
        KIBANA("kbn-xsrf"), OPENSEARCH("osd-xsrf");

        public final String xsrfHeader;

        Flavor(String xsrfHeader) {
            this.xsrfHeader = xsrfHeader;
        }
    }

    /** One object's outcome: {@code ok}, else the error type ({@code missing_references}, {@code conflict}, ...) and details. */
    public record Result(String type, String id, String title, boolean ok, String error) {
        public String line() {
            return String.format(Locale.ROOT, "%-6s %-13s %-45s %s%s", ok ? "ok" : "FAILED", type, id,
                    title == null ? "" : title, ok ? "" : " (" + error + ")");
        }
    }

    /** The import was refused as a whole (not 2xx, or not an import answer). */
    public static final class ImportException extends IOException {
        public final int status;

        public ImportException(String message, int status) {
            super(message);
            this.status = status;
        }
    }

    private final URI importUri;
    private final Flavor flavor;
    private final String authorization;
    private final HttpClient http;
    private final Duration timeout;

    /**
     * @param baseUrl Kibana or OpenSearch Dashboards, e.g. {@code http://localhost:5601} (with a space:
     *                {@code http://localhost:5601/s/marketing})
     * @param user    basic-auth user, or null for none
     */
    public DashboardLoader(String baseUrl, Flavor flavor, String user, String password, Duration timeout) {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.importUri = URI.create(base + "/api/saved_objects/_import?overwrite=true");
        this.flavor = flavor;
        this.authorization = user == null || user.isEmpty() ? null : "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + (password == null ? "" : password)).getBytes(StandardCharsets.UTF_8));
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    public URI importUri() {
        return importUri;
    }

    /** Imports the shipped saved objects ({@link SavedObjects#ndjson()}) in one request. */
    public List<Result> importShipped() throws IOException, InterruptedException {
        return importNdjson(SavedObjects.ndjson(), "smartcrm-dashboards.ndjson");
    }

    /** Imports an NDJSON document; one result per object it holds, in its order. */
    public List<Result> importNdjson(String ndjson, String fileName) throws IOException, InterruptedException {
        String boundary = "smartcrm-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"" + fileName + "\"\r\n"
                + "Content-Type: application/ndjson\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(ndjson.getBytes(StandardCharsets.UTF_8));
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder request = HttpRequest.newBuilder(importUri).timeout(timeout)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header(flavor.xsrfHeader, "true")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return results(ndjson, response.statusCode(), response.body());
    }

    /** Reads an {@code _import} answer against the objects sent. */
    static List<Result> results(String ndjson, int status, String body) throws ImportException {
        if (status / 100 != 2) {
            String hint = switch (status) {
                case 401 -> " (authentication required or wrong user/password)";
                case 403 -> " (the user may not import saved objects)";
                case 404 -> " (no saved-objects API here: is the URL Kibana / OpenSearch Dashboards?)";
                case 400 -> flavorHint(body);
                default -> "";
            };
            throw new ImportException("import refused: HTTP " + status + hint + ": " + abbreviate(body), status);
        }
        JsonNode answer;
        try {
            answer = MAPPER.readTree(body);
        } catch (IOException e) {
            throw new ImportException("not an import answer (HTTP " + status + "): " + abbreviate(body), status);
        }
        if (answer == null || !answer.has("success")) {
            throw new ImportException("not an import answer (HTTP " + status + "): " + abbreviate(body), status);
        }
        Map<String, JsonNode> ok = new HashMap<>();
        for (JsonNode s : answer.path("successResults")) {
            ok.put(key(s.path("type").asText(), s.path("id").asText()), s);
        }
        Map<String, JsonNode> errors = new HashMap<>();
        for (JsonNode e : answer.path("errors")) {
            errors.put(key(e.path("type").asText(), e.path("id").asText()), e);
        }
        // Older answers (OpenSearch Dashboards 1.x) have no successResults: what is not an error succeeded.
        boolean listsSuccesses = answer.has("successResults");
        List<Result> results = new ArrayList<>();
        for (String line : ndjson.lines().filter(l -> !l.isBlank()).toList()) {
            JsonNode sent = SavedObjects.parse(line, "import");
            String type = sent.path("type").asText();
            String id = sent.path("id").asText();
            String title = sent.path("attributes").path("title").asText(null);
            JsonNode error = errors.get(key(type, id));
            if (error != null) {
                results.add(new Result(type, id, title, false, describe(error.path("error"))));
            } else if (ok.containsKey(key(type, id)) || !listsSuccesses) {
                results.add(new Result(type, id, title, true, null));
            } else {
                results.add(new Result(type, id, title, false, "not in the answer"));
            }
        }
        return results;
    }

    private static String describe(JsonNode error) {
        String type = error.path("type").asText("unknown");
        StringBuilder out = new StringBuilder(type);
        if (error.has("references")) {
            List<String> refs = new ArrayList<>();
            for (JsonNode r : error.path("references")) {
                refs.add(r.path("type").asText() + " " + r.path("id").asText());
            }
            out.append(": ").append(String.join(", ", refs));
        }
        if (error.hasNonNull("message")) {
            out.append(": ").append(error.get("message").asText());
        }
        if (error.hasNonNull("reason")) {
            out.append(": ").append(error.get("reason").asText());
        }
        return out.toString();
    }

    private static String flavorHint(String body) {
        String b = body == null ? "" : body.toLowerCase(Locale.ROOT);
        if (b.contains("kbn-xsrf")) {
            return " (Kibana wants kbn-xsrf: use --flavor kibana)";
        }
        if (b.contains("osd-xsrf")) {
            return " (OpenSearch Dashboards wants osd-xsrf: use --flavor opensearch)";
        }
        return "";
    }

    private static String key(String type, String id) {
        return type + "/" + id;
    }

    private static String abbreviate(String s) {
        if (s == null) {
            return "";
        }
        String one = s.replaceAll("\\s+", " ").strip();
        return one.length() > 300 ? one.substring(0, 300) + "..." : one;
    }
}
