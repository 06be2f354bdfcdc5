package io.smartcrm.api.http;

import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a handler answers: a JSON body, no body, or a body streamed in chunks. */
public final class Response {
    /** Writes a streamed body; the stream is closed by the server afterwards. */
    @FunctionalInterface
    public interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    private final int status;
    private final Object json;
    private final String contentType;
    private final Body stream;
    private byte[] bytes;
    private final Map<String, String> headers = new LinkedHashMap<>();

    private Response(int status, Object json, String contentType, Body stream) {
        this.status = status;
        this.json = json;
        this.contentType = contentType;
        this.stream = stream;
    }

    public static Response ok(Object json) {
        return new Response(200, json, "application/json", null);
    }

    public static Response status(int status, Object json) {
        return new Response(status, json, "application/json", null);
    }

    public static Response created(String location, Object json) {
        return new Response(201, json, "application/json", null).header("Location", location);
    }

    public static Response noContent() {
        return new Response(204, null, null, null);
    }

    /** 200 with a body of unknown length, sent with chunked transfer encoding. */
    public static Response stream(String contentType, Body body) {
        return new Response(200, null, contentType, body);
    }

    /** A body of known bytes (static files), sent with its length. */
    public static Response bytes(int status, String contentType, byte[] body) {
        Response r = new Response(status, null, contentType, null);
        r.bytes = body;
        return r;
    }

    public Response header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public int status() {
        return status;
    }

    public Object json() {
        return json;
    }

    public String contentType() {
        return contentType;
    }

    /** The fixed body of {@link #bytes}, or null. */
    public byte[] bytes() {
        return bytes;
    }

    public Body stream() {
        return stream;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
