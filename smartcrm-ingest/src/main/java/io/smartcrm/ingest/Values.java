package io.smartcrm.ingest;

import java.math.BigDecimal;
import java.util.List;

/** Parsing and formatting of single values; a value that does not parse becomes {@link Raw}. */
final class Values {
    static final List<String> DEFAULT_TRUE = List.of("true", "yes", "y", "1");
    static final List<String> DEFAULT_FALSE = List.of("false", "no", "n", "0");

    private Values() {
    }

    /** A whole number (surrounding blanks allowed): "12", "-3", "12.0", "1e3"; anything else is raw. */
    static Object parseInteger(String s) {
        String t = s.strip();
        try {
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            BigDecimal d = parseDecimal(t);
            if (d != null) {
                try {
                    return d.longValueExact();
                } catch (ArithmeticException notWhole) {
                    return new Raw(s);
                }
            }
            return new Raw(s);
        }
    }

    /** A finite decimal number (surrounding blanks allowed); NaN, Infinity, hex and "1.5d" are raw. */
    static Object parseNumber(String s) {
        String t = s.strip();
        if (!looksNumeric(t)) {
            return new Raw(s);
        }
        try {
            double d = Double.parseDouble(t);
            return Double.isInfinite(d) ? new Raw(s) : (Object) d;
        } catch (NumberFormatException e) {
            return new Raw(s);
        }
    }

    /** The decimal, or null when {@code t} is not one. */
    static BigDecimal parseDecimal(String t) {
        if (!looksNumeric(t)) {
            return null;
        }
        try {
            return new BigDecimal(t);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static boolean looksNumeric(String t) {
        if (t.isEmpty()) {
            return false;
        }
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (!(c >= '0' && c <= '9') && c != '.' && c != '-' && c != '+' && c != 'e' && c != 'E') {
                return false;
            }
        }
        return true;
    }

    /** "17850.0" → "17850"; digits are kept as written ("007" stays "007"); a fraction that is not zero is raw. */
    static Object integerString(String s) {
        String t = s.strip();
        int dot = t.indexOf('.');
        String whole = dot < 0 ? t : t.substring(0, dot);
        if (isInteger(whole) && (dot < 0 || isZeros(t, dot + 1))) {
            return whole;
        }
        BigDecimal d = parseDecimal(t);
        if (d != null) {
            try {
                return d.toBigIntegerExact().toString();
            } catch (ArithmeticException notWhole) {
                return new Raw(s);
            }
        }
        return new Raw(s);
    }

    private static boolean isInteger(String t) {
        int start = !t.isEmpty() && (t.charAt(0) == '-' || t.charAt(0) == '+') ? 1 : 0;
        if (t.length() == start) {
            return false;
        }
        for (int i = start; i < t.length(); i++) {
            if (t.charAt(i) < '0' || t.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean isZeros(String t, int from) {
        for (int i = from; i < t.length(); i++) {
            if (t.charAt(i) != '0') {
                return false;
            }
        }
        return true;
    }

    static Object parseBoolean(String s, List<String> trueValues, List<String> falseValues) {
        String t = s.strip();
        for (String v : trueValues) {
            if (v.equalsIgnoreCase(t)) {
                return Boolean.TRUE;
            }
        }
        for (String v : falseValues) {
            if (v.equalsIgnoreCase(t)) {
                return Boolean.FALSE;
            }
        }
        return new Raw(s);
    }

    /** The text form of a value: numbers without exponent or trailing zeros ("20", "52.55"). */
    static String text(Object v) {
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof Double d) {
            double x = d;
            if (x == Math.rint(x) && Math.abs(x) < 1e15) {
                return Long.toString((long) x);
            }
            return BigDecimal.valueOf(x).stripTrailingZeros().toPlainString();
        }
        if (v instanceof Raw r) {
            return r.text();
        }
        return String.valueOf(v);
    }
}
