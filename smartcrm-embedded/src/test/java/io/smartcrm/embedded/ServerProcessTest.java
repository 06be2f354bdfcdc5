package io.smartcrm.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerProcessTest {

    @TempDir
    Path temp;
    Path dataDir;
    Path pidFile;
    Path output;

    @BeforeEach
    void dataDir() {
        dataDir = FileTrees.realDirectory(temp.resolve("data"));
        pidFile = dataDir.resolve("test.pid");
        output = dataDir.resolve("test.out");
    }

    @Test
    void startsWaitsUntilReadyAndStopsTheWholeTree() throws Exception {
        ServerProcess server = server(Duration.ofSeconds(10));
        server.start(List.of("sh", "-c", "echo \"hello $GREETING\"; sleep 600 & touch ready; wait", dataDir + "/srv"),
                environment -> environment.put("GREETING", "world"));
        server.awaitReady(Duration.ofSeconds(10), () -> Files.exists(dataDir.resolve("ready")));

        ProcessHandle root = server.handle().orElseThrow();
        List<ProcessHandle> tree = ProcessTree.withDescendants(List.of(root));
        assertThat(server.isRunning()).isTrue();
        PidFile pids = PidFile.read(pidFile).orElseThrow();
        assertThat(pids.pids()).containsExactlyInAnyOrderElementsOf(ProcessTree.pids(tree)).hasSize(2);
        assertThat(pids.ownerPid()).isEqualTo(ProcessHandle.current().pid());

        server.stop();

        assertThat(ProcessTree.running(tree)).isEmpty();
        assertThat(server.isRunning()).isFalse();
        assertThat(pidFile).doesNotExist();
        assertThat(output).content().contains("hello world");
    }

    @Test
    void earlyExitIsReportedWithExitCodeCommandAndLastLines() {
        ServerProcess server = server(Duration.ofSeconds(5));
        server.start(List.of("sh", "-c", "seq -f 'line-%02g' 1 30; echo 'boom' >&2; exit 3"), environment -> { });

        assertThatThrownBy(() -> server.awaitReady(Duration.ofSeconds(10), () -> false))
                .isInstanceOf(EmbeddedServerException.class)
                .hasMessageContaining("Test exited with code 3 during startup")
                .hasMessageContaining("Command: sh -c 'seq -f '\\''line-%02g'\\'' 1 30; echo '\\''boom'\\'' >&2; exit 3'")
                .hasMessageContaining("Last 20 lines of " + output)
                .hasMessageContaining("line-12").hasMessageContaining("line-30").hasMessageContaining("boom")
                .hasMessageNotContaining("line-11");
        assertThat(pidFile).doesNotExist();
    }

    @Test
    void timeoutStopsTheProcessAndNamesTheLastCheck() {
        ServerProcess server = server(Duration.ofSeconds(5));
        server.start(List.of("sh", "-c", "echo waiting; sleep 600 & wait"), environment -> { });
        ProcessHandle root = server.handle().orElseThrow();
        List<ProcessHandle> tree = ProcessTree.withDescendants(List.of(root));

        assertThatThrownBy(() -> server.awaitReady(Duration.ofSeconds(1), () -> {
            throw new IllegalStateException("not listening yet");
        }))
                .hasMessageContaining("Test did not become ready within 1 s")
                .hasMessageContaining("not listening yet")
                .hasMessageContaining("waiting");
        assertThat(ProcessTree.running(tree)).isEmpty();
        assertThat(server.isRunning()).isFalse();
    }

    @Test
    void stopKillsATreeThatIgnoresSigtermAfterTheStopTimeout() {
        ServerProcess server = server(Duration.ofMillis(500));
        server.start(List.of("sh", "-c", "trap '' TERM; sleep 600 & touch ready; wait"), environment -> { });
        server.awaitReady(Duration.ofSeconds(10), () -> Files.exists(dataDir.resolve("ready")));
        List<ProcessHandle> tree = ProcessTree.withDescendants(List.of(server.handle().orElseThrow()));

        server.stop();

        assertThat(ProcessTree.running(tree)).isEmpty();
    }

    @Test
    void staleProcessesOfADeadOwnerAreStopped() throws Exception {
        Process stale = TestProcesses.shellWithChild(dataDir + "/stale-server", false);
        List<ProcessHandle> tree = ProcessTree.withDescendants(List.of(stale.toHandle()));
        TestProcesses.ownerlessPidFile(List.of(stale.pid())).write(pidFile);

        server(Duration.ofSeconds(5)).stopStale();

        assertThat(ProcessTree.running(tree)).isEmpty();
        assertThat(pidFile).doesNotExist();
    }

    @Test
    void processesOfALiveOwnerMakeTheDataDirBusy() throws Exception {
        Process holder = TestProcesses.shellWithChild(dataDir + "/live-server", false);
        try {
            PidFile.ownedByThisJvm(List.of(holder.pid())).write(pidFile);

            assertThatThrownBy(() -> server(Duration.ofSeconds(5)).stopStale())
                    .isInstanceOf(EmbeddedServerException.class)
                    .hasMessageContaining("data dir " + dataDir + " is in use by processes [" + holder.pid() + "]")
                    .hasMessageContaining("pid " + ProcessHandle.current().pid());
            assertThat(holder.isAlive()).isTrue();
        } finally {
            TestProcesses.kill(holder);
        }
    }

    @Test
    void aRecycledPidOfAnUnrelatedProcessIsLeftAlone() throws Exception {
        Process unrelated = TestProcesses.shellWithChild(temp + "/elsewhere", false);
        try {
            TestProcesses.ownerlessPidFile(List.of(unrelated.pid())).write(pidFile);

            server(Duration.ofSeconds(5)).stopStale();

            assertThat(unrelated.isAlive()).isTrue();
            assertThat(pidFile).doesNotExist();
        } finally {
            TestProcesses.kill(unrelated);
        }
    }

    @Test
    void commandLinesAreShellQuotedAndShowTheEnvironmentTheySet() {
        List<String> command = ServerProcess.shellCommand(List.of("java", "-cp", "/libs/*", "it's"),
                Map.of("ES_JAVA_OPTS", "-Xms1g -Xmx1g", "PATH", System.getenv("PATH")));

        assertThat(String.join(" ", command)).isEqualTo("ES_JAVA_OPTS='-Xms1g -Xmx1g' java -cp '/libs/*' 'it'\\''s'");
    }

    private ServerProcess server(Duration stopTimeout) {
        return new ServerProcess("Test", dataDir, pidFile, output, List.of(output), stopTimeout);
    }
}
