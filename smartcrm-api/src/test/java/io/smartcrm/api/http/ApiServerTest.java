package io.smartcrm.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smartcrm.api.status.StatusResource;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The server without Elasticsearch: health, status, keys, routing errors and failure mapping. */
class ApiServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN = "admin-key-0123456789";
    private static final String READ = "read-key-0123456789";
    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicLong events = new AtomicLong(41);
    private ApiServer server;

    @BeforeEach
    void start() throws Exception {
        Router router = new Router();
        new StatusResource(() -> {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("job", "RUNNING");
            s.put("eventsIn", events.incrementAndGet());
            return s;
        }).register(router);
        router.get("/api/unreachable", Role.READ, r -> {
            throw new ConnectException("Connection refused");
        });
        router.get("/api/broken", Role.READ, r -> {
            throw new IllegalStateException("secret internals");
        });
        router.post("/api/admin-only", Role.ADMIN, r -> Response.created("/api/admin-only/1", Map.of("id", "1")));
        server = new ApiServer("127.0.0.1", 0, router, ApiKeys.parse(ADMIN + ":admin," + READ + ":read"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void answersHealthWithoutAKeyAndTheCurrentStatusWithOne() throws Exception {
        HttpResponse<String> health = send("/health", "GET", null);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(health.body()).path("status").asText()).isEqualTo("up");

        HttpResponse<String> status = send("/api/status", "GET", READ);
        assertThat(status.statusCode()).isEqualTo(200);
        assertThat(status.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode body = JSON.readTree(status.body());
        assertThat(body.path("job").asText()).isEqualTo("RUNNING");
        assertThat(body.path("eventsIn").asLong()).isEqualTo(42);
        assertThat(JSON.readTree(send("/api/status", "GET", READ).body()).path("eventsIn").asLong()).isEqualTo(43);
        assertThat(send("/api/status", "GET", null).statusCode()).isEqualTo(401);
    }

    @Test
    void headIsGetWithoutTheBody() throws Exception {
        HttpResponse<String> health = send("/health", "HEAD", null);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(health.body()).isEmpty();
        assertThat(send("/api/status", "HEAD", null).statusCode()).isEqualTo(401);
        assertThat(send("/api/status", "HEAD", READ).statusCode()).isEqualTo(200);
        assertThat(send("/nowhere", "HEAD", null).statusCode()).isEqualTo(404);
    }

    @Test
    void unknownPathsAndMethodsGetA4xxWithAMessage() throws Exception {
        HttpResponse<String> missing = send("/api/nothing", "GET", READ);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(missing.body()).path("error").asText()).contains("/api/nothing");

        HttpResponse<String> post = send("/api/status", "POST", READ);
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET");
        assertThat(JSON.readTree(post.body()).path("error").asText()).contains("POST");
        assertThat(send("/api/nothing", "GET", null).statusCode()).as("no key, no map of the API").isEqualTo(401);
    }

    @Test
    void rolesAreChecked() throws Exception {
        HttpResponse<String> forbidden = send("/api/admin-only", "POST", READ);
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(forbidden.body()).path("error").asText()).contains("admin");
        HttpResponse<String> created = send("/api/admin-only", "POST", ADMIN);
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).hasValue("/api/admin-only/1");
        HttpResponse<String> unknown = send("/api/admin-only", "POST", "another-key-0123456789");
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(unknown.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"smartcrm\"");
    }

    @Test
    void anUnreachableBackendIs503AndAnythingUnexpected500WithoutDetails() throws Exception {
        HttpResponse<String> unreachable = send("/api/unreachable", "GET", READ);
        assertThat(unreachable.statusCode()).isEqualTo(503);
        assertThat(JSON.readTree(unreachable.body()).path("error").asText()).contains("unreachable");

        Configurator.setLevel(ApiServer.class.getName(), Level.OFF);
        try {
            HttpResponse<String> broken = send("/api/broken", "GET", READ);
            assertThat(broken.statusCode()).isEqualTo(500);
            assertThat(broken.body()).doesNotContain("secret").doesNotContain("IllegalState").doesNotContain("at io.");
            assertThat(JSON.readTree(broken.body()).path("error").asText()).isNotBlank();
        } finally {
            Configurator.setLevel(ApiServer.class.getName(), Level.ERROR);
        }
    }

    private HttpResponse<String> send(String path, String method, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (key != null) {
            request.header("X-API-Key", key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
