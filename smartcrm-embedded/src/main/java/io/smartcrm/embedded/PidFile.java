package io.smartcrm.embedded;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * The pid file of a server in its data dir: the server's processes and the JVM that owns them.
 * The owner's start time tells a live owner from a recycled pid.
 */
record PidFile(long ownerPid, Optional<Instant> ownerStart, List<Long> pids) {

    PidFile {
        pids = List.copyOf(pids);
    }

    /** A pid file owned by the current JVM. */
    static PidFile ownedByThisJvm(List<Long> pids) {
        ProcessHandle self = ProcessHandle.current();
        return new PidFile(self.pid(), self.info().startInstant(), pids);
    }

    void write(Path file) {
        Properties properties = new Properties();
        properties.setProperty("owner.pid", Long.toString(ownerPid));
        ownerStart.ifPresent(start -> properties.setProperty("owner.start", start.toString()));
        properties.setProperty("pids", String.join(" ", pids.stream().map(String::valueOf).toList()));
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                properties.store(out, "smartcrm-embedded: server processes and their owning JVM");
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write pid file " + file, e);
        }
    }

    /** The pid file's content; empty when absent or unreadable (then it cannot name anything to stop). */
    static Optional<PidFile> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Properties properties = new Properties();
            properties.load(in);
            long owner = Long.parseLong(properties.getProperty("owner.pid", "").trim());
            Optional<Instant> start = Optional.ofNullable(properties.getProperty("owner.start")).map(Instant::parse);
            List<Long> pids = Arrays.stream(properties.getProperty("pids", "").trim().split("\\s+"))
                    .filter(s -> !s.isEmpty()).map(Long::valueOf).toList();
            return Optional.of(new PidFile(owner, start, pids));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Whether the JVM that wrote this file is still running. */
    boolean ownerAlive() {
        return ProcessHandle.of(ownerPid)
                .filter(ProcessTree::isRunning)
                .filter(owner -> ownerStart.isEmpty() || owner.info().startInstant().equals(ownerStart))
                .isPresent();
    }
}
