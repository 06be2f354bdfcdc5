package io.smartcrm.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smartcrm.generator.EventGenerator;
import io.smartcrm.generator.GeneratorConfig;
import io.smartcrm.job.SmartcrmOptions;
import io.smartcrm.job.models.FeatureScale;
import io.smartcrm.job.models.SegmentTrainer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The online models on the live stack (Kafka, Elasticsearch, MiniCluster) over a generated stream with short
 * label horizons: warming up, then segments and scores on every profile, model versions with quality in
 * crm-models, stable segment ids, and a restart that keeps the model versions.
 */
class ModelsITCase {
    static final Duration TIMEOUT = Duration.ofMinutes(4);
    static final long DAY = 86_400_000L;
    static final Instant START = Instant.parse("2024-03-01T00:00:00Z");

    @TempDir
    Path tmp;

    @Test
    void profilesGetSegmentsAndScoresFromVersionedModelsThatSurviveARestart() throws Exception {
        EventGenerator generator = new EventGenerator(GeneratorConfig.builder().customers(300).seed(11)
                .startTime(START).baseCurrency("GBP").malformedShare(0).duplicateShare(0).build());
        try (LivePipeline pipeline = new LivePipeline("models")) {
            pipeline.conf.set(SmartcrmOptions.CHURN_HORIZON, Duration.ofDays(10));
            pipeline.conf.set(SmartcrmOptions.PROPENSITY_HORIZON, Duration.ofDays(5));
            pipeline.conf.set(SmartcrmOptions.LR_MIN_LABELS, 20);
            pipeline.conf.set(SmartcrmOptions.LR_BATCH_SIZE, 16);
            pipeline.conf.set(SmartcrmOptions.SEGMENTS_K, 4);
            pipeline.conf.set(SmartcrmOptions.MODELS_PUBLISH_INTERVAL, Duration.ofSeconds(1));
            pipeline.conf.set(SmartcrmOptions.MODELS_RESCORE_INTERVAL, Duration.ofSeconds(3));
            Path checkpoints = tmp.resolve("checkpoints");

            pipeline.publishUntil(generator, START.toEpochMilli() + 2 * DAY);
            pipeline.start(checkpoints);
            LivePipeline.waitUntil("first profiles", TIMEOUT, () -> pipeline.count("crm-customers") > 50);
            Map<String, ObjectNode> early = pipeline.documents("crm-customers");
            assertThat(early.values()).as("no labels before the first horizon ends").allSatisfy(d -> {
                assertThat(d.at("/churn/status").asText()).isEqualTo("warming_up");
                assertThat(d.at("/propensity/status").asText()).isEqualTo("warming_up");
                assertThat(d.at("/churn/probability").isMissingNode()).isTrue();
            });

            pipeline.publishUntil(generator, START.toEpochMilli() + 30 * DAY);
            LivePipeline.waitUntil("every profile with a segment and both scores", TIMEOUT,
                    () -> allScored(pipeline));
            Map<String, ObjectNode> scored = pipeline.documents("crm-customers");
            assertThat(scored.values()).allSatisfy(d -> {
                assertThat(d.at("/segment/name").asText()).isNotBlank();
                assertThat(d.at("/churn/band").asText()).isIn("low", "medium", "high");
                assertThat(d.at("/churn/reasons")).isNotEmpty().hasSizeLessThanOrEqualTo(3);
                assertThat(d.at("/churn/reasons/0/text").asText()).isNotBlank();
            });

            List<ObjectNode> models = models(pipeline);
            ObjectNode churn = newest(models, "churn");
            assertThat(churn.path("status").asText()).isEqualTo("ready");
            assertThat(churn.path("positives").asLong()).isGreaterThanOrEqualTo(20);
            assertThat(churn.path("negatives").asLong()).isGreaterThanOrEqualTo(20);
            assertThat(churn.at("/quality/auc").isNumber()).isTrue();
            assertThat(churn.at("/quality/logLoss").asDouble()).isPositive();
            assertThat(churn.path("features").findValuesAsText("name")).contains("(intercept)", "days_since_last_activity");
            ObjectNode segments = newest(models, "segments");
            assertThat(segments.path("segments")).hasSize(4);
            assertThat(segments.path("inertia").asDouble()).isPositive();
            assertThat(segments.path("segments").findValues("recentPoints").stream().mapToLong(JsonNode::asLong).sum())
                    .as("cluster sizes over the recent points").isPositive();
            assertThat(newest(models, "propensity").path("examples").asLong()).isPositive();
            assertSegmentIdsFollowTheNearestCentroids(models);

            long versionBefore = churn.path("version").asLong();
            Map<String, ObjectNode> before = scored;
            pipeline.publishUntil(generator, START.toEpochMilli() + 40 * DAY);
            LivePipeline.waitUntil("a newer churn model scoring profiles", TIMEOUT, () -> {
                try {
                    return pipeline.documents("crm-customers").values().stream()
                            .anyMatch(d -> d.at("/churn/modelVersion").asLong() > versionBefore);
                } catch (Exception e) {
                    return false;
                }
            });
            Map<String, ObjectNode> after = pipeline.documents("crm-customers");
            long moved = after.entrySet().stream().filter(e -> before.containsKey(e.getKey())
                    && e.getValue().at("/churn/modelVersion").asLong() > before.get(e.getKey()).at("/churn/modelVersion").asLong()
                    && e.getValue().at("/churn/probability").asDouble() != before.get(e.getKey()).at("/churn/probability").asDouble())
                    .count();
            assertThat(moved).as("scores move with new model versions").isPositive();

            LivePipeline.waitUntil("a checkpoint after the last model", TIMEOUT, () -> checkpointCount(checkpoints) > 0);
            Thread.sleep(1_500);
            pipeline.cancel();
            ObjectNode lastBefore = newest(models(pipeline), "churn");

            pipeline.start(checkpoints);
            pipeline.publishUntil(generator, START.toEpochMilli() + 48 * DAY);
            // versions published after the checkpoint are published again after the restore, so compare what the
            // model has learned: a fresh model would only know the examples after the checkpoint
            LivePipeline.waitUntil("a churn model after the restart that learned more than before", TIMEOUT,
                    () -> mostLearned(models(pipeline), "churn") > lastBefore.path("examples").asLong());
            ObjectNode resumed = newest(models(pipeline), "churn");
            assertThat(resumed.path("version").asLong()).as("the restored model's versions continue")
                    .isGreaterThan(1);
            assertThat(mostLearned(models(pipeline), "churn")).as("the restored model, not a fresh one")
                    .isGreaterThan(lastBefore.path("examples").asLong());
        }
    }

