package io.smartcrm.api.console;

import io.smartcrm.api.http.ApiException;
import io.smartcrm.api.http.Request;
import io.smartcrm.api.http.Response;
import io.smartcrm.api.http.Router;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The console: static HTML, CSS and JavaScript shipped as resources under {@value #ROOT}, served without an API
 * key at {@code /console/NAME} ({@code /console/} is {@code index.html}; {@code /} and {@code /console} redirect
 * there). A file name is one path segment of lower-case letters, digits and dashes with a known extension, so
 * nothing outside the console's folder can be named; anything else is 404. Every answer carries a strict
 * Content-Security-Policy (everything from this origin, nothing inline) and a strong ETag; browsers revalidate
 * ({@code no-cache}) and get 304 while the file is unchanged.
 */
public final class ConsoleResource {
    static final String ROOT = "/console/";
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}\\.(html|css|js|svg)");
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
            "css", "text/css; charset=utf-8", "js", "text/javascript; charset=utf-8", "svg", "image/svg+xml");

    /** A file read from the resources once, with its ETag. */
    record StaticFile(String contentType, byte[] body, String etag) {}

    /** Files found (misses are not kept, so no request can grow it past the shipped files). */
    private final Map<String, StaticFile> cache = new ConcurrentHashMap<>();

    public void register(Router router) {
        router.get("/", null, r -> redirect())
                .get("/console", null, this::index)
                .get("/console/{file}", null, r -> serve(r, r.pathParam("file")));
    }

    private static Response redirect() {
        return Response.status(302, null).header("Location", "/console/").header("Cache-Control", "no-cache");
    }

    /** {@code /console/} is the index page; {@code /console} redirects there so relative URLs resolve. */
    private Response index(Request request) {
        return request.rawPath().endsWith("/") ? serve(request, "index.html") : redirect();
    }

    private Response serve(Request request, String name) {
        request.query().names(); // parsed (and checked for malformed encoding); a query string is ignored
        StaticFile file = file(name).orElseThrow(() -> ApiException.notFound("no such console file: " + name));
        String ifNoneMatch = request.header("If-None-Match");
        Response response = ifNoneMatch != null && matches(ifNoneMatch, file.etag())
                ? Response.bytes(304, file.contentType(), new byte[0])
                : Response.bytes(200, file.contentType(), file.body());
        return response.header("ETag", file.etag())
                .header("Cache-Control", "no-cache")
                .header("Content-Security-Policy", CSP)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .header("X-Frame-Options", "DENY");
    }

    private static boolean matches(String ifNoneMatch, String etag) {
        for (String tag : ifNoneMatch.split(",")) {
            String t = tag.strip();
            if (t.equals("*") || t.equals(etag) || t.equals("W/" + etag)) {
                return true;
            }
        }
        return false;
    }

    /** The console file of that name, or empty when the name is not a console file name or no such file ships. */
    Optional<StaticFile> file(String name) {
        Matcher m = NAME.matcher(name);
        if (!m.matches()) {
            return Optional.empty();
        }
        StaticFile cached = cache.get(name);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<StaticFile> loaded = load(name, TYPES.get(m.group(1)));
        loaded.ifPresent(f -> cache.put(name, f));
        return loaded;
    }

    private static Optional<StaticFile> load(String name, String contentType) {
        try (InputStream in = ConsoleResource.class.getResourceAsStream(ROOT + name)) {
            if (in == null) {
                return Optional.empty();
            }
            byte[] body = in.readAllBytes();
            return Optional.of(new StaticFile(contentType, body, etag(body)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the console file " + name, e);
        }
    }

    private static String etag(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
