package io.smartcrm.model.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smartcrm.model.event.CustomerEvent;
import io.smartcrm.model.event.EventType;
import io.smartcrm.model.event.LineItem;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Reading and writing the wire form: every rejection reason, with the offending field named in the message. */
class EventCodecTest {
    static final long NOW = Instant.parse("2024-05-01T12:00:00Z").toEpochMilli();
    static final int MAX_BYTES = 4_096;
    static final long SKEW = 300_000;
    static final EventCodec CODEC = new EventCodec(MAX_BYTES, SKEW);

    /** A valid login event with {@code extra} spliced in (e.g. {@code "\"amount\": 3"}); a field given twice is not used. */
    static String event(String type, String extra) {
        return "{\"eventId\":\"e-1\",\"type\":\"" + type + "\",\"timestamp\":\"2024-05-01T10:00:00Z\","
                + "\"customerId\":\"c-1\"" + (extra.isEmpty() ? "" : "," + extra) + "}";
    }

    static CustomerEvent parse(String json) throws InvalidEventException {
        return CODEC.parse(json.getBytes(StandardCharsets.UTF_8), NOW);
    }

    static void assertRejected(String json, RejectReason reason, String... inMessage) {
        assertThatThrownBy(() -> parse(json))
                .isInstanceOfSatisfying(InvalidEventException.class, e -> {
                    assertThat(e.reason()).as("reason of %s", json).isEqualTo(reason);
                    assertThat(e.getMessage()).as("message of %s", json).contains(inMessage);
                });
    }

    @Nested
    class Malformed {
        @Test
        void emptyAndNullPayloads() {
            assertThatThrownBy(() -> CODEC.parse(new byte[0], NOW))
                    .isInstanceOfSatisfying(InvalidEventException.class, e -> {
                        assertThat(e.reason()).isEqualTo(RejectReason.MALFORMED_JSON);
                        assertThat(e.getMessage()).contains("empty");
                    });
            assertThatThrownBy(() -> CODEC.parse(null, NOW))
                    .isInstanceOfSatisfying(InvalidEventException.class,
                            e -> assertThat(e.reason()).isEqualTo(RejectReason.MALFORMED_JSON));
        }

        @ParameterizedTest
        @ValueSource(strings = {"{\"eventId\":", "{eventId: \"e\"}", "not json at all", "{\"a\":1,}", "\u0000\u0001"})
        void notJson(String payload) {
            assertRejected(payload, RejectReason.MALFORMED_JSON, "not valid JSON");
        }

        @ParameterizedTest
        @ValueSource(strings = {"[]", "[{\"eventId\":\"e\"}]", "\"a string\"", "42", "true", "null", "   "})
        void notAnObject(String payload) {
            assertRejected(payload, RejectReason.MALFORMED_JSON, "not a JSON object");
        }

        @Test
        void invalidUtf8IsMalformed() {
            byte[] bytes = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
            assertThatThrownBy(() -> CODEC.parse(bytes, NOW))
                    .isInstanceOfSatisfying(InvalidEventException.class,
                            e -> assertThat(e.reason()).isEqualTo(RejectReason.MALFORMED_JSON));
        }
    }

    @Nested
    class Size {
        @Test
        void oversizeIsRejectedBeforeParsingAndNamesBothSizes() {
            String big = event("page_view", "\"url\":\"" + "x".repeat(MAX_BYTES) + "\"");
            int bytes = big.getBytes(StandardCharsets.UTF_8).length;
            assertRejected(big, RejectReason.OVERSIZE, Integer.toString(bytes), Integer.toString(MAX_BYTES));
            // not even JSON: size is checked first
            assertThatThrownBy(() -> CODEC.parse(new byte[MAX_BYTES + 1], NOW))
                    .isInstanceOfSatisfying(InvalidEventException.class,
                            e -> assertThat(e.reason()).isEqualTo(RejectReason.OVERSIZE));
        }

        @Test
        void exactlyAtTheLimitIsAccepted() throws Exception {
            String head = "{\"eventId\":\"e\",\"type\":\"page_view\",\"timestamp\":1714557600000,"
                    + "\"customerId\":\"c\",\"url\":\"";
            int fill = MAX_BYTES - head.getBytes(StandardCharsets.UTF_8).length - 2;
            String exact = head + "u".repeat(fill) + "\"}";
            assertThat(exact.getBytes(StandardCharsets.UTF_8).length).isEqualTo(MAX_BYTES);
            assertThat(parse(exact).url.length()).isEqualTo(fill);
        }
    }

