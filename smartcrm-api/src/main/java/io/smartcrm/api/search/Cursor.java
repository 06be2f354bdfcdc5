package io.smartcrm.api.search;

import co.elastic.clients.elasticsearch._types.FieldValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smartcrm.api.http.ApiException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The opaque next-page token of a paged search: the point in time the pages are read from, the sort values of
 * the last hit returned (for search_after), how many hits were returned so far, and a fingerprint of the
 * search, so a cursor is only used with the search it came from. Base64url of a small JSON object.
 */
public record Cursor(String pitId, List<FieldValue> after, long returned, String fingerprint) {
    public static final String PARAMETER = "after";
    private static final ObjectMapper JSON = new ObjectMapper();

    public String encode() {
        ObjectNode o = JSON.createObjectNode();
        o.put("p", pitId);
        ArrayNode a = o.putArray("a");
        for (FieldValue v : after) {
            switch (v._kind()) {
                case Long -> a.add(v.longValue());
                case Double -> a.add(v.doubleValue());
                case Boolean -> a.add(v.booleanValue());
                case String -> a.add(v.stringValue());
                case Null -> a.addNull();
                default -> throw new IllegalStateException("unexpected sort value " + v);
            }
        }
        o.put("n", returned);
        o.put("f", fingerprint);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(o.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor in {@code text}; 400 naming {@value #PARAMETER} if it is garbled or from another search. */
    public static Cursor decode(String text, String fingerprint) {
        JsonNode o;
        try {
            o = JSON.readTree(Base64.getUrlDecoder().decode(text));
        } catch (IllegalArgumentException | IOException e) {
            throw invalid();
        }
        if (o == null || !o.path("p").isTextual() || !o.path("a").isArray() || !o.path("n").canConvertToLong()
                || !o.path("f").isTextual()) {
            throw invalid();
        }
        if (!o.path("f").asText().equals(fingerprint)) {
            throw ApiException.badRequest(PARAMETER, "this cursor belongs to another search: repeat the parameters "
                    + "of the search it came from (only size may change)");
        }
        List<FieldValue> after = new ArrayList<>();
        for (JsonNode v : o.path("a")) {
            if (v.isIntegralNumber() && v.canConvertToLong()) {
                after.add(FieldValue.of(v.longValue()));
            } else if (v.isFloatingPointNumber()) {
                after.add(FieldValue.of(v.doubleValue()));
            } else if (v.isTextual()) {
                after.add(FieldValue.of(v.textValue()));
            } else if (v.isBoolean()) {
                after.add(FieldValue.of(v.booleanValue()));
            } else if (v.isNull()) {
                after.add(FieldValue.NULL);
            } else {
                throw invalid();
            }
        }
        return new Cursor(o.path("p").asText(), after, o.path("n").asLong(), fingerprint);
    }

    /** 400: the cursor is not one this API made, or its point in time has expired. */
    public static ApiException invalid() {
        return ApiException.badRequest(PARAMETER, "the cursor is invalid or has expired; start the search again");
    }

    /** A short digest of a search's canonical description. */
    public static String fingerprint(String canonicalSearch) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(canonicalSearch.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(d).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
