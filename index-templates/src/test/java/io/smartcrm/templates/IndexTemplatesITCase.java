package io.smartcrm.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smartcrm.embedded.SharedServices;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The templates applied to the live Elasticsearch node: idempotent, versioned, and the mappings as shipped. */
class IndexTemplatesITCase {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String EVENTS_DAY = "crm-events-2024.05.01";

    private static String url;
    private static ElasticsearchClient client;

    @BeforeAll
    static void applyTwice() throws Exception {
        url = SharedServices.elasticsearch().httpUrl();
        client = new ElasticsearchClient(new RestClientTransport(RestClient.builder(HttpHost.create(url)).build(),
                new JacksonJsonpMapper()));
        IndexTemplates.apply(client);
        // the second application meets every template and index already there
        assertThatCode(() -> IndexTemplates.apply(client)).doesNotThrowAnyException();
    }

    @AfterAll
    static void close() throws IOException {
        if (client != null) {
            client._transport().close();
        }
    }

    @Test
    void applyingAgainChangesNothing() throws Exception {
        JsonNode before = http("GET", "/_index_template/crm-*", null).body;
        JsonNode indicesBefore = http("GET", "/_cat/indices/crm-*?format=json&h=index,uuid", null).body;
        IndexTemplates.apply(client);
        assertThat(http("GET", "/_index_template/crm-*", null).body).isEqualTo(before);
        assertThat(http("GET", "/_cat/indices/crm-*?format=json&h=index,uuid", null).body)
                .as("no index re-created").isEqualTo(indicesBefore);
    }

    @ParameterizedTest
    @ValueSource(strings = {"crm-customers", "crm-events", "crm-dlq", "crm-models", "crm-segments", "crm-alerts",
            "crm-alert-rules", "crm-quality"})
    void eachTemplateExistsWithTheShippedVersionAndPatterns(String name) throws Exception {
        Response r = http("GET", "/_index_template/" + name, null);
        assertThat(r.status).isEqualTo(200);
        JsonNode live = r.body.path("index_templates").get(0).path("index_template");
        JsonNode shipped = IndexTemplates.tree(name);
        assertThat(live.path("version").asLong()).isEqualTo(shipped.path("version").asLong()).isPositive();
        assertThat(live.path("priority").asLong()).isEqualTo(shipped.path("priority").asLong());
        assertThat(live.path("index_patterns")).isEqualTo(shipped.path("index_patterns"));
        assertThat(live.path("_meta")).isEqualTo(shipped.path("_meta"));
    }

    @Test
    void customIndexNamesGetTheSameStrictMappings() throws Exception {
        IndexTemplates.apply(client, Map.of("crm-customers", "acme-customers", "crm-events", "acme-events-*",
                "crm-dlq", "acme-dlq"));
        assertThat(http("GET", "/acme-customers/_mapping", null).body.path("acme-customers").path("mappings"))
                .isEqualTo(http("GET", "/crm-customers/_mapping", null).body.path("crm-customers").path("mappings"));
        assertThat(http("GET", "/acme-dlq", null).status).isEqualTo(200);
        assertThat(http("PUT", "/acme-events-2024.05.01/_doc/x", "{\"unknownField\":1}").status).isEqualTo(400);
        assertThat(http("PUT", "/acme-events-2024.05.01/_doc/x", "{\"eventId\":\"x\"}").status).isEqualTo(201);
        assertThat(http("GET", "/_index_template/smartcrm-acme-events-", null).body.path("index_templates").get(0)
                .path("index_template").path("priority").asInt())
                .isGreaterThan(IndexTemplates.tree("crm-events").path("priority").asInt());
    }

