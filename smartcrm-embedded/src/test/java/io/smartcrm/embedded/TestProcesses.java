package io.smartcrm.embedded;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Real throw-away processes for process-handling tests. */
final class TestProcesses {

    private TestProcesses() {
    }

    /** A shell with a sleeping child; {@code name} becomes the shell's $0, so it appears in its command line. */
    static Process shellWithChild(String name, boolean ignoreSigterm) throws IOException, InterruptedException {
        String script = (ignoreSigterm ? "trap '' TERM; " : "") + "sleep 600 & wait";
        Process shell = Spawner.start(new ProcessBuilder("sh", "-c", script, name));
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (shell.descendants().findAny().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return shell;
    }

    /** A pid file whose owner JVM is gone: a process that has exited, with an impossible start time. */
    static PidFile ownerlessPidFile(List<Long> pids) throws IOException, InterruptedException {
        Process exited = new ProcessBuilder("true").start();
        exited.waitFor();
        return new PidFile(exited.pid(), Optional.of(Instant.EPOCH), pids);
    }

    static void kill(Process process) {
        ProcessTree.terminate(List.of(process.toHandle()), Duration.ofSeconds(1));
    }
}
