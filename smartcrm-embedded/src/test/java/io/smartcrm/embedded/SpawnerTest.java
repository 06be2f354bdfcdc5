package io.smartcrm.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class SpawnerTest {

    /** A JVM that starts a long sleep from a short-lived thread, prints its pid and waits to be killed. */
    public static final class ChildJvm {
        public static void main(String[] args) throws Exception {
            AtomicLong pid = new AtomicLong();
            Thread starter = new Thread(() -> {
                try {
                    pid.set(Spawner.start(new ProcessBuilder("sleep", "600")).pid());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            starter.start();
            starter.join();
            System.out.println("pid=" + pid.get());
            Thread.sleep(600_000);
        }
    }

    @Test
    void childrenOutliveTheThreadThatStartedThemButNotTheirJvm() throws Exception {
        assumeTrue(Spawner.onPath("setpriv").isPresent(), "needs setpriv (util-linux)");
        Process jvm = new ProcessBuilder(ServerProcess.javaExecutable(), "-cp", System.getProperty("java.class.path"),
                ChildJvm.class.getName()).redirectErrorStream(true).start();
        try {
            ProcessHandle sleeper = ProcessHandle.of(readPid(jvm)).orElseThrow();
            Thread.sleep(500);
            assertThat(ProcessTree.isRunning(sleeper)).as("alive after its starting thread ended").isTrue();

            jvm.destroyForcibly(); // SIGKILL: no shutdown hook runs

            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (ProcessTree.isRunning(sleeper) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(ProcessTree.isRunning(sleeper)).as("exited with its JVM").isFalse();
        } finally {
            jvm.destroyForcibly();
        }
    }

    private static long readPid(Process jvm) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith("pid=")) {
                return Long.parseLong(line.substring(4));
            }
        }
        throw new AssertionError("child JVM exited with " + jvm.waitFor() + " before printing a pid");
    }
}
