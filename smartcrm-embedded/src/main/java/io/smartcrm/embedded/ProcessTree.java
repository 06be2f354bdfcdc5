package io.smartcrm.embedded;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Terminates processes together with all their descendants. */
final class ProcessTree {

    private static final Duration KILL_WAIT = Duration.ofSeconds(10);

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
                killed = alive(tree).isEmpty();
            }
            if (!killed) {
                throw new EmbeddedServerException("Processes " + pids(alive(tree)) + " survived SIGKILL");
            }
            return false;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static List<ProcessHandle> alive(List<ProcessHandle> processes) {
        return processes.stream().filter(ProcessHandle::isAlive).toList();
    }

    static List<Long> pids(List<ProcessHandle> processes) {
        return processes.stream().map(ProcessHandle::pid).toList();
    }

    private static boolean awaitExit(List<ProcessHandle> processes, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (ProcessHandle process : processes) {
            try {
                process.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                return false;
            } catch (ExecutionException e) {
                throw new IllegalStateException("Cannot wait for process " + process.pid(), e);
            }
        }
        return true;
    }
}
