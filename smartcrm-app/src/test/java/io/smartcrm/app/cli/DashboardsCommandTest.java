package io.smartcrm.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.smartcrm.dashboards.SavedObjects;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code ./smartcrm dashboards list|load}: one line per object, exit code by result. */
class DashboardsCommandTest {

    @Test
    void listPrintsEveryObject() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DashboardsCommand.ListObjects.print(new PrintStream(out, true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text.lines()).hasSize(SavedObjects.all().size());
        assertThat(text).contains("smartcrm-customer-360").contains("smartcrm: Data quality");
    }

    @Test
    void loadPrintsEachResultAndExitsNonZeroIfOneFailed() throws Exception {
        AtomicReference<String> answer = new AtomicReference<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/saved_objects/_import", ex -> {
            try (ex) {
                ex.getRequestBody().readAllBytes();
                int status = ex.getRequestHeaders().containsKey("kbn-xsrf") ? 200 : 400;
                byte[] b = answer.get().getBytes(StandardCharsets.UTF_8);
                ex.sendResponseHeaders(status, b.length);
                ex.getResponseBody().write(b);
            }
        });
        server.start();
        PrintStream stdout = System.out;
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort();
            StringBuilder ok = new StringBuilder("{\"success\":true,\"successResults\":[");
            SavedObjects.all().forEach(o -> ok.append("{\"type\":\"").append(o.type()).append("\",\"id\":\"")
                    .append(o.id()).append("\"},"));
            ok.setLength(ok.length() - 1);
            answer.set(ok + "]}");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            int code = new CommandLine(new DashboardsCommand()).setCaseInsensitiveEnumValuesAllowed(true)
                    .execute("load", "--url", url, "--flavor", "KIBANA");
            assertThat(code).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("ok     dashboard     smartcrm-alerts")
                    .contains(SavedObjects.all().size() + " objects: " + SavedObjects.all().size() + " imported, 0 failed");

            answer.set("{\"success\":false,\"successResults\":[],\"errors\":[{\"type\":\"dashboard\","
                    + "\"id\":\"smartcrm-alerts\",\"error\":{\"type\":\"conflict\"}}]}");
            out.reset();
            code = new CommandLine(new DashboardsCommand()).execute("load", "--url", url);
            assertThat(code).isEqualTo(1);
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("FAILED dashboard     smartcrm-alerts")
                    .contains("(conflict)");
        } finally {
            System.setOut(stdout);
            server.stop(0);
        }
    }
}
