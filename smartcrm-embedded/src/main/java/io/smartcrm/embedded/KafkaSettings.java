package io.smartcrm.embedded;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Settings of an {@link EmbeddedKafka} broker (a single KRaft node acting as broker and controller).
 *
 * @param dataDir         where the broker keeps its config, logs, pid file and data; kept across restarts
 * @param port            client (PLAINTEXT) port on 127.0.0.1; 0 picks a free port on each start
 * @param controllerPort  KRaft controller port on 127.0.0.1; 0 picks a free port on each start
 * @param heap            maximum heap of the broker JVM, e.g. "512m"
 * @param startTimeout    how long {@link EmbeddedKafka#start()} waits for the broker
 * @param stopTimeout     how long a graceful stop may take before the broker is killed
 * @param extraProperties broker properties that override the rendered ones
 */
public record KafkaSettings(Path dataDir, int port, int controllerPort, String heap, Duration startTimeout,
                            Duration stopTimeout, Map<String, String> extraProperties) {

    public static final int DEFAULT_PORT = 9092;
    public static final int DEFAULT_CONTROLLER_PORT = 9093;
    public static final String DEFAULT_HEAP = "512m";

    public KafkaSettings {
        dataDir = Objects.requireNonNull(dataDir, "dataDir").toAbsolutePath().normalize();
        Settings.port(port, "port");
        Settings.port(controllerPort, "controllerPort");
        if (port != 0 && port == controllerPort) {
            throw new IllegalArgumentException("port and controllerPort must differ, both are " + port);
        }
        Settings.heap(heap);
        Settings.positive(startTimeout, "startTimeout");
        Settings.positive(stopTimeout, "stopTimeout");
        extraProperties = Map.copyOf(extraProperties);
    }

    /**
     * Defaults: ports 9092/9093, 512m heap, 120 s to start (a broker that dies is reported at once; the timeout only
     * bounds a hang, and a loaded machine can take a minute), 30 s to stop.
     */
    public static KafkaSettings of(Path dataDir) {
        return new KafkaSettings(dataDir, DEFAULT_PORT, DEFAULT_CONTROLLER_PORT, DEFAULT_HEAP,
                Duration.ofSeconds(120), Duration.ofSeconds(30), Map.of());
    }

    public KafkaSettings withPort(int port) {
        return new KafkaSettings(dataDir, port, controllerPort, heap, startTimeout, stopTimeout, extraProperties);
    }

    public KafkaSettings withControllerPort(int controllerPort) {
        return new KafkaSettings(dataDir, port, controllerPort, heap, startTimeout, stopTimeout, extraProperties);
    }

    public KafkaSettings withHeap(String heap) {
        return new KafkaSettings(dataDir, port, controllerPort, heap, startTimeout, stopTimeout, extraProperties);
    }

    public KafkaSettings withStartTimeout(Duration startTimeout) {
        return new KafkaSettings(dataDir, port, controllerPort, heap, startTimeout, stopTimeout, extraProperties);
    }

    public KafkaSettings withStopTimeout(Duration stopTimeout) {
        return new KafkaSettings(dataDir, port, controllerPort, heap, startTimeout, stopTimeout, extraProperties);
    }

    /** Adds or replaces one broker property, e.g. {@code withProperty("log.retention.hours", "24")}. */
    public KafkaSettings withProperty(String key, String value) {
        Map<String, String> properties = new TreeMap<>(extraProperties);
        properties.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
        return new KafkaSettings(dataDir, port, controllerPort, heap, startTimeout, stopTimeout, properties);
    }
}
