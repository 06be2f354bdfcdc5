package io.smartcrm.api.customers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.elasticsearch._types.SortOptions;
import co.elastic.clients.json.JsonpSerializable;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smartcrm.api.http.ApiException;
import io.smartcrm.api.http.QueryParams;
import jakarta.json.stream.JsonGenerator;
import java.io.StringWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The queries the filters build, as Elasticsearch receives them. */
class CustomerFiltersTest {
    private static final JacksonJsonpMapper MAPPER = new JacksonJsonpMapper();

    @Test
    void everyFilterIsATypedClauseWithTheUserValueAsAValue() throws Exception {
        JsonNode q = json(CustomerFilters.parse(QueryParams.parse("country=gb&country=DE&segment=dormant&churnMin=0.25"
                + "&rfmRecency=3-5&consent=email&attr.plan=basic&lastPurchaseBefore=2026-05-01&q=M%C3%BCller")).query());
        JsonNode filter = q.at("/bool/filter");
        assertThat(filter).hasSize(7);
        assertThat(filter.get(0).at("/terms/country")).hasSize(2);
        assertThat(filter.get(0).at("/terms/country/0").asText()).isEqualTo("GB");
        assertThat(filter.get(1).at("/term/segment.name/value").asText()).isEqualTo("dormant");
        assertThat(filter.get(2).at("/range/churn.probability/gte").asDouble()).isEqualTo(0.25);
        assertThat(filter.get(3).at("/range/rfm.recency/gte").asDouble()).isEqualTo(3);
        assertThat(filter.get(3).at("/range/rfm.recency/lte").asDouble()).isEqualTo(5);
        assertThat(filter.get(4).at("/range/orders.lastPurchaseAt/lt").asText()).isEqualTo("2026-05-01T00:00:00Z");
        assertThat(filter.get(5).at("/term/consent.email/value").asBoolean()).isTrue();
        assertThat(filter.get(6).at("/term/attributes.plan/value").asText()).isEqualTo("basic");
        assertThat(q.at("/bool/must/0/multi_match/query").asText()).isEqualTo("Müller");
        assertThat(q.at("/bool/must/0/multi_match/type").asText()).isEqualTo("best_fields");
    }

    @Test
    void queryDslInTheTextStaysText() throws Exception {
        String evil = "\"}},{\"match_all\":{}}],\"x\":[{\"a";
        JsonNode q = json(CustomerFilters.parse(QueryParams.parse("q=" + URLEncoder.encode(evil, StandardCharsets.UTF_8))).query());
        assertThat(q.at("/bool/must/0/multi_match/query").asText()).isEqualTo(evil);
        assertThat(q.at("/bool/must")).hasSize(1);
        assertThat(q.at("/bool").size()).isEqualTo(2);
    }

    @Test
    void noFiltersMatchAll() throws Exception {
        assertThat(json(CustomerFilters.parse(QueryParams.parse("size=3")).query()).has("match_all")).isTrue();
    }

    @Test
    void theCanonicalFormIgnoresOrderAndNonFilters() {
        assertThat(CustomerFilters.parse(QueryParams.parse("country=DE&country=GB&size=3")).canonical())
                .isEqualTo(CustomerFilters.parse(QueryParams.parse("country=GB&country=DE&after=x")).canonical())
                .isNotEqualTo(CustomerFilters.parse(QueryParams.parse("country=GB")).canonical());
    }

    @Test
    void sortsAreWhitelistedWithCustomerIdLast() throws Exception {
        List<SortOptions> revenue = CustomerSort.parse("revenue", false).options();
        assertThat(json(revenue.get(0)).at("/orders.revenue/order").asText()).isEqualTo("desc");
        assertThat(json(revenue.get(1)).at("/customerId/order").asText()).isEqualTo("asc");
        assertThat(CustomerSort.parse(null, true).canonical()).isEqualTo("relevance:desc");
        assertThat(json(CustomerSort.parse(null, true).options().get(0)).at("/_score/order").asText()).isEqualTo("desc");
        assertThat(CustomerSort.parse("customerId:desc", false).options()).hasSize(1);
        assertThat(CustomerSort.parse("name:desc", false).canonical()).isEqualTo("name:desc");
        for (String bad : new String[] {"email", "revenue:up", "revenue:asc:x", "orders.revenue", ""}) {
            assertThatThrownBy(() -> CustomerSort.parse(bad, false)).as(bad).isInstanceOfSatisfying(ApiException.class,
                    e -> assertThat(e.parameter()).isEqualTo("sort"));
        }
    }

    private static JsonNode json(JsonpSerializable value) throws Exception {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = MAPPER.jsonProvider().createGenerator(out)) {
            value.serialize(g, MAPPER);
        }
        return new ObjectMapper().readTree(out.toString());
    }
}
