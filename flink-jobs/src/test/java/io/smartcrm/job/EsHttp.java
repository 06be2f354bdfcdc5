package io.smartcrm.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smartcrm.templates.IndexTemplates;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/** Plain REST calls to the test Elasticsearch node, to check what the job wrote independently of its client. */
public final class EsHttp {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String url;

    public EsHttp(String url) {
        this.url = url;
    }

    public record Response(int status, JsonNode body) {}

    public Response call(String method, String path, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(30));
        if (json != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            String body = r.body();
            return new Response(r.statusCode(), body == null || body.isBlank() ? MAPPER.nullNode() : MAPPER.readTree(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public boolean exists(String index) {
        return call("HEAD", "/" + index, null).status() == 200;
    }

    public void refresh(String index) {
        call("POST", "/" + index + "/_refresh?ignore_unavailable=true&allow_no_indices=true", null);
    }

    public long count(String index) {
        refresh(index);
        Response r = call("GET", "/" + index + "/_count", null);
        return r.status() == 404 ? 0 : r.body().path("count").asLong();
    }

    /** The document's {@code _source}, or null when absent. */
    public JsonNode source(String index, String id) {
        Response r = call("GET", "/" + index + "/_doc/" + id, null);
        return r.status() == 200 ? r.body().path("_source") : null;
    }

    /** The document's version, or -1 when absent. */
    public long version(String index, String id) {
        Response r = call("GET", "/" + index + "/_doc/" + id, null);
        return r.status() == 200 ? r.body().path("_version").asLong() : -1;
    }

    /** Every document of an index (up to 1000), refreshed first. */
    public List<JsonNode> all(String index) {
        refresh(index);
        Response r = call("POST", "/" + index + "/_search?size=1000", "{\"query\":{\"match_all\":{}}}");
        return r.status() != 200 ? List.of() : r.body().path("hits").path("hits").findValues("_source");
    }

    public List<String> indices(String pattern) {
        Response r = call("GET", "/_cat/indices/" + pattern + "?format=json&h=index&expand_wildcards=open", null);
        return r.status() != 200 ? List.of() : r.body().findValuesAsText("index").stream().sorted().toList();
    }

    /** Creates an index with the settings and mappings of a shipped template (for names no template matches). */
    public void createLike(String index, String template) {
        ObjectNode body = (ObjectNode) IndexTemplates.tree(template).path("template").deepCopy();
        Response r = call("PUT", "/" + index, body.toString());
        if (r.status() != 200) {
            throw new IllegalStateException("cannot create " + index + ": " + r.body());
        }
    }

    public void delete(String pattern) {
        call("DELETE", "/" + pattern + "?ignore_unavailable=true&allow_no_indices=true", null);
    }
}
