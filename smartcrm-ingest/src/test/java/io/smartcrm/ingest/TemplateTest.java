package io.smartcrm.ingest;

import static io.smartcrm.ingest.Fixtures.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TemplateTest {
    private static final String CSV = "id,a,b,c\n1, x ,17850.0,q\n2,y,,q\n";

    private static List<String> ids(String template) {
        return map(Fixtures.mapping("\"fields\": {}").replace("t:{_line}", template), CSV).stream()
                .map(e -> e.event().eventId).toList();
    }

    @Test
    void columnsConversionsAndLineNumber() {
        assertThat(ids("src:{a|trim|upper}:{b|integerString}:{_line}")).containsExactly("src:X:17850:2", "src:Y::3");
    }

    @Test
    void doubledBracesAreLiteral() {
        assertThat(ids("{{{id}}}")).containsExactly("{1}", "{2}");
    }

    @Test
    void theSameRecordsGiveTheSameIds() {
        assertThat(ids("o:{id}:{c}")).isEqualTo(ids("o:{id}:{c}")).containsExactly("o:1:q", "o:2:q");
    }

    @Test
    void errorsNameTheTemplate() {
        assertThatThrownBy(() -> ids("o:{id"))
                .isInstanceOf(MappingException.class).hasMessageContaining("events[e].eventId")
                .hasMessageContaining("unclosed '{'");
        assertThatThrownBy(() -> ids("o:id}"))
                .isInstanceOf(MappingException.class).hasMessageContaining("unmatched '}'");
        assertThatThrownBy(() -> ids("o:{}"))
                .isInstanceOf(MappingException.class).hasMessageContaining("empty placeholder");
        assertThatThrownBy(() -> ids("o:{a|integer}"))
                .isInstanceOf(MappingException.class).hasMessageContaining("'integer' in {a|integer} is not a text");
        assertThatThrownBy(() -> ids("o:{Nope}"))
                .isInstanceOf(MappingException.class).hasMessageContaining("unknown column 'Nope'")
                .hasMessageContaining("events[e].eventId").hasMessageContaining("id, a, b, c");
    }
}
