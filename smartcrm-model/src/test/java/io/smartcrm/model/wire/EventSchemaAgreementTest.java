package io.smartcrm.model.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The published JSON Schema and {@link EventCodec} must agree on what is a valid event, so producers can validate
 * with the schema and trust the job to accept what passes.
 *
 * <p>Two codec rules are deliberately outside the schema and therefore outside this corpus: the payload size limit
 * ({@code oversize}, a transport limit) and the future-skew limit ({@code future_timestamp}, which depends on the
 * wall clock). Every timestamp below lies in the past and every message is far below the size limit, so those rules
 * never fire here. A message that is not JSON at all counts as invalid for the schema too.
 */
class EventSchemaAgreementTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final long NOW = Instant.parse("2025-01-01T00:00:00Z").toEpochMilli();
    private static final EventCodec CODEC = new EventCodec(1 << 20, 300_000);
    private static JsonSchema schema;

    @BeforeAll
    static void loadSchema() throws IOException {
        try (InputStream in = EventCodec.class.getResourceAsStream(EventCodec.SCHEMA_RESOURCE)) {
            assertThat(in).as("schema resource %s", EventCodec.SCHEMA_RESOURCE).isNotNull();
            // format assertions on: the schema's "format": "date-time" is part of the contract
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(in, SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());
        }
    }

    private static final String BASE = "\"eventId\":\"e-1\",\"timestamp\":\"2024-05-01T10:15:30Z\",\"customerId\":\"c-1\"";

    /** An event of this type with the base fields plus {@code extra}. */
    private static String ev(String type, String extra) {
        return "{" + BASE + ",\"type\":\"" + type + "\"" + (extra.isEmpty() ? "" : "," + extra) + "}";
    }

    static Stream<Arguments> valid() {
        return Stream.of(
                ev("page_view", ""),
                ev("page_view", "\"url\":\"/home\",\"sessionId\":\"s1\",\"anonymousId\":\"a1\",\"source\":\"web\""),
                "{\"eventId\":\"e\",\"type\":\"login\",\"timestamp\":1714557600000,\"customerId\":\"c\"}",
                "{\"eventId\":\"e\",\"type\":\"login\",\"timestamp\":0,\"customerId\":\"c\"}",
                "{\"eventId\":\"e\",\"type\":\"login\",\"timestamp\":\"2024-05-01T12:15:30+02:00\",\"customerId\":\"c\"}",
                "{\"eventId\":\"e\",\"type\":\"login\",\"timestamp\":\"2024-05-01T05:15:30-05:00\",\"customerId\":\"c\"}",
                "{\"eventId\":\"e\",\"type\":\"login\",\"timestamp\":\"2024-05-01T10:15:30.123456Z\",\"customerId\":\"c\"}",
                ev("product_view", "\"productId\":\"p1\",\"category\":\"shoes\""),
                ev("add_to_cart", "\"productId\":\"p1\",\"quantity\":2,\"unitPrice\":19.99"),
                ev("remove_from_cart", "\"productId\":\"p1\",\"quantity\":1"),
                ev("purchase", "\"amount\":39.98,\"currency\":\"EUR\",\"orderId\":\"o1\","
                        + "\"items\":[{\"productId\":\"p1\",\"category\":\"shoes\",\"quantity\":2,\"unitPrice\":19.99}]"),
                ev("purchase", "\"amount\":5,\"items\":[{\"productId\":\"p\",\"category\":null,\"quantity\":1,\"unitPrice\":0}]"),
                ev("purchase", "\"amount\":0.01,\"items\":[]"),
                ev("refund", "\"amount\":12.5,\"orderId\":\"o1\""),
                ev("email_send", "\"campaignId\":\"spring\""),
                ev("email_open", "\"campaignId\":\"spring\""),
                ev("email_click", "\"campaignId\":\"spring\",\"url\":\"https://x\""),
                ev("support_ticket", "\"ticketId\":\"t1\",\"subject\":\"Late\",\"text\":\"Where is it?\",\"channel\":\"email\""),
                ev("support_ticket", "\"ticketId\":\"t1\",\"ticketStatus\":\"closed\""),
                ev("login", "\"source\":\"app\""),
                ev("subscription_cancel", "\"source\":\"crm\""),
                ev("profile_update", "\"name\":\"Ann\",\"email\":\"ANN@x.com\",\"phone\":\"020 7946 0000\","
                        + "\"country\":\"United Kingdom\",\"city\":\"London\",\"birthDate\":\"1990-02-03\",\"gender\":\"f\""),
                ev("profile_update", "\"consent\":{\"email\":true,\"sms\":false},\"attributes\":{\"tier\":\"gold\","
                        + "\"points\":12,\"vip\":true,\"none\":null}"),
                ev("profile_update", "\"consent\":{},\"attributes\":{}"),
                ev("profile_update", "\"attributes\":{\"tenure\":\"12\",\"contract\":\"Two year\",\"vip\":\"true\","
                        + "\"note\":\"hi\",\"churned\":\"false\"},\"attributeKinds\":{\"tenure\":\"numeric\","
                        + "\"contract\":\"categorical\",\"vip\":\"boolean\",\"note\":\"text\",\"churned\":\"label\"}"),
                ev("profile_update", "\"attributeKinds\":{}"),
                ev("page_view", "\"attributeKinds\":null"),
                ev("page_view", "\"email\":null,\"phone\":null,\"items\":null,\"consent\":null,\"attributes\":null"),
                ev("page_view", "\"futureField\":{\"nested\":[1,2,3]}"),
                ev("page_view", "\"amount\":-3,\"unitPrice\":-1")
        ).map(json -> Arguments.of(json, true));
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                ev("product_view", "\"productId\":\"\""),
                "{\"eventId\":",
                "not json",
                "[]",
                "\"event\"",
                "42",
                "null",
                "{}",
                "{\"type\":\"login\",\"timestamp\":1714557600000,\"customerId\":\"c\"}",
                "{\"eventId\":\"\",\"type\":\"login\",\"timestamp\":1714557600000,\"customerId\":\"c\"}",
                "{\"eventId\":\"  \",\"type\":\"login\",\"timestamp\":1714557600000,\"customerId\":\"c\"}",
                "{\"eventId\":null,\"type\":\"login\",\"timestamp\":1714557600000,\"customerId\":\"c\"}",
                "{\"eventId\":17,\"type\":\"login\",\"timestamp\":1714557600000,\"customerId\":\"c\"}",
                "{\"eventId\":\"e\",\"timestamp\":1714557600000,\"customerId\":\"c\"}",
                "{\"eventId\":\"e\",\"type\":\"page_viewed\",\"timestamp\":1714557600000,\"customerId\":\"c\"}",
                "{\"eventId\":\"e\",\"type\":5,\"timestamp\":1714557600000,\"customerId\":\"c\"}",
                "{\"eventId\":\"e\",\"type\":\"login\",\"customerId\":\"c\"}",
                "{\"eventId\":\"e\",\"type\":\"login\",\"timestamp\":null,\"customerId\":\"c\"}",
                "{\"eventId\":\"e\",\"type\":\"login\",\"timestamp\":\"2024-05-01T10:15:30\",\"customerId\":\"c\"}",
                "{\"eventId\":\"e\",\"type\":\"login\",\"timestamp\":\"2024-05-01\",\"customerId\":\"c\"}",
                "{\"eventId\":\"e\",\"type\":\"login\",\"timestamp\":\"yesterday\",\"customerId\":\"c\"}",
                "{\"eventId\":\"e\",\"type\":\"login\",\"timestamp\":true,\"customerId\":\"c\"}",
                "{\"eventId\":\"e\",\"type\":\"login\",\"timestamp\":1714557600000.5,\"customerId\":\"c\"}",
                "{\"eventId\":\"e\",\"type\":\"login\",\"timestamp\":1714557600000}",
                "{\"eventId\":\"e\",\"type\":\"login\",\"timestamp\":1714557600000,\"customerId\":\"\"}",
                "{\"eventId\":\"e\",\"type\":\"login\",\"timestamp\":1714557600000,\"customerId\":42}",
                ev("purchase", ""),
                ev("purchase", "\"amount\":null"),
                ev("purchase", "\"amount\":0"),
                ev("refund", "\"amount\":-5"),
                ev("refund", "\"amount\":\"12.50\""),
                ev("product_view", ""),
                ev("add_to_cart", "\"productId\":7"),
                ev("remove_from_cart", "\"productId\":null"),
                ev("support_ticket", "\"subject\":\"no id\""),
                ev("email_open", ""),
                ev("email_click", "\"campaignId\":3"),
                ev("add_to_cart", "\"productId\":\"p\",\"quantity\":0"),
                ev("add_to_cart", "\"productId\":\"p\",\"quantity\":1.5"),
                ev("add_to_cart", "\"productId\":\"p\",\"unitPrice\":\"9.99\""),
                ev("purchase", "\"amount\":1,\"items\":{\"productId\":\"p\"}"),
                ev("purchase", "\"amount\":1,\"items\":[\"p1\"]"),
                ev("purchase", "\"amount\":1,\"items\":[{\"productId\":\"p\",\"quantity\":1}]"),
                ev("purchase", "\"amount\":1,\"items\":[{\"quantity\":1,\"unitPrice\":1}]"),
                ev("purchase", "\"amount\":1,\"items\":[{\"productId\":\"p\",\"quantity\":0,\"unitPrice\":1}]"),
                ev("purchase", "\"amount\":1,\"items\":[{\"productId\":\"p\",\"quantity\":1,\"unitPrice\":-1}]"),
                ev("purchase", "\"amount\":1,\"items\":[{\"productId\":\"p\",\"quantity\":\"2\",\"unitPrice\":1}]"),
                ev("purchase", "\"amount\":1,\"currency\":978"),
                ev("profile_update", "\"consent\":\"yes\""),
                ev("profile_update", "\"consent\":{\"email\":\"true\"}"),
                ev("profile_update", "\"attributes\":[\"gold\"]"),
                ev("profile_update", "\"attributes\":{\"nested\":{\"a\":1}}"),
                ev("profile_update", "\"attributeKinds\":[\"numeric\"]"),
                ev("profile_update", "\"attributeKinds\":\"numeric\""),
                ev("profile_update", "\"attributeKinds\":{\"tenure\":1}"),
                ev("profile_update", "\"attributeKinds\":{\"tenure\":null}"),
                ev("profile_update", "\"attributeKinds\":{\"tenure\":\"ordinal\"}"),
                ev("profile_update", "\"attributeKinds\":{\"tenure\":\"Numeric\"}"),
                ev("page_view", "\"email\":123"),
                ev("page_view", "\"source\":[\"web\"]"),
                ev("page_view", "\"sessionId\":false")
        ).map(json -> Arguments.of(json, false));
    }

    static Stream<Arguments> corpus() {
        return Stream.concat(valid(), invalid());
    }

    @Test
    void theCorpusIsLargeAndCoversBothVerdicts() {
        assertThat(valid().count()).isGreaterThanOrEqualTo(20);
        assertThat(invalid().count()).isGreaterThanOrEqualTo(40);
    }

    @ParameterizedTest(name = "[{index}] valid={1}: {0}")
    @MethodSource("corpus")
    void schemaAndCodecAgree(String json, boolean expectedValid) {
        Verdicts v = verdicts(json);
        assertThat(v.schemaValid).as("schema verdict on %s: %s", json, v.schemaErrors).isEqualTo(expectedValid);
        assertThat(v.codecValid).as("codec verdict on %s: %s", json, v.codecError).isEqualTo(expectedValid);
    }

    /** Edge cases where schema and codec once disagreed; both now give the verdict stated. */
    @ParameterizedTest(name = "[{index}] valid={1}: {0}")
    @MethodSource("edgeCases")
    void edgeCasesAgree(String json, boolean expectedValid) {
        schemaAndCodecAgree(json, expectedValid);
    }

    static Stream<Arguments> edgeCases() {
        return Stream.of(
                // draft 2020-12 "integer" is any number with a zero fraction
                Arguments.of("{\"eventId\":\"e\",\"type\":\"login\",\"timestamp\":1714557600000.0,\"customerId\":\"c\"}", true),
                Arguments.of(ev("add_to_cart", "\"productId\":\"p\",\"quantity\":2.0"), true),
                Arguments.of(ev("add_to_cart", "\"productId\":\"p\",\"quantity\":2.5"), false),
                // impossible dates and times (format date-time)
                Arguments.of("{\"eventId\":\"e\",\"type\":\"login\",\"timestamp\":\"2024-02-30T10:00:00Z\",\"customerId\":\"c\"}", false),
                Arguments.of("{\"eventId\":\"e\",\"type\":\"login\",\"timestamp\":\"2024-13-45T25:61:00Z\",\"customerId\":\"c\"}", false),
                // at most nine fraction digits; seconds required
                Arguments.of("{\"eventId\":\"e\",\"type\":\"login\",\"timestamp\":\"2024-05-01T10:00:00.1234567891Z\",\"customerId\":\"c\"}", false),
                Arguments.of("{\"eventId\":\"e\",\"type\":\"login\",\"timestamp\":\"2024-05-01T10:15Z\",\"customerId\":\"c\"}", false),
                // hour-only offsets and lower-case t/z
                Arguments.of("{\"eventId\":\"e\",\"type\":\"login\",\"timestamp\":\"2024-05-01T10:00:00+02\",\"customerId\":\"c\"}", false),
                Arguments.of("{\"eventId\":\"e\",\"type\":\"login\",\"timestamp\":\"2024-05-01t10:00:00z\",\"customerId\":\"c\"}", false),
                // blank per-type ids
                Arguments.of(ev("support_ticket", "\"ticketId\":\"  \""), false));
    }

    /** Content after the JSON object is malformed (the schema sees only the first value, so codec only). */
    @Test
    void trailingContentIsMalformed() {
        String json = "{\"eventId\":\"e\",\"type\":\"login\",\"timestamp\":1714557600000,\"customerId\":\"c\"} {\"x\":1}";
        assertThat(verdicts(json).codecError).startsWith("malformed_json");
    }

    /** Duplicate keys are malformed (a parser would silently keep one of them; codec only, as above). */
    @Test
    void duplicateKeysAreMalformed() {
        String json = "{\"eventId\":\"e\",\"type\":\"login\",\"timestamp\":1714557600000,\"customerId\":\"c\",\"customerId\":\"d\"}";
        assertThat(verdicts(json).codecError).startsWith("malformed_json");
    }

    private record Verdicts(boolean schemaValid, String schemaErrors, boolean codecValid, String codecError) {}

    private static Verdicts verdicts(String json) {
        boolean schemaValid;
        String schemaErrors;
        try {
            JsonNode node = MAPPER.readTree(json);
            Set<ValidationMessage> errors = schema.validate(node);
            schemaValid = errors.isEmpty();
            schemaErrors = errors.toString();
        } catch (IOException e) {
            schemaValid = false;
            schemaErrors = "not JSON: " + e.getMessage();
        }
        boolean codecValid;
        String codecError;
        try {
            CODEC.parse(json.getBytes(StandardCharsets.UTF_8), NOW);
            codecValid = true;
            codecError = "accepted";
        } catch (InvalidEventException e) {
            codecValid = false;
            codecError = e.reason().code() + ": " + e.getMessage();
        }
        return new Verdicts(schemaValid, schemaErrors, codecValid, codecError);
    }
}
