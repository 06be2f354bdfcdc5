package io.smartcrm.api.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A request the API answers with an error status and a JSON body {@code {"error": ..., "parameter": ...}}. */
public final class ApiException extends RuntimeException {
    private final int status;
    private final String parameter;
    private final List<String> problems;
    private final Map<String, String> headers;

    private ApiException(int status, String message, String parameter, List<String> problems,
            Map<String, String> headers) {
        super(message, null, false, false);
        this.status = status;
        this.parameter = parameter;
        this.problems = problems;
        this.headers = headers;
    }

    /** 400, naming the query parameter (or body field) at fault. */
    public static ApiException badRequest(String parameter, String message) {
        return new ApiException(400, message, parameter, null, Map.of());
    }

    /** 400 listing every problem of a request body. */
    public static ApiException invalidBody(String message, List<String> problems) {
        return new ApiException(400, message, null, List.copyOf(problems), Map.of());
    }

    public static ApiException unauthorized(String message) {
        return new ApiException(401, message, null, null, Map.of("WWW-Authenticate", "Bearer realm=\"smartcrm\""));
    }

    public static ApiException forbidden(String message) {
        return new ApiException(403, message, null, null, Map.of());
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, message, null, null, Map.of());
    }

    public static ApiException methodNotAllowed(String method, String path, List<String> allowed) {
        return new ApiException(405, method + " is not allowed on " + path + "; allowed: " + String.join(", ", allowed),
                null, null, Map.of("Allow", String.join(", ", allowed)));
    }

    public static ApiException conflict(String message) {
        return new ApiException(409, message, null, null, Map.of());
    }

    public static ApiException payloadTooLarge(String message) {
        return new ApiException(413, message, null, null, Map.of());
    }

    public static ApiException unsupportedMediaType(String message) {
        return new ApiException(415, message, null, null, Map.of());
    }

    public static ApiException internal(String message) {
        return new ApiException(500, message, null, null, Map.of());
    }

    public static ApiException unavailable(String message) {
        return new ApiException(503, message, null, null, Map.of());
    }

    public int status() {
        return status;
    }

    public String parameter() {
        return parameter;
    }

    public Map<String, String> headers() {
        return headers;
    }

    /** The JSON error body. */
    public Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", getMessage());
        if (parameter != null) {
            body.put("parameter", parameter);
        }
        if (problems != null) {
            body.put("problems", problems);
        }
        return body;
    }
}
