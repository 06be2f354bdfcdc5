package io.smartcrm.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogTailTest {

    @TempDir
    Path dir;

    @Test
    void returnsTheLastLines() throws Exception {
        Path log = Files.writeString(dir.resolve("server.log"), lines(1, 30, "\n") + "\n");

        assertThat(LogTail.lastLines(log, 20)).containsExactlyElementsOf(List.of(lines(11, 30, "\n").split("\n")));
        assertThat(LogTail.lastLines(log, 50)).hasSize(30);
    }

    @Test
    void handlesWindowsLineEndsAndHugeFiles() throws Exception {
        Path log = dir.resolve("huge.log");
        Files.writeString(log, "x".repeat(1_000_000) + "\r\n" + lines(1, 3, "\r\n"));

        assertThat(LogTail.lastLines(log, 20)).containsExactly("line-1", "line-2", "line-3");
    }

    @Test
    void describesOnlyFilesWithContent() throws Exception {
        Path empty = Files.createFile(dir.resolve("empty.out"));
        Path log = Files.writeString(dir.resolve("server.log"), "started\nfailed: port taken\n");

        assertThat(LogTail.describe(List.of(empty, log, dir.resolve("absent.log"))))
                .isEqualTo("\nLast 2 lines of " + log + ":\n  started\n  failed: port taken");
        assertThat(LogTail.describe(List.of(empty))).isEqualTo("\n(no server output in [" + empty + "])");
    }

    private static String lines(int from, int to, String separator) {
        return IntStream.rangeClosed(from, to).mapToObj(i -> "line-" + i).collect(Collectors.joining(separator));
    }
}
