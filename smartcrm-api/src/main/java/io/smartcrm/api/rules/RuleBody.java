package io.smartcrm.api.rules;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.smartcrm.api.http.ApiException;
import io.smartcrm.model.alert.AlertRule;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A rule from a request body, parsed strictly: malformed JSON, duplicate keys, unknown fields and values of the
 * wrong type (no coercion: "0.4" is not a number, 1.5 not a whole number) are 400s naming what is wrong.
 * {@code createdAt} and {@code updatedAt} may be sent back as read, but the server sets them.
 */
final class RuleBody {
    static final Set<String> FIELDS = Arrays.stream(AlertRule.class.getFields())
            .filter(f -> !Modifier.isStatic(f.getModifiers())).map(Field::getName)
            .collect(Collectors.toUnmodifiableSet());
    private static final int MAX_ID = 64;

    private static final ObjectMapper STRICT = strictMapper();

    private RuleBody() {}

    private static ObjectMapper strictMapper() {
        JsonMapper mapper = JsonMapper.builder()
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .build();
        mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return mapper;
    }

    static AlertRule parse(byte[] body) {
        if (body.length == 0) {
            throw ApiException.badRequest(null, "a JSON rule is required as the body");
        }
        JsonNode tree;
        try {
            tree = STRICT.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest(null, "malformed JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")"));
        } catch (IOException e) {
            throw ApiException.badRequest(null, "malformed JSON: " + e.getMessage());
        }
        if (tree == null || !tree.isObject()) {
            throw ApiException.badRequest(null, "the body must be a JSON object (a rule)");
        }
        List<String> unknown = new ArrayList<>();
        for (Iterator<String> names = tree.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            throw ApiException.invalidBody("unknown fields: " + String.join(", ", unknown) + "; a rule has "
                    + String.join(", ", FIELDS.stream().sorted().toList()),
                    unknown.stream().map(n -> n + ": unknown field").toList());
        }
        try {
            AlertRule rule = STRICT.treeToValue(tree, AlertRule.class);
            rule.createdAt = null;
            rule.updatedAt = null;
            return rule;
        } catch (JsonMappingException e) {
            String field = e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName()
                    : String.valueOf(r.getIndex())).collect(Collectors.joining("."));
            throw ApiException.invalidBody("wrong type of " + field + ": " + e.getOriginalMessage(),
                    List.of(field + ": " + expected(field)));
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest(null, "malformed JSON: " + e.getOriginalMessage());
        }
    }

    private static String expected(String field) {
        return switch (field) {
            case "threshold" -> "must be a number";
            case "minCustomers" -> "must be a whole number";
            case "enabled" -> "must be true or false";
            case "filter" -> "must be an object of field: value, list of values or range";
            default -> "must be a string";
        };
    }

    /** A rule id made from its name: lower-case ASCII letters and digits, runs of anything else as one '-'. */
    static String idFromName(String name) {
        String ascii = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        String id = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+", "");
        if (id.length() > MAX_ID) {
            id = id.substring(0, MAX_ID);
        }
        id = id.replaceAll("-+$", "");
        return id.isEmpty() ? "rule" : id;
    }
}
