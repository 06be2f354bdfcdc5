package io.smartcrm.model.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertRuleTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static AlertRule parse(String json) throws Exception {
        return JSON.readValue(json, AlertRule.class);
    }

    @Test
    void theIssuesExamplesAreValid() throws Exception {
        assertThat(parse("{\"id\":\"at-risk-wow\",\"name\":\"At risk up week over week\",\"metric\":\"share\","
                + "\"segment\":\"at risk\",\"period\":\"1w\",\"condition\":\"increase_above\",\"threshold\":0.2}")
                .problems()).isEmpty();
        assertThat(parse("{\"id\":\"de-churn\",\"name\":\"DE churn\",\"metric\":\"mean_churn\",\"filter\":{\"country\":\"DE\"},"
                + "\"period\":\"1h\",\"condition\":\"above\",\"threshold\":0.4}").problems()).isEmpty();
        AlertRule moved = parse("{\"id\":\"hv-dormant\",\"name\":\"High value to dormant\",\"metric\":\"moved_in\","
                + "\"segment\":\"dormant\",\"filter\":{\"rfm.monetary\":{\"gte\":4}},\"period\":\"1d\","
                + "\"condition\":\"above\",\"threshold\":50,\"severity\":\"major\"}");
        assertThat(moved.problems()).isEmpty();
        assertThat(moved.periodDuration()).isEqualTo(Duration.ofDays(1));
    }

    @Test
    void everyProblemNamesItsField() throws Exception {
        List<String> problems = parse("{\"id\":\"Bad Id\",\"metric\":\"share\",\"period\":\"soon\",\"condition\":\"over\","
                + "\"severity\":\"critical\",\"filter\":{\"planet\":\"mars\",\"rfm.monetary\":{\"about\":4},"
                + "\"country\":[]}}").problems();
        assertThat(problems).anyMatch(p -> p.startsWith("id:")).anyMatch(p -> p.startsWith("name:"))
                .anyMatch(p -> p.startsWith("segment:")).anyMatch(p -> p.startsWith("period:"))
                .anyMatch(p -> p.startsWith("condition:")).anyMatch(p -> p.startsWith("threshold:"))
                .anyMatch(p -> p.startsWith("severity:")).anyMatch(p -> p.startsWith("filter.planet:"))
                .anyMatch(p -> p.startsWith("filter.rfm.monetary.about:")).anyMatch(p -> p.startsWith("filter.country:"));
    }

    @Test
    void sharesAndMeansAreBetweenZeroAndOneAndPeriodsAreBounded() throws Exception {
        assertThat(parse("{\"id\":\"x\",\"name\":\"x\",\"metric\":\"mean_churn\",\"period\":\"1d\",\"condition\":\"above\","
                + "\"threshold\":40}").problems()).containsExactly("threshold: between 0 and 1 for metric mean_churn");
        assertThat(parse("{\"id\":\"x\",\"name\":\"x\",\"metric\":\"count\",\"period\":\"32d\",\"condition\":\"above\","
                + "\"threshold\":40}").problems()).containsExactly("period: must be between 1m and 31d");
        assertThat(AlertRule.parsePeriod("PT6H")).isEqualTo(Duration.ofHours(6));
        assertThat(AlertRule.parsePeriod("30m")).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void filtersMatchEqualsAnyOfAndRanges() {
        AlertRule r = new AlertRule();
        r.filter = Map.of("country", List.of("DE", "AT"), "rfm.monetary", Map.of("gte", 4), "consent.email", true);
        Map<String, Object> customer = Map.of("country", "AT", "rfm.monetary", 5, "consent.email", true);
        assertThat(r.matches(customer::get)).isTrue();
        assertThat(r.matches(f -> f.equals("rfm.monetary") ? 3 : customer.get(f))).isFalse();
        assertThat(r.matches(f -> f.equals("country") ? null : customer.get(f))).as("missing value").isFalse();
    }
}
