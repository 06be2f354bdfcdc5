package io.smartcrm.api.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smartcrm.api.http.Request;
import io.smartcrm.api.http.Response;
import io.smartcrm.api.http.Role;
import io.smartcrm.api.http.Router;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code GET /health} (no key), {@code GET /api/status} (the running application's figures) and
 * {@code GET /api/openapi.json} (no key), the API's OpenAPI 3.0 document shipped as a resource.
 */
public final class StatusResource {
    public static final String OPENAPI_RESOURCE = "/io/smartcrm/api/openapi.json";

    private final Supplier<Map<String, Object>> status;
    private final JsonNode openApi;

    public StatusResource(Supplier<Map<String, Object>> status) {
        this.status = status;
        this.openApi = openApi();
    }

    public void register(Router router) {
        router.get("/health", null, this::health)
                .get("/api/status", Role.READ, this::status)
                .get("/api/openapi.json", null, r -> Response.ok(openApi));
    }

    private Response health(Request request) {
        return Response.ok(Map.of("status", "up"));
    }

    private Response status(Request request) {
        request.query().requireKnown(List.of());
        return Response.ok(status.get());
    }

    /** The OpenAPI document as shipped. */
    public static JsonNode openApi() {
        try (InputStream in = StatusResource.class.getResourceAsStream(OPENAPI_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + OPENAPI_RESOURCE);
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("the OpenAPI document is not valid JSON", e);
        }
    }
}
