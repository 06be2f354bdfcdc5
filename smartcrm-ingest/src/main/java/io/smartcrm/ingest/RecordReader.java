package io.smartcrm.ingest;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads the records of an input file; a line that cannot be read is counted, logged and skipped. */
abstract class RecordReader implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(RecordReader.class);
    private static final int LOGGED_UNREADABLE = 100;

    final Path file;
    private final BufferedReader in;
    private final String encoding;
    private long physicalLines;
    private long records;
    private long unreadable;

    RecordReader(Path file, Mapping mapping) throws IOException {
        this.file = file;
        this.in = Files.newBufferedReader(file, mapping.input().encoding());
        this.encoding = mapping.input().encoding().name();
    }

    /** Opens the file and checks the mapping's columns against it (the header), before any record is read. */
    static RecordReader open(Path file, Mapping mapping) throws IOException {
        return switch (mapping.input().format()) {
            case CSV -> new CsvRecordReader(file, mapping);
            case JSONL -> new JsonLinesRecordReader(file, mapping);
        };
    }

    /** The next record, or null at the end of the file. */
    abstract InputRecord next() throws IOException;

    /** The next physical line (null at the end), numbered from 1. */
    final String readLine() throws IOException {
        String line;
        try {
            line = in.readLine();
        } catch (CharacterCodingException e) {
            throw new IOException(file + " is not valid " + encoding + " near line " + (physicalLines + 1)
                    + " (set input.encoding in the mapping)", e);
        }
        if (line != null) {
            physicalLines++;
        }
        return line;
    }

    final long physicalLines() {
        return physicalLines;
    }

    final void counted() {
        records++;
    }

    final void unreadable(long line, String reason, String text) {
        unreadable++;
        if (unreadable <= LOGGED_UNREADABLE) {
            LOG.warn("{} line {}: unreadable, skipped: {}: {}", file.getFileName(), line, reason,
                    text.length() > 200 ? text.substring(0, 200) + "…" : text);
        } else if (unreadable == LOGGED_UNREADABLE + 1) {
            LOG.warn("{}: more than {} unreadable lines; the rest are counted, not logged", file.getFileName(),
                    LOGGED_UNREADABLE);
        }
    }

    /** Records read (a CSV record may span several lines). */
    final long records() {
        return records;
    }

    final long unreadableLines() {
        return unreadable;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
