package io.smartcrm.job.source;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smartcrm.job.CustomerJob;
import io.smartcrm.job.SmartcrmOptions;
import io.smartcrm.job.dlq.DeadLetterSerializer;
import io.smartcrm.model.event.EventType;
import io.smartcrm.model.wire.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.util.Collector;
import org.apache.flink.util.InstantiationUtil;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** One raw Kafka record → an accepted standardized event or a dead letter that keeps everything to replay it. */
class RecordParserTest {
    static final long NOW = Instant.parse("2024-05-01T12:00:00Z").toEpochMilli();
    static final RecordParser PARSER = CustomerJob.recordParser(new Configuration());
    static final ObjectMapper MAPPER = new ObjectMapper();

    static ParsedRecord parse(String key, byte[] value) {
        return PARSER.parse(key == null ? null : key.getBytes(StandardCharsets.UTF_8), value, "crm.events", 2, 17,
                NOW - 1000, NOW);
    }

    static ParsedRecord parse(String json) {
        return parse("c1", json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aValidMessageIsAcceptedAndStandardized() {
        ParsedRecord r = parse("{\"eventId\":\"e1\",\"type\":\"purchase\",\"timestamp\":\"2024-05-01T10:00:00Z\","
                + "\"customerId\":\" c1 \",\"amount\":100,\"currency\":\"eur\",\"email\":\"ANN@X.COM\",\"phone\":\"020 7946 0000\"}");
        assertThat(r.deadLetter).isNull();
        assertThat(r.event.type).isEqualTo(EventType.PURCHASE);
        assertThat(r.event.customerId).isEqualTo("c1");
        assertThat(r.event.amount).isEqualTo(85.0); // default rates: EUR = 0.85 GBP
        assertThat(r.event.currency).isEqualTo("EUR");
        assertThat(r.event.email).isEqualTo("ann@x.com");
        assertThat(r.event.phone).isEqualTo("+442079460000");
        assertThat(r.eventTime()).isEqualTo(Instant.parse("2024-05-01T10:00:00Z").toEpochMilli());
    }

    @Test
    void aMalformedMessageBecomesADeadLetterWithItsBytesAndOrigin() {
        ParsedRecord r = parse("{\"eventId\":\"e1\",");
        DeadLetter d = r.deadLetter;
        assertThat(r.event).isNull();
        assertThat(r.eventTime()).isEqualTo(Long.MIN_VALUE);
        assertThat(d.reason).isEqualTo("malformed_json");
        assertThat(d.message).contains("not valid JSON");
        assertThat(d.payload).isEqualTo("{\"eventId\":\"e1\",");
        assertThat(d.payloadEncoding).isEqualTo("utf-8");
        assertThat(d.key).isEqualTo("c1");
        assertThat(d.topic).isEqualTo("crm.events");
        assertThat(d.partition).isEqualTo(2);
        assertThat(d.offset).isEqualTo(17);
        assertThat(d.id()).isEqualTo("crm.events-2-17");
        assertThat(d.recordTimestamp).isEqualTo(NOW - 1000);
        assertThat(d.rejectedAt).isEqualTo(NOW);
        assertThat(d.customerId).isNull();
        assertThat(d.eventId).isNull();
    }

    @Test
    void anInvalidEventKeepsItsIdsForSearch() {
        DeadLetter d = parse("{\"eventId\":\"e7\",\"type\":\"purchase\",\"timestamp\":\"2024-05-01T10:00:00Z\","
                + "\"customerId\":\"c9\",\"amount\":-1}").deadLetter;
        assertThat(d.reason).isEqualTo("non_positive_amount");
        assertThat(d.customerId).isEqualTo("c9");
        assertThat(d.eventId).isEqualTo("e7");
    }

    @Test
    void everyReasonOfTheStandardizerReachesTheDeadLetter() {
        assertThat(parse("{\"eventId\":\"e\",\"type\":\"purchase\",\"timestamp\":\"2024-05-01T10:00:00Z\","
                + "\"customerId\":\"c\",\"amount\":5,\"currency\":\"XYZ\"}").deadLetter.reason).isEqualTo("unknown_currency");
        assertThat(parse("{\"eventId\":\"e\",\"type\":\"product_view\",\"timestamp\":\"2024-05-01T10:00:00Z\","
                + "\"customerId\":\"c\",\"productId\":\" \"}").deadLetter.reason).isEqualTo("missing_field");
        assertThat(parse("{\"eventId\":\"e\",\"type\":\"login\",\"timestamp\":\"2024-05-01T10:00:00Z\","
                + "\"customerId\":\"" + "c".repeat(600) + "\"}").deadLetter.reason).isEqualTo("invalid_value");
    }

    @Test
    void bytesThatAreNotUtf8AreKeptAsBase64() {
        byte[] garbage = {(byte) 0xff, (byte) 0xfe, 0x00, 0x41};
        DeadLetter d = parse(null, garbage).deadLetter;
        assertThat(d.reason).isEqualTo("malformed_json");
        assertThat(d.payloadEncoding).isEqualTo("base64");
        assertThat(Base64.getDecoder().decode(d.payload)).isEqualTo(garbage);
        assertThat(d.key).isNull();
    }

    @Test
    void aTombstoneIsAnEmptyMalformedMessage() {
        DeadLetter d = parse("c1", null).deadLetter;
        assertThat(d.reason).isEqualTo("malformed_json");
        assertThat(d.payload).isEmpty();
        assertThat(d.payloadEncoding).isEqualTo("utf-8");
    }

    @Test
    void anOversizeMessageIsNotSearchedForIds() {
        int max = SmartcrmOptions.MAX_PAYLOAD_BYTES.defaultValue();
        String big = "{\"eventId\":\"e\",\"customerId\":\"c\",\"url\":\"" + "u".repeat(max) + "\"}";
        DeadLetter d = parse(big).deadLetter;
        assertThat(d.reason).isEqualTo("oversize");
        assertThat(d.payload).isEqualTo(big);
        assertThat(d.customerId).isNull();
    }

    @Test
    void aFutureEventIsJudgedAgainstTheWallClockGiven() {
        String json = "{\"eventId\":\"e\",\"type\":\"login\",\"timestamp\":\"2024-05-01T12:10:00Z\",\"customerId\":\"c\"}";
        assertThat(parse(json).deadLetter.reason).isEqualTo("future_timestamp");
        ParsedRecord later = PARSER.parse(null, json.getBytes(StandardCharsets.UTF_8), "t", 0, 0, 0, NOW + 600_000);
        assertThat(later.event).isNotNull();
    }

    @Test
    void theParserSurvivesJavaSerializationAsFlinkShipsIt() throws Exception {
        RecordParser copy = InstantiationUtil.clone(PARSER);
        assertThat(copy.parse(null, "{}".getBytes(StandardCharsets.UTF_8), "t", 0, 0, 0, NOW).deadLetter.reason)
                .isEqualTo("missing_field");
    }

    @Test
    void theDeserializerParsesEachKafkaRecord() throws Exception {
        CrmEventDeserializer deserializer = InstantiationUtil.clone(new CrmEventDeserializer(PARSER));
        List<ParsedRecord> out = new ArrayList<>();
        Collector<ParsedRecord> collector = new Collector<>() {
            @Override
            public void collect(ParsedRecord record) {
                out.add(record);
            }

            @Override
            public void close() {}
        };
        long recent = System.currentTimeMillis() - 60_000;
        deserializer.deserialize(new ConsumerRecord<>("crm.events", 1, 5, "c1".getBytes(StandardCharsets.UTF_8),
                ("{\"eventId\":\"e\",\"type\":\"login\",\"timestamp\":" + recent + ",\"customerId\":\"c1\"}")
                        .getBytes(StandardCharsets.UTF_8)), collector);
        deserializer.deserialize(new ConsumerRecord<>("crm.events", 1, 6, null, "nope".getBytes(StandardCharsets.UTF_8)),
                collector);
        assertThat(out).hasSize(2);
        assertThat(out.get(0).event.timestamp).isEqualTo(recent);
        assertThat(out.get(1).deadLetter.id()).isEqualTo("crm.events-1-6");
        assertThat(deserializer.getProducedType().getTypeClass()).isEqualTo(ParsedRecord.class);
    }

    @Test
    void theDeadLetterTopicRecordKeepsTheKeyAndTheWholeDeadLetter() throws Exception {
        DeadLetter d = parse("{broken").deadLetter;
        ProducerRecord<byte[], byte[]> record = new DeadLetterSerializer("crm.events.dlq").serialize(d, null, null);
        assertThat(record.topic()).isEqualTo("crm.events.dlq");
        assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("c1");
        assertThat(record.timestamp()).isEqualTo(NOW);
        JsonNode value = MAPPER.readTree(record.value());
        assertThat(value.path("reason").asText()).isEqualTo("malformed_json");
        assertThat(value.path("payload").asText()).isEqualTo("{broken");
        assertThat(value.path("offset").asLong()).isEqualTo(17);
        assertThat(MAPPER.treeToValue(value, DeadLetter.class).id()).isEqualTo(d.id());
    }
}
