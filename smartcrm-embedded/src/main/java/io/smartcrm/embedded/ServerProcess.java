package io.smartcrm.embedded;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One server OS process: stale-process cleanup, output capture, pid file, readiness wait and tree shutdown. */
final class ServerProcess {

    private static final Logger LOG = LoggerFactory.getLogger(ServerProcess.class);
    private static final long POLL_MILLIS = 200;
    private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    /** Tells whether the server serves requests; an exception means "not yet". */
    @FunctionalInterface
    interface ReadinessProbe {
        boolean ready() throws Exception;
    }

    private final String name;
    private final Path dataDir;
    private final Path pidFile;
    private final Path outputFile;
    private final List<Path> diagnosticFiles;
    private final Duration stopTimeout;

    private Process process;
    private List<ProcessHandle> tree = List.of();
    private List<String> command = List.of();

    /**
     * @param outputFile      receives the process's stdout and stderr, truncated on each start
     * @param diagnosticFiles files whose last lines are quoted when the server fails to start
     */
    ServerProcess(String name, Path dataDir, Path pidFile, Path outputFile, List<Path> diagnosticFiles,
                  Duration stopTimeout) {
        this.name = name;
        this.dataDir = dataDir;
        this.pidFile = pidFile;
        this.outputFile = outputFile;
        this.diagnosticFiles = List.copyOf(diagnosticFiles);
        this.stopTimeout = stopTimeout;
    }

    /**
     * Stops processes a crashed previous run left on this data dir: those named in the pid file whose command line
     * mentions the data dir, provided the JVM that started them is gone. Fails if that JVM still runs.
     */
    void stopStale() {
        Optional<PidFile> previous = PidFile.read(pidFile);
        if (previous.isPresent()) {
            List<ProcessHandle> holders = previous.get().pids().stream()
                    .map(ProcessHandle::of).flatMap(Optional::stream)
                    .filter(ProcessTree::isRunning)
                    .filter(this::usesDataDir)
                    .toList();
            if (!holders.isEmpty()) {
                if (previous.get().ownerAlive()) {
                    throw new EmbeddedServerException(name + " data dir " + dataDir + " is in use by processes "
                            + ProcessTree.pids(holders) + " of the running JVM with pid " + previous.get().ownerPid()
                            + ": stop that JVM or use another data dir");
                }
                LOG.warn("Stopping stale {} processes {} left on data dir {} by a previous run (its JVM, pid {}, is gone)",
                        name, ProcessTree.pids(holders), dataDir, previous.get().ownerPid());
                ProcessTree.terminate(holders, stopTimeout);
            }
        }
        deletePidFile();
    }

    void start(List<String> command, Consumer<Map<String, String>> environment) {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(dataDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(outputFile.toFile());
        environment.accept(builder.environment());
        this.command = shellCommand(command, builder.environment());
        try {
            process = Spawner.start(builder);
        } catch (IOException e) {
            throw new EmbeddedServerException("Cannot start " + name + ": " + e.getMessage()
                    + "\nCommand: " + commandLine(), e);
        }
        tree = List.of(process.toHandle());
        writePidFile();
    }

    /** Polls {@code probe} until it answers true; on early exit or timeout stops the process and throws. */
    void awaitReady(Duration timeout, ReadinessProbe probe) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception lastCheck = null;
        try {
            while (true) {
                if (!process.isAlive()) {
                    throw failure(name + " exited with code " + process.exitValue() + " during startup", null);
                }
                try {
                    if (probe.ready()) {
                        tree = ProcessTree.withDescendants(List.of(process.toHandle()));
                        writePidFile();
                        return;
                    }
                } catch (InterruptedException e) {
                    throw e;
                } catch (Exception e) {
                    lastCheck = e;
                }
                if (System.nanoTime() - deadline > 0) {
                    throw failure(name + " did not become ready within " + timeout.toSeconds() + " s"
                            + (lastCheck == null ? "" : " (last check: " + lastCheck + ")"), lastCheck);
                }
                Thread.sleep(POLL_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure("Interrupted while waiting for " + name + " to start", e);
        }
    }

    /** Stops the whole process tree: SIGTERM, then SIGKILL after the stop timeout. */
    void stop() {
        if (process == null) {
            return;
        }
        List<ProcessHandle> toStop = ProcessTree.withDescendants(tree);
        long started = System.nanoTime();
        LOG.info("Stopping {} (pids {}, data dir {})", name, ProcessTree.pids(toStop), dataDir);
        boolean graceful = terminate(toStop);
        if (graceful) {
            LOG.info("{} stopped in {} ms", name, Duration.ofNanos(System.nanoTime() - started).toMillis());
        } else {
            LOG.warn("{} did not stop within {} ms and was killed", name, stopTimeout.toMillis());
        }
    }

    boolean isRunning() {
        return process != null && process.isAlive();
    }

    Optional<ProcessHandle> handle() {
        return Optional.ofNullable(process).map(Process::toHandle);
    }

    /** The java launcher of the running JVM; servers run on the same Java. */
    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The command as a shell would run it, preceded by the environment variables it sets. */
    String commandLine() {
        return String.join(" ", command);
    }

    static List<String> shellCommand(List<String> command, Map<String, String> environment) {
        Map<String, String> inherited = System.getenv();
        List<String> words = new ArrayList<>();
        new TreeMap<>(environment).forEach((key, value) -> {
            if (!value.equals(inherited.get(key))) {
                words.add(key + "=" + shellQuote(value));
            }
        });
        command.forEach(word -> words.add(shellQuote(word)));
        return List.copyOf(words);
    }

    static String shellQuote(String word) {
        return SHELL_SAFE.matcher(word).matches() ? word : "'" + word.replace("'", "'\\''") + "'";
    }

    private boolean terminate(List<ProcessHandle> toStop) {
        long root = process.pid();
        try {
            return ProcessTree.terminate(toStop, stopTimeout);
        } finally {
            process = null;
            tree = List.of();
            // a newer run on this data dir may have replaced the file already
            if (PidFile.read(pidFile).map(content -> content.pids().contains(root)).orElse(false)) {
                deletePidFile();
            }
        }
    }

    private EmbeddedServerException failure(String reason, Throwable cause) {
        if (process != null) {
            terminate(ProcessTree.withDescendants(tree));
        }
        return new EmbeddedServerException(reason + "\nCommand: " + commandLine()
                + LogTail.describe(diagnosticFiles), cause);
    }

    private boolean usesDataDir(ProcessHandle candidate) {
        Optional<String> commandLine = candidate.info().commandLine();
        if (commandLine.isEmpty()) {
            LOG.warn("Cannot read the command line of pid {} named in {}; leaving it alone", candidate.pid(), pidFile);
        }
        return commandLine.map(line -> line.contains(dataDir + File.separator)).orElse(false);
    }

    private void writePidFile() {
        PidFile.ownedByThisJvm(ProcessTree.pids(tree)).write(pidFile);
    }

    private void deletePidFile() {
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete pid file " + pidFile, e);
        }
    }
}