    @Test
    void anIndexFromAnOlderVersionGetsTheNewFields() throws Exception {
        assertThat(http("PUT", "/legacy-customers",
                "{\"mappings\":{\"dynamic\":\"strict\",\"properties\":{\"customerId\":{\"type\":\"keyword\"}}}}")
                .status).isEqualTo(200);
        assertThat(http("PUT", "/legacy-customers/_doc/a", "{\"segment\":{\"id\":1}}").status).isEqualTo(400);
        IndexTemplates.apply(client, Map.of("crm-customers", "legacy-customers"));
        assertThat(http("PUT", "/legacy-customers/_doc/a", "{\"segment\":{\"id\":1}}").status).isEqualTo(201);
        assertThat(MappingPaths.of(http("GET", "/legacy-customers/_mapping", null).body.path("legacy-customers")
                .path("mappings"))).isEqualTo(MappingPaths.of(IndexTemplates.tree("crm-customers").at("/template/mappings")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"crm-customers", "crm-dlq", "crm-models", "crm-segments", "crm-alerts", "crm-alert-rules",
            "crm-quality"})
    void fullyNamedIndicesAreCreated(String index) throws Exception {
        assertThat(http("HEAD", "/" + index, null).status).isEqualTo(200);
        JsonNode settings = http("GET", "/" + index + "/_settings", null).body.path(index).path("settings").path("index");
        assertThat(settings.path("number_of_shards").asText()).isEqualTo("1");
        assertThat(settings.path("number_of_replicas").asText()).isEqualTo("0");
    }

    @Test
    void noDailyEventIndexIsCreatedUpFront() throws Exception {
        JsonNode indices = http("GET", "/_cat/indices/crm-events-*?format=json&h=index", null).body;
        assertThat(indices.findValuesAsText("index")).allMatch(i -> i.equals(EVENTS_DAY));
    }

    @ParameterizedTest
    @CsvSource({"crm-customers, crm-customers", "crm-dlq, crm-dlq", "crm-models, crm-models",
            "crm-segments, crm-segments", "crm-alerts, crm-alerts", "crm-alert-rules, crm-alert-rules",
            "crm-quality, crm-quality",
            "crm-events, " + EVENTS_DAY})
    void liveMappingEqualsTheShippedMapping(String template, String index) throws Exception {
        ensureEventsDay();
        JsonNode live = http("GET", "/" + index + "/_mapping", null).body.path(index).path("mappings");
        JsonNode shipped = IndexTemplates.tree(template).at("/template/mappings");
        assertThat(live.path("dynamic").asText()).isEqualTo("strict");
        Map<String, String> livePaths = MappingPaths.of(live);
        Map<String, String> shippedPaths = MappingPaths.of(shipped);
        assertThat(shippedPaths).hasSizeGreaterThan(5);
        assertThat(livePaths).isEqualTo(shippedPaths);
    }

    @ParameterizedTest
    @CsvSource({"crm-customers", "crm-dlq", EVENTS_DAY})
    void unknownFieldsAreRejected(String index) throws Exception {
        ensureEventsDay();
        Response top = http("POST", "/" + index + "/_doc", "{\"customerId\":\"c\",\"notInTheMapping\":1}");
        assertThat(top.status).isEqualTo(400);
        assertThat(top.body.at("/error/type").asText()).isEqualTo("strict_dynamic_mapping_exception");
        assertThat(top.body.at("/error/reason").asText()).contains("notInTheMapping");
    }

    @Test
    void unknownNestedFieldsAreRejectedToo() throws Exception {
        Response r = http("POST", "/crm-customers/_doc", "{\"customerId\":\"c\",\"orders\":{\"count\":1,\"bogus\":2}}");
        assertThat(r.status).isEqualTo(400);
        assertThat(r.body.at("/error/type").asText()).isEqualTo("strict_dynamic_mapping_exception");
    }

    @Test
    void knownFieldsAreAcceptedAndUnknownConsentKindsAreKeptUnindexed() throws Exception {
        Response ok = http("PUT", "/crm-customers/_doc/it-known?refresh=true",
                "{\"customerId\":\"it-known\",\"version\":3,\"asOf\":\"2024-05-01T10:00:00Z\",\"email\":\"A@B.C\","
                        + "\"birthDate\":\"1990-02-03\",\"consent\":{\"email\":true,\"carrierPigeon\":true},"
                        + "\"attributes\":{\"tier\":\"gold\"},\"orders\":{\"count\":2,\"revenue\":10.5,"
                        + "\"topCategories\":[\"shoes\",\"hats\"]},\"windows\":{\"d7\":{\"orders\":1}},"
                        + "\"rfm\":{\"recency\":5,\"frequency\":4,\"monetary\":3,\"code\":\"543\"}}");
        assertThat(ok.status).as("%s", ok.body).isEqualTo(201);
        JsonNode hits = http("POST", "/crm-customers/_search", "{\"query\":{\"term\":{\"email\":\"a@b.c\"}}}").body;
        assertThat(hits.at("/hits/total/value").asInt()).as("lower-case normalizer").isEqualTo(1);
        assertThat(http("DELETE", "/crm-customers/_doc/it-known", null).status).isEqualTo(200);
    }

    @Test
    void typesAreEnforced() throws Exception {
        Response r = http("POST", "/crm-customers/_doc", "{\"customerId\":\"c\",\"birthDate\":\"03/02/1990\"}");
        assertThat(r.status).isEqualTo(400);
        assertThat(r.body.at("/error/type").asText()).isEqualTo("document_parsing_exception");
    }

    private static void ensureEventsDay() throws Exception {
        if (http("HEAD", "/" + EVENTS_DAY, null).status == 404) {
            Response created = http("PUT", "/" + EVENTS_DAY, null);
            assertThat(List.of(200, 400)).contains(created.status); // 400: created concurrently
        }
    }

    private record Response(int status, JsonNode body) {}

    private static Response http(String method, String path, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(30));
        if (json != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = r.body() == null || r.body().isBlank() ? MAPPER.nullNode() : MAPPER.readTree(r.body());
        return new Response(r.statusCode(), body);
    }
}
