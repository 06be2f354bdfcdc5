package io.smartcrm.api.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smartcrm.api.http.ApiException;
import io.smartcrm.model.alert.AlertRule;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RuleBodyTest {
    private static final String VALID = """
            {"name": "DE churn", "metric": "mean_churn", "filter": {"country": ["DE", "AT"], "rfm.monetary": {"gte": 4}},
             "period": "1h", "condition": "above", "threshold": 0.4, "enabled": true, "minCustomers": 30,
             "createdAt": "2020-01-01T00:00:00Z", "updatedAt": "2020-01-01T00:00:00Z"}""";

    @Test
    void aValidRuleParsesAndTheServerTimesAreDropped() {
        AlertRule rule = RuleBody.parse(VALID.getBytes(StandardCharsets.UTF_8));
        assertThat(rule.name).isEqualTo("DE churn");
        assertThat(rule.threshold).isEqualTo(0.4);
        assertThat(rule.minCustomers).isEqualTo(30);
        assertThat(rule.filter).containsKey("rfm.monetary");
        assertThat(rule.createdAt).isNull();
        assertThat(rule.updatedAt).isNull();
        assertThat(RuleBody.parse(VALID.replace("0.4", "1").getBytes(StandardCharsets.UTF_8)).threshold).isEqualTo(1.0);
    }

    @Test
    void wrongTypesAreRefusedNamingTheField() {
        assertRefused(VALID.replace("0.4", "\"0.4\""), "threshold");
        assertRefused(VALID.replace("\"DE churn\"", "5"), "name");
        assertRefused(VALID.replace("true", "\"true\""), "enabled");
        assertRefused(VALID.replace("30", "30.5"), "minCustomers");
        assertRefused(VALID.replace("\"1h\"", "[\"1h\"]"), "period");
        assertRefused(VALID.replace("{\"country\"", "[{\"country\"").replace("}},", "}}],"), "filter");
    }

    @Test
    void unknownFieldsMalformedJsonAndNonObjectsAreRefused() {
        assertThatThrownBy(() -> parse(VALID.replace("{\"name\"", "{\"colour\": 1, \"name\""))).isInstanceOfSatisfying(
                ApiException.class, e -> {
                    assertThat(e.getMessage()).contains("colour");
                    assertThat(e.body().get("problems")).asList().containsExactly("colour: unknown field");
                });
        for (String bad : new String[] {"", "{", "[]", "\"rule\"", "null", VALID + "{}", "{\"name\": 1, \"name\": 2}"}) {
            assertThatThrownBy(() -> parse(bad)).as(bad).isInstanceOfSatisfying(ApiException.class,
                    e -> assertThat(e.status()).isEqualTo(400));
        }
    }

    @Test
    void idsAreMadeFromNames() {
        assertThat(RuleBody.idFromName("At risk: share up > 20 % (week)")).isEqualTo("at-risk-share-up-20-week");
        assertThat(RuleBody.idFromName("Müller & Söhne")).isEqualTo("muller-sohne");
        assertThat(RuleBody.idFromName("!!!")).isEqualTo("rule");
        assertThat(RuleBody.idFromName("x".repeat(70) + " y")).hasSize(64);
        assertThat(RuleBody.idFromName("a".repeat(63) + " b")).isEqualTo("a".repeat(63));
        AlertRule r = new AlertRule();
        r.id = RuleBody.idFromName("Ärger über alles, 2026");
        r.name = "n";
        assertThat(r.problems()).noneMatch(p -> p.startsWith("id:"));
    }

    private static void assertRefused(String body, String field) {
        assertThatThrownBy(() -> parse(body)).as(body).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.body().get("problems")).asList().singleElement().asString().startsWith(field + ":");
        });
    }

    private static AlertRule parse(String body) {
        return RuleBody.parse(body.getBytes(StandardCharsets.UTF_8));
    }
}
