package io.smartcrm.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the real Kafka broker and Elasticsearch node. */
class EmbeddedServersITCase {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path temp;

    @BeforeAll
    static void startSharedServersConcurrently() throws Exception {
        CompletableFuture<EmbeddedKafka> kafka = CompletableFuture.supplyAsync(SharedServices::kafka);
        CompletableFuture<EmbeddedElasticsearch> elasticsearch = CompletableFuture.supplyAsync(SharedServices::elasticsearch);
        CompletableFuture.allOf(kafka, elasticsearch).get(5, TimeUnit.MINUTES);
    }

    @Test
    void sharedKafkaCarriesAMessageThroughACreatedTopic() {
        EmbeddedKafka kafka = SharedServices.kafka();
        assertThat(SharedServices.kafka()).isSameAs(kafka);
        assertThat(kafka.bootstrapServers()).matches("127\\.0\\.0\\.1:\\d+");

        kafka.createTopics(Map.of("it-customers", 3, "it-orders", 1));
        kafka.createTopics(Map.of("it-customers", 3)); // idempotent

        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig(kafka));
             KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig(kafka))) {
            assertThat(consumer.partitionsFor("it-customers")).hasSize(3);
            producer.send(new ProducerRecord<>("it-customers", "c-1", "{\"name\":\"Ada\"}")).get(30, TimeUnit.SECONDS);

            consumer.subscribe(List.of("it-customers"));
            List<ConsumerRecord<String, String>> received = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (received.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(received::add);
            }
            assertThat(received).singleElement().satisfies(record -> {
                assertThat(record.key()).isEqualTo("c-1");
                assertThat(record.value()).isEqualTo("{\"name\":\"Ada\"}");
            });
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void sharedElasticsearchIndexesAndSearchesADocument() throws Exception {
        EmbeddedElasticsearch elasticsearch = SharedServices.elasticsearch();
        assertThat(SharedServices.elasticsearch()).isSameAs(elasticsearch);
        String url = elasticsearch.httpUrl();
        assertThat(url).matches("http://127\\.0\\.0\\.1:\\d+");

        assertThat(send("PUT", url + "/it-customers",
                "{\"mappings\":{\"properties\":{\"name\":{\"type\":\"text\"},\"city\":{\"type\":\"keyword\"}}}}"))
                .contains("\"acknowledged\":true");
        assertThat(send("PUT", url + "/it-customers/_doc/c-1?refresh=true",
                "{\"name\":\"Ada Lovelace\",\"city\":\"London\"}")).contains("\"result\":\"created\"");
        String hits = send("POST", url + "/it-customers/_search",
                "{\"query\":{\"bool\":{\"must\":{\"match\":{\"name\":\"lovelace\"}},\"filter\":{\"term\":{\"city\":\"London\"}}}}}");

        assertThat(hits).contains("\"total\":{\"value\":1,").contains("\"_id\":\"c-1\"").contains("Ada Lovelace");
    }

    @Test
    void freshServersStopCompletelyAndFreeTheirPorts() {
        EmbeddedKafka kafka = new EmbeddedKafka(KafkaSettings.of(temp.resolve("kafka"))
                .withPort(0).withControllerPort(0).withHeap("256m"));
        EmbeddedElasticsearch elasticsearch = new EmbeddedElasticsearch(ElasticsearchSettings.of(temp.resolve("es"))
                .withHttpPort(0).withTransportPort(0).withHeap("512m"));
        CompletableFuture.allOf(CompletableFuture.runAsync(kafka::start), CompletableFuture.runAsync(elasticsearch::start))
                .join();
        List<Integer> ports = List.of(kafka.port(), kafka.controllerPort(),
                elasticsearch.httpPort(), elasticsearch.transportPort());
        List<ProcessHandle> kafkaTree = tree(kafka);
        List<ProcessHandle> elasticsearchTree = tree(elasticsearch);
        assertThat(elasticsearchTree).as("launcher and forked node JVM").hasSizeGreaterThanOrEqualTo(2);
        assertThat(ports).noneMatch(Ports::isFree);
        assertThat(kafka.dataDir().resolve("kafka.pid")).exists();
        assertThat(elasticsearch.dataDir().resolve("elasticsearch.pid")).exists();

        kafka.close();
        elasticsearch.close();

        assertThat(ProcessTree.running(kafkaTree)).isEmpty();
        assertThat(ProcessTree.running(elasticsearchTree)).isEmpty();
        assertThat(ports).allMatch(Ports::isFree);
        assertThat(kafka.isRunning()).isFalse();
        assertThat(elasticsearch.isRunning()).isFalse();
        assertThat(kafka.dataDir().resolve("kafka.pid")).doesNotExist();
        assertThat(elasticsearch.dataDir().resolve("elasticsearch.pid")).doesNotExist();
        assertThat(kafka.logFile()).content().contains("Kafka Server started");
    }

    @Test
    void aTakenPortIsReportedBeforeAnythingStarts() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName(Ports.HOST))) {
            EmbeddedKafka kafka = new EmbeddedKafka(KafkaSettings.of(temp.resolve("kafka"))
                    .withPort(taken.getLocalPort()).withControllerPort(0));

            assertThatThrownBy(kafka::start)
                    .isInstanceOf(PortInUseException.class)
                    .hasMessageContaining("Kafka port " + taken.getLocalPort())
                    .hasMessageContaining("--kafka-port");
            assertThat(kafka.process()).isEmpty();
            assertThat(temp.resolve("kafka/server.properties")).doesNotExist();
        }
    }

    @Test
    void aStaleBrokerOfACrashedRunIsStoppedBeforeANewStart() throws Exception {
        Path dataDir = temp.resolve("kafka");
        EmbeddedKafka crashed = new EmbeddedKafka(KafkaSettings.of(dataDir).withPort(0).withControllerPort(0));
        crashed.start();
        List<ProcessHandle> staleTree = tree(crashed);
        // what a JVM that died without stopping its broker leaves behind
        Path pidFile = crashed.dataDir().resolve("kafka.pid");
        TestProcesses.ownerlessPidFile(PidFile.read(pidFile).orElseThrow().pids()).write(pidFile);

        try (EmbeddedKafka restarted = new EmbeddedKafka(KafkaSettings.of(dataDir).withPort(0).withControllerPort(0))) {
            restarted.start();

            assertThat(ProcessTree.running(staleTree)).isEmpty();
            restarted.createTopics(Map.of("it-after-restart", 1));
            assertThat(PidFile.read(pidFile).orElseThrow().ownerPid()).isEqualTo(ProcessHandle.current().pid());
            crashed.stop(); // must not touch the new broker's pid file
            assertThat(PidFile.read(pidFile)).isPresent();
            assertThat(restarted.isRunning()).isTrue();
        }
    }

    @Test
    void aDataDirInUseByThisJvmIsRefused() {
        EmbeddedKafka shared = SharedServices.kafka();
        EmbeddedKafka second = new EmbeddedKafka(shared.settings());

        assertThatThrownBy(second::start).hasMessageContaining("is in use by processes");
        assertThat(shared.isRunning()).isTrue();
    }

    @Test
    void aBrokerThatDiesDuringStartupReportsItsOutputAndCommand() {
        EmbeddedKafka kafka = new EmbeddedKafka(KafkaSettings.of(temp.resolve("kafka"))
                .withPort(0).withControllerPort(0).withHeap("1k"));

        assertThatThrownBy(kafka::start)
                .isInstanceOf(EmbeddedServerException.class)
                .hasMessageContaining("Kafka exited with code 1 during startup")
                .hasMessageContaining("Command: ").hasMessageContaining("-Xmx1k").hasMessageContaining("kafka.Kafka")
                .hasMessageContaining("Too small maximum heap");
        assertThat(kafka.isRunning()).isFalse();
    }

    @Test
    void aNodeThatDiesDuringStartupReportsItsOutputAndCommand() {
        EmbeddedElasticsearch elasticsearch = new EmbeddedElasticsearch(ElasticsearchSettings.of(temp.resolve("es"))
                .withHttpPort(0).withTransportPort(0).withHeap("1k"));

        assertThatThrownBy(elasticsearch::start)
                .isInstanceOf(EmbeddedServerException.class)
                .hasMessageContaining("Elasticsearch exited with code")
                .hasMessageContaining("ES_JAVA_OPTS='-Xms1k -Xmx1k'")
                .hasMessageContaining("bin/elasticsearch")
                .hasMessageContaining("Too small maximum heap");
        assertThat(elasticsearch.isRunning()).isFalse();
    }

    private static List<ProcessHandle> tree(EmbeddedServer server) {
        return ProcessTree.withDescendants(List.of(server.process().orElseThrow()));
    }

    private static String send(String method, String url, String json) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
        return response.body();
    }

    private static Properties producerConfig(EmbeddedKafka kafka) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return config;
    }

    private static Properties consumerConfig(EmbeddedKafka kafka) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "it-consumer");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return config;
    }
}
