package io.smartcrm.embedded;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import com.sun.security.auth.module.UnixSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Elasticsearch single-node cluster in its own process tree (the launcher JVM forks the node JVM), security
 * disabled, bound to 127.0.0.1. Its data dir holds {@code config/} (copied from the distribution on first start,
 * {@code elasticsearch.yml} rewritten on every start), {@code data/}, {@code logs/}, {@code tmp/} and
 * {@code elasticsearch.pid}. As root the node runs in a user namespace, because Elasticsearch refuses root.
 */
public final class EmbeddedElasticsearch extends ProcessBackedServer {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedElasticsearch.class);
    private static final String NAME = "Elasticsearch";
    private static final Pattern HEALTHY = Pattern.compile("\"status\"\\s*:\\s*\"(green|yellow)\"");
    /** Unprivileged ids the node runs as inside its user namespace when we are root. */
    private static final String NAMESPACE_ID = "1000";

    private final ElasticsearchSettings settings;
    private final ServerLocations locations;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private int httpPort;
    private int transportPort;

    /** A node using the distribution found by {@link ServerLocations#detect()}. */
    public EmbeddedElasticsearch(ElasticsearchSettings settings) {
        this(settings, ServerLocations.detect());
    }

    public EmbeddedElasticsearch(ElasticsearchSettings settings, ServerLocations locations) {
        super(settings.dataDir());
        this.settings = settings;
        this.locations = locations;
    }

    @Override
    public String name() {
        return NAME;
    }

    public ElasticsearchSettings settings() {
        return settings;
    }

    @Override
    public synchronized void start() {
        if (isRunning()) {
            throw new IllegalStateException("Elasticsearch is already running at " + httpUrl());
        }
        stop(); // cleans up after a node that died on its own
        long started = System.nanoTime();
        Path home = locations.elasticsearchHome();
        dataDir = FileTrees.realDirectory(settings.dataDir());
        Path logs = FileTrees.realDirectory(dataDir.resolve("logs"));
        Path output = logs.resolve("elasticsearch.out");
        ServerProcess server = new ServerProcess(NAME, dataDir, dataDir.resolve("elasticsearch.pid"), output,
                List.of(output), settings.stopTimeout());
        server.stopStale();
        int[] ports = Ports.resolve(settings.httpPort(), settings.transportPort());
        // the launcher derives the transport port from --es-port
        Ports.requireFree(ports[0], "Elasticsearch HTTP", "--es-port", "ElasticsearchSettings.withHttpPort");
        Ports.requireFree(ports[1], "Elasticsearch transport", "--es-port", "ElasticsearchSettings.withTransportPort");
        List<String> command = command(home);
        Path config = dataDir.resolve("config");
        if (!Files.isDirectory(config)) {
            FileTrees.copy(home.resolve("config"), config);
        }
        FileTrees.write(config.resolve("elasticsearch.yml"),
                elasticsearchYml(dataDir, ports[0], ports[1], settings.extraSettings()));
        Path tmp = FileTrees.realDirectory(dataDir.resolve("tmp"));

        LOG.info("Starting Elasticsearch on http://{}:{} (transport port {}, heap {}, data dir {})",
                Ports.HOST, ports[0], ports[1], settings.heap(), dataDir);
        process = server;
        httpPort = ports[0];
        transportPort = ports[1];
        try {
            server.start(command, environment -> {
                environment.put("ES_JAVA_HOME", System.getProperty("java.home"));
                environment.put("ES_PATH_CONF", config.toString());
                environment.put("ES_JAVA_OPTS", "-Xms" + settings.heap() + " -Xmx" + settings.heap());
                environment.put("ES_TMPDIR", tmp.toString());
                environment.remove("JAVA_HOME"); // the launcher warns about it on stderr; ES_JAVA_HOME decides
            });
            server.awaitReady(settings.startTimeout(), this::healthy);
        } catch (RuntimeException e) {
            process = null;
            throw e;
        }
        LOG.info("Elasticsearch ready at {} in {} ms (pid {})", httpUrl(),
                Duration.ofNanos(System.nanoTime() - started).toMillis(),
                server.handle().map(ProcessHandle::pid).orElse(-1L));
    }

    /** The REST endpoint, e.g. {@code http://127.0.0.1:9200}. */
    public synchronized String httpUrl() {
        requireStarted();
        return "http://" + Ports.HOST + ":" + httpPort;
    }

    public synchronized int httpPort() {
        requireStarted();
        return httpPort;
    }

    public synchronized int transportPort() {
        requireStarted();
        return transportPort;
    }

    /** {@code <dataDir>/logs/elasticsearch.out}: the node's console output of the current run. */
    @Override
    public synchronized Path logFile() {
        return dataDir.resolve("logs").resolve("elasticsearch.out");
    }

    @Override
    public String toString() {
        return "EmbeddedElasticsearch[" + settings + "]";
    }

    static String elasticsearchYml(Path dataDir, int httpPort, int transportPort, Map<String, String> extra) {
        Map<String, String> yml = new LinkedHashMap<>();
        yml.put("cluster.name", "smartcrm");
        yml.put("node.name", "smartcrm-embedded");
        yml.put("discovery.type", "single-node");
        yml.put("network.host", Ports.HOST);
        yml.put("http.port", Integer.toString(httpPort));
        yml.put("transport.port", Integer.toString(transportPort));
        yml.put("path.data", dataDir.resolve("data").toString());
        yml.put("path.logs", dataDir.resolve("logs").toString());
        yml.put("xpack.security.enabled", "false");
        // a nearly full developer disk must not turn the indices read-only
        yml.put("cluster.routing.allocation.disk.threshold_enabled", "false");
        yml.putAll(new TreeMap<>(extra));
        StringBuilder text = new StringBuilder(
                "# Generated by smartcrm-embedded on every start; use ElasticsearchSettings.withSetting to change it.\n");
        yml.forEach((key, value) -> text.append(key).append(": ").append(yamlString(value)).append('\n'));
        return text.toString();
    }

    /** A double-quoted YAML scalar; Elasticsearch parses setting values from strings. */
    static String yamlString(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
    }

    private static List<String> command(Path home) {
        List<String> command = new ArrayList<>();
        if (new UnixSystem().getUid() == 0) {
            Path unshare = Spawner.onPath("unshare").orElseThrow(() -> new EmbeddedServerException(
                    "Elasticsearch refuses to run as root and unshare (util-linux) is not installed to run it in a "
                            + "user namespace: install util-linux or run as a regular user"));
            command.addAll(List.of(unshare.toString(), "--user",
                    "--map-user=" + NAMESPACE_ID, "--map-group=" + NAMESPACE_ID));
        }
        command.add(home.resolve("bin").resolve("elasticsearch").toString());
        return command;
    }

    private boolean healthy() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(httpUrl() + "/_cluster/health"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 && HEALTHY.matcher(response.body()).find();
    }

}
