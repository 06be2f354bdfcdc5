package io.smartcrm.api;

import static io.smartcrm.api.ApiFixture.ADMIN_KEY;
import static io.smartcrm.api.ApiFixture.READ_KEY;
import static io.smartcrm.api.CustomerSearchITCase.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.JsonNode;
import io.smartcrm.api.status.StatusResource;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Keys, roles, unknown paths and methods, the public routes, and Elasticsearch out of reach. */
class AccessITCase {
    private static ApiFixture api;

    @BeforeAll
    static void start() {
        api = ApiFixture.shared();
    }

    @Test
    void healthAndTheOpenApiDocumentNeedNoKey() {
        HttpResponse<String> health = api.get("/health", null);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(ApiFixture.json(health).path("status").asText()).isEqualTo("up");
        HttpResponse<String> openApi = api.get("/api/openapi.json", null);
        assertThat(openApi.statusCode()).isEqualTo(200);
        assertThat(ApiFixture.json(openApi)).isEqualTo(StatusResource.openApi());
    }

    @Test
    void everyOtherApiRouteNeedsAKnownKey() {
        for (String path : new String[] {"/api/status", "/api/customers", "/api/customers/C0000001", "/api/segments",
                "/api/alerts", "/api/rules", "/api/models", "/api/nothing-here"}) {
            HttpResponse<String> none = api.get(path, null);
            assertError(none, 401, null);
            assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"smartcrm\"");
            assertError(api.get(path, "not-a-key-but-long-enough"), 401, null);
        }
        assertThat(ApiFixture.json(api.get("/api/status", null)).path("error").asText()).contains("X-API-Key");
    }

    @Test
    void aKeyWorksAsHeaderOrBearerTokenAndStatusAnswers() throws Exception {
        HttpResponse<String> bearer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(api.base
                + "/api/status")).header("Authorization", "Bearer " + READ_KEY).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(bearer.statusCode()).isEqualTo(200);
        assertThat(ApiFixture.json(bearer).path("job").asText()).isEqualTo("RUNNING");
        assertThat(api.get("/api/status", ADMIN_KEY).statusCode()).isEqualTo(200);
        assertError(api.get("/api/status?verbose=1", ADMIN_KEY), 400, "verbose");
    }

    @Test
    void readKeysCannotWrite() {
        assertError(api.send("DELETE", "/api/customers/C0000001", READ_KEY, null), 403, null);
        assertError(api.send("POST", "/api/rules", READ_KEY, "{}"), 403, null);
        assertError(api.send("PUT", "/api/rules/x", READ_KEY, "{}"), 403, null);
        assertError(api.send("DELETE", "/api/rules/x", READ_KEY, null), 403, null);
        assertThat(api.get("/api/customers/C0000001", READ_KEY).statusCode()).isEqualTo(200);
    }

    @Test
    void unknownPathsAre404AndWrongMethods405WithAllow() {
        HttpResponse<String> missing = api.get("/api/nothing", READ_KEY);
        assertError(missing, 404, null);
        assertThat(ApiFixture.json(missing).path("error").asText()).contains("/api/nothing");
        assertError(api.get("/api/customers/C1/events", READ_KEY), 404, null);
        assertError(api.get("/nothing", null), 404, null);
        HttpResponse<String> post = api.send("POST", "/api/customers", ADMIN_KEY, "{}");
        assertError(post, 405, null);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET");
        assertThat(api.send("DELETE", "/api/customers/export", ADMIN_KEY, null).headers().firstValue("Allow")).hasValue("GET");
        assertThat(api.send("POST", "/health", null, "{}").statusCode()).isEqualTo(405);
    }

    @Test
    void elasticsearchOutOfReachIs503WithAMessage() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        ElasticsearchClient nowhere = ApiFixture.client("http://127.0.0.1:" + closed);
        try (SmartcrmApi down = SmartcrmApi.start(ApiFixture.settings("down-", api.kafka), nowhere, Map::of)) {
            HttpClient client = HttpClient.newHttpClient();
            for (String path : new String[] {"/api/customers?country=GB", "/api/customers/C1", "/api/segments",
                    "/api/alerts", "/api/rules", "/api/models", "/api/customers/export"}) {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + down.port()
                        + path)).header("X-API-Key", READ_KEY).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).as(path).isEqualTo(503);
                JsonNode body = ApiFixture.json(r);
                assertThat(body.path("error").asText()).contains("Elasticsearch");
                assertThat(r.body()).doesNotContain("Exception").doesNotContain("at io.smartcrm");
            }
            HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + down.port()
                    + "/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
        } finally {
            nowhere._transport().close();
        }
    }
}
