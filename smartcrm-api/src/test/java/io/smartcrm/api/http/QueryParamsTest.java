package io.smartcrm.api.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class QueryParamsTest {
    @Test
    void decodesNamesAndValuesAndKeepsRepeats() {
        QueryParams p = QueryParams.parse("q=M%C3%BCller+K&country=GB&country=DE&attr.plan=basic&flag");
        assertThat(p.single("q")).hasValue("Müller K");
        assertThat(p.all("country")).containsExactly("GB", "DE");
        assertThat(p.names()).containsExactly("q", "country", "attr.plan", "flag");
        assertThat(p.single("missing")).isEmpty();
    }

    @Test
    void checksNameTheParameter() {
        assertParameter(() -> QueryParams.parse("size=2&size=3").single("size"), "size");
        assertParameter(() -> QueryParams.parse("size=x").integer("size", 1, 1, 10), "size");
        assertParameter(() -> QueryParams.parse("size=11").integer("size", 1, 1, 10), "size");
        assertParameter(() -> QueryParams.parse("min=NaN").number("min", 0, 1), "min");
        assertParameter(() -> QueryParams.parse("min=Infinity").number("min", 0, 1e300), "min");
        assertParameter(() -> QueryParams.parse("country=").all("country"), "country");
        assertParameter(() -> QueryParams.parse("state=closed").oneOf("state", List.of("open", "resolved")), "state");
        assertParameter(() -> QueryParams.parse("facets=segment,city").list("facets", List.of("segment")), "facets");
        assertParameter(() -> QueryParams.parse("a=%G0"), "a");
        assertParameter(() -> QueryParams.parse("size=1&colour=red").requireKnown(List.of("size")), "colour");
    }

    @Test
    void givesDefaultsAndLists() {
        QueryParams p = QueryParams.parse("facets=segment,%20country&facets=segment");
        assertThat(p.list("facets", null)).containsExactly("segment", "country");
        assertThat(p.integer("size", 20, 1, 100)).isEqualTo(20);
        assertThat(QueryParams.parse("x=0.25").number("x", 0, 1)).isEqualTo(0.25);
        p.requireKnown(List.of("facets"));
        QueryParams.parse("attr.x=1").requireKnown(List.of(), n -> n.startsWith("attr."));
    }

    private static void assertParameter(Runnable r, String parameter) {
        assertThatThrownBy(r::run).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.parameter()).isEqualTo(parameter);
            assertThat(e.getMessage()).contains(parameter);
        });
    }
}
