package io.smartcrm.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.smartcrm.dashboards.SavedObjects.SavedObject;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The shipped NDJSON: parseable line by line, with parseable embedded JSON, resolvable references and 7.10-era shapes. */
class DashboardsTest {
    private static final Set<String> TYPES = Set.of("index-pattern", "search", "visualization", "dashboard");
    /** Visualization types that Kibana 8 and OpenSearch Dashboards both import from 7.10-era objects. */
    private static final Set<String> VIS_TYPES = Set.of("histogram", "line", "area", "pie", "table", "metric", "markdown");
    private static final Map<String, String> MIGRATION = Map.of("index-pattern", "7.6.0", "search", "7.9.3",
            "visualization", "7.10.0", "dashboard", "7.9.3");
    private static final List<String> DASHBOARD_FILES = List.of("customer-360.ndjson", "segments.ndjson",
            "churn-propensity.ndjson", "alerts.ndjson", "data-quality.ndjson");

    @Test
    void everyLineOfEveryFileIsAJsonObject() {
        assertThat(SavedObjects.files()).startsWith("index-patterns.ndjson").containsAll(DASHBOARD_FILES);
        for (String file : SavedObjects.files()) {
            List<String> lines = SavedObjects.lines(file);
            assertThat(lines).as(file).isNotEmpty();
            assertThat(SavedObjects.text(file)).as(file + " ends with a newline").endsWith("\n");
            for (int i = 0; i < lines.size(); i++) {
                JsonNode o = SavedObjects.parse(lines.get(i), file + ":" + (i + 1));
                assertThat(o.isObject()).as(file + ":" + (i + 1)).isTrue();
                assertThat(o.path("id").asText()).as(file + ":" + (i + 1) + " id").isNotBlank();
                assertThat(TYPES).as(file + ":" + (i + 1) + " type").contains(o.path("type").asText());
                assertThat(o.path("attributes").path("title").asText()).as(file + ":" + (i + 1) + " title").isNotBlank();
                assertThat(o.path("references").isArray()).as(file + ":" + (i + 1) + " references").isTrue();
            }
        }
    }

    @Test
    void idsAreUniqueAcrossFiles() {
        Set<String> seen = new HashSet<>();
        for (SavedObject o : SavedObjects.all()) {
            assertThat(seen.add(o.id())).as("duplicate id %s (%s)", o.id(), o.file()).isTrue();
        }
    }

    @Test
    void everyEmbeddedJsonStringParses() {
        for (SavedObject o : SavedObjects.all()) {
            JsonNode a = o.json().path("attributes");
            for (String name : List.of("visState", "uiStateJSON", "panelsJSON", "optionsJSON")) {
                if (a.has(name)) {
                    assertThat(a.get(name).isTextual()).as(o.id() + " " + name + " is a string").isTrue();
                    SavedObjects.parse(a.get(name).asText(), o.id() + " " + name);
                }
            }
            JsonNode meta = a.path("kibanaSavedObjectMeta");
            if (!o.type().equals("index-pattern")) {
                assertThat(meta.path("searchSourceJSON").isTextual()).as(o.id() + " searchSourceJSON").isTrue();
                JsonNode source = SavedObjects.parse(meta.path("searchSourceJSON").asText(), o.id() + " searchSourceJSON");
                assertThat(source.path("query").path("language").asText()).as(o.id()).isEqualTo("kuery");
                assertThat(source.has("index")).as(o.id() + " uses indexRefName, not an inline index").isFalse();
            }
        }
    }

    @Test
    void everyReferenceResolvesToAnObjectOfItsType() {
        Map<String, String> types = new HashMap<>();
        SavedObjects.all().forEach(o -> types.put(o.id(), o.type()));
        for (SavedObject o : SavedObjects.all()) {
            Set<String> names = new HashSet<>();
            for (JsonNode r : o.json().path("references")) {
                String id = r.path("id").asText();
                assertThat(types).as(o.id() + " references " + id).containsKey(id);
                assertThat(types.get(id)).as(o.id() + " reference " + r.path("name").asText()).isEqualTo(r.path("type").asText());
                assertThat(names.add(r.path("name").asText())).as(o.id() + " reference names are unique").isTrue();
            }
            JsonNode source = SavedObjects.parse(o.json().path("attributes").path("kibanaSavedObjectMeta")
                    .path("searchSourceJSON").asText("{}"), o.id());
            if (source.has("indexRefName")) {
                assertThat(names).as(o.id() + " indexRefName").contains(source.get("indexRefName").asText());
                assertThat(FieldUsages.indexRef(o.json())).as(o.id() + " index pattern").isNotNull();
            }
        }
    }

