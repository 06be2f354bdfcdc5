package io.smartcrm.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.smartcrm.generator.EventGenerator;
import io.smartcrm.generator.GeneratorConfig;
import io.smartcrm.generator.ShiftKind;
import io.smartcrm.job.SmartcrmOptions;
import io.smartcrm.model.alert.Alert;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shift detection on the live stack: a generated stream whose window shoppers surge four-fold for two days, fed
 * day by day, with daily windows. After two weeks in which customers and the segmentation model mature: no shift
 * alert in the stable phase; a shift alert within two windows of the surge; resolved after it is reversed; a rule published while the job runs fires without a restart. The timeline is written to
 * {@code target/alerts-timeline.txt}.
 */
class AlertsITCase {
    static final Duration TIMEOUT = Duration.ofMinutes(3);
    static final long DAY = 86_400_000L;
    static final Instant START = Instant.parse("2024-03-01T00:00:00Z");
    /** The customer base and the segmentation model mature first: alerts then are about the model, not tested. */
    static final Instant STABLE_FROM = START.plus(Duration.ofDays(14));
    static final Instant SHIFT_AT = START.plus(Duration.ofDays(28));
    static final Instant SHIFT_UNTIL = START.plus(Duration.ofDays(30));
    static final int DAYS = 35;
    static final int RULE_DAY = 16;
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void aSurgeOfWindowShoppersRaisesOneAlertThatResolvesAfterItIsReversed() throws Exception {
        EventGenerator generator = new EventGenerator(GeneratorConfig.builder().customers(3000).seed(5)
                .startTime(START).malformedShare(0).duplicateShare(0)
                .shift(SHIFT_AT, ShiftKind.WINDOW_SHOPPER_SURGE).shiftUntil(SHIFT_UNTIL).build());
        List<JsonNode> webhook = new CopyOnWriteArrayList<>();
        HttpServer hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hook.createContext("/hook", exchange -> {
            webhook.add(JSON.readTree(exchange.getRequestBody()));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        hook.start();
        List<String> timeline = new ArrayList<>();
        try (LivePipeline pipeline = new LivePipeline("alerts")) {
            pipeline.conf.set(SmartcrmOptions.ALERTS_WINDOW, Duration.ofDays(1));
            pipeline.conf.set(SmartcrmOptions.ALERTS_REFERENCE_WINDOWS, 7);
            // each day is published at once: partitions that are done idle quickly, not holding back the watermark
            pipeline.conf.set(SmartcrmOptions.IDLENESS, Duration.ofSeconds(2));
            pipeline.conf.set(SmartcrmOptions.MODELS_PUBLISH_INTERVAL, Duration.ofSeconds(1));
            pipeline.conf.set(SmartcrmOptions.MODELS_RESCORE_INTERVAL, Duration.ofSeconds(3));
            pipeline.conf.set(SmartcrmOptions.ALERTS_WEBHOOK_URL, "http://127.0.0.1:" + hook.getAddress().getPort() + "/hook");
            pipeline.start(tmp.resolve("checkpoints"));
            for (int day = 1; day <= DAYS; day++) {
                // ten minutes into the next day: past the out-of-orderness (1 min) and the allowed lateness (30 s)
                pipeline.publishUntil(generator, START.toEpochMilli() + day * DAY + 600_000);
                String closed = START.plus(Duration.ofDays(day - 1)).toString();
                LivePipeline.waitUntil("the snapshots of day " + day, TIMEOUT,
                        () -> snapshotWindows(pipeline).contains(closed));
                if (day == RULE_DAY) {
                    publishRule(pipeline, "de-active", "{\"id\":\"de-active\",\"name\":\"Active customers in Germany\","
                            + "\"metric\":\"count\",\"filter\":{\"country\":\"DE\"},\"period\":\"1d\","
                            + "\"condition\":\"above\",\"threshold\":5,\"updatedAt\":\"" + Instant.now() + "\"}");
                    timeline.add("rule de-active published while the job ran, after event day " + day);
                }
            }
            Map<String, ObjectNode> alerts = pipeline.documents("crm-alerts");
            for (ObjectNode a : sorted(alerts.values())) {
                timeline.add(String.format("alert %s %s %s %s window %s..%s: %s", a.path("id").asText(),
                        a.path("kind").asText(), a.path("state").asText(), a.path("severity").asText(),
                        a.path("openedAt").asText(), a.path("updatedAt").asText(), a.path("explanation").asText()));
            }
            timeline.add(0, "shift injected " + SHIFT_AT + ", reversed " + SHIFT_UNTIL + " (event time)");
            Files.createDirectories(Path.of("target"));
            Files.write(Path.of("target", "alerts-timeline.txt"), timeline);

            List<ObjectNode> shifts = alerts.values().stream()
                    .filter(a -> !a.path("kind").asText().equals(Alert.RULE))
                    .filter(a -> !Instant.parse(a.path("openedAt").asText()).isBefore(STABLE_FROM)).toList();
            assertThat(shifts).as("no shift alert in the stable phase: %s", timeline)
                    .allSatisfy(a -> assertThat(Instant.parse(a.path("openedAt").asText())).isAfterOrEqualTo(SHIFT_AT));
            List<ObjectNode> raised = shifts.stream().filter(a -> Instant.parse(a.path("openedAt").asText())
                    .isBefore(SHIFT_AT.plus(Duration.ofDays(2)))).toList();
            assertThat(raised).as("a shift alert within two windows of the surge: %s", timeline).isNotEmpty();
            assertThat(raised).extracting(a -> a.path("kind").asText()).contains(Alert.DISTRIBUTION_SHIFT);
            assertThat(raised).as("resolved after the surge is reversed").allSatisfy(a -> {
                assertThat(a.path("state").asText()).isEqualTo(Alert.RESOLVED);
                assertThat(a.path("resolution").asText()).isEqualTo("returned");
                assertThat(Instant.parse(a.path("resolvedAt").asText()))
                        .isBetween(SHIFT_UNTIL.plus(Duration.ofDays(1)), SHIFT_UNTIL.plus(Duration.ofDays(4)));
            });
            ObjectNode shift = raised.stream().filter(a -> a.path("kind").asText().equals(Alert.DISTRIBUTION_SHIFT))
                    .findFirst().orElseThrow();
            assertThat(shift.path("psi").asDouble()).isGreaterThanOrEqualTo(0.10);
            assertThat(shift.path("version").asLong()).as("one alert, opened and resolved under one id").isGreaterThanOrEqualTo(2);

            List<ObjectNode> rule = alerts.values().stream().filter(a -> a.path("ruleId").asText().equals("de-active")).toList();
            assertThat(rule).as("the rule fired without a restart").hasSize(1);
            assertThat(Instant.parse(rule.get(0).path("openedAt").asText()))
                    .isAfter(START.plus(Duration.ofDays(RULE_DAY - 2)));
            assertThat(rule.get(0).path("explanation").asText()).startsWith("Rule 'Active customers in Germany': the number of active customers with country=DE was ");

            Map<String, Long> published = alertsTopic(pipeline);
            assertThat(published).as("every alert's latest version is on the alerts topic")
                    .containsAllEntriesOf(alerts.values().stream().collect(Collectors.toMap(
                            a -> a.path("id").asText(), a -> a.path("version").asLong())));
            LivePipeline.waitUntil("the webhook's copy of the shift's resolution", TIMEOUT, () -> webhook.stream()
                    .anyMatch(w -> w.path("id").asText().equals(shift.path("id").asText())
                            && w.path("state").asText().equals(Alert.RESOLVED)));

            Map<String, ObjectNode> snapshots = pipeline.documents("crm-segments");
            Map<String, Double> shares = snapshots.values().stream().collect(Collectors.groupingBy(
                    s -> s.path("windowStart").asText(), Collectors.summingDouble(s -> s.path("share").asDouble())));
            assertThat(shares.values()).allSatisfy(total -> assertThat(total).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-6)));
            assertThat(shares).hasSizeGreaterThanOrEqualTo(DAYS - 5);
        } finally {
            hook.stop(0);
        }
    }

