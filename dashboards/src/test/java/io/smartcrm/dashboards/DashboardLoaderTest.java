package io.smartcrm.dashboards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.smartcrm.dashboards.DashboardLoader.Flavor;
import io.smartcrm.dashboards.DashboardLoader.ImportException;
import io.smartcrm.dashboards.DashboardLoader.Result;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The loader against a small real HTTP server that behaves like Kibana's / OpenSearch Dashboards' {@code _import}:
 * it demands the product's xsrf header and basic auth, reads the multipart body and answers per object.
 */
class DashboardLoaderTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern BOUNDARY = Pattern.compile("multipart/form-data; boundary=(\\S+)");
    /** The object the fake server refuses, as Kibana does for a reference it cannot find. */
    private static final String BROKEN = "smartcrm-quality-late-customers";

    private HttpServer server;
    private String url;
    private Flavor serverFlavor;
    private final AtomicReference<String> receivedFile = new AtomicReference<>();
    private final AtomicReference<String> receivedFileName = new AtomicReference<>();
    private final AtomicReference<String> receivedQuery = new AtomicReference<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/saved_objects/_import", this::handleImport);
        server.createContext("/", ex -> {
            try (ex) {
                ex.getRequestBody().readAllBytes();
                answer(ex, 404, "{\"statusCode\":404,\"error\":\"Not Found\"}");
            }
        });
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void handleImport(HttpExchange ex) throws IOException {
        try (ex) {
            receivedQuery.set(ex.getRequestURI().getQuery());
            String xsrf = serverFlavor.xsrfHeader;
            if (!ex.getRequestMethod().equals("POST")) {
                answer(ex, 404, "{\"statusCode\":404,\"error\":\"Not Found\"}");
                return;
            }
            if (ex.getRequestHeaders().getFirst(xsrf) == null) {
                answer(ex, 400, "{\"statusCode\":400,\"error\":\"Bad Request\",\"message\":\"Request must contain a "
                        + xsrf + " header.\"}");
                return;
            }
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            String expected = "Basic " + Base64.getEncoder().encodeToString("elastic:s3cret".getBytes(StandardCharsets.UTF_8));
            if (!expected.equals(auth)) {
                answer(ex, 401, "{\"statusCode\":401,\"error\":\"Unauthorized\",\"message\":\"Unauthorized\"}");
                return;
            }
            Matcher m = BOUNDARY.matcher(ex.getRequestHeaders().getFirst("Content-Type"));
            if (!m.matches()) {
                answer(ex, 415, "{\"statusCode\":415,\"error\":\"Unsupported Media Type\"}");
                return;
            }
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String boundary = "--" + m.group(1);
            assertThat(body).startsWith(boundary + "\r\n").endsWith("\r\n" + boundary + "--\r\n");
            String part = body.substring(boundary.length() + 2, body.length() - boundary.length() - 6);
            int headerEnd = part.indexOf("\r\n\r\n");
            String headers = part.substring(0, headerEnd);
            Matcher name = Pattern.compile("Content-Disposition: form-data; name=\"file\"; filename=\"([^\"]+)\"")
                    .matcher(headers);
            assertThat(name.find()).as(headers).isTrue();
            receivedFileName.set(name.group(1));
            if (!name.group(1).endsWith(".ndjson")) {
                answer(ex, 400, "{\"statusCode\":400,\"error\":\"Bad Request\",\"message\":\"Invalid file extension .txt\"}");
                return;
            }
            String file = part.substring(headerEnd + 4);
            receivedFile.set(file);
            ObjectNode response = MAPPER.createObjectNode();
            ArrayNode successes = MAPPER.createArrayNode();
            ArrayNode errors = MAPPER.createArrayNode();
            for (String line : file.lines().filter(l -> !l.isBlank()).toList()) {
                JsonNode o = MAPPER.readTree(line);
                if (o.path("id").asText().equals(BROKEN)) {
                    ObjectNode e = errors.addObject();
                    e.put("id", BROKEN).put("type", o.path("type").asText())
                            .putObject("meta").put("title", o.path("attributes").path("title").asText());
                    ObjectNode err = e.putObject("error").put("type", "missing_references");
                    err.putArray("references").addObject().put("type", "index-pattern").put("id", "smartcrm-index-customers");
                } else {
                    successes.addObject().put("type", o.path("type").asText()).put("id", o.path("id").asText())
                            .putObject("meta").put("title", o.path("attributes").path("title").asText());
                }
            }
            response.put("success", errors.isEmpty()).put("successCount", successes.size());
            response.set("successResults", successes);
            if (!errors.isEmpty()) {
                response.set("errors", errors);
            }
            answer(ex, 200, MAPPER.writeValueAsString(response));
        } catch (AssertionError e) {
            answer(ex, 500, "{\"message\":\"" + e.getMessage().replace('"', '\'').replace('\n', ' ') + "\"}");
        }
    }

    private static void answer(HttpExchange ex, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    private DashboardLoader loader(Flavor flavor, String password) {
        return new DashboardLoader(url + "/", flavor, "elastic", password, Duration.ofSeconds(10));
    }

    @ParameterizedTest
    @EnumSource(Flavor.class)
    void importsEveryShippedObjectAndReportsEachResult(Flavor flavor) throws Exception {
        serverFlavor = flavor;
        List<Result> results = loader(flavor, "s3cret").importShipped();
        assertThat(receivedQuery.get()).isEqualTo("overwrite=true");
        assertThat(receivedFileName.get()).endsWith(".ndjson");
        assertThat(receivedFile.get()).isEqualTo(SavedObjects.ndjson());
        assertThat(results).hasSize(SavedObjects.all().size());
        assertThat(results).extracting(Result::id)
                .containsExactlyElementsOf(SavedObjects.all().stream().map(SavedObjects.SavedObject::id).toList());
        assertThat(results).filteredOn(r -> !r.ok()).singleElement().satisfies(r -> {
            assertThat(r.id()).isEqualTo(BROKEN);
            assertThat(r.error()).isEqualTo("missing_references: index-pattern smartcrm-index-customers");
            assertThat(r.line()).startsWith("FAILED").contains(BROKEN).contains("missing_references");
        });
        assertThat(results).filteredOn(Result::ok).hasSize(results.size() - 1)
                .allSatisfy(r -> assertThat(r.line()).startsWith("ok"));
    }

    @Test
    void theWrongFlavorIsACleanErrorNamingTheHeader() {
        serverFlavor = Flavor.OPENSEARCH;
        assertThatThrownBy(() -> loader(Flavor.KIBANA, "s3cret").importShipped())
                .isInstanceOf(ImportException.class)
                .hasMessageContaining("HTTP 400").hasMessageContaining("--flavor opensearch");
    }

    @Test
    void aWrongPasswordIsACleanError() {
        serverFlavor = Flavor.KIBANA;
        assertThatThrownBy(() -> loader(Flavor.KIBANA, "wrong").importShipped())
                .isInstanceOf(ImportException.class)
                .hasMessageContaining("HTTP 401").hasMessageContaining("user/password")
                .satisfies(e -> assertThat(((ImportException) e).status).isEqualTo(401));
    }

    @Test
    void aServerThatIsNotKibanaIsACleanError() {
        assertThatThrownBy(() -> new DashboardLoader(url + "/nothing-here", Flavor.KIBANA, null, null,
                Duration.ofSeconds(10)).importShipped())
                .isInstanceOf(ImportException.class).hasMessageContaining("HTTP 404");
    }

    @Test
    void anAnswerWithoutSuccessResultsCountsWhatIsNotAnError() throws Exception {
        String ndjson = "{\"type\":\"index-pattern\",\"id\":\"a\",\"attributes\":{\"title\":\"a\"}}\n"
                + "{\"type\":\"visualization\",\"id\":\"b\",\"attributes\":{\"title\":\"b\"}}\n";
        List<Result> results = DashboardLoader.results(ndjson, 200, "{\"success\":false,\"successCount\":1,"
                + "\"errors\":[{\"type\":\"visualization\",\"id\":\"b\",\"error\":{\"type\":\"conflict\"}}]}");
        assertThat(results).extracting(Result::ok).containsExactly(true, false);
        assertThat(results.get(1).error()).isEqualTo("conflict");
        assertThatThrownBy(() -> DashboardLoader.results(ndjson, 200, "<html>proxy</html>"))
                .isInstanceOf(ImportException.class).hasMessageContaining("not an import answer");
    }
}
