package io.smartcrm.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Terminates processes together with all their descendants. A zombie counts as exited: it holds no ports, memory
 * or locks any more, and reaping an orphan is up to PID 1, which some containers do late or never.
 */
final class ProcessTree {

    private static final Duration KILL_WAIT = Duration.ofSeconds(10);
    private static final long POLL_MILLIS = 50;

    private ProcessTree() {
    }

    /** The given processes followed by all their live descendants. */
    static List<ProcessHandle> withDescendants(List<ProcessHandle> roots) {
        Set<ProcessHandle> all = new LinkedHashSet<>(roots);
        roots.forEach(root -> root.descendants().forEach(all::add));
        return new ArrayList<>(all);
    }

    /**
     * Sends SIGTERM to every process of the tree, waits up to {@code grace} for all of them to exit,
     * then kills the survivors. The tree is captured first: descendants are re-parented once a root exits.
     * An interrupt cuts the grace period short but not the kill; the interrupt status is kept.
     *
     * @return true when every process exited within the grace period
     */
    static boolean terminate(List<ProcessHandle> roots, Duration grace) {
        List<ProcessHandle> tree = withDescendants(roots);
        tree.forEach(ProcessHandle::destroy);
        boolean interrupted = false;
        try {
            if (awaitExit(tree, grace)) {
                return true;
            }
        } catch (InterruptedException e) {
            interrupted = true;
        }
        try {
            withDescendants(tree).forEach(ProcessHandle::destroyForcibly);
            boolean killed;
            try {
                killed = awaitExit(tree, KILL_WAIT);
            } catch (InterruptedException e) {
                interrupted = true;
                killed = running(tree).isEmpty();
            }
            if (!killed) {
                throw new EmbeddedServerException("Processes " + pids(running(tree)) + " survived SIGKILL");
            }
            return false;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The processes that have not exited yet. */
    static List<ProcessHandle> running(List<ProcessHandle> processes) {
        return processes.stream().filter(ProcessTree::isRunning).toList();
    }

    static boolean isRunning(ProcessHandle process) {
        return process.isAlive() && !isZombie(process.pid());
    }

    static List<Long> pids(List<ProcessHandle> processes) {
        return processes.stream().map(ProcessHandle::pid).toList();
    }

    private static boolean isZombie(long pid) {
        try {
            // state is the field after the parenthesised command name
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            int state = stat.lastIndexOf(')') + 2;
            return state > 1 && state < stat.length() && stat.charAt(state) == 'Z';
        } catch (IOException e) {
            return false; // gone, or no procfs: ProcessHandle.isAlive decides
        }
    }

    private static boolean awaitExit(List<ProcessHandle> processes, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!running(processes).isEmpty()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            Thread.sleep(POLL_MILLIS);
        }
        return true;
    }
}
