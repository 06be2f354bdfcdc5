package io.smartcrm.model.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smartcrm.model.event.CustomerEvent;
import io.smartcrm.model.event.EventType;
import io.smartcrm.model.event.LineItem;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads and writes events in their wire form (JSON, schema {@code crm-event-v1.schema.json}).
 * Reading validates: anything that does not fit the schema, or is oversize, or lies too far in the
 * future, raises {@link InvalidEventException} with a reason code and a message naming the field.
 */
public final class EventCodec {
    public static final String SCHEMA_RESOURCE = "/schema/crm-event-v1.schema.json";
    /** The values of {@code attributeKinds}; a label is a value to predict, never a feature. */
    public static final List<String> ATTRIBUTE_KINDS = List.of("numeric", "categorical", "boolean", "text", "label");

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    /** RFC 3339 date-time, as the schema's pattern: seconds required, at most nine fraction digits, Z or ±hh:mm. */
    private static final Pattern TIMESTAMP =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:\\d{2})");

    private final int maxPayloadBytes;
    private final long maxFutureSkewMillis;

    public EventCodec(int maxPayloadBytes, long maxFutureSkewMillis) {
        this.maxPayloadBytes = maxPayloadBytes;
        this.maxFutureSkewMillis = maxFutureSkewMillis;
    }

    /** Parses and validates one message; {@code nowMillis} is the wall clock the future-skew check uses. */
    public CustomerEvent parse(byte[] payload, long nowMillis) throws InvalidEventException {
        if (payload == null || payload.length == 0) {
            throw new InvalidEventException(RejectReason.MALFORMED_JSON, "empty message");
        }
        if (payload.length > maxPayloadBytes) {
            throw new InvalidEventException(RejectReason.OVERSIZE,
                    "payload of " + payload.length + " bytes exceeds the limit of " + maxPayloadBytes);
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(payload);
        } catch (IOException e) {
            throw new InvalidEventException(RejectReason.MALFORMED_JSON, "not valid JSON: " + firstLine(e));
        }
        if (root == null || !root.isObject()) {
            throw new InvalidEventException(RejectReason.MALFORMED_JSON, "the message is not a JSON object");
        }
        return read((ObjectNode) root, nowMillis);
    }

    private CustomerEvent read(ObjectNode o, long nowMillis) throws InvalidEventException {
        CustomerEvent e = new CustomerEvent();
        e.eventId = requiredText(o, "eventId");
        String typeName = requiredText(o, "type");
        e.type = EventType.fromWireName(typeName);
        if (e.type == null) {
            throw new InvalidEventException(RejectReason.UNKNOWN_TYPE, "unknown event type '" + typeName + "'");
        }
        e.timestamp = timestamp(o);
        if (e.timestamp > nowMillis + maxFutureSkewMillis) {
            throw new InvalidEventException(RejectReason.FUTURE_TIMESTAMP, "timestamp "
                    + Instant.ofEpochMilli(e.timestamp) + " is more than " + maxFutureSkewMillis / 1000
                    + " s in the future");
        }
        e.customerId = requiredText(o, "customerId");
        e.source = text(o, "source");
        e.email = text(o, "email");
        e.phone = text(o, "phone");
        e.anonymousId = text(o, "anonymousId");
        e.sessionId = text(o, "sessionId");
        e.url = text(o, "url");
        e.productId = text(o, "productId");
        e.category = text(o, "category");
        e.quantity = integer(o, "quantity");
        e.unitPrice = number(o, "unitPrice");
        e.orderId = text(o, "orderId");
        e.amount = number(o, "amount");
        e.currency = text(o, "currency");
        e.items = items(o);
        e.campaignId = text(o, "campaignId");
        e.ticketId = text(o, "ticketId");
        e.subject = text(o, "subject");
        e.text = text(o, "text");
        e.channel = text(o, "channel");
        e.ticketStatus = text(o, "ticketStatus");
        e.name = text(o, "name");
        e.country = text(o, "country");
        e.city = text(o, "city");
        e.birthDate = text(o, "birthDate");
        e.gender = text(o, "gender");
        e.consent = consent(o);
        e.attributes = attributes(o);
        e.attributeKinds = attributeKinds(o);
        checkPerType(e);
        return e;
    }

    private static void checkPerType(CustomerEvent e) throws InvalidEventException {
        switch (e.type) {
            case PURCHASE:
            case REFUND:
                if (e.amount == null) {
                    throw missing("amount", e.type);
                }
                if (!(e.amount > 0) || e.amount.isInfinite()) {
                    throw new InvalidEventException(RejectReason.NON_POSITIVE_AMOUNT,
                            e.type.wireName() + " amount must be positive, got " + e.amount);
                }
                break;
            case PRODUCT_VIEW:
            case ADD_TO_CART:
            case REMOVE_FROM_CART:
                if (isBlank(e.productId)) {
                    throw missing("productId", e.type);
                }
                break;
            case SUPPORT_TICKET:
                if (isBlank(e.ticketId)) {
                    throw missing("ticketId", e.type);
                }
                break;
            case EMAIL_SEND:
            case EMAIL_OPEN:
            case EMAIL_CLICK:
                if (isBlank(e.campaignId)) {
                    throw missing("campaignId", e.type);
                }
                break;
            default:
                break;
        }
        if (e.quantity != null && e.quantity <= 0) {
            throw new InvalidEventException(RejectReason.INVALID_VALUE, "quantity must be positive, got " + e.quantity);
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    private static InvalidEventException missing(String field, EventType type) {
        return new InvalidEventException(RejectReason.MISSING_FIELD,
                "missing required field '" + field + "' for type " + type.wireName());
    }

    private static String requiredText(ObjectNode o, String field) throws InvalidEventException {
        String v = text(o, field);
        if (v == null || v.isBlank()) {
            throw new InvalidEventException(RejectReason.MISSING_FIELD, "missing required field '" + field + "'");
        }
        return v;
    }

    private static String text(JsonNode o, String field) throws InvalidEventException {
        return text(o, field, "");
    }

    /** A string field; {@code at} prefixes the field in messages (e.g. "items[0]."). */
    private static String text(JsonNode o, String field, String at) throws InvalidEventException {
        JsonNode n = o.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw wrongType(at + field, "a string", n);
        }
        return n.textValue();
    }

    private static Double number(JsonNode o, String field) throws InvalidEventException {
        return number(o, field, "");
    }

    private static Double number(JsonNode o, String field, String at) throws InvalidEventException {
        JsonNode n = o.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isNumber()) {
            throw wrongType(at + field, "a number", n);
        }
        return n.doubleValue();
    }

    private static Integer integer(JsonNode o, String field) throws InvalidEventException {
        return integer(o, field, "");
    }

    /** An integer field; like JSON Schema, a number with a zero fraction (2.0) is an integer. */
    private static Integer integer(JsonNode o, String field, String at) throws InvalidEventException {
        JsonNode n = o.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!isWhole(n) || n.doubleValue() > Integer.MAX_VALUE || n.doubleValue() < Integer.MIN_VALUE) {
            throw wrongType(at + field, "an integer", n);
        }
        return n.intValue();
    }

    private static boolean isWhole(JsonNode n) {
        if (n.isIntegralNumber()) {
            return true;
        }
        double d = n.doubleValue();
        return n.isFloatingPointNumber() && !Double.isInfinite(d) && d == Math.rint(d);
    }

    private static long timestamp(ObjectNode o) throws InvalidEventException {
        JsonNode n = o.get("timestamp");
        if (n == null || n.isNull()) {
            throw new InvalidEventException(RejectReason.MISSING_FIELD, "missing required field 'timestamp'");
        }
        if (n.isNumber() && isWhole(n) && Math.abs(n.doubleValue()) < 9e15) {
            return n.longValue();
        }
        if (!n.isTextual()) {
            throw wrongType("timestamp", "an ISO-8601 string with offset or epoch milliseconds", n);
        }
        try {
            if (TIMESTAMP.matcher(n.textValue()).matches()) {
                return OffsetDateTime.parse(n.textValue()).toInstant().toEpochMilli();
            }
        } catch (DateTimeException ex) {
            // an impossible date or time: reported below
        }
        throw new InvalidEventException(RejectReason.INVALID_TIMESTAMP, "timestamp '" + n.textValue()
                + "' is not an ISO-8601 date-time with seconds and offset (e.g. 2024-05-01T10:15:30+02:00)");
    }

    private static List<LineItem> items(ObjectNode o) throws InvalidEventException {
        JsonNode n = o.get("items");
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isArray()) {
            throw wrongType("items", "an array", n);
        }
        List<LineItem> items = new ArrayList<>(n.size());
        for (int i = 0; i < n.size(); i++) {
            JsonNode item = n.get(i);
            String at = "items[" + i + "]";
            if (!item.isObject()) {
                throw wrongType(at, "an object", item);
            }
            LineItem li = new LineItem();
            li.productId = text(item, "productId", at + ".");
            li.category = text(item, "category", at + ".");
            Integer q = integer(item, "quantity", at + ".");
            Double p = number(item, "unitPrice", at + ".");
            if (li.productId == null || q == null || p == null) {
                throw new InvalidEventException(RejectReason.MISSING_FIELD,
                        at + " needs productId, quantity and unitPrice");
            }
            if (q <= 0 || p < 0) {
                throw new InvalidEventException(RejectReason.INVALID_VALUE,
                        at + " needs a positive quantity and a non-negative unitPrice");
            }
            li.quantity = q;
            li.unitPrice = p;
            items.add(li);
        }
        return items;
    }

    private static Map<String, Boolean> consent(ObjectNode o) throws InvalidEventException {
        JsonNode n = o.get("consent");
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isObject()) {
            throw wrongType("consent", "an object of booleans", n);
        }
        Map<String, Boolean> consent = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (!f.getValue().isBoolean()) {
                throw wrongType("consent." + f.getKey(), "a boolean", f.getValue());
            }
            consent.put(f.getKey(), f.getValue().booleanValue());
        }
        return consent;
    }

    private static Map<String, String> attributes(ObjectNode o) throws InvalidEventException {
        JsonNode n = o.get("attributes");
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isObject()) {
            throw wrongType("attributes", "an object", n);
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            JsonNode v = f.getValue();
            if (v.isNull()) {
                continue;
            }
            if (!v.isValueNode()) {
                throw wrongType("attributes." + f.getKey(), "a string, number or boolean", v);
            }
            attributes.put(f.getKey(), v.asText());
        }
        return attributes;
    }

    private static Map<String, String> attributeKinds(ObjectNode o) throws InvalidEventException {
        JsonNode n = o.get("attributeKinds");
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isObject()) {
            throw wrongType("attributeKinds", "an object", n);
        }
        Map<String, String> kinds = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            String field = "attributeKinds." + f.getKey();
            if (!f.getValue().isTextual()) {
                throw wrongType(field, "a string", f.getValue());
            }
            String kind = f.getValue().textValue();
            if (!ATTRIBUTE_KINDS.contains(kind)) {
                throw new InvalidEventException(RejectReason.INVALID_VALUE, "field '" + field + "' must be one of "
                        + String.join(", ", ATTRIBUTE_KINDS) + ", got '" + kind + "'");
            }
            kinds.put(f.getKey(), kind);
        }
        return kinds;
    }

    private static InvalidEventException wrongType(String field, String expected, JsonNode got) {
        return new InvalidEventException(RejectReason.WRONG_TYPE,
                "field '" + field + "' must be " + expected + ", got " + got.getNodeType().name().toLowerCase());
    }

    private static String firstLine(IOException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    /** The wire form of an event (timestamp as ISO-8601 UTC); null fields are left out. */
    public static byte[] toJson(CustomerEvent e) {
        try {
            return MAPPER.writeValueAsBytes(toTree(e));
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("cannot write event " + e.eventId, ex);
        }
    }

    public static ObjectNode toTree(CustomerEvent e) {
        ObjectNode o = MAPPER.createObjectNode();
        put(o, "eventId", e.eventId);
        put(o, "type", e.type == null ? null : e.type.wireName());
        o.put("timestamp", Instant.ofEpochMilli(e.timestamp).toString());
        put(o, "customerId", e.customerId);
        put(o, "source", e.source);
        put(o, "email", e.email);
        put(o, "phone", e.phone);
        put(o, "anonymousId", e.anonymousId);
        put(o, "sessionId", e.sessionId);
        put(o, "url", e.url);
        put(o, "productId", e.productId);
        put(o, "category", e.category);
        if (e.quantity != null) {
            o.put("quantity", e.quantity);
        }
        if (e.unitPrice != null) {
            o.put("unitPrice", e.unitPrice);
        }
        put(o, "orderId", e.orderId);
        if (e.amount != null) {
            o.put("amount", e.amount);
        }
        put(o, "currency", e.currency);
        if (e.items != null) {
            ArrayNode items = o.putArray("items");
            for (LineItem li : e.items) {
                ObjectNode i = items.addObject();
                put(i, "productId", li.productId);
                put(i, "category", li.category);
                i.put("quantity", li.quantity);
                i.put("unitPrice", li.unitPrice);
            }
        }
        put(o, "campaignId", e.campaignId);
        put(o, "ticketId", e.ticketId);
        put(o, "subject", e.subject);
        put(o, "text", e.text);
        put(o, "channel", e.channel);
        put(o, "ticketStatus", e.ticketStatus);
        put(o, "name", e.name);
        put(o, "country", e.country);
        put(o, "city", e.city);
        put(o, "birthDate", e.birthDate);
        put(o, "gender", e.gender);
        if (e.consent != null) {
            ObjectNode c = o.putObject("consent");
            e.consent.forEach(c::put);
        }
        if (e.attributes != null) {
            ObjectNode a = o.putObject("attributes");
            e.attributes.forEach(a::put);
        }
        if (e.attributeKinds != null) {
            ObjectNode k = o.putObject("attributeKinds");
            e.attributeKinds.forEach(k::put);
        }
        return o;
    }

    private static void put(ObjectNode o, String field, String value) {
        if (value != null) {
            o.put(field, value);
        }
    }
}
