package io.smartcrm.embedded;

import java.nio.file.Path;
import java.util.Optional;

/** What both servers share: the server process of the current run and its data dir. */
abstract class ProcessBackedServer implements EmbeddedServer {
    /** The running server, or null before start and after stop. */
    protected ServerProcess process;
    protected Path dataDir;

    ProcessBackedServer(Path dataDir) {
        this.dataDir = dataDir;
    }

    /** Releases what the subclass holds on the running server (clients), before the process is stopped. */
    protected void beforeStop() {}

    @Override
    public synchronized void stop() {
        beforeStop();
        if (process != null) {
            process.stop();
            process = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return process != null && process.isRunning();
    }

    @Override
    public synchronized Path dataDir() {
        return dataDir;
    }

    @Override
    public synchronized Optional<ProcessHandle> process() {
        return process == null ? Optional.empty() : process.handle();
    }

    protected void requireStarted() {
        if (process == null) {
            throw new IllegalStateException(name() + " has not been started");
        }
    }
}
