package io.smartcrm.embedded;

import java.nio.file.Path;
import java.util.Optional;

/** A real server running in its own OS process, owned by this JVM. */
public interface EmbeddedServer extends AutoCloseable {

    /** Human-readable server name, e.g. "Kafka". */
    String name();

    /** Starts the server and blocks until it serves requests; fails if it is already running. */
    void start();

    /** Stops the server gracefully, then forcibly after the stop timeout; no-op when not running. */
    void stop();

    boolean isRunning();

    Path dataDir();

    /** The server's main log file. */
    Path logFile();

    /** The server's root process while it runs (its descendants belong to it too). */
    Optional<ProcessHandle> process();

    @Override
    default void close() {
        stop();
    }
}
