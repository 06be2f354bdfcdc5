package io.smartcrm.ingest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * One value of an event: a column or a constant, then conversions, then the type the target needs.
 * {@link #eval} gives null (absent), the value (String, Integer, Long, Double or Boolean) or {@link Raw}.
 */
final class ValueSpec {
    static final List<String> CONVERSIONS = List.of("trim", "lower", "upper", "string", "integer", "number",
            "integerString", "abs", "negate", "boolean", "map");
    private static final String[] KEYS = {"column", "constant", "convert", "map", "true", "false", "default"};

    final Column column;
    private final Object constant;
    private final String blankDefault;
    private final UnaryOperator<Object>[] steps;

    private ValueSpec(Column column, Object constant, String blankDefault, List<UnaryOperator<Object>> steps) {
        this.column = column;
        this.constant = constant;
        this.blankDefault = blankDefault;
        @SuppressWarnings("unchecked")
        UnaryOperator<Object>[] array = steps.toArray(new UnaryOperator[0]);
        this.steps = array;
    }

    /** Parses {@code n} for a target of kind {@code target}; {@code implied} is the attribute kind, if any. */
    static ValueSpec parse(SpecNode n, Kind target, AttributeKind implied, Columns columns, String... extraKeys) {
        String[] keys = Arrays.copyOf(KEYS, KEYS.length + extraKeys.length);
        System.arraycopy(extraKeys, 0, keys, KEYS.length, extraKeys.length);
        n.allowKeys(keys);
        if (n.has("column") == n.has("constant")) {
            throw n.error("give exactly one of 'column' and 'constant'");
        }
        Column column = null;
        Object constant = null;
        Kind kind;
        if (n.has("column")) {
            column = columns.column(n.require("column").text(), n.path);
            kind = Kind.TEXT;
        } else {
            SpecNode c = n.require("constant");
            if (c.node.isTextual()) {
                constant = c.node.textValue();
                kind = Kind.TEXT;
            } else if (c.node.isIntegralNumber() && c.node.canConvertToLong()) {
                constant = c.node.longValue();
                kind = Kind.INTEGER;
            } else if (c.node.isNumber()) {
                constant = c.node.doubleValue();
                kind = Kind.NUMBER;
            } else if (c.node.isBoolean()) {
                constant = c.node.booleanValue();
                kind = Kind.BOOLEAN;
            } else {
                throw c.error("must be a string, number or boolean, got " + c.describe());
            }
        }
        String blankDefault = n.text("default", null);
        if (blankDefault != null && column == null) {
            throw n.error("'default' only applies to a column");
        }

        Builder b = new Builder(n, kind);
        SpecNode convert = n.get("convert");
        List<String> names = convert == null ? List.of() : convert.texts();
        for (String name : names) {
            b.step(name, convert);
        }
        if (n.has("map") && !names.contains("map")) {
            b.step("map", n);
        }
        if (implied == AttributeKind.NUMERIC && b.kind != Kind.INTEGER && b.kind != Kind.NUMBER) {
            b.step("number", n);
        } else if (implied == AttributeKind.BOOLEAN && b.kind != Kind.BOOLEAN) {
            b.step("boolean", n);
        }
        b.finish(target);
        if ((n.has("true") || n.has("false")) && !b.usesBoolean) {
            throw n.error("'true'/'false' are given but nothing converts this value to a boolean");
        }
        return new ValueSpec(column, constant, blankDefault, b.steps);
    }

    Object eval(InputRecord r) {
        Object v;
        if (column != null) {
            String s = r.get(column);
            if (s == null || s.isBlank()) {
                if (blankDefault == null) {
                    return null;
                }
                s = blankDefault;
            }
            v = s;
        } else {
            v = constant;
        }
        for (UnaryOperator<Object> step : steps) {
            v = step.apply(v);
            if (v == null || v instanceof Raw) {
                return v;
            }
        }
        return v instanceof String s && s.isEmpty() ? null : v;
    }

    /** Builds the conversion steps while tracking the kind of the value, so mismatches fail at load time. */
    private static final class Builder {
        private final SpecNode spec;
        private final List<UnaryOperator<Object>> steps = new ArrayList<>();
        private Kind kind;
        private boolean usesBoolean;

        Builder(SpecNode spec, Kind kind) {
            this.spec = spec;
            this.kind = kind;
        }

        void step(String name, SpecNode where) {
            switch (name) {
                case "trim" -> text(name, v -> ((String) v).strip());
                case "lower" -> text(name, v -> ((String) v).toLowerCase(Locale.ROOT));
                case "upper" -> text(name, v -> ((String) v).toUpperCase(Locale.ROOT));
                case "string" -> add(Kind.TEXT, Values::text);
                case "integer" -> {
                    need(name, where, Kind.TEXT, Kind.INTEGER, Kind.NUMBER);
                    add(Kind.INTEGER, ValueSpec::toInteger);
                }
                case "number" -> {
                    need(name, where, Kind.TEXT, Kind.INTEGER, Kind.NUMBER);
                    add(Kind.NUMBER, v -> v instanceof String s ? Values.parseNumber(s) : (Object) ((Number) v)
                            .doubleValue());
                }
                case "integerString" -> {
                    need(name, where, Kind.TEXT, Kind.INTEGER, Kind.NUMBER);
                    add(Kind.TEXT, v -> Values.integerString(Values.text(v)));
                }
                case "abs" -> {
                    need(name, where, Kind.INTEGER, Kind.NUMBER);
                    add(kind, v -> v instanceof Long l ? (Object) Math.abs(l) : (Object) Math.abs((Double) v));
                }
                case "negate" -> {
                    need(name, where, Kind.INTEGER, Kind.NUMBER);
                    add(kind, v -> v instanceof Long l ? (Object) (-l) : (Object) (-(Double) v));
                }
                case "boolean" -> {
                    need(name, where, Kind.TEXT, Kind.BOOLEAN);
                    List<String> t = spec.has("true") ? spec.require("true").texts() : Values.DEFAULT_TRUE;
                    List<String> f = spec.has("false") ? spec.require("false").texts() : Values.DEFAULT_FALSE;
                    usesBoolean = true;
                    add(Kind.BOOLEAN, v -> v instanceof String s ? Values.parseBoolean(s, t, f) : v);
                }
                case "map" -> text(name, valueMap());
                default -> throw where.error("unknown conversion '" + name + "' (known: "
                        + String.join(", ", CONVERSIONS) + ")");
            }
        }

        private UnaryOperator<Object> valueMap() {
            SpecNode m = spec.get("map");
            if (m == null) {
                throw spec.error("conversion 'map' needs a 'map' object, e.g. {\"Yes\": \"true\"}");
            }
            Map<String, String> map = new HashMap<>();
            for (Map.Entry<String, SpecNode> e : m.members().entrySet()) {
                map.put(e.getKey(), e.getValue().node.isNull() ? null : e.getValue().text());
            }
            return v -> map.containsKey(v) ? map.get(v) : new Raw((String) v);
        }

        private void text(String name, UnaryOperator<Object> f) {
            need(name, spec, Kind.TEXT);
            add(Kind.TEXT, f);
        }

        private void need(String name, SpecNode where, Kind... accepted) {
            for (Kind k : accepted) {
                if (k == kind) {
                    return;
                }
            }
            throw where.error("conversion '" + name + "' does not apply to " + kind.value());
        }

        private void add(Kind out, UnaryOperator<Object> f) {
            steps.add(f);
            kind = out;
        }

        /** Adds what turns the value into the target's type. */
        void finish(Kind target) {
            switch (target) {
                case TEXT -> {
                    if (kind != Kind.TEXT) {
                        add(Kind.TEXT, Values::text);
                    }
                }
                case INTEGER -> {
                    if (kind == Kind.BOOLEAN) {
                        throw spec.error("a boolean value cannot fill an integer field");
                    }
                    if (kind == Kind.TEXT) {
                        step("integer", spec);
                    }
                    add(Kind.INTEGER, ValueSpec::toInt);
                }
                case NUMBER -> {
                    if (kind == Kind.BOOLEAN) {
                        throw spec.error("a boolean value cannot fill a number field");
                    }
                    if (kind != Kind.NUMBER) {
                        step("number", spec);
                    }
                }
                case BOOLEAN -> {
                    if (kind != Kind.BOOLEAN) {
                        if (kind != Kind.TEXT) {
                            throw spec.error(kind.value() + " cannot fill a boolean field");
                        }
                        step("boolean", spec);
                    }
                }
            }
        }
    }

    private static Object toInteger(Object v) {
        if (v instanceof String s) {
            return Values.parseInteger(s);
        }
        if (v instanceof Double d) {
            return d == Math.rint(d) && Math.abs(d) < 9.0e18 ? (Object) d.longValue() : new Raw(Values.text(d));
        }
        return v;
    }

    /** An int for the int fields of the event (quantity); out of range is raw. */
    private static Object toInt(Object v) {
        Object l = toInteger(v);
        if (l instanceof Long x) {
            return x >= Integer.MIN_VALUE && x <= Integer.MAX_VALUE ? (Object) x.intValue() : new Raw(Values.text(x));
        }
        return l;
    }
}
