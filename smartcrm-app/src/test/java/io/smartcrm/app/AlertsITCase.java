package io.smartcrm.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.smartcrm.api.SmartcrmApi;
import io.smartcrm.api.http.ApiKeys;
import io.smartcrm.app.cli.ServeCommand;
import io.smartcrm.browser.ConsoleBrowser;
import io.smartcrm.generator.EventGenerator;
import io.smartcrm.generator.GeneratorConfig;
import io.smartcrm.generator.ShiftKind;
import io.smartcrm.job.SmartcrmOptions;
import io.smartcrm.model.alert.Alert;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * Shift detection on the live stack: a generated stream whose window shoppers surge ten-fold for two days, fed
 * day by day, with daily windows. After four weeks in which customers and the segmentation model mature: no shift
 * alert in the stable phase; a shift alert within two windows of the surge; resolved after it is reversed; a rule created through the API while the job runs fires without a restart. The timeline is written to
 * {@code target/alerts-timeline.txt}.
 */
class AlertsITCase {
    static final Duration TIMEOUT = Duration.ofMinutes(3);
    static final long DAY = 86_400_000L;
    static final Instant START = Instant.parse("2024-03-01T00:00:00Z");
    /** The customer base and the segmentation model mature first: alerts then are about the model, not tested. */
    static final Instant STABLE_FROM = START.plus(Duration.ofDays(28));
    static final Instant SHIFT_AT = START.plus(Duration.ofDays(42));
    static final Instant SHIFT_UNTIL = START.plus(Duration.ofDays(44));
    static final int DAYS = 49;
    static final int RULE_DAY = 30;
    static final ObjectMapper JSON = new ObjectMapper();
    static final String ADMIN_KEY = "alerts-itcase-admin-key-0123456789";

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
        SmartcrmApi api = null;
        try (LivePipeline pipeline = new LivePipeline("alerts")) {
            pipeline.conf.set(SmartcrmOptions.ALERTS_WINDOW, Duration.ofDays(1));
            pipeline.conf.set(SmartcrmOptions.ALERTS_REFERENCE_WINDOWS, 7);
            // a week, as the hourly defaults: the segmentation model's drift while it matures is accepted in time
            pipeline.conf.set(SmartcrmOptions.ALERTS_MAX_OPEN_WINDOWS, 7);
            // each day is published at once: partitions that are done idle quickly, not holding back the watermark
            pipeline.conf.set(SmartcrmOptions.IDLENESS, Duration.ofSeconds(2));
            pipeline.conf.set(SmartcrmOptions.MODELS_PUBLISH_INTERVAL, Duration.ofSeconds(1));
            pipeline.conf.set(SmartcrmOptions.MODELS_RESCORE_INTERVAL, Duration.ofSeconds(3));
            pipeline.conf.set(SmartcrmOptions.ALERTS_WEBHOOK_URL, "http://127.0.0.1:" + hook.getAddress().getPort() + "/hook");
            pipeline.conf.set(SmartcrmOptions.API_PORT, 0);
            ApiKeys keys = ApiKeys.parse(ADMIN_KEY + ":admin");
            api = SmartcrmApi.start(ServeCommand.settings(pipeline.conf, keys), pipeline.es, Map::of);
            pipeline.start(tmp.resolve("checkpoints"));
            for (int day = 1; day <= DAYS; day++) {
                // ten minutes into the next day: past the out-of-orderness (1 min) and the allowed lateness (30 s)
                pipeline.publishUntil(generator, START.toEpochMilli() + day * DAY + 600_000);
                String closed = START.plus(Duration.ofDays(day - 1)).toString();
                LivePipeline.waitUntil("the snapshots of day " + day, TIMEOUT,
                        () -> snapshotWindows(pipeline).contains(closed));
                if (day == RULE_DAY) {
                    HttpResponse<String> created = postRule(api.port(), "{\"id\":\"de-active\",\"name\":\"Active customers in Germany\","
                            + "\"metric\":\"count\",\"filter\":{\"country\":\"DE\"},\"period\":\"1d\","
                            + "\"condition\":\"above\",\"threshold\":5}");
                    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
                    timeline.add("rule de-active created through the API while the job ran, after event day " + day);
                }
            }
            Map<String, ObjectNode> alerts = pipeline.documents("crm-alerts");
            for (ObjectNode a : sorted(alerts.values())) {
                timeline.add(String.format("alert %s %s %s %s window %s..%s: %s", a.path("id").asText(),
                        a.path("kind").asText(), a.path("state").asText(), a.path("severity").asText(),
                        a.path("openedAt").asText(), a.path("updatedAt").asText(), a.path("explanation").asText()));
            }
            timeline.add(0, "shift injected " + SHIFT_AT + ", reversed " + SHIFT_UNTIL + " (event time)");
            timeline.addAll(segmentMix(pipeline.documents("crm-segments").values()));
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
            // which segment's share crosses its threshold depends on the segmentation learned: the crowd of window
            // shoppers grows theirs, or shrinks the others'
            assertThat(raised).as("the surge: the mix shifted").anyMatch(a -> a.path("kind").asText()
                    .equals(Alert.DISTRIBUTION_SHIFT) || a.path("kind").asText().equals(Alert.SEGMENT_SHARE));
            assertThat(raised).as("resolved after the surge is reversed").allSatisfy(a -> {
                assertThat(a.path("state").asText()).isEqualTo(Alert.RESOLVED);
                assertThat(a.path("resolution").asText()).isEqualTo("returned");
                assertThat(Instant.parse(a.path("resolvedAt").asText()))
                        .isBetween(SHIFT_UNTIL.plus(Duration.ofDays(1)), SHIFT_UNTIL.plus(Duration.ofDays(4)));
            });
            ObjectNode shift = raised.stream().min(Comparator.comparing((ObjectNode a) ->
                    !a.path("kind").asText().equals(Alert.DISTRIBUTION_SHIFT))).orElseThrow();
            if (shift.path("kind").asText().equals(Alert.DISTRIBUTION_SHIFT)) {
                assertThat(shift.path("psi").asDouble()).isGreaterThanOrEqualTo(0.10);
            }
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

            HttpResponse<String> resolved = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + api.port() + "/api/alerts?state=resolved&size=100"))
                    .header("X-API-Key", ADMIN_KEY).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(resolved.statusCode()).isEqualTo(200);
            assertThat(resolved.body()).as("the API lists the resolved shift").contains(shift.path("id").asText());
            seeTheShiftInTheConsole(api.port(), shift, timeline);

            Map<String, ObjectNode> snapshots = pipeline.documents("crm-segments");
            Map<String, Double> shares = snapshots.values().stream().collect(Collectors.groupingBy(
                    s -> s.path("windowStart").asText(), Collectors.summingDouble(s -> s.path("share").asDouble())));
            assertThat(shares.values()).allSatisfy(total -> assertThat(total).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-6)));
            assertThat(shares).hasSizeGreaterThanOrEqualTo(DAYS - 5);
        } finally {
            hook.stop(0);
            if (api != null) {
                api.close();
            }
        }
    }

    /** A marketer's view: the console's alerts page lists the resolved shift, and its page explains it. */
    private static void seeTheShiftInTheConsole(int port, ObjectNode shift, List<String> timeline) {
        try (ConsoleBrowser browser = ConsoleBrowser.start(Path.of("target", "screenshots"))) {
            browser.driver.get("http://127.0.0.1:" + port + "/console/#/alerts?state=resolved");
            browser.signIn(ADMIN_KEY, "alerts");
            String id = shift.path("id").asText();
            assertThat(browser.driver.findElement(By.id("alerts-table")).getText()).as("%s", timeline)
                    .contains(shift.path("explanation").asText());
            browser.screenshot("alerts-after-the-shift");
            String seq = browser.seq();
            browser.driver.findElement(By.cssSelector("#alerts-table tr[data-id='" + id + "'] a")).click();
            browser.awaitPage("alerts", seq);
            assertThat(browser.driver.findElement(By.id("alert-explanation")).getText())
                    .isEqualTo(shift.path("explanation").asText());
            assertThat(browser.driver.findElement(By.id("main")).getText()).contains("resolved");
            browser.screenshot("alert-of-the-shift");
        }
    }

    private static List<ObjectNode> sorted(Collection<ObjectNode> alerts) {
        return alerts.stream().sorted(Comparator.comparing((ObjectNode a) -> a.path("openedAt").asText())).toList();
    }

    /** One line per window: active customers and each segment's share, for reading a failure. */
    private static List<String> segmentMix(Collection<ObjectNode> snapshots) {
        Map<String, List<ObjectNode>> byWindow = snapshots.stream().collect(Collectors.groupingBy(
                s -> s.path("windowStart").asText(), java.util.TreeMap::new, Collectors.toList()));
        List<String> lines = new ArrayList<>();
        byWindow.forEach((window, segments) -> lines.add(String.format("window %s active %d: %s", window,
                segments.get(0).path("activeCustomers").asLong(), segments.stream()
                        .sorted(Comparator.comparingInt((ObjectNode s) -> s.path("segmentId").asInt()))
                        .map(s -> String.format("%d '%s' %.1f %%", s.path("segmentId").asInt(),
                                s.path("segmentName").asText(), 100 * s.path("share").asDouble()))
                        .collect(Collectors.joining(", ")))));
        return lines;
    }

    private static java.util.Set<String> snapshotWindows(LivePipeline pipeline) {
        try {
            return pipeline.documents("crm-segments").values().stream().map(s -> s.path("windowStart").asText())
                    .collect(Collectors.toSet());
        } catch (Exception e) {
            return java.util.Set.of();
        }
    }

    private static HttpResponse<String> postRule(int port, String json) throws Exception {
        HttpRequest post = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/rules"))
                .header("X-API-Key", ADMIN_KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        return HttpClient.newHttpClient().send(post, HttpResponse.BodyHandlers.ofString());
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
