package io.smartcrm.templates;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The shipped template resources, without Elasticsearch. */
class IndexTemplatesTest {

    @Test
    void namesAreListedInApplicationOrder() {
        assertThat(IndexTemplates.names()).containsExactly("crm-customers", "crm-events", "crm-dlq", "crm-models",
                "crm-segments", "crm-alerts", "crm-alert-rules", "crm-quality");
    }

    @ParameterizedTest
    @ValueSource(strings = {"crm-customers", "crm-events", "crm-dlq", "crm-models", "crm-segments", "crm-alerts",
            "crm-alert-rules", "crm-quality"})
    void everyTemplateIsVersionedStrictAndSingleShard(String name) {
        JsonNode t = IndexTemplates.tree(name);
        assertThat(t.path("version").asInt()).isPositive();
        assertThat(t.path("index_patterns").isArray()).isTrue();
        assertThat(t.path("index_patterns").get(0).asText()).startsWith(name);
        assertThat(t.at("/template/mappings/dynamic").asText()).isEqualTo("strict");
        assertThat(t.at("/template/settings/number_of_shards").asInt()).isEqualTo(1);
        assertThat(IndexTemplates.json(name)).isNotBlank();
    }

    @Test
    void onlyTheEventsTemplateIsAPattern() {
        assertThat(IndexTemplates.tree("crm-events").path("index_patterns").get(0).asText()).isEqualTo("crm-events-*");
        assertThat(IndexTemplates.tree("crm-customers").path("index_patterns").get(0).asText()).isEqualTo("crm-customers");
        assertThat(IndexTemplates.tree("crm-dlq").path("index_patterns").get(0).asText()).isEqualTo("crm-dlq");
    }

    @Test
    void mappingPathsIncludeObjectsLeavesAndMultiFields() {
        Map<String, String> paths = MappingPaths.of(IndexTemplates.tree("crm-customers").at("/template/mappings"));
        assertThat(paths)
                .containsEntry("orders", "object")
                .containsEntry("orders.revenue", "double")
                .containsEntry("windows.d30.activeDays", "long")
                .containsEntry("email", "keyword {normalizer=lowercase}")
                .containsEntry("email.text", "text")
                .containsEntry("name.keyword", "keyword {ignore_above=256}")
                .containsEntry("consent", "object {dynamic=false}")
                .containsEntry("birthDate", "date {format=strict_date}")
                .containsEntry("attributes", "flattened");
    }

    @Test
    void eventsKeepAttributesAndTheirDeclaredKindsAsFlattenedFields() {
        Map<String, String> paths = MappingPaths.of(IndexTemplates.tree("crm-events").at("/template/mappings"));
        assertThat(paths).containsEntry("attributes", "flattened").containsEntry("attributeKinds", "flattened");
    }
}
