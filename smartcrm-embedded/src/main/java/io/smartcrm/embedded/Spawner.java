package io.smartcrm.embedded;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts server processes so that they receive SIGTERM if this JVM dies without running its shutdown hooks
 * (SIGKILL, crash): on Linux via {@code setpriv --pdeathsig}, where available. The kernel sends that signal when the thread that
 * forked the child exits, so all children are forked by one thread that lives as long as the JVM.
 * Servers also run in a session of their own ({@code setsid}): a Ctrl-C in the terminal reaches only this JVM,
 * whose shutdown then stops them in order (clients first, servers last) instead of the servers dying under it.
 */
final class Spawner {

    private static final ExecutorService FORKER = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "smartcrm-embedded-forker");
        thread.setDaemon(true);
        return thread;
    });
    private static final Logger LOG = LoggerFactory.getLogger(Spawner.class);
    private static final Optional<Path> SETPRIV = onPath("setpriv").filter(Spawner::supportsParentDeathSignal);
    private static final Optional<Path> SETSID = onPath("setsid");

    private Spawner() {
    }

    static Process start(ProcessBuilder builder) throws IOException {
        List<String> command = new ArrayList<>();
        SETSID.ifPresent(setsid -> command.add(setsid.toString()));
        SETPRIV.ifPresent(setpriv -> command.addAll(List.of(setpriv.toString(), "--pdeathsig", "TERM")));
        command.addAll(builder.command());
        ProcessBuilder guarded = new ProcessBuilder(command)
                .directory(builder.directory())
                .redirectInput(builder.redirectInput())
                .redirectOutput(builder.redirectOutput())
                .redirectError(builder.redirectError())
                .redirectErrorStream(builder.redirectErrorStream());
        guarded.environment().clear();
        guarded.environment().putAll(builder.environment());
        Future<Process> started = FORKER.submit(guarded::start);
        // waits through interrupts: abandoning the fork could leave a process nobody stops
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return started.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException("Cannot start " + builder.command(), e.getCause());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Older util-linux versions have setpriv without --pdeathsig. */
    private static boolean supportsParentDeathSignal(Path setpriv) {
        try {
            Process probe = new ProcessBuilder(setpriv.toString(), "--pdeathsig", "TERM", "true")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (probe.waitFor(10, TimeUnit.SECONDS) && probe.exitValue() == 0) {
                return true;
            }
            probe.destroyForcibly();
        } catch (IOException e) {
            // not usable; handled below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("{} cannot set a parent-death signal: servers outlive a JVM killed with SIGKILL until their next"
                + " start stops them", setpriv);
        return false;
    }

    static Optional<Path> onPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                Path candidate = Path.of(dir, program);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }
}