    @Test
    void visualizationsUsePortableTypesAndSearchesTheirIndexPattern() {
        for (SavedObject o : SavedObjects.all()) {
            assertThat(o.json().path("migrationVersion").path(o.type()).asText()).as(o.id() + " migrationVersion")
                    .isEqualTo(MIGRATION.get(o.type()));
            if (o.type().equals("visualization")) {
                JsonNode vis = SavedObjects.parse(o.json().path("attributes").path("visState").asText(), o.id());
                assertThat(VIS_TYPES).as(o.id() + " type").contains(vis.path("type").asText());
                assertThat(vis.path("title").asText()).as(o.id() + " visState title").isEqualTo(o.title());
                if (!vis.path("type").asText().equals("markdown")) {
                    assertThat(FieldUsages.indexRef(o.json())).as(o.id() + " reads an index pattern").isNotNull();
                    assertThat(vis.path("aggs")).as(o.id() + " aggs").isNotEmpty();
                }
            }
            if (o.type().equals("search")) {
                assertThat(FieldUsages.indexRef(o.json())).as(o.id() + " reads an index pattern").isNotNull();
                assertThat(o.json().path("attributes").path("columns")).as(o.id() + " columns").isNotEmpty();
            }
        }
    }

    @Test
    void eachDashboardFileHasOneDashboardWhosePanelsAreItsObjects() {
        for (String file : DASHBOARD_FILES) {
            List<SavedObject> objects = SavedObjects.all().stream().filter(o -> o.file().equals(file)).toList();
            List<SavedObject> dashboards = objects.stream().filter(o -> o.type().equals("dashboard")).toList();
            assertThat(dashboards).as(file).hasSize(1);
            SavedObject d = dashboards.get(0);
            JsonNode panels = SavedObjects.parse(d.json().path("attributes").path("panelsJSON").asText(), d.id());
            assertThat(panels.size()).as(d.id() + " panels").isGreaterThanOrEqualTo(4);
            Set<String> refNames = new HashSet<>();
            d.json().path("references").forEach(r -> refNames.add(r.path("name").asText()));
            Set<String> panelIndices = new HashSet<>();
            for (JsonNode p : panels) {
                assertThat(refNames).as(d.id() + " panelRefName").contains(p.path("panelRefName").asText());
                assertThat(panelIndices.add(p.path("panelIndex").asText())).as(d.id() + " panelIndex unique").isTrue();
                JsonNode g = p.path("gridData");
                assertThat(g.path("x").asInt() + g.path("w").asInt()).as(d.id() + " panel inside the 48-column grid")
                        .isLessThanOrEqualTo(48);
                assertThat(g.path("w").asInt()).isPositive();
                assertThat(g.path("h").asInt()).isPositive();
            }
            Set<String> panelIds = new HashSet<>();
            d.json().path("references").forEach(r -> panelIds.add(r.path("id").asText()));
            Set<String> fileObjects = new HashSet<>();
            objects.stream().filter(o -> !o.type().equals("dashboard")).forEach(o -> fileObjects.add(o.id()));
            assertThat(panelIds).as(file + ": every object of the file is a panel of its dashboard").isEqualTo(fileObjects);
        }
    }

    @Test
    void indexPatternsCoverTheIndicesTheJobWrites() {
        Map<String, String> titles = new HashMap<>();
        SavedObjects.all().stream().filter(o -> o.type().equals("index-pattern"))
                .forEach(o -> titles.put(o.title(), o.id()));
        assertThat(titles.keySet()).containsExactlyInAnyOrder("crm-customers", "crm-events-*", "crm-segments",
                "crm-alerts", "crm-dlq", "crm-models", "crm-quality");
    }

    @Test
    void kqlFieldsAreFoundOutsideQuotedValues() {
        assertThat(FieldUsages.kqlFields("churn.band : \"high\" and rfm.monetary >= 4 or not x.y:\"a: b\""))
                .containsExactly("churn.band", "rfm.monetary", "x.y");
    }

    @Test
    void theImportDocumentHasEveryObjectOnceWithIndexPatternsFirst() {
        List<String> lines = SavedObjects.ndjson().lines().toList();
        assertThat(lines).hasSize(SavedObjects.all().size());
        assertThat(SavedObjects.parse(lines.get(0), "first").path("type").asText()).isEqualTo("index-pattern");
    }
}
