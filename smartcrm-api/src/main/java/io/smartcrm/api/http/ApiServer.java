package io.smartcrm.api.http;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server: the JDK's {@link HttpServer} on a bounded pool ({@value #THREADS} threads, at most
 * {@value #QUEUE} requests waiting; beyond that a connection is closed unanswered), the router, the API keys and
 * the mapping of failures to JSON errors: {@link ApiException} as it says, Elasticsearch out of reach or
 * overloaded 503, anything else 500 without details (logged).
 */
public final class ApiServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final int THREADS = 16;
    static final int QUEUE = 256;
    /** The JDK server's switch for TCP_NODELAY, read once when its first server starts. */
    private static final String NO_DELAY = "sun.net.httpserver.nodelay";

    static {
        // headers and body leave in separate writes: with Nagle's algorithm the body waits for the client's delayed
        // ACK (about 40 ms on Linux) on every answer
        if (System.getProperty(NO_DELAY) == null) {
            System.setProperty(NO_DELAY, "true");
        }
    }

    private final HttpServer server;
    private final ThreadPoolExecutor pool;
    private final Router router;
    private final ApiKeys keys;

    public ApiServer(String host, int port, Router router, ApiKeys keys) throws IOException {
        this.router = router;
        this.keys = keys;
        AtomicInteger threads = new AtomicInteger();
        pool = new ThreadPoolExecutor(THREADS, THREADS, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE), r -> {
            Thread t = new Thread(r, "smartcrm-api-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        pool.allowCoreThreadTimeOut(true);
        server = HttpServer.create(new InetSocketAddress(host, port), 0);
        server.setExecutor(pool);
        server.createContext("/", this::handle);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) {
        long started = System.nanoTime();
        String method = exchange.getRequestMethod();
        String rawPath = exchange.getRequestURI().getRawPath();
        boolean head = "HEAD".equals(method);
        try (exchange) {
            Response response = answer(exchange, head ? "GET" : method, rawPath);
            if (head) {
                sendHeadersOnly(exchange, response); // HEAD is GET without the body
            } else {
                send(exchange, response);
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("{} {}: the answer could not be sent: {}", method, rawPath, e.toString());
        }
        LOG.debug("{} {} {} {} ms", method, rawPath, exchange.getResponseCode(), (System.nanoTime() - started) / 1_000_000);
    }

    /** The handler's response, or the error it ends in. */
    private Response answer(HttpExchange exchange, String method, String rawPath) {
        ApiException error;
        try {
            return dispatch(exchange, method, rawPath);
        } catch (ApiException e) {
            error = e;
        } catch (ElasticsearchException e) {
            if (e.status() == 429 || e.status() >= 502) {
                LOG.warn("{} {}: Elasticsearch is unavailable: {}", method, rawPath, e.getMessage());
                error = ApiException.unavailable("Elasticsearch is unavailable (" + e.status() + "); try again later");
            } else {
                LOG.error("{} {}: Elasticsearch refused a request", method, rawPath, e);
                error = internalError();
            }
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("{} {}: Elasticsearch is unreachable: {}", method, rawPath, e.toString());
            error = ApiException.unavailable("Elasticsearch is unreachable; try again later");
        } catch (RuntimeException e) {
            LOG.error("{} {} failed", method, rawPath, e);
            error = internalError();
        }
        Response response = Response.status(error.status(), error.body());
        error.headers().forEach(response::header);
        return response;
    }

    private Response dispatch(HttpExchange exchange, String method, String rawPath) throws IOException {
        Router.Match match;
        try {
            match = router.resolve(method, rawPath);
        } catch (ApiException e) {
            if (rawPath.startsWith("/api/")) {
                authenticate(exchange); // no route existence is told to callers without a key
            }
            throw e;
        }
        Role required = match.route().role();
        if (required != null) {
            Role role = authenticate(exchange);
            if (!role.allows(required)) {
                throw ApiException.forbidden("this API key has the role " + role.label() + "; " + method + " "
                        + rawPath + " needs " + required.label());
            }
        }
        QueryParams query = QueryParams.parse(exchange.getRequestURI().getRawQuery());
        return match.route().handler().handle(new Request(exchange, match.pathParams(), query));
    }

    private Role authenticate(HttpExchange exchange) {
        String key = exchange.getRequestHeaders().getFirst("X-API-Key");
        if (key == null) {
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
                key = auth.substring(7).strip();
            }
        }
        if (key == null || key.isEmpty()) {
            throw ApiException.unauthorized("an API key is required: X-API-Key: KEY or Authorization: Bearer KEY");
        }
        Optional<Role> role = keys.roleOf(key);
        if (role.isEmpty()) {
            throw ApiException.unauthorized("unknown API key");
        }
        return role.get();
    }

    private static ApiException internalError() {
        return ApiException.internal("internal error; the server log has the details");
    }

    private static void send(HttpExchange exchange, Response response) throws IOException {
        response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        if (response.bytes() != null) {
            exchange.getResponseHeaders().set("Content-Type", response.contentType());
            exchange.sendResponseHeaders(response.status(), response.bytes().length == 0 ? -1 : response.bytes().length);
            if (response.bytes().length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(response.bytes());
                }
            }
        } else if (response.stream() != null) {
            exchange.getResponseHeaders().set("Content-Type", response.contentType());
            exchange.sendResponseHeaders(response.status(), 0);
            try (OutputStream out = exchange.getResponseBody()) {
                response.stream().writeTo(out);
            } catch (IOException | RuntimeException e) {
                // the caller went away, or Elasticsearch did mid-stream: the status is sent, so only cut it short
                LOG.warn("{} {}: the stream ended early: {}", exchange.getRequestMethod(),
                        exchange.getRequestURI().getRawPath(), e.toString());
            }
        } else if (response.json() == null) {
            exchange.sendResponseHeaders(response.status(), -1);
        } else {
            sendJson(exchange, response.status(), response.json());
        }
    }

    private static void sendHeadersOnly(HttpExchange exchange, Response response) throws IOException {
        response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        if (response.bytes() != null || response.stream() != null) {
            exchange.getResponseHeaders().set("Content-Type", response.contentType());
        } else if (response.json() != null) {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
        }
        exchange.sendResponseHeaders(response.status(), -1);
    }

    private static void sendJson(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
