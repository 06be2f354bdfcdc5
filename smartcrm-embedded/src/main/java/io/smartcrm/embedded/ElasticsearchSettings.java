package io.smartcrm.embedded;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Settings of an {@link EmbeddedElasticsearch} single-node cluster.
 *
 * @param dataDir       where the node keeps its config, logs, pid file and data; kept across restarts
 * @param httpPort      REST port on 127.0.0.1; 0 picks a free port on each start
 * @param transportPort transport port on 127.0.0.1; 0 picks a free port on each start
 * @param heap          heap of the node JVM (-Xms and -Xmx), e.g. "1g"
 * @param startTimeout  how long {@link EmbeddedElasticsearch#start()} waits for the node
 * @param stopTimeout   how long a graceful stop may take before the node is killed
 * @param extraSettings elasticsearch.yml settings that override the rendered ones
 */
public record ElasticsearchSettings(Path dataDir, int httpPort, int transportPort, String heap, Duration startTimeout,
                                    Duration stopTimeout, Map<String, String> extraSettings) {

    public static final int DEFAULT_HTTP_PORT = 9200;
    public static final int DEFAULT_TRANSPORT_PORT = 9300;
    public static final String DEFAULT_HEAP = "1g";

    public ElasticsearchSettings {
        dataDir = Objects.requireNonNull(dataDir, "dataDir").toAbsolutePath().normalize();
        Settings.port(httpPort, "httpPort");
        Settings.port(transportPort, "transportPort");
        if (httpPort != 0 && httpPort == transportPort) {
            throw new IllegalArgumentException("httpPort and transportPort must differ, both are " + httpPort);
        }
        Settings.heap(heap);
        Settings.positive(startTimeout, "startTimeout");
        Settings.positive(stopTimeout, "stopTimeout");
        extraSettings = Map.copyOf(extraSettings);
    }

    /**
     * Defaults: ports 9200/9300, 1g heap, 180 s to start (a node that dies is reported at once; the timeout only
     * bounds a hang, and a loaded machine can take over a minute), 30 s to stop.
     */
    public static ElasticsearchSettings of(Path dataDir) {
        return new ElasticsearchSettings(dataDir, DEFAULT_HTTP_PORT, DEFAULT_TRANSPORT_PORT, DEFAULT_HEAP,
                Duration.ofSeconds(180), Duration.ofSeconds(30), Map.of());
    }

    public ElasticsearchSettings withHttpPort(int httpPort) {
        return new ElasticsearchSettings(dataDir, httpPort, transportPort, heap, startTimeout, stopTimeout,
                extraSettings);
    }

    public ElasticsearchSettings withTransportPort(int transportPort) {
        return new ElasticsearchSettings(dataDir, httpPort, transportPort, heap, startTimeout, stopTimeout,
                extraSettings);
    }

    public ElasticsearchSettings withHeap(String heap) {
        return new ElasticsearchSettings(dataDir, httpPort, transportPort, heap, startTimeout, stopTimeout,
                extraSettings);
    }

    public ElasticsearchSettings withStartTimeout(Duration startTimeout) {
        return new ElasticsearchSettings(dataDir, httpPort, transportPort, heap, startTimeout, stopTimeout,
                extraSettings);
    }

    public ElasticsearchSettings withStopTimeout(Duration stopTimeout) {
        return new ElasticsearchSettings(dataDir, httpPort, transportPort, heap, startTimeout, stopTimeout,
                extraSettings);
    }

    /** Adds or replaces one elasticsearch.yml setting, e.g. {@code withSetting("http.max_content_length", "200mb")}. */
    public ElasticsearchSettings withSetting(String key, String value) {
        Map<String, String> settings = new TreeMap<>(extraSettings);
        settings.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
        return new ElasticsearchSettings(dataDir, httpPort, transportPort, heap, startTimeout, stopTimeout, settings);
    }
}
