package io.smartcrm.ingest;

import static io.smartcrm.ingest.Fixtures.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smartcrm.model.event.EventType;
import io.smartcrm.model.wire.RejectReason;
import java.util.List;
import org.junit.jupiter.api.Test;

class TypeRulesTest {
    private static final String CSV = "id,kind,note\n1,C536379,x\n2,536380,\n3,A1,refund please\n4,X-9,y\n";

    private static List<Object> types(String type) {
        String mapping = """
                {"input": {"format": "csv"}, "customerId": {"column": "id"}, "timestamp": "ingestTime",
                 "events": [{"type": %s, "eventId": "t:{_line}"}]}""".formatted(type);
        return Fixtures.map(mapping, CSV).stream()
                .map(e -> e.event().type != null ? (Object) e.event().type : e.rawValues().get("type")).toList();
    }

    @Test
    void constant() {
        assertThat(types("\"login\"")).containsOnly(EventType.LOGIN);
    }

    @Test
    void startsWithRuleElseDefault() {
        assertThat(types("{\"rules\": [{\"column\": \"kind\", \"startsWith\": \"C\", \"type\": \"refund\"}], "
                + "\"default\": \"purchase\"}"))
                .containsExactly(EventType.REFUND, EventType.PURCHASE, EventType.PURCHASE, EventType.PURCHASE);
    }

    @Test
    void rulesAreTriedInOrder() {
        String rules = """
                {"rules": [
                  {"column": "note", "blank": true, "type": "page_view"},
                  {"column": "note", "contains": "refund", "type": "refund"},
                  {"column": "kind", "in": ["X-9", "Y-9"], "type": "login"},
                  {"column": "kind", "matches": "C\\\\d+", "type": "subscription_cancel"},
                  {"column": "kind", "equals": "never", "type": "email_open"},
                  {"column": "kind", "endsWith": "never", "type": "email_open"}],
                 "default": "purchase"}""";
        assertThat(types(rules))
                .containsExactly(EventType.SUBSCRIPTION_CANCEL, EventType.PAGE_VIEW, EventType.REFUND, EventType.LOGIN);
    }

    @Test
    void typeFromAColumnKeepsUnknownNamesForTheJobToReject() {
        String mapping = """
                {"input": {"format": "csv"}, "customerId": {"column": "id"}, "timestamp": "ingestTime",
                 "events": [{"type": {"column": "kind", "convert": "lower"}, "eventId": "t:{_line}"}]}""";
        List<MappedEvent> events = Fixtures.map(mapping, "id,kind\n1,LOGIN\n2,teleport\n3,\n");
        assertThat(events.get(0).event().type).isEqualTo(EventType.LOGIN);
        assertThat(events.get(1).toTree().get("type").asText()).isEqualTo("teleport");
        assertRejected(events.get(1), RejectReason.UNKNOWN_TYPE);
        assertThat(events.get(2).toTree().has("type")).isFalse();
        assertRejected(events.get(2), RejectReason.MISSING_FIELD);
    }

    @Test
    void badRulesFailWhenLoading() {
        assertThatThrownBy(() -> types("\"buy\"")).isInstanceOf(MappingException.class)
                .hasMessageContaining("unknown event type 'buy'").hasMessageContaining("purchase, refund");
        assertThatThrownBy(() -> types("{\"rules\": [{\"column\": \"kind\", \"startsWith\": \"C\", \"type\": \"refund\"}]}"))
                .isInstanceOf(MappingException.class).hasMessageContaining("'default' is required");
        assertThatThrownBy(() -> types("{\"rules\": [{\"column\": \"kind\", \"startsWith\": \"C\", \"equals\": \"D\", "
                + "\"type\": \"refund\"}], \"default\": \"purchase\"}"))
                .isInstanceOf(MappingException.class).hasMessageContaining("exactly one test");
        assertThatThrownBy(() -> types("{\"rules\": [{\"column\": \"kind\", \"matches\": \"(\", \"type\": \"refund\"}], "
                + "\"default\": \"purchase\"}"))
                .isInstanceOf(MappingException.class).hasMessageContaining("bad regular expression");
    }
}
