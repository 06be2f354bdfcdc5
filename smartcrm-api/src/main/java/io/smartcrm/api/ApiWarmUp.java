package io.smartcrm.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smartcrm.api.http.ApiKeys;
import io.smartcrm.api.http.Role;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Once started, in the background, the API asks itself once what the console's pages ask first (the search with its
 * facets, a customer, segments, alerts, models, data quality), over HTTP with one of its keys: the first marketer
 * then does not pay for this JVM's and the Elasticsearch node's first compilations and caches (a cold first search
 * at 100,000 profiles took 1.2 s in the API, the same search warm about 0.1 s). Its answers are thrown away; a
 * failure (indices not there yet) is only logged.
 */
public final class ApiWarmUp {
    private static final Logger LOG = LoggerFactory.getLogger(ApiWarmUp.class);
    static final String SEARCH = "/api/customers?facets=segment,country,churnBand,propensityBand";
    static final List<String> PAGES = List.of("/api/status", "/api/segments", "/api/segments/history?size=1000",
            "/api/models", "/api/alerts", "/api/rules", "/api/dead-letters/summary", "/api/quality/summary");
    private static final ObjectMapper JSON = new ObjectMapper();

    private ApiWarmUp() {}

    /** What the warm-up asked (paths), what was not answered with 200, and how long it took. */
    public record Result(List<String> asked, List<String> failed, long millis) {}

    /** Starts the warm-up on a daemon thread; done at once if the API has no key to ask with. */
    static CompletableFuture<Result> start(String host, int port, ApiKeys keys) {
        CompletableFuture<Result> done = new CompletableFuture<>();
        Optional<String> key = keys.first(Role.READ).or(() -> keys.first(Role.ADMIN));
        if (key.isEmpty()) {
            done.complete(new Result(List.of(), List.of(), 0));
            return done;
        }
        String base = "http://" + (host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host) + ":" + port;
        Thread t = new Thread(() -> done.complete(run(base, key.get())), "api-warm-up");
        t.setDaemon(true);
        t.start();
        return done;
    }

    private static Result run(String base, String key) {
        long started = System.nanoTime();
        Asker ask = new Asker(base, key);
        try {
            JsonNode first = JSON.readTree(ask.get(SEARCH)).path("hits").path(0);
            if (first.hasNonNull("customerId")) {
                ask.get("/api/customers/" + URLEncoder.encode(first.get("customerId").asText(), StandardCharsets.UTF_8)
                        + "?events=50");
            }
            for (String path : PAGES) {
                ask.get(path);
            }
        } catch (Exception e) {
            ask.failed.add(e.toString());
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        LOG.info("Query API warmed up: {} requests in {} ms{}", ask.asked.size(), millis,
                ask.failed.isEmpty() ? "" : " (" + ask.failed.size() + " not answered with 200: " + ask.failed + ")");
        return new Result(List.copyOf(ask.asked), List.copyOf(ask.failed), millis);
    }

    /** GETs paths of the API with its key, remembering what it asked and what was not answered with 200. */
    private static final class Asker {
        final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        final String base;
        final String key;
        final List<String> asked = new ArrayList<>();
        final List<String> failed = new ArrayList<>();

        Asker(String base, String key) {
            this.base = base;
            this.key = key;
        }

        byte[] get(String path) throws Exception {
            asked.add(path);
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(base + path))
                    .timeout(Duration.ofSeconds(30)).header("X-API-Key", key).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
                failed.add(path + " " + r.statusCode());
            }
            return r.body();
        }
    }
}