    private static boolean allScored(LivePipeline pipeline) {
        try {
            Collection<ObjectNode> docs = pipeline.documents("crm-customers").values();
            return !docs.isEmpty() && docs.stream().allMatch(d -> d.at("/segment/id").isInt()
                    && d.at("/churn/probability").isNumber() && d.at("/propensity/probability").isNumber());
        } catch (Exception e) {
            return false;
        }
    }

    private static List<ObjectNode> models(LivePipeline pipeline) {
        try {
            return new ArrayList<>(pipeline.documents("crm-models").values());
        } catch (Exception e) {
            return List.of();
        }
    }

    private static ObjectNode newest(List<ObjectNode> models, String model) {
        return models.stream().filter(m -> m.path("model").asText().equals(model))
                .max(Comparator.comparingLong(m -> m.path("version").asLong()))
                .orElseGet(() -> new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode());
    }

    private static long mostLearned(List<ObjectNode> models, String model) {
        return models.stream().filter(m -> m.path("model").asText().equals(model))
                .mapToLong(m -> m.path("examples").asLong()).max().orElse(0);
    }

    /**
     * Between consecutive segmentation versions, keeping each id is the assignment of least total distance, measured
     * where the trainer measures it: in the new version's standardized feature space.
     */
    private static void assertSegmentIdsFollowTheNearestCentroids(List<ObjectNode> models) {
        List<ObjectNode> versions = models.stream().filter(m -> m.path("model").asText().equals("segments"))
                .sorted(Comparator.comparingLong(m -> m.path("version").asLong())).toList();
        assertThat(versions.size()).isGreaterThan(2);
        for (int v = 1; v < versions.size(); v++) {
            if (versions.get(v).path("version").asLong() != versions.get(v - 1).path("version").asLong() + 1) {
                continue;
            }
            double[][] previous = SegmentTrainer.rescale(centroids(versions.get(v - 1)), scales(versions.get(v - 1)),
                    scales(versions.get(v)));
            double[][] next = centroids(versions.get(v));
            double kept = 0;
            for (int i = 0; i < next.length; i++) {
                kept += distance(previous[i], next[i]);
            }
            for (int[] p : permutations(next.length)) {
                double other = 0;
                for (int i = 0; i < next.length; i++) {
                    other += distance(previous[p[i]], next[i]);
                }
                assertThat(kept).as("version %d", versions.get(v).path("version").asLong())
                        .isLessThanOrEqualTo(other + 1e-9);
            }
        }
    }

    private static List<FeatureScale> scales(JsonNode model) {
        List<FeatureScale> out = new ArrayList<>();
        model.path("features").forEach(f -> out.add(new FeatureScale(f.path("name").asText(),
                f.path("indicator").asBoolean(), f.path("mean").asDouble(), f.path("std").asDouble())));
        return out;
    }

    /** Centroids in the model's own standardized units, ordered by segment id. */
    private static double[][] centroids(JsonNode model) {
        List<JsonNode> segments = new ArrayList<>();
        model.path("segments").forEach(segments::add);
        segments.sort(Comparator.comparingInt(s -> s.path("id").asInt()));
        double[][] centroids = new double[segments.size()][];
        for (int s = 0; s < centroids.length; s++) {
            JsonNode c = segments.get(s).path("centroid");
            centroids[s] = new double[c.size()];
            for (int i = 0; i < c.size(); i++) {
                centroids[s][i] = c.get(i).asDouble();
            }
        }
        return centroids;
    }

    private static double distance(double[] a, double[] b) {
        double sq = 0;
        for (int i = 0; i < a.length; i++) {
            sq += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(sq);
    }

    private static List<int[]> permutations(int n) {
        List<int[]> out = new ArrayList<>();
        permute(new int[n], new boolean[n], 0, out);
        return out;
    }

    private static void permute(int[] p, boolean[] used, int i, List<int[]> out) {
        if (i == p.length) {
            out.add(p.clone());
            return;
        }
        for (int v = 0; v < p.length; v++) {
            if (!used[v]) {
                used[v] = true;
                p[i] = v;
                permute(p, used, i + 1, out);
                used[v] = false;
            }
        }
    }

    private static long checkpointCount(Path checkpoints) {
        try (var s = java.nio.file.Files.walk(checkpoints, 2)) {
            return s.filter(p -> p.getFileName().toString().startsWith("chk-")).count();
        } catch (Exception e) {
            return 0;
        }
    }
}
