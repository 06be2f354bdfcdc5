package io.smartcrm.ingest;

import io.smartcrm.model.event.EventType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * An event's type: a constant ({@code "purchase"}), rules tried in order with a default
 * ({@code {"rules": [{"column": "InvoiceNo", "startsWith": "C", "type": "refund"}], "default": "purchase"}}),
 * or a column holding wire names ({@code {"column": "event"}}). {@link #eval} gives the type, {@link Raw} for a
 * name that is not a type, or null.
 */
final class TypeSpec {
    private static final List<String> OPERATORS = List.of("equals", "startsWith", "endsWith", "contains", "matches",
            "in", "blank");

    private final EventType constant;
    private final List<Rule> rules;
    private final EventType otherwise;
    private final ValueSpec column;

    private record Rule(ValueSpec subject, Predicate<String> test, EventType type) {
    }

    private TypeSpec(EventType constant, List<Rule> rules, EventType otherwise, ValueSpec column) {
        this.constant = constant;
        this.rules = rules;
        this.otherwise = otherwise;
        this.column = column;
    }

    static TypeSpec parse(SpecNode n, Columns columns) {
        if (n.node.isTextual()) {
            return new TypeSpec(type(n), null, null, null);
        }
        if (n.has("rules")) {
            n.allowKeys("rules", "default");
            List<Rule> rules = new ArrayList<>();
            for (SpecNode r : n.require("rules").elements()) {
                rules.add(rule(r, columns));
            }
            return new TypeSpec(null, rules, type(n.require("default")), null);
        }
        n.allowKeys("column", "convert", "map");
        return new TypeSpec(null, null, null, ValueSpec.parse(n, Kind.TEXT, null, columns));
    }

    private static Rule rule(SpecNode r, Columns columns) {
        List<String> given = OPERATORS.stream().filter(r::has).collect(Collectors.toList());
        if (given.size() != 1) {
            throw r.error("a rule needs exactly one test of " + String.join(", ", OPERATORS) + "; got " + given);
        }
        String op = given.get(0);
        ValueSpec subject = ValueSpec.parse(r, Kind.TEXT, null, columns, op, "type");
        if (subject.column == null) {
            throw r.error("a rule tests a 'column'");
        }
        SpecNode arg = r.require(op);
        Predicate<String> test = switch (op) {
            case "equals" -> {
                String v = arg.text();
                yield v::equals;
            }
            case "startsWith" -> {
                String v = arg.text();
                yield s -> s != null && s.startsWith(v);
            }
            case "endsWith" -> {
                String v = arg.text();
                yield s -> s != null && s.endsWith(v);
            }
            case "contains" -> {
                String v = arg.text();
                yield s -> s != null && s.contains(v);
            }
            case "matches" -> {
                try {
                    Pattern p = Pattern.compile(arg.text());
                    yield s -> s != null && p.matcher(s).matches();
                } catch (PatternSyntaxException e) {
                    throw arg.error("bad regular expression: " + e.getDescription());
                }
            }
            case "in" -> {
                Set<String> values = new HashSet<>(arg.texts());
                yield s -> s != null && values.contains(s);
            }
            default -> {
                boolean wanted = r.bool("blank", true);
                yield s -> (s == null) == wanted;
            }
        };
        return new Rule(subject, test, type(r.require("type")));
    }

    private static EventType type(SpecNode n) {
        EventType t = EventType.fromWireName(n.text());
        if (t == null) {
            throw n.error("unknown event type '" + n.text() + "' (known: " + Arrays.stream(EventType.values())
                    .map(EventType::wireName).collect(Collectors.joining(", ")) + ")");
        }
        return t;
    }

    /** Every type this spec can produce from its constants (a column can produce any). */
    Set<EventType> possibleTypes() {
        if (constant != null) {
            return EnumSet.of(constant);
        }
        if (rules != null) {
            Set<EventType> all = EnumSet.of(otherwise);
            rules.forEach(r -> all.add(r.type));
            return all;
        }
        return EnumSet.allOf(EventType.class);
    }

    Object eval(InputRecord r) {
        if (constant != null) {
            return constant;
        }
        if (rules != null) {
            for (Rule rule : rules) {
                Object v = rule.subject.eval(r);
                if (rule.test.test(v == null ? null : Values.text(v))) {
                    return rule.type;
                }
            }
            return otherwise;
        }
        Object v = column.eval(r);
        if (v == null || v instanceof Raw) {
            return v;
        }
        EventType t = EventType.fromWireName((String) v);
        return t == null ? new Raw((String) v) : t;
    }
}
