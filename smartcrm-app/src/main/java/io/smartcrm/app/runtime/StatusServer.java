package io.smartcrm.app.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The application's HTTP server (the query API and console come with later issues): {@code GET /health} and
 * {@code GET /api/status}, both JSON. Other paths answer 404 and other methods 405, with a message.
 */
public final class StatusServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;

    public StatusServer(String host, int port, Supplier<Map<String, Object>> status) throws IOException {
        server = HttpServer.create(new InetSocketAddress(host, port), 0);
        server.createContext("/", exchange -> route(exchange, status));
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void route(HttpExchange exchange, Supplier<Map<String, Object>> status) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            boolean known = path.equals("/health") || path.equals("/api/status");
            if (!known) {
                send(exchange, 404, Map.of("error", "no such resource: " + path,
                        "resources", new String[] {"/health", "/api/status"}));
            } else if (!exchange.getRequestMethod().equals("GET")) {
                exchange.getResponseHeaders().add("Allow", "GET");
                send(exchange, 405, Map.of("error", exchange.getRequestMethod() + " is not allowed on " + path
                        + "; use GET"));
            } else if (path.equals("/health")) {
                send(exchange, 200, Map.of("status", "up"));
            } else {
                send(exchange, 200, status.get());
            }
        }
    }

    private static void send(HttpExchange exchange, int code, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(code, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
