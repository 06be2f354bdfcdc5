package io.smartcrm.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.smartcrm.api.alerts.AlertResource;
import io.smartcrm.api.customers.CustomerResource;
import io.smartcrm.api.http.ApiKeys;
import io.smartcrm.api.http.Router;
import io.smartcrm.api.rules.RuleResource;
import io.smartcrm.api.status.StatusResource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The shipped OpenAPI document and the router agree: every route documented, every documented path served. */
class OpenApiTest {
    private static final JsonNode DOC = StatusResource.openApi();
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    @Test
    void everyRouteIsDocumentedAndEveryDocumentedOperationIsRouted() {
        ApiSettings settings = new ApiSettings("127.0.0.1", 0, ApiKeys.parse("k-0123456789abcdef:admin"), 1000,
                Duration.ofMinutes(5), "c", "e-", "d", "m", "s", "a", "r", "q", "127.0.0.1:1", "t", "events", Duration.ofSeconds(1));
        try (RuleResource rules = new RuleResource(null, "r", "127.0.0.1:1", "t", 1000)) {
            Router router = SmartcrmApi.router(settings, null, rules, null, Map::of);
            Set<String> routed = new TreeSet<>();
            router.routes().forEach(r -> routed.add(r.method() + " " + r.pattern()));
            assertThat(documented()).isEqualTo(routed);
            router.routes().forEach(r -> {
                JsonNode op = DOC.path("paths").path(r.pattern()).path(r.method().toLowerCase());
                boolean open = op.has("security") && op.path("security").isEmpty();
                assertThat(open).as(r.method() + " " + r.pattern() + " needs no key").isEqualTo(r.role() == null);
                if (r.role() != null) {
                    assertThat(op.path("responses").has("401")).as(r.pattern()).isTrue();
                }
            });
        }
    }

    @Test
    void theDocumentIsOpenApi3WithAVersion() {
        assertThat(DOC.path("openapi").asText()).startsWith("3.0");
        assertThat(DOC.at("/info/version").asText()).matches("\\d+\\.\\d+\\.\\d+");
        assertThat(DOC.at("/components/securitySchemes/apiKey/name").asText()).isEqualTo("X-API-Key");
    }

    @Test
    void theQueryParametersAreTheOnesTheHandlersAccept() {
        assertThat(parameters("/api/customers", "get")).containsExactlyInAnyOrderElementsOf(
                with(CustomerResource.searchParameters(), "attr"));
        assertThat(parameters("/api/customers/export", "get")).containsExactlyInAnyOrderElementsOf(
                with(CustomerResource.exportParameters(), "attr"));
        assertThat(parameters("/api/alerts", "get")).containsExactlyInAnyOrderElementsOf(AlertResource.PARAMETERS);
    }

    @Test
    void everyReferenceResolves() {
        List<String> refs = new ArrayList<>();
        DOC.findValues("$ref").forEach(r -> refs.add(r.asText()));
        assertThat(refs).isNotEmpty();
        for (String ref : refs) {
            assertThat(DOC.at(ref.substring(1)).isMissingNode()).as(ref).isFalse();
        }
    }

    private static Set<String> documented() {
        Set<String> ops = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = DOC.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            path.getValue().fieldNames().forEachRemaining(m -> {
                if (METHODS.contains(m)) {
                    ops.add(m.toUpperCase() + " " + path.getKey());
                }
            });
        }
        return ops;
    }

    private static List<String> parameters(String path, String method) {
        List<String> names = new ArrayList<>();
        for (JsonNode p : DOC.path("paths").path(path).path(method).path("parameters")) {
            JsonNode resolved = p.has("$ref") ? DOC.at(p.path("$ref").asText().substring(1)) : p;
            if (resolved.path("in").asText().equals("query")) {
                names.add(resolved.path("name").asText());
            }
        }
        return names;
    }

    private static List<String> with(List<String> names, String extra) {
        List<String> all = new ArrayList<>(names);
        all.add(extra);
        return all;
    }
}
