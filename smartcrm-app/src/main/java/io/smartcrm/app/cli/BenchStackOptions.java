package io.smartcrm.app.cli;

import io.smartcrm.app.runtime.EmbeddedStack;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The Kafka broker and Elasticsearch node a benchmark starts for itself, on ports apart from `run`'s. */
public class BenchStackOptions {
    @Option(names = "--kafka-port", defaultValue = "19092", description = "Default: ${DEFAULT-VALUE}.")
    int kafkaPort;

    @Option(names = "--es-port", defaultValue = "19200", description = "Default: ${DEFAULT-VALUE}.")
    int esPort;

    @Option(names = "--es-heap", defaultValue = "1g", description = "Default: ${DEFAULT-VALUE}.")
    String esHeap;

    String kafka() {
        return "127.0.0.1:" + kafkaPort;
    }

    String elasticsearch() {
        return "http://127.0.0.1:" + esPort;
    }

    /** The stack in {@code dir}, started. */
    EmbeddedStack start(Path dir) throws Exception {
        return new EmbeddedStack(dir, kafkaPort, esPort, esHeap).start();
    }
}
