package io.smartcrm.ingest;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 CSV: quoted fields may hold delimiters, doubled quotes and line breaks. A record whose quoting is
 * broken (text after a closing quote, a quote not closed within {@code maxLinesPerRecord} lines or before the end)
 * or whose number of fields differs from the header is unreadable: its first line is reported and reading resumes
 * on the next line. A quote inside an unquoted field is kept as text.
 */
final class CsvRecordReader extends RecordReader {
    private record Line(long number, String text) {
    }

    private record CsvRecord(long line, String[] values, int[] index) implements InputRecord {
        @Override
        public String get(Column column) {
            return values[index[column.ordinal]];
        }
    }

    private final char delimiter;
    private final char quote;
    private final int maxLines;
    private final int width;
    private final int[] index;
    private final ArrayDeque<Line> pushback = new ArrayDeque<>();
    private final List<Line> continuation = new ArrayList<>();
    private final List<String> fields = new ArrayList<>();
    private final StringBuilder field = new StringBuilder();
    private String failure;

    CsvRecordReader(Path file, Mapping mapping) throws IOException {
        super(file, mapping);
        Mapping.Input input = mapping.input();
        delimiter = input.delimiter();
        quote = input.quote();
        maxLines = input.maxLinesPerRecord();
        List<String> names;
        if (input.header()) {
            Line header = nextLine();
            if (header == null) {
                throw new IOException(file + " is empty: no header line");
            }
            String[] parsed = parse(header, -1);
            if (parsed == null) {
                throw new IOException(file + " line 1: the header cannot be read: " + failure);
            }
            if (parsed.length > 0 && !parsed[0].isEmpty() && parsed[0].charAt(0) == '\uFEFF') {
                parsed[0] = parsed[0].substring(1);
            }
            names = List.of(parsed);
        } else {
            names = input.columns();
        }
        width = names.size();
        index = mapping.columnIndex(names, input.header() ? "the header of " + file.getFileName() : "input.columns");
    }

    @Override
    InputRecord next() throws IOException {
        while (true) {
            Line first = nextLine();
            if (first == null) {
                return null;
            }
            if (first.text.isEmpty()) {
                continue;
            }
            String[] values = parse(first, width);
            if (values != null) {
                counted();
                return new CsvRecord(first.number, values, index);
            }
            unreadable(first.number, failure, first.text);
            for (int i = continuation.size() - 1; i >= 0; i--) {
                pushback.addFirst(continuation.get(i));
            }
        }
    }

    private Line nextLine() throws IOException {
        Line l = pushback.pollFirst();
        if (l != null) {
            return l;
        }
        String text = readLine();
        return text == null ? null : new Line(physicalLines(), text);
    }

    /** The fields of the record starting at {@code first}, or null with {@link #failure} set. */
    private String[] parse(Line first, int expectedWidth) throws IOException {
        continuation.clear();
        fields.clear();
        String text = first.text;
        if (text.indexOf(quote) < 0) {
            split(text);
        } else if (!parseQuoted(text)) {
            return null;
        }
        if (expectedWidth >= 0 && fields.size() != expectedWidth) {
            failure = "has " + fields.size() + " fields, the header has " + expectedWidth;
            return null;
        }
        return fields.toArray(new String[0]);
    }

    private void split(String text) {
        int start = 0;
        while (true) {
            int d = text.indexOf(delimiter, start);
            if (d < 0) {
                fields.add(text.substring(start));
                return;
            }
            fields.add(text.substring(start, d));
            start = d + 1;
        }
    }

    private boolean parseQuoted(String text) throws IOException {
        int pos = 0;
        int len = text.length();
        while (true) {
            if (pos < len && text.charAt(pos) == quote) {
                field.setLength(0);
                pos++;
                while (true) {
                    int q = text.indexOf(quote, pos);
                    if (q < 0) {
                        field.append(text, pos, len);
                        if (continuation.size() + 1 >= maxLines) {
                            failure = "a quoted field is not closed within " + maxLines + " lines";
                            return false;
                        }
                        Line next = nextLine();
                        if (next == null) {
                            failure = "a quoted field is not closed before the end of the file";
                            return false;
                        }
                        continuation.add(next);
                        field.append('\n');
                        text = next.text;
                        len = text.length();
                        pos = 0;
                    } else if (q + 1 < len && text.charAt(q + 1) == quote) {
                        field.append(text, pos, q + 1);
                        pos = q + 2;
                    } else {
                        field.append(text, pos, q);
                        pos = q + 1;
                        break;
                    }
                }
                fields.add(field.toString());
                if (pos == len) {
                    return true;
                }
                if (text.charAt(pos) != delimiter) {
                    failure = "text after a closing quote: '" + text.charAt(pos) + "' at position " + (pos + 1)
                            + (continuation.isEmpty() ? "" : " of line " + continuation.get(continuation.size() - 1)
                            .number);
                    return false;
                }
                pos++;
            } else {
                int d = text.indexOf(delimiter, pos);
                if (d < 0) {
                    fields.add(text.substring(pos));
                    return true;
                }
                fields.add(text.substring(pos, d));
                pos = d + 1;
            }
        }
    }
}
