package io.smartcrm.api.http;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;

/** One request as a handler sees it: path parameters, query parameters and body. */
public final class Request {
    /** Largest request body read (rules are small). */
    public static final int MAX_BODY_BYTES = 64 * 1024;

    private final HttpExchange exchange;
    private final Map<String, String> pathParams;
    private final QueryParams query;

    Request(HttpExchange exchange, Map<String, String> pathParams, QueryParams query) {
        this.exchange = exchange;
        this.pathParams = pathParams;
        this.query = query;
    }

    /** A path parameter, decoded ({@code {id}} in the route's pattern). */
    public String pathParam(String name) {
        String v = pathParams.get(name);
        if (v == null) {
            throw new IllegalStateException("no path parameter " + name);
        }
        return v;
    }

    public QueryParams query() {
        return query;
    }

    /** The raw (percent-encoded) path, as sent. */
    public String rawPath() {
        return exchange.getRequestURI().getRawPath();
    }

    /** The first value of a request header, or null. */
    public String header(String name) {
        return exchange.getRequestHeaders().getFirst(name);
    }

    /** The JSON body, at most {@link #MAX_BODY_BYTES}; 415 if the content type is not JSON. */
    public byte[] jsonBody() {
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        if (type != null && !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw ApiException.unsupportedMediaType("the body must be application/json, not " + type);
        }
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                throw ApiException.payloadTooLarge("the body is larger than " + MAX_BODY_BYTES + " bytes");
            }
            return body;
        } catch (IOException e) {
            throw ApiException.badRequest(null, "cannot read the request body: " + e.getMessage());
        }
    }
}
