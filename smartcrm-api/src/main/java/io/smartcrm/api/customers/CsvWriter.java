package io.smartcrm.api.customers;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * CSV per RFC 4180: CRLF line ends, a cell quoted when it holds a comma, quote, CR or LF, quotes doubled. A text
 * cell starting with {@code = + - @}, tab or CR is prefixed with {@code '} so spreadsheets do not run it as a
 * formula (CSV injection); numbers and booleans are written as they are.
 */
final class CsvWriter {
    private final Writer out;

    CsvWriter(Writer out) {
        this.out = out;
    }

    void row(List<String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(quote(cells.get(i)));
        }
        out.write("\r\n");
    }

    /** A JSON value as a cell: text guarded against formulas, arrays and objects as compact JSON, null empty. */
    static String cell(JsonNode value) {
        if (value == null || value.isMissingNode() || value.isNull()) {
            return "";
        }
        if (value.isNumber() || value.isBoolean()) {
            return value.asText();
        }
        return text(value.isTextual() ? value.textValue() : value.toString());
    }

    /** A text cell, with the formula guard. */
    static String text(String s) {
        if (!s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) {
            return "'" + s;
        }
        return s;
    }

    private static String quote(String cell) {
        boolean quote = false;
        for (int i = 0; i < cell.length() && !quote; i++) {
            char c = cell.charAt(i);
            quote = c == ',' || c == '"' || c == '\r' || c == '\n';
        }
        return quote ? '"' + cell.replace("\"", "\"\"") + '"' : cell;
    }
}