    @Nested
    class RequiredFields {
        @Test
        void missingEventId() {
            assertRejected("{\"type\":\"login\",\"timestamp\":1714557600000,\"customerId\":\"c\"}",
                    RejectReason.MISSING_FIELD, "'eventId'");
        }

        @ParameterizedTest
        @ValueSource(strings = {"\"\"", "\"   \"", "null"})
        void blankOrNullEventId(String value) {
            assertRejected("{\"eventId\":" + value + ",\"type\":\"login\",\"timestamp\":1714557600000,\"customerId\":\"c\"}",
                    RejectReason.MISSING_FIELD, "'eventId'");
        }

        @Test
        void missingType() {
            assertRejected("{\"eventId\":\"e\",\"timestamp\":1714557600000,\"customerId\":\"c\"}",
                    RejectReason.MISSING_FIELD, "'type'");
        }

        @Test
        void missingTimestamp() {
            assertRejected("{\"eventId\":\"e\",\"type\":\"login\",\"customerId\":\"c\"}",
                    RejectReason.MISSING_FIELD, "'timestamp'");
            assertRejected("{\"eventId\":\"e\",\"type\":\"login\",\"timestamp\":null,\"customerId\":\"c\"}",
                    RejectReason.MISSING_FIELD, "'timestamp'");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", ",\"customerId\":\"\"", ",\"customerId\":\" \"", ",\"customerId\":null"})
        void missingCustomerId(String customer) {
            assertRejected("{\"eventId\":\"e\",\"type\":\"login\",\"timestamp\":1714557600000" + customer + "}",
                    RejectReason.MISSING_FIELD, "'customerId'");
        }
    }

    @Nested
    class Types {
        @Test
        void unknownTypeIsNamed() {
            assertRejected(event("page_viewed", ""), RejectReason.UNKNOWN_TYPE, "type", "'page_viewed'");
            assertRejected(event("PAGE_VIEW", ""), RejectReason.UNKNOWN_TYPE, "'PAGE_VIEW'");
        }

        @ParameterizedTest
        @EnumSource(EventType.class)
        void everyWireNameIsKnown(EventType type) throws Exception {
            String extra = switch (type) {
                case PURCHASE, REFUND -> "\"amount\":1";
                case PRODUCT_VIEW, ADD_TO_CART, REMOVE_FROM_CART -> "\"productId\":\"p\"";
                case SUPPORT_TICKET -> "\"ticketId\":\"t\"";
                case EMAIL_SEND, EMAIL_OPEN, EMAIL_CLICK -> "\"campaignId\":\"m\"";
                default -> "";
            };
            assertThat(parse(event(type.wireName(), extra)).type).isEqualTo(type);
        }

        @ParameterizedTest(name = "{0} = {1}")
        @CsvSource(delimiter = '|', value = {
            "eventId    | 12                      | a string",
            "customerId | {\"id\":1}              | a string",
            "type       | 3                       | a string",
            "email      | true                    | a string",
            "source     | [\"web\"]               | a string",
            "sessionId  | 7                       | a string",
            "quantity   | \"2\"                   | an integer",
            "quantity   | 1.5                     | an integer",
            "quantity   | 3000000000              | an integer",
            "unitPrice  | \"9.99\"                | a number",
            "amount     | \"12.50\"               | a number",
            "amount     | false                   | a number",
            "currency   | 978                     | a string",
            "items      | {\"productId\":\"p\"}   | an array",
            "consent    | \"yes\"                 | an object",
            "attributes | [1,2]                   | an object",
            "attributeKinds | \"numeric\"       | an object",
            "timestamp  | true                    | ISO-8601",
            "timestamp  | 1714557600000.5         | ISO-8601",
        })
        void wrongTypesNameTheField(String field, String value, String expected) {
            String json = "{\"eventId\":\"e\",\"type\":\"page_view\",\"timestamp\":1714557600000,\"customerId\":\"c\"";
            json = json.replaceFirst("\"" + field + "\":[^,]+,?", "");
            if (json.endsWith(",")) {
                json = json.substring(0, json.length() - 1);
            }
            json = json + ",\"" + field + "\":" + value + "}";
            assertRejected(json, RejectReason.WRONG_TYPE, "'" + field + "'", expected);
        }

        @Test
        void amountAsStringOnAPurchaseIsAWrongTypeNotAMissingAmount() {
            assertRejected(event("purchase", "\"amount\":\"12.50\""), RejectReason.WRONG_TYPE, "'amount'", "a number",
                    "string");
        }
    }

    @Nested
    class Timestamps {
        @ParameterizedTest(name = "{0}")
        @CsvSource({
            "2024-05-01T10:15:30Z,         2024-05-01T10:15:30Z",
            "2024-05-01T12:15:30+02:00,    2024-05-01T10:15:30Z",
            "2024-05-01T05:15:30-05:00,    2024-05-01T10:15:30Z",
            "2024-05-01T10:15:30.123Z,     2024-05-01T10:15:30.123Z",
            "2024-05-01T10:15:30.123456789Z, 2024-05-01T10:15:30.123Z",
        })
        void isoWithOffsetIsConvertedToUtcMillis(String wire, String utc) throws Exception {
            CustomerEvent e = parse("{\"eventId\":\"e\",\"type\":\"login\",\"timestamp\":\"" + wire
                    + "\",\"customerId\":\"c\"}");
            assertThat(e.timestamp).isEqualTo(Instant.parse(utc).toEpochMilli());
        }

        @Test
        void epochMillisAreTakenAsIs() throws Exception {
            CustomerEvent e = parse("{\"eventId\":\"e\",\"type\":\"login\",\"timestamp\":1714557600000,\"customerId\":\"c\"}");
            assertThat(e.timestamp).isEqualTo(1_714_557_600_000L);
        }

        @ParameterizedTest
        @ValueSource(strings = {"2024-05-01T10:15:30", "2024-05-01 10:15:30Z", "2024-05-01", "yesterday",
                "1714557600000", "2024-13-01T10:15:30Z", "2024-02-30T10:15:30Z", "", "2024-05-01T10:15Z",
                "2024-05-01T10:15:30+02", "2024-05-01t10:15:30z", "2024-05-01T10:15:30.1234567891Z"})
        void withoutOffsetOrNotIsoIsInvalid(String wire) {
            assertRejected("{\"eventId\":\"e\",\"type\":\"login\",\"timestamp\":\"" + wire + "\",\"customerId\":\"c\"}",
                    RejectReason.INVALID_TIMESTAMP, "timestamp", "'" + wire + "'");
        }

        @Test
        void futureBeyondSkewIsRejectedUpToTheSkewAccepted() throws Exception {
            long limit = NOW + SKEW;
            assertThat(parse("{\"eventId\":\"e\",\"type\":\"login\",\"timestamp\":" + limit + ",\"customerId\":\"c\"}")
                    .timestamp).isEqualTo(limit);
            assertRejected("{\"eventId\":\"e\",\"type\":\"login\",\"timestamp\":" + (limit + 1) + ",\"customerId\":\"c\"}",
                    RejectReason.FUTURE_TIMESTAMP, "timestamp", "300 s in the future");
            assertRejected("{\"eventId\":\"e\",\"type\":\"login\",\"timestamp\":\"2024-05-02T00:00:00+02:00\",\"customerId\":\"c\"}",
                    RejectReason.FUTURE_TIMESTAMP, "timestamp");
        }

        @Test
        void thePastIsNotLimited() throws Exception {
            assertThat(parse("{\"eventId\":\"e\",\"type\":\"login\",\"timestamp\":\"2010-12-01T08:26:00Z\",\"customerId\":\"c\"}")
                    .timestamp).isEqualTo(Instant.parse("2010-12-01T08:26:00Z").toEpochMilli());
        }
    }

    @Nested
    class Amounts {
        @ParameterizedTest
        @CsvSource({"purchase, 0", "purchase, -5.5", "refund, 0", "refund, -0.01", "purchase, -0.0"})
        void nonPositive(String type, String amount) {
            assertRejected(event(type, "\"amount\":" + amount), RejectReason.NON_POSITIVE_AMOUNT, type, "amount",
                    "positive");
        }

        @ParameterizedTest
        @ValueSource(strings = {"purchase", "refund"})
        void missingOrNullAmount(String type) {
            assertRejected(event(type, ""), RejectReason.MISSING_FIELD, "'amount'", type);
            assertRejected(event(type, "\"amount\":null"), RejectReason.MISSING_FIELD, "'amount'", type);
        }

        @Test
        void positiveAmountsAreKept() throws Exception {
            assertThat(parse(event("purchase", "\"amount\":0.01")).amount).isEqualTo(0.01);
            assertThat(parse(event("refund", "\"amount\":12")).amount).isEqualTo(12.0);
        }

        @Test
        void otherTypesMayCarryAnyAmount() throws Exception {
            assertThat(parse(event("page_view", "\"amount\":-3")).amount).isEqualTo(-3.0);
        }
    }

    @Nested
    class PerTypeFields {
        @ParameterizedTest
        @CsvSource({
            "product_view, productId", "add_to_cart, productId", "remove_from_cart, productId",
            "support_ticket, ticketId",
            "email_send, campaignId", "email_open, campaignId", "email_click, campaignId",
        })
        void required(String type, String field) {
            assertRejected(event(type, ""), RejectReason.MISSING_FIELD, "'" + field + "'", type);
            assertRejected(event(type, "\"" + field + "\":null"), RejectReason.MISSING_FIELD, "'" + field + "'");
        }

        @ParameterizedTest
        @ValueSource(strings = {"page_view", "login", "subscription_cancel", "profile_update"})
        void typesWithoutRequiredFields(String type) throws Exception {
            assertThat(parse(event(type, "")).type.wireName()).isEqualTo(type);
        }

        @ParameterizedTest
        @ValueSource(ints = {0, -1})
        void quantityMustBePositive(int quantity) {
            assertRejected(event("add_to_cart", "\"productId\":\"p\",\"quantity\":" + quantity),
                    RejectReason.INVALID_VALUE, "quantity", "positive");
        }
    }

    @Nested
    class Items {
        static String purchase(String items) {
            return event("purchase", "\"amount\":10,\"items\":" + items);
        }

        @Test
        void validItemsAreRead() throws Exception {
            CustomerEvent e = parse(purchase("[{\"productId\":\"p1\",\"category\":\"shoes\",\"quantity\":2,\"unitPrice\":2.5},"
                    + "{\"productId\":\"p2\",\"quantity\":1,\"unitPrice\":0}]"));
            assertThat(e.items).containsExactly(new LineItem("p1", "shoes", 2, 2.5), new LineItem("p2", null, 1, 0));
        }

        @Test
        void emptyItemsAreAnEmptyList() throws Exception {
            assertThat(parse(purchase("[]")).items).isEmpty();
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
            "[{\"quantity\":1,\"unitPrice\":1}]                        | items[0]",
            "[{\"productId\":\"p\",\"unitPrice\":1}]                   | items[0]",
            "[{\"productId\":\"p\",\"quantity\":1}]                    | items[0]",
            "[{\"productId\":\"p\",\"quantity\":1,\"unitPrice\":1},{\"productId\":\"q\"}] | items[1]",
        })
        void missingItemFieldsAreNamedByIndex(String items, String at) {
            assertRejected(purchase(items), RejectReason.MISSING_FIELD, at, "productId, quantity and unitPrice");
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
            "[{\"productId\":\"p\",\"quantity\":0,\"unitPrice\":1}]",
            "[{\"productId\":\"p\",\"quantity\":-2,\"unitPrice\":1}]",
            "[{\"productId\":\"p\",\"quantity\":1,\"unitPrice\":-0.5}]",
        })
        void invalidItemValues(String items) {
            assertRejected(purchase(items), RejectReason.INVALID_VALUE, "items[0]", "positive quantity");
        }

        @ParameterizedTest(name = "{0} -> {1}")
        @CsvSource(delimiter = '|', value = {
            "[\"p1\"]                                                     | 'items[0]'",
            "[{\"productId\":5,\"quantity\":1,\"unitPrice\":1}]           | 'productId'",
            "[{\"productId\":\"p\",\"quantity\":\"1\",\"unitPrice\":1}]   | 'quantity'",
            "[{\"productId\":\"p\",\"quantity\":1,\"unitPrice\":\"1\"}]   | 'unitPrice'",
            "\"p1,p2\"                                                    | 'items'",
        })
        void wrongItemTypes(String items, String field) {
            assertRejected(purchase(items), RejectReason.WRONG_TYPE, field);
        }
    }

    @Nested
    class ConsentAndAttributes {
        @Test
        void consentOfBooleans() throws Exception {
            CustomerEvent e = parse(event("profile_update", "\"consent\":{\"email\":true,\"sms\":false}"));
            assertThat(e.consent).containsExactly(Map.entry("email", true), Map.entry("sms", false));
        }

        @ParameterizedTest
        @ValueSource(strings = {"\"true\"", "1", "null", "{}"})
        void consentValuesMustBeBooleans(String value) {
            assertRejected(event("profile_update", "\"consent\":{\"email\":true,\"sms\":" + value + "}"),
                    RejectReason.WRONG_TYPE, "'consent.sms'", "a boolean");
        }

        @ParameterizedTest
        @ValueSource(strings = {"true", "\"yes\"", "[true]"})
        void consentMustBeAnObject(String value) {
            assertRejected(event("profile_update", "\"consent\":" + value), RejectReason.WRONG_TYPE, "'consent'",
                    "an object");
        }

        @Test
        void attributesKeepScalarsAsStringsAndDropNulls() throws Exception {
            CustomerEvent e = parse(event("profile_update",
                    "\"attributes\":{\"tier\":\"gold\",\"points\":120,\"ratio\":0.5,\"vip\":true,\"gone\":null}"));
            assertThat(e.attributes).containsExactly(Map.entry("tier", "gold"), Map.entry("points", "120"),
                    Map.entry("ratio", "0.5"), Map.entry("vip", "true"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"{\"a\":1}", "[1]"})
        void attributeValuesMustBeScalars(String value) {
            assertRejected(event("profile_update", "\"attributes\":{\"nested\":" + value + "}"),
                    RejectReason.WRONG_TYPE, "'attributes.nested'", "a string, number or boolean");
        }

        @ParameterizedTest
        @ValueSource(strings = {"\"tier=gold\"", "42", "[\"gold\"]"})
        void attributesMustBeAnObject(String value) {
            assertRejected(event("profile_update", "\"attributes\":" + value), RejectReason.WRONG_TYPE,
                    "'attributes'", "an object");
        }

        @Test
        void attributeKindsAreReadInOrderAndAbsentWhenNullOrMissing() throws Exception {
            CustomerEvent e = parse(event("profile_update", "\"attributes\":{\"tenure\":\"12\",\"churned\":\"true\"},"
                    + "\"attributeKinds\":{\"tenure\":\"numeric\",\"contract\":\"categorical\",\"vip\":\"boolean\","
                    + "\"note\":\"text\",\"churned\":\"label\"}"));
            assertThat(e.attributeKinds).containsExactly(Map.entry("tenure", "numeric"),
                    Map.entry("contract", "categorical"), Map.entry("vip", "boolean"), Map.entry("note", "text"),
                    Map.entry("churned", "label"));
            assertThat(parse(event("profile_update", "\"attributeKinds\":null")).attributeKinds).isNull();
            assertThat(parse(event("profile_update", "")).attributeKinds).isNull();
            assertThat(parse(event("profile_update", "\"attributeKinds\":{}")).attributeKinds).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"1", "true", "null", "[\"numeric\"]", "{\"kind\":\"numeric\"}"})
        void attributeKindsMustBeStrings(String value) {
            String kinds = "\"attributeKinds\":{\"tier\":\"categorical\",\"tenure\":" + value + "}";
            assertRejected(event("profile_update", kinds), RejectReason.WRONG_TYPE, "'attributeKinds.tenure'",
                    "a string");
        }

        @ParameterizedTest
        @ValueSource(strings = {"ordinal", "Numeric", " numeric", "", "feature"})
        void unknownAttributeKindsAreInvalidAndNamed(String kind) {
            assertRejected(event("profile_update", "\"attributeKinds\":{\"tenure\":\"" + kind + "\"}"),
                    RejectReason.INVALID_VALUE, "'attributeKinds.tenure'", "'" + kind + "'",
                    "numeric, categorical, boolean, text, label");
        }

        @ParameterizedTest
        @ValueSource(strings = {"\"numeric\"", "42", "[\"numeric\"]"})
        void attributeKindsMustBeAnObject(String value) {
            assertRejected(event("profile_update", "\"attributeKinds\":" + value), RejectReason.WRONG_TYPE,
                    "'attributeKinds'", "an object");
        }
    }

    @Nested
    class Reading {
        @Test
        void unknownTopLevelFieldsAreIgnoredAndNullsAreAbsent() throws Exception {
            CustomerEvent e = parse(event("page_view", "\"url\":\"/home\",\"email\":null,\"somethingNew\":{\"x\":1}"));
            assertThat(e.url).isEqualTo("/home");
            assertThat(e.email).isNull();
            assertThat(e.warnings).isNull();
        }

        @Test
        void allFieldsAreRead() throws Exception {
            CustomerEvent e = parse(event("purchase", "\"source\":\"web\",\"email\":\"a@b.c\",\"phone\":\"+44 20\","
                    + "\"anonymousId\":\"anon\",\"sessionId\":\"s\",\"url\":\"/u\",\"productId\":\"p\",\"category\":\"c\","
                    + "\"quantity\":2,\"unitPrice\":1.5,\"orderId\":\"o\",\"amount\":3,\"currency\":\"EUR\","
                    + "\"campaignId\":\"m\",\"ticketId\":\"t\",\"subject\":\"sub\",\"text\":\"txt\",\"channel\":\"chat\","
                    + "\"ticketStatus\":\"open\",\"name\":\"N\",\"country\":\"UK\",\"city\":\"Leeds\","
                    + "\"birthDate\":\"1990-01-02\",\"gender\":\"f\""));
            assertThat(e).extracting("source", "email", "phone", "anonymousId", "sessionId", "url", "productId",
                    "category", "quantity", "unitPrice", "orderId", "amount", "currency", "campaignId", "ticketId",
                    "subject", "text", "channel", "ticketStatus", "name", "country", "city", "birthDate", "gender")
                    .containsExactly("web", "a@b.c", "+44 20", "anon", "s", "/u", "p", "c", 2, 1.5, "o", 3.0, "EUR", "m",
                            "t", "sub", "txt", "chat", "open", "N", "UK", "Leeds", "1990-01-02", "f");
        }
    }

    @Nested
    class RoundTrip {
        @Test
        void toJsonThenParseGivesTheSameEvent() throws Exception {
            CustomerEvent e = new CustomerEvent();
            e.eventId = "evt-42";
            e.type = EventType.PURCHASE;
            e.timestamp = Instant.parse("2024-04-30T23:59:59.123Z").toEpochMilli();
            e.customerId = "cust-7";
            e.source = "web";
            e.email = "ann@example.com";
            e.phone = "+442079460000";
            e.anonymousId = "anon-1";
            e.sessionId = "sess-1";
            e.url = "https://shop.example/checkout";
            e.orderId = "o-1";
            e.amount = 59.9;
            e.currency = "EUR";
            e.items = List.of(new LineItem("p1", "shoes", 1, 49.9), new LineItem("p2", null, 2, 5));
            e.name = "Ann";
            e.country = "GB";
            e.city = "London";
            e.birthDate = "1990-02-03";
            e.gender = "f";
            Map<String, Boolean> consent = new LinkedHashMap<>();
            consent.put("email", true);
            consent.put("sms", false);
            e.consent = consent;
            Map<String, String> attributes = new LinkedHashMap<>();
            attributes.put("tier", "gold");
            attributes.put("tenure", "12");
            e.attributes = attributes;
            Map<String, String> kinds = new LinkedHashMap<>();
            kinds.put("tier", "categorical");
            kinds.put("tenure", "numeric");
            e.attributeKinds = kinds;

            byte[] json = EventCodec.toJson(e);
            CustomerEvent back = CODEC.parse(json, NOW);
            assertThat(back).isEqualTo(e);
            assertThat(new String(json, StandardCharsets.UTF_8))
                    .contains("\"timestamp\":\"2024-04-30T23:59:59.123Z\"")
                    .contains("\"attributeKinds\":{\"tier\":\"categorical\",\"tenure\":\"numeric\"}")
                    .doesNotContain("null").doesNotContain("warnings");
            assertThat(EventCodec.toJson(back)).isEqualTo(json);
        }

        @ParameterizedTest
        @EnumSource(EventType.class)
        void minimalEventsOfEveryTypeRoundTrip(EventType type) throws Exception {
            CustomerEvent e = new CustomerEvent();
            e.eventId = "e-" + type.wireName();
            e.type = type;
            e.timestamp = NOW - 1;
            e.customerId = "c";
            switch (type) {
                case PURCHASE, REFUND -> e.amount = 1.25;
                case PRODUCT_VIEW, ADD_TO_CART, REMOVE_FROM_CART -> { e.productId = "p"; e.quantity = 3; }
                case SUPPORT_TICKET -> { e.ticketId = "t"; e.ticketStatus = "closed"; }
                case EMAIL_SEND, EMAIL_OPEN, EMAIL_CLICK -> e.campaignId = "m";
                default -> { }
            }
            assertThat(CODEC.parse(EventCodec.toJson(e), NOW)).isEqualTo(e);
        }
    }
}
