package io.smartcrm.embedded;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** Reads the last lines of a server log for error messages. */
final class LogTail {

    static final int DEFAULT_LINES = 20;
    private static final int MAX_BYTES = 256 * 1024;

    private LogTail() {
    }

    static List<String> lastLines(Path file, int count) {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            if (length == 0) {
                return List.of();
            }
            int size = (int) Math.min(length, MAX_BYTES);
            byte[] bytes = new byte[size];
            in.seek(length - size);
            in.readFully(bytes);
            String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\\R");
            int from = Math.max(0, lines.length - count);
            // the first line may be cut when the file is larger than what was read
            if (from == 0 && length > size && lines.length > 1) {
                from = 1;
            }
            return Arrays.asList(lines).subList(from, lines.length);
        } catch (IOException e) {
            return List.of("(cannot read " + file + ": " + e + ")");
        }
    }

    /** A block quoting the last lines of each file that has content, for exception messages. */
    static String describe(List<Path> files) {
        StringBuilder text = new StringBuilder();
        for (Path file : files) {
            List<String> lines = lastLines(file, DEFAULT_LINES);
            if (!lines.isEmpty()) {
                text.append("\nLast ").append(lines.size()).append(" lines of ").append(file).append(':');
                lines.forEach(line -> text.append("\n  ").append(line));
            }
        }
        return text.length() == 0 ? "\n(no server output in " + files + ")" : text.toString();
    }
}
