package io.smartcrm.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class ProcessTreeTest {

    @Test
    void terminatesRootAndDescendantsGracefully() throws Exception {
        Process shell = TestProcesses.shellWithChild("graceful", false);
        List<ProcessHandle> tree = ProcessTree.withDescendants(List.of(shell.toHandle()));
        assertThat(tree).hasSize(2);

        assertThat(ProcessTree.terminate(List.of(shell.toHandle()), Duration.ofSeconds(10))).isTrue();
        assertThat(ProcessTree.running(tree)).isEmpty();
    }

    @Test
    void killsATreeThatIgnoresSigterm() throws Exception {
        Process shell = TestProcesses.shellWithChild("stubborn", true);
        List<ProcessHandle> tree = ProcessTree.withDescendants(List.of(shell.toHandle()));

        long started = System.nanoTime();
        assertThat(ProcessTree.terminate(List.of(shell.toHandle()), Duration.ofMillis(500))).isFalse();
        assertThat(ProcessTree.running(tree)).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aZombieCountsAsExited() throws Exception {
        // the short sleep exits, and its parent, now the long sleep, never reaps it
        Process parent = Spawner.start(new ProcessBuilder("sh", "-c", "sleep 0.2 & exec sleep 600"));
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (parent.descendants().findAny().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            ProcessHandle child = parent.descendants().findFirst().orElseThrow();
            while (ProcessTree.isRunning(child) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }

            assertThat(child.isAlive()).as("still in the process table").isTrue();
            assertThat(ProcessTree.isRunning(child)).isFalse();
            assertThat(ProcessTree.isRunning(parent.toHandle())).isTrue();
        } finally {
            TestProcesses.kill(parent);
        }
    }
}
