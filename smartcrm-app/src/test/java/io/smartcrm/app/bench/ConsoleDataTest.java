package io.smartcrm.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smartcrm.api.sample.SyntheticProfiles;
import io.smartcrm.job.elasticsearch.EsDocument;
import io.smartcrm.model.alert.AlertRule;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsoleDataTest {
    private static final Instant AS_OF = Instant.parse("2026-11-20T00:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ConsoleData data(long seed) {
        ConsoleData data = new ConsoleData(seed, AS_OF, new BenchIndices(null, "console"));
        SyntheticProfiles synthetic = new SyntheticProfiles(seed, AS_OF);
        for (int i = 0; i < 2000; i++) {
            data.count(synthetic.profile(i));
        }
        return data;
    }

    private static List<JsonNode> sources(List<EsDocument> docs, String index) throws Exception {
        List<JsonNode> out = new java.util.ArrayList<>();
        for (EsDocument d : docs) {
            if (d.index.equals(index)) {
                out.add(JSON.readTree(d.source));
            }
        }
        return out;
    }

    @Test
    void theSameSeedWritesTheSameDocuments() {
        List<EsDocument> a = data(42).documents(List.of("C0000001", "C0000002"));
        List<EsDocument> b = data(42).documents(List.of("C0000001", "C0000002"));
        assertThat(a).hasSameSizeAs(b);
        for (int i = 0; i < a.size(); i++) {
            assertThat(a.get(i).index + "/" + a.get(i).id + " " + new String(a.get(i).source))
                    .isEqualTo(b.get(i).index + "/" + b.get(i).id + " " + new String(b.get(i).source));
        }
        assertThat(new String(data(43).documents(List.of()).get(0).source))
                .isNotEqualTo(new String(a.get(0).source));
    }

    @Test
    void everyPageHasItsData() throws Exception {
        BenchIndices indices = new BenchIndices(null, "console");
        List<EsDocument> docs = data(42).documents(List.of("C0000001"));
        assertThat(ConsoleData.summary(docs, indices)).containsEntry("segments", ConsoleData.DAYS * 24 * 6)
                .containsEntry("models", 25 + 12 + 30).containsEntry("dlq", ConsoleData.DEAD_LETTERS)
                .containsEntry("events", ConsoleData.EVENTS_PER_CUSTOMER).containsKey("alerts");

        // snapshots: each hour's shares add up to one; the growing segment grew in the last hours
        Map<String, Double> shareSums = new HashMap<>();
        for (JsonNode s : sources(docs, "bench-console-segments")) {
            shareSums.merge(s.path("windowStart").asText(), s.path("share").asDouble(), Double::sum);
        }
        assertThat(shareSums).hasSize(ConsoleData.DAYS * 24);
        assertThat(shareSums.values()).allSatisfy(sum -> assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9)));

        // alerts: resolved ones and the open growth of window shoppers, none in the future
        List<JsonNode> alerts = sources(docs, "bench-console-alerts");
        assertThat(alerts).extracting(a -> a.path("state").asText()).contains("open", "resolved");
        assertThat(alerts).extracting(a -> a.path("kind").asText())
                .contains("distribution_shift", "segment_share", "rule");
        assertThat(alerts).filteredOn(a -> a.path("state").asText().equals("open"))
                .extracting(a -> a.path("segmentName").asText()).contains("window shoppers");
        assertThat(alerts).allSatisfy(a -> assertThat(Instant.parse(a.path("updatedAt").asText())).isBeforeOrEqualTo(AS_OF));
        assertThat(alerts).extracting(a -> a.path("id").asText()).doesNotHaveDuplicates();

        // models: the versions the profiles were scored by are the newest, ready
        List<JsonNode> models = sources(docs, "bench-console-models");
        for (String model : ConsoleData.MODELS) {
            JsonNode newest = models.stream().filter(m -> m.path("model").asText().equals(model))
                    .max((x, y) -> Long.compare(x.path("version").asLong(), y.path("version").asLong())).orElseThrow();
            assertThat(newest.path("version").asInt()).isEqualTo(ConsoleData.MODEL_VERSIONS.get(model));
            assertThat(newest.path("status").asText()).isEqualTo("ready");
        }

        // events: in the daily index of their day, within the retention
        assertThat(docs).filteredOn(d -> d.index.startsWith("bench-console-events-"))
                .allSatisfy(d -> assertThat(d.index).matches("bench-console-events-\\d{4}\\.\\d{2}\\.\\d{2}"));
    }

    @Test
    void theRulesAreValidAndTheCountsMatchTheProfiles() {
        ConsoleData data = data(42);
        assertThat(data.rules()).isNotEmpty().allSatisfy(r -> assertThat(r.problems()).as(r.id).isEmpty());
        assertThat(data.rules()).extracting((AlertRule r) -> r.id).doesNotHaveDuplicates();
        assertThat(data.matches().values().stream().mapToLong(Long::longValue).sum()).isBetween(1800L, 2000L);
    }
}