    private static List<ObjectNode> sorted(Collection<ObjectNode> alerts) {
        return alerts.stream().sorted(Comparator.comparing((ObjectNode a) -> a.path("openedAt").asText())).toList();
    }

    private static java.util.Set<String> snapshotWindows(LivePipeline pipeline) {
        try {
            return pipeline.documents("crm-segments").values().stream().map(s -> s.path("windowStart").asText())
                    .collect(Collectors.toSet());
        } catch (Exception e) {
            return java.util.Set.of();
        }
    }

    private static void publishRule(LivePipeline pipeline, String id, String json) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, pipeline.bootstrapServers());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(pipeline.conf.get(SmartcrmOptions.ALERT_RULES_TOPIC), id, json)).get();
        }
    }

    /** The highest version of every alert id on the alerts topic. */
    private static Map<String, Long> alertsTopic(LivePipeline pipeline) throws IOException {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, pipeline.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "alerts-check-" + System.nanoTime());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        Map<String, Long> versions = new java.util.HashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(pipeline.conf.get(SmartcrmOptions.ALERTS_TOPIC)));
            long deadline = System.currentTimeMillis() + 15_000;
            while (System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    long v = JSON.readTree(r.value().getBytes(StandardCharsets.UTF_8)).path("version").asLong();
                    versions.merge(r.key(), v, Math::max);
                }
            }
        }
        return versions;
    }
}
