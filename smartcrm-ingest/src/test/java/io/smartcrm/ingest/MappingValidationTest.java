package io.smartcrm.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MappingValidationTest {

    private static void assertBad(String eventMembers, String... messageParts) {
        assertThatThrownBy(() -> Fixtures.map(Fixtures.mapping(eventMembers), "id,a,b,c\n1,2,3,4\n"))
                .isInstanceOf(MappingException.class)
                .satisfies(e -> assertThat(e.getMessage()).contains(messageParts));
    }

    @Test
    void unknownColumnFailsBeforeAnythingIsPublished() throws IOException {
        Mapping mapping = Mapping.parse(Fixtures.mapping("\"fields\": {\"email\": {\"column\": \"Email\"}}"), "test");
        MockProducer<byte[], byte[]> producer = new MockProducer<>(true, null, new ByteArraySerializer(),
                new ByteArraySerializer());
        Path file = Fixtures.file("id,a,b,c\n1,2,3,4\n");
        assertThatThrownBy(() -> FileIngest.ingest(file, mapping, producer, "t", Fixtures.OPTIONS))
                .isInstanceOf(MappingException.class)
                .hasMessage("mapping test: unknown column 'Email' (used at events[e].fields.email); the header of "
                        + file.getFileName() + " has: id, a, b, c");
        assertThat(producer.history()).isEmpty();
        assertThat(mapping.columns()).containsExactly("id", "Email");
        assertThatThrownBy(() -> mapping.checkColumns(List.of("id", "email")))
                .isInstanceOf(MappingException.class).hasMessageContaining("unknown column 'Email'");
        mapping.checkColumns(List.of("Email", "id"));
    }

    @Test
    void unknownOrMisplacedField() {
        assertBad("\"fields\": {\"qty\": {\"column\": \"a\"}}", "events[e].fields.qty", "unknown event field 'qty'",
                "quantity");
        assertBad("\"fields\": {\"customerId\": {\"column\": \"a\"}}", "'customerId' is set by the event's");
        assertBad("\"fields\": {\"email\": {\"colum\": \"a\"}}", "events[e].fields.email", "unknown key 'colum'");
        assertBad("\"fields\": {\"email\": {\"column\": \"a\", \"constant\": \"x\"}}", "exactly one of");
        assertBad("\"fieldz\": {}", "events[e]: unknown key 'fieldz'");
    }

    @Test
    void badConversions() {
        assertBad("\"fields\": {\"email\": {\"column\": \"a\", \"convert\": \"intger\"}}", "unknown conversion 'intger'",
                "integerString");
        assertBad("\"fields\": {\"email\": {\"column\": \"a\", \"convert\": \"abs\"}}",
                "conversion 'abs' does not apply to a text value");
        assertBad("\"fields\": {\"quantity\": {\"column\": \"a\", \"convert\": \"boolean\"}}",
                "a boolean value cannot fill an integer field");
        assertBad("\"fields\": {\"email\": {\"column\": \"a\", \"true\": [\"Y\"]}}", "nothing converts this value to a boolean");
        assertBad("\"fields\": {\"email\": {\"column\": \"a\", \"convert\": \"map\"}}", "needs a 'map' object");
        assertBad("\"fields\": {\"email\": {\"constant\": \"a\", \"default\": \"x\"}}", "'default' only applies to a column");
    }

    @Test
    void badAttributes() {
        assertBad("\"attributes\": {\"x\": {\"column\": \"a\"}}", "events[e].attributes.x", "'kind' is required");
        assertBad("\"attributes\": {\"x\": {\"column\": \"a\", \"kind\": \"ordinal\"}}", "unknown attribute kind 'ordinal'");
        assertBad("\"attributes\": {\"x\": {\"column\": \"a\", \"kind\": \"boolean\", \"convert\": \"integer\"}}",
                "conversion 'boolean' does not apply to an integer value");
    }

    @Test
    void badGroupingAndAmount() {
        assertBad("\"group\": {\"by\": \"{a}\", \"complete\": \"timestampAdvance\"}",
                "timestampAdvance needs a timestamp read from a column");
        assertBad("\"group\": {\"by\": \"{a}\", \"complete\": \"soon\"}", "unknown completion 'soon'");
        assertBad("\"group\": {\"by\": \"{a}\", \"complete\": \"keyChange\"}, \"oncePer\": \"{a}\"", "not both");
        assertBad("\"amount\": {\"sum\": [\"a\", \"b\"], \"sign\": {\"refund\": \"negate\"}}",
                "'refund' is not a type this event can have");
        assertBad("\"amount\": {\"sum\": [\"a\"]}, \"fields\": {\"amount\": {\"column\": \"b\"}}", "not both");
        assertBad("\"items\": {\"productId\": {\"column\": \"a\"}, \"quantity\": {\"column\": \"b\"}}",
                "events[e].items: 'unitPrice' is required");
    }

    @Test
    void badDocument() {
        assertThatThrownBy(() -> Mapping.parse("{\"input\": ", "broken")).isInstanceOf(MappingException.class)
                .hasMessageContaining("mapping broken is not valid JSON");
        assertThatThrownBy(() -> Mapping.parse("{\"name\": \"a\", \"name\": \"b\"}", "dup"))
                .isInstanceOf(MappingException.class).hasMessageContaining("Duplicate field 'name'");
        assertThatThrownBy(() -> Mapping.parse("{\"input\": {\"format\": \"xlsx\"}, \"events\": []}", "x"))
                .isInstanceOf(MappingException.class).hasMessageContaining("input.format: unknown format 'xlsx'");
        assertThatThrownBy(() -> Mapping.parse("{\"input\": {\"format\": \"csv\", \"header\": false}, \"events\": []}", "x"))
                .isInstanceOf(MappingException.class).hasMessageContaining("needs 'columns'");
        assertThatThrownBy(() -> Mapping.parse(Fixtures.mapping("\"fields\": {}").replace("\"eventId\": \"t:{_line}\", ", ""), "x"))
                .isInstanceOf(MappingException.class).hasMessageContaining("events[e]: 'eventId' is required");
        assertThatThrownBy(() -> Mapping.parse(Fixtures.mapping("\"fields\": {}").replace("\"customerId\": {\"column\": \"id\"},", ""), "x"))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("'customerId' is required, in the event or at the top of the mapping");
    }

    @Test
    void shippedMappingsLoadByNameAndByPath(@TempDir Path dir) throws IOException {
        assertThat(Mapping.load("online-retail").name()).isEqualTo("online-retail");
        Mapping telco = Mapping.load("telco-churn");
        assertThat(telco.attributes()).filteredOn(AttributeDeclaration::label).extracting(AttributeDeclaration::name)
                .containsExactly("churned");
        Path copy = dir.resolve("my-mapping.json");
        Files.writeString(copy, Fixtures.mapping("\"fields\": {}"));
        assertThat(Mapping.load(copy.toString()).name()).isEqualTo("my-mapping");
        assertThatThrownBy(() -> Mapping.load("retail"))
                .isInstanceOf(MappingException.class)
                .hasMessage("no mapping file 'retail' and no shipped mapping of that name (shipped: online-retail, telco-churn)");
    }
}
