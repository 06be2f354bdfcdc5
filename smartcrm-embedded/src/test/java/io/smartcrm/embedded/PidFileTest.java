package io.smartcrm.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PidFileTest {

    @TempDir
    Path dir;

    @Test
    void roundTrips() {
        Path file = dir.resolve("server.pid");
        PidFile written = PidFile.ownedByThisJvm(List.of(12L, 34L));
        written.write(file);

        assertThat(PidFile.read(file)).contains(written);
        assertThat(written.ownerPid()).isEqualTo(ProcessHandle.current().pid());
        assertThat(dir.resolve("server.pid.tmp")).doesNotExist();
    }

    @Test
    void unreadableOrMissingFilesNameNothing() throws Exception {
        assertThat(PidFile.read(dir.resolve("absent.pid"))).isEmpty();
        Path garbage = Files.writeString(dir.resolve("garbage.pid"), "owner.pid=abc\npids=1 2\n");
        assertThat(PidFile.read(garbage)).isEmpty();
    }

    @Test
    void ownerIsAliveOnlyWhenPidAndStartTimeMatch() throws Exception {
        assertThat(PidFile.ownedByThisJvm(List.of()).ownerAlive()).isTrue();

        long self = ProcessHandle.current().pid();
        assertThat(new PidFile(self, Optional.of(Instant.EPOCH), List.of()).ownerAlive())
                .as("same pid, different start time: a recycled pid").isFalse();
        assertThat(TestProcesses.ownerlessPidFile(List.of()).ownerAlive()).isFalse();
    }
}
