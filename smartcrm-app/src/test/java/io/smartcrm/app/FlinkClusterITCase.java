package io.smartcrm.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smartcrm.app.cluster.StandaloneFlinkCluster;
import io.smartcrm.app.cluster.StandaloneFlinkCluster.Role;
import io.smartcrm.app.cluster.StandaloneFlinkCluster.Settings;
import io.smartcrm.generator.EventGenerator;
import io.smartcrm.generator.GeneratedEvent;
import io.smartcrm.generator.GeneratorConfig;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded job jar on a real standalone Flink cluster (JobManager and TaskManager in their own JVMs, as
 * {@code ./smartcrm cluster start} runs them), submitted over REST against the embedded Kafka broker and
 * Elasticsearch node: generated events become profiles in Elasticsearch, the job runs and checkpoints on the
 * cluster (RocksDB), and cancels.
 */
class FlinkClusterITCase {
    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    @TempDir
    static Path tmp;

    static StandaloneFlinkCluster cluster;
    private static final long STARTED = System.nanoTime();

    /** Progress with the seconds since the test class loaded: where the time goes. */
    private static void step(String what) {
        System.out.printf("FlinkClusterITCase %5.1f s: %s%n", (System.nanoTime() - STARTED) / 1e9, what);
    }

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = new StandaloneFlinkCluster(tmp.resolve("cluster"), StandaloneFlinkCluster.defaultLib());
        cluster.start(new Settings("127.0.0.1", freePort(), freePort(), 2, "1024m", "1728m", Map.of()), TIMEOUT);
        step("cluster started: " + cluster.restUrl());
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (cluster != null) {
            List<String> stopped = cluster.stop(Duration.ofSeconds(30));
            step(String.join(", ", stopped));
            for (Role role : Role.values()) {
                assertThat(cluster.process(role)).as(role + " stopped").isEmpty();
            }
        }
    }

    @Test
    void theJobSubmittedToTheClusterWritesProfilesAndCheckpoints() throws Exception {
        EventGenerator generator = new EventGenerator(GeneratorConfig.builder().customers(60).seed(5)
                .baseCurrency("GBP").malformedShare(0).duplicateShare(0).build());
        List<GeneratedEvent> events = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            events.add(generator.next());
        }
        assertThat(events).allSatisfy(e -> assertThat(e.kind()).isEqualTo(GeneratedEvent.Kind.VALID));
        Map<String, Long> perCustomer = events.stream()
                .collect(Collectors.groupingBy(GeneratedEvent::customerId, Collectors.counting()));
        Map.Entry<String, Long> busiest = perCustomer.entrySet().stream()
                .max(Map.Entry.comparingByValue()).orElseThrow();

        try (LivePipeline pipeline = new LivePipeline("cluster")) {
            step("Kafka and Elasticsearch ready");
            Map<String, String> options = new LinkedHashMap<>(pipeline.conf.toMap());
            options.put("execution.checkpointing.interval", "2 s");
            String jobId = cluster.submit(StandaloneFlinkCluster.defaultJobJar(), StandaloneFlinkCluster.JOB_CLASS,
                    StandaloneFlinkCluster.programArgs(options), 2);
            step("job " + jobId + " submitted");
            LivePipeline.waitUntil("the job running on the cluster", TIMEOUT, () -> "RUNNING".equals(state(jobId)));
            publish(pipeline, events);
            step("job running, " + events.size() + " events published");

            LivePipeline.waitUntil("a profile of every customer", TIMEOUT,
                    () -> pipeline.count("crm-customers") == perCustomer.size());
            LivePipeline.waitUntil("customer " + busiest.getKey() + " with its " + busiest.getValue() + " events",
                    TIMEOUT, () -> eventCount(pipeline, busiest.getKey()) == busiest.getValue());
            step("profiles of all " + perCustomer.size() + " customers, the busiest complete");
            Map<String, ObjectNode> profiles = pipeline.documents("crm-customers");
            LivePipeline.waitUntil("every profile with all its events", TIMEOUT, () -> {
                try {
                    Map<String, ObjectNode> now = pipeline.documents("crm-customers");
                    profiles.putAll(now);
                    return perCustomer.entrySet().stream().allMatch(e -> now.containsKey(e.getKey())
                            && now.get(e.getKey()).path("eventCount").asLong() == e.getValue());
                } catch (Exception e) {
                    return false;
                }
            });
            assertThat(profiles.keySet()).containsExactlyInAnyOrderElementsOf(perCustomer.keySet());
            LivePipeline.waitUntil("every event indexed", TIMEOUT,
                    () -> pipeline.count("crm-events-*") == events.size());

            step("every profile and event complete");
            LivePipeline.waitUntil("a completed checkpoint", TIMEOUT,
                    () -> checkpoints(jobId) > 0);
            assertThat(state(jobId)).isEqualTo("RUNNING");
            assertThat(cluster.jobs().path("jobs")).anySatisfy(j -> {
                assertThat(j.path("jid").asText()).isEqualTo(jobId);
                assertThat(j.path("state").asText()).isEqualTo("RUNNING");
            });
            try (var files = Files.walk(tmp.resolve("cluster/checkpoints"))) {
                assertThat(files.anyMatch(p -> p.getFileName().toString().equals("_metadata")))
                        .as("checkpoints under the cluster directory").isTrue();
            }

            step("checkpointed and running");
            cluster.cancel(jobId);
            LivePipeline.waitUntil("the job cancelled", TIMEOUT, () -> "CANCELED".equals(state(jobId)));
            step("cancelled");
        }
    }

    private static String state(String jobId) {
        try {
            return cluster.jobState(jobId);
        } catch (Exception e) {
            return e.toString();
        }
    }

    private static long checkpoints(String jobId) {
        try {
            return cluster.checkpoints(jobId).path("counts").path("completed").asLong();
        } catch (Exception e) {
            return -1;
        }
    }

    private static long eventCount(LivePipeline pipeline, String customerId) {
        try {
            var doc = pipeline.es.get(g -> g.index("crm-customers").id(customerId), ObjectNode.class);
            return doc.found() ? doc.source().path("eventCount").asLong() : -1;
        } catch (Exception e) {
            return -1;
        }
    }

    private static void publish(LivePipeline pipeline, List<GeneratedEvent> events) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, pipeline.bootstrapServers());
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (GeneratedEvent e : events) {
                producer.send(new ProducerRecord<>(pipeline.topic, e.key(), e.value()));
            }
            producer.flush();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
