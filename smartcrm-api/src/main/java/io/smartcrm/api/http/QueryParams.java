package io.smartcrm.api.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/** The decoded query parameters of a request, with checks that answer 400 naming the parameter. */
public final class QueryParams {
    private final Map<String, List<String>> values;

    private QueryParams(Map<String, List<String>> values) {
        this.values = values;
    }

    /** Parses a raw (still percent-encoded) query string; null or empty gives no parameters. */
    public static QueryParams parse(String rawQuery) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq), "query string");
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1), name);
                values.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            }
        }
        return new QueryParams(values);
    }

    private static String decode(String s, String parameter) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(parameter, "malformed percent-encoding in " + parameter);
        }
    }

    /** 400 naming the first parameter that is neither in {@code known} nor accepted by {@code alsoKnown}. */
    public void requireKnown(Collection<String> known, Predicate<String> alsoKnown) {
        for (String name : values.keySet()) {
            if (!known.contains(name) && !alsoKnown.test(name)) {
                throw ApiException.badRequest(name, "unknown parameter '" + name + "'; known: "
                        + String.join(", ", new TreeSet<>(known)));
            }
        }
    }

    public void requireKnown(Collection<String> known) {
        requireKnown(known, n -> false);
    }

    public Set<String> names() {
        return values.keySet();
    }

    /** Every value of a repeatable parameter, each non-empty. */
    public List<String> all(String name) {
        List<String> all = values.getOrDefault(name, List.of());
        for (String v : all) {
            if (v.isBlank()) {
                throw ApiException.badRequest(name, name + " must not be empty");
            }
        }
        return all;
    }

    /** The value of a parameter given at most once, non-empty. */
    public Optional<String> single(String name) {
        List<String> all = all(name);
        if (all.size() > 1) {
            throw ApiException.badRequest(name, name + " is given " + all.size() + " times; give it once");
        }
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0).strip());
    }

    public int integer(String name, int defaultValue, int min, int max) {
        Optional<String> v = single(name);
        if (v.isEmpty()) {
            return defaultValue;
        }
        try {
            int n = Integer.parseInt(v.get());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.badRequest(name, name + " must be a whole number from " + min + " to " + max
                + ", not '" + v.get() + "'");
    }

    /** A finite number within [min, max], or null when absent. */
    public Double number(String name, double min, double max) {
        Optional<String> v = single(name);
        if (v.isEmpty()) {
            return null;
        }
        try {
            double d = Double.parseDouble(v.get());
            if (Double.isFinite(d) && d >= min && d <= max) {
                return d;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.badRequest(name, name + " must be a number from " + format(min) + " to " + format(max)
                + ", not '" + v.get() + "'");
    }

    /** One of {@code allowed}, or null when absent. */
    public String oneOf(String name, Collection<String> allowed) {
        Optional<String> v = single(name);
        if (v.isPresent() && !allowed.contains(v.get())) {
            throw ApiException.badRequest(name, name + " must be one of " + String.join(", ", allowed)
                    + ", not '" + v.get() + "'");
        }
        return v.orElse(null);
    }

    /** A comma-separated list of values from {@code allowed} (repeats of the parameter are joined). */
    public List<String> list(String name, Collection<String> allowed) {
        List<String> out = new ArrayList<>();
        for (String v : all(name)) {
            for (String item : v.split(",")) {
                String s = item.strip();
                if (s.isEmpty()) {
                    continue;
                }
                if (allowed != null && !allowed.contains(s)) {
                    throw ApiException.badRequest(name, name + ": '" + s + "' is not one of " + String.join(", ", allowed));
                }
                if (!out.contains(s)) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    private static String format(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.valueOf(d);
    }
}
