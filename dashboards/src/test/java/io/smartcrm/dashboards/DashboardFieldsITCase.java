package io.smartcrm.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smartcrm.dashboards.FieldUsages.Usage;
import io.smartcrm.dashboards.FieldUsages.Use;
import io.smartcrm.embedded.SharedServices;
import io.smartcrm.templates.IndexTemplates;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every field a shipped visualization, saved search or index pattern uses exists in the live node's mappings (the
 * real templates, applied by {@link IndexTemplates#apply}) as {@code _field_caps} reports them for the index
 * pattern, with a type that fits its use: terms on keyword/boolean/numeric/ip, date histograms on dates, metrics
 * and histograms on numbers, sorts on aggregatable fields, queries on searchable ones.
 */
class DashboardFieldsITCase {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Set<String> NUMERIC = Set.of("long", "integer", "short", "byte", "double", "float",
            "half_float", "scaled_float", "unsigned_long");
    private static final Set<String> TERMS = Set.of("keyword", "constant_keyword", "boolean", "ip");
    private static final Set<String> DATES = Set.of("date", "date_nanos");
    /** A daily events index, so that {@code crm-events-*} matches one (the job creates them as events arrive). */
    private static final String EVENTS_DAY = "crm-events-2024.06.01";

    private static String url;
    private static ElasticsearchClient client;

    @BeforeAll
    static void templates() throws Exception {
        url = SharedServices.elasticsearch().httpUrl();
        client = new ElasticsearchClient(new RestClientTransport(RestClient.builder(HttpHost.create(url)).build(),
                new JacksonJsonpMapper()));
        IndexTemplates.apply(client);
        if (http("HEAD", "/" + EVENTS_DAY).status() == 404) {
            http("PUT", "/" + EVENTS_DAY);
        }
    }

    @AfterAll
    static void close() throws IOException {
        if (client != null) {
            client._transport().close();
        }
    }

    @Test
    void everyUsedFieldExistsWithATypeThatFitsItsUse() throws Exception {
        List<SavedObjects.SavedObject> objects = SavedObjects.all();
        Map<String, String> patternTitles = new HashMap<>();
        objects.stream().filter(o -> o.type().equals("index-pattern")).forEach(o -> patternTitles.put(o.id(), o.title()));
        Map<String, JsonNode> caps = new HashMap<>();
        for (Map.Entry<String, String> p : patternTitles.entrySet()) {
            Response r = http("GET", "/" + URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8) + "/_field_caps?fields=*");
            assertThat(r.status()).as("%s: %s", p.getValue(), r.body()).isEqualTo(200);
            assertThat(r.body().path("indices")).as(p.getValue() + " matches an index").isNotEmpty();
            caps.put(p.getKey(), r.body().path("fields"));
        }
        List<Usage> usages = FieldUsages.of(objects);
        assertThat(usages).hasSizeGreaterThan(100);
        List<String> problems = new ArrayList<>();
        for (Usage u : usages) {
            String where = u.objectId() + " (" + u.what() + " on " + patternTitles.get(u.indexPatternId()) + "): " + u.field();
            JsonNode field = caps.get(u.indexPatternId()).path(u.field());
            if (field.isMissingNode()) {
                problems.add(where + " is not in the mapping");
                continue;
            }
            if (field.size() != 1) {
                problems.add(where + " has conflicting types " + field);
                continue;
            }
            String type = field.fieldNames().next();
            JsonNode cap = field.get(type);
            boolean fits = switch (u.use()) {
                case TERMS -> (TERMS.contains(type) || NUMERIC.contains(type)) && cap.path("aggregatable").asBoolean();
                case DATE -> DATES.contains(type);
                case NUMERIC -> NUMERIC.contains(type);
                case CARDINALITY, SORT -> cap.path("aggregatable").asBoolean();
                case QUERY -> cap.path("searchable").asBoolean();
                case COLUMN -> !type.equals("object") && !type.equals("nested");
            };
            if (!fits) {
                problems.add(where + " is " + type + " (searchable " + cap.path("searchable") + ", aggregatable "
                        + cap.path("aggregatable") + "), which does not fit " + u.use());
            }
        }
        assertThat(problems).as("fields that do not fit").isEmpty();
        assertThat(usages).extracting(Usage::use).contains(Use.values());
    }

    @Test
    void everyIndexPatternWithoutWildcardNamesAnExistingIndex() throws Exception {
        for (SavedObjects.SavedObject o : SavedObjects.all()) {
            if (o.type().equals("index-pattern") && !o.title().contains("*")) {
                assertThat(http("HEAD", "/" + o.title()).status()).as(o.title()).isEqualTo(200);
            }
        }
    }

    private record Response(int status, JsonNode body) {}

    private static Response http(String method, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode body = r.body() == null || r.body().isBlank() ? MAPPER.nullNode() : MAPPER.readTree(r.body());
        return new Response(r.statusCode(), body);
    }
}
