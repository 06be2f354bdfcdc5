package io.smartcrm.app.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class StatusServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void answersHealthAndTheCurrentStatusAsJson() throws Exception {
        AtomicLong events = new AtomicLong(41);
        try (StatusServer server = new StatusServer("127.0.0.1", 0, () -> {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("job", "RUNNING");
            s.put("eventsIn", events.incrementAndGet());
            return s;
        })) {
            HttpResponse<String> health = get(server, "/health", "GET");
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(health.body()).path("status").asText()).isEqualTo("up");

            HttpResponse<String> status = get(server, "/api/status", "GET");
            assertThat(status.statusCode()).isEqualTo(200);
            assertThat(status.headers().firstValue("Content-Type")).hasValue("application/json");
            JsonNode body = JSON.readTree(status.body());
            assertThat(body.path("job").asText()).isEqualTo("RUNNING");
            assertThat(body.path("eventsIn").asLong()).isEqualTo(42);
            assertThat(JSON.readTree(get(server, "/api/status", "GET").body()).path("eventsIn").asLong()).isEqualTo(43);
        }
    }

    @Test
    void unknownPathsAndMethodsGetA4xxWithAMessage() throws Exception {
        try (StatusServer server = new StatusServer("127.0.0.1", 0, Map::of)) {
            HttpResponse<String> missing = get(server, "/api/nothing", "GET");
            assertThat(missing.statusCode()).isEqualTo(404);
            assertThat(JSON.readTree(missing.body()).path("error").asText()).contains("/api/nothing");

            HttpResponse<String> post = get(server, "/api/status", "POST");
            assertThat(post.statusCode()).isEqualTo(405);
            assertThat(post.headers().firstValue("Allow")).hasValue("GET");
            assertThat(JSON.readTree(post.body()).path("error").asText()).contains("POST");
        }
    }

    private HttpResponse<String> get(StatusServer server, String path, String method) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
