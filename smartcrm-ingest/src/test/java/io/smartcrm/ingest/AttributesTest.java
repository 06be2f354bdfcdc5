package io.smartcrm.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.smartcrm.model.event.CustomerEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Attributes travel as strings, each with the kind its mapping declares in {@code attributeKinds}. */
class AttributesTest {
    private static final String MAPPING = Fixtures.mapping("""
            "attributes": {
              "score":   {"column": "a", "kind": "numeric"},
              "plan":    {"column": "b", "kind": "categorical"},
              "note":    {"column": "c", "kind": "text"},
              "vip":     {"constant": "yes", "kind": "boolean"},
              "churned": {"constant": "No", "kind": "boolean", "label": true}
            }""");

    @Test
    void everyAttributeWrittenCarriesItsDeclaredKindInDeclarationOrder() {
        CustomerEvent e = Fixtures.map(MAPPING, "id,a,b,c\nc1,12.50,Gold,hello\n").get(0).event();
        assertThat(e.attributes).containsExactly(Map.entry("score", "12.5"), Map.entry("plan", "Gold"),
                Map.entry("note", "hello"), Map.entry("vip", "true"), Map.entry("churned", "false"));
        assertThat(e.attributeKinds).containsExactly(Map.entry("score", "numeric"), Map.entry("plan", "categorical"),
                Map.entry("note", "text"), Map.entry("vip", "boolean"), Map.entry("churned", "label"));
    }

    @Test
    void blankAttributesHaveNoKindAndNoAttributesNoKinds() {
        CustomerEvent e = Fixtures.map(MAPPING, "id,a,b,c\nc2,,Basic, \n").get(0).event();
        assertThat(e.attributeKinds).containsOnlyKeys("plan", "vip", "churned");
        String noteOnly = Fixtures.mapping("\"attributes\": {\"note\": {\"column\": \"c\", \"kind\": \"text\"}}");
        CustomerEvent none = Fixtures.map(noteOnly, "id,a,b,c\nc3,x,y,\n").get(0).event();
        assertThat(none.attributes).isNull();
        assertThat(none.attributeKinds).isNull();
    }

    @Test
    void theKindsReachTheJob() {
        MappedEvent m = Fixtures.map(MAPPING, "id,a,b,c\nc1,abc,Gold,hello\n").get(0);
        assertThat(new String(m.toJson(), StandardCharsets.UTF_8))
                .contains("\"attributeKinds\":{\"score\":\"numeric\"");
        CustomerEvent accepted = Fixtures.accepted(m);
        assertThat(accepted.attributes).as("a value that does not convert is published as its text")
                .containsEntry("score", "abc");
        assertThat(accepted.attributeKinds).isEqualTo(m.event().attributeKinds).hasSize(5);
    }

    @Test
    void theWireKindIsTheDeclaredKindOrLabel() {
        assertThat(List.of(new AttributeDeclaration("a", "A", AttributeKind.NUMERIC, false),
                new AttributeDeclaration("b", "B", AttributeKind.CATEGORICAL, false),
                new AttributeDeclaration("c", "C", AttributeKind.BOOLEAN, false),
                new AttributeDeclaration("d", "D", AttributeKind.TEXT, false),
                new AttributeDeclaration("e", "E", AttributeKind.BOOLEAN, true)))
                .extracting(AttributeDeclaration::wireKind)
                .containsExactly("numeric", "categorical", "boolean", "text", "label");
    }
}
