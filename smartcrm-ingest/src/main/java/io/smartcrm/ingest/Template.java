package io.smartcrm.ingest;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Text with placeholders over columns: {@code "online-retail:invoice:{InvoiceNo|trim}"}. A placeholder is a column
 * name, optionally followed by text conversions ({@code |trim}, {@code |lower}, {@code |upper},
 * {@code |integerString}); {@code {_line}} is the record's line number. {@code {{} and {@code }}} write braces.
 * A blank column renders as the empty string.
 */
final class Template {
    private static final String LINE = "_line";
    private static final Object LINE_NUMBER = new Object();
    private static final Set<String> CONVERSIONS = Set.of("trim", "lower", "upper", "integerString");

    /** String literals, ValueSpecs, or {@link #LINE_NUMBER}. */
    private final Object[] parts;

    private Template(List<Object> parts) {
        this.parts = parts.toArray();
    }

    static Template parse(SpecNode n, Columns columns) {
        String text = n.text();
        List<Object> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if ((c == '{' || c == '}') && i + 1 < text.length() && text.charAt(i + 1) == c) {
                literal.append(c);
                i += 2;
            } else if (c == '}') {
                throw n.error("unmatched '}' at position " + i + " in template \"" + text + "\" (write }} for a brace)");
            } else if (c == '{') {
                int end = text.indexOf('}', i);
                if (end < 0) {
                    throw n.error("unclosed '{' at position " + i + " in template \"" + text + "\"");
                }
                if (!literal.isEmpty()) {
                    parts.add(literal.toString());
                    literal.setLength(0);
                }
                parts.add(placeholder(n, text.substring(i + 1, end), columns));
                i = end + 1;
            } else {
                literal.append(c);
                i++;
            }
        }
        if (!literal.isEmpty()) {
            parts.add(literal.toString());
        }
        return new Template(parts);
    }

    private static Object placeholder(SpecNode n, String body, Columns columns) {
        String[] pieces = body.split("\\|", -1);
        String name = pieces[0];
        if (name.isEmpty()) {
            throw n.error("empty placeholder {" + body + "} in template \"" + n.text() + "\"");
        }
        if (name.equals(LINE)) {
            if (pieces.length > 1) {
                throw n.error("{_line} takes no conversions");
            }
            return LINE_NUMBER;
        }
        ObjectNode spec = JsonNodeFactory.instance.objectNode().put("column", name);
        for (int k = 1; k < pieces.length; k++) {
            if (!CONVERSIONS.contains(pieces[k])) {
                throw n.error("conversion '" + pieces[k] + "' in {" + body + "} is not a text conversion (use one of "
                        + String.join(", ", new TreeSet<>(CONVERSIONS)) + ")");
            }
            spec.withArray("convert").add(pieces[k]);
        }
        return ValueSpec.parse(n.standIn(spec), Kind.TEXT, null, columns);
    }

    String render(InputRecord r) {
        StringBuilder sb = new StringBuilder(32);
        for (Object p : parts) {
            if (p == LINE_NUMBER) {
                sb.append(r.line());
            } else if (p instanceof String s) {
                sb.append(s);
            } else {
                Object v = ((ValueSpec) p).eval(r);
                if (v != null) {
                    sb.append(Values.text(v));
                }
            }
        }
        return sb.toString();
    }
}
