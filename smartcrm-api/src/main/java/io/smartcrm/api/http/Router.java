package io.smartcrm.api.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Routes a method and path to a handler. Patterns are paths whose segments are literals or {@code {name}}
 * parameters; of the patterns matching a path the one with the most literal segments wins (so
 * {@code /api/customers/export} beats {@code /api/customers/{id}}). A path no pattern matches is 404, a method
 * the winning pattern lacks is 405 with Allow.
 */
public final class Router {
    /** One route; {@code role} null = no API key needed. */
    public record Route(String method, String pattern, Role role, Handler handler) {
        List<String> segments() {
            return split(pattern);
        }

        int literals() {
            return (int) segments().stream().filter(s -> !s.startsWith("{")).count();
        }
    }

    /** The route a request goes to, with its decoded path parameters. */
    public record Match(Route route, Map<String, String> pathParams) {}

    private final List<Route> routes = new ArrayList<>();

    public Router get(String pattern, Role role, Handler handler) {
        return add("GET", pattern, role, handler);
    }

    public Router post(String pattern, Role role, Handler handler) {
        return add("POST", pattern, role, handler);
    }

    public Router put(String pattern, Role role, Handler handler) {
        return add("PUT", pattern, role, handler);
    }

    public Router delete(String pattern, Role role, Handler handler) {
        return add("DELETE", pattern, role, handler);
    }

    private Router add(String method, String pattern, Role role, Handler handler) {
        for (Route r : routes) {
            if (r.method.equals(method) && r.pattern.equals(pattern)) {
                throw new IllegalArgumentException("duplicate route " + method + " " + pattern);
            }
        }
        routes.add(new Route(method, pattern, role, handler));
        return this;
    }

    public List<Route> routes() {
        return List.copyOf(routes);
    }

    /** The route for a raw (percent-encoded) path; 404 or 405 as an {@link ApiException}. */
    public Match resolve(String method, String rawPath) {
        List<String> path = decodedSegments(rawPath);
        String best = null;
        int bestLiterals = -1;
        for (Route r : routes) {
            if (params(r.segments(), path) != null && r.literals() > bestLiterals) {
                best = r.pattern;
                bestLiterals = r.literals();
            }
        }
        if (best == null) {
            throw ApiException.notFound("no such resource: " + rawPath + " (see /api/openapi.json)");
        }
        List<String> allowed = new ArrayList<>();
        for (Route r : routes) {
            if (r.pattern.equals(best)) {
                if (r.method.equals(method)) {
                    return new Match(r, params(r.segments(), path));
                }
                allowed.add(r.method);
            }
        }
        throw ApiException.methodNotAllowed(method, rawPath, allowed);
    }

    private static Map<String, String> params(List<String> pattern, List<String> path) {
        if (pattern.size() != path.size()) {
            return null;
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < pattern.size(); i++) {
            String p = pattern.get(i);
            if (p.startsWith("{")) {
                if (path.get(i).isEmpty()) {
                    return null;
                }
                params.put(p.substring(1, p.length() - 1), path.get(i));
            } else if (!p.equals(path.get(i))) {
                return null;
            }
        }
        return params;
    }

    private static List<String> decodedSegments(String rawPath) {
        List<String> segments = new ArrayList<>();
        for (String s : split(rawPath)) {
            try {
                // '+' is a literal plus in a path, not a space
                segments.add(URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw ApiException.notFound("malformed path: " + rawPath);
            }
        }
        return segments;
    }

    private static List<String> split(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        if (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p.isEmpty() ? List.of() : List.of(p.split("/", -1));
    }
}
