package io.smartcrm.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kafka 4 broker (single KRaft node, broker and controller) in its own JVM, with the broker's own classpath.
 * Its data dir holds {@code server.properties}, {@code log4j2.xml}, {@code kafka.pid}, the log dir {@code data/}
 * and {@code logs/kafka.log}. Storage is formatted on first start only.
 */
public final class EmbeddedKafka extends ProcessBackedServer {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
    private static final String NAME = "Kafka";
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaSettings settings;
    private final ServerLocations locations;

    private int port;
    private int controllerPort;
    private volatile Admin admin;

    /** A broker using the distributions found by {@link ServerLocations#detect()}. */
    public EmbeddedKafka(KafkaSettings settings) {
        this(settings, ServerLocations.detect());
    }

    public EmbeddedKafka(KafkaSettings settings, ServerLocations locations) {
        super(settings.dataDir());
        this.settings = settings;
        this.locations = locations;
    }

    @Override
    public String name() {
        return NAME;
    }

    public KafkaSettings settings() {
        return settings;
    }

    @Override
    public synchronized void start() {
        if (isRunning()) {
            throw new IllegalStateException("Kafka is already running at " + bootstrapServers());
        }
        stop(); // cleans up after a broker that died on its own
        long started = System.nanoTime();
        Path libs = locations.kafkaLibs();
        dataDir = FileTrees.realDirectory(settings.dataDir());
        Path logs = FileTrees.realDirectory(dataDir.resolve("logs"));
        ServerProcess server = new ServerProcess(NAME, dataDir, dataDir.resolve("kafka.pid"),
                logs.resolve("kafka.out"), List.of(logs.resolve("kafka.out"), logFile()), settings.stopTimeout());
        server.stopStale();
        int[] ports = Ports.resolve(settings.port(), settings.controllerPort());
        // the launcher derives the controller port from --kafka-port
        Ports.requireFree(ports[0], "Kafka", "--kafka-port", "KafkaSettings.withPort");
        Ports.requireFree(ports[1], "Kafka controller", "--kafka-port", "KafkaSettings.withControllerPort");
        Path properties = dataDir.resolve("server.properties");
        Path log4j = dataDir.resolve("log4j2.xml");
        FileTrees.write(properties, serverProperties(dataDir, ports[0], ports[1], settings.extraProperties()));
        FileTrees.write(log4j, log4jConfig(logFile()));
        formatStorageIfNeeded(libs, properties, log4j);

        LOG.info("Starting Kafka on {}:{} (controller port {}, data dir {})", Ports.HOST, ports[0], ports[1], dataDir);
        process = server;
        port = ports[0];
        controllerPort = ports[1];
        try {
            server.start(brokerCommand(libs, properties, log4j), environment -> { });
            server.awaitReady(settings.startTimeout(), this::ready);
        } catch (RuntimeException e) {
            closeAdmin();
            process = null;
            throw e;
        }
        LOG.info("Kafka ready at {} in {} ms (pid {})", bootstrapServers(),
                Duration.ofNanos(System.nanoTime() - started).toMillis(), server.handle().map(ProcessHandle::pid).orElse(-1L));
    }

    /** The broker's bootstrap address, e.g. {@code 127.0.0.1:9092}. */
    public synchronized String bootstrapServers() {
        requireStarted();
        return Ports.HOST + ":" + port;
    }

    public synchronized int port() {
        requireStarted();
        return port;
    }

    public synchronized int controllerPort() {
        requireStarted();
        return controllerPort;
    }

    /**
     * Creates the topics that do not exist yet (replication factor 1) and waits until every partition has a leader.
     * Existing topics are left as they are; a different partition count is logged as a warning.
     */
    public void createTopics(Map<String, Integer> partitionsByTopic) {
        Admin client = admin;
        if (client == null) {
            throw new IllegalStateException("Kafka is not running");
        }
        if (partitionsByTopic.isEmpty()) {
            return;
        }
        List<NewTopic> topics = partitionsByTopic.entrySet().stream()
                .map(topic -> new NewTopic(topic.getKey(), Optional.of(topic.getValue()), Optional.empty()))
                .toList();
        List<String> created = new ArrayList<>();
        List<String> existing = new ArrayList<>();
        try {
            for (Map.Entry<String, KafkaFuture<Void>> result : client.createTopics(topics).values().entrySet()) {
                try {
                    await(result.getValue());
                    created.add(result.getKey());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new EmbeddedServerException("Cannot create topic " + result.getKey() + ": "
                                + e.getCause().getMessage(), e.getCause());
                    }
                    existing.add(result.getKey());
                }
            }
            awaitLeaders(client, partitionsByTopic, existing);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedServerException("Interrupted while creating topics " + partitionsByTopic.keySet(), e);
        }
        LOG.info("Kafka topics created: {}; already present: {}", created, existing);
    }

    @Override
    protected void beforeStop() {
        closeAdmin();
    }

    /** {@code <dataDir>/logs/kafka.log}; the JVM's own output goes to {@code logs/kafka.out}. */
    @Override
    public synchronized Path logFile() {
        return dataDir.resolve("logs").resolve("kafka.log");
    }

    @Override
    public String toString() {
        return "EmbeddedKafka[" + settings + "]";
    }

    static String serverProperties(Path dataDir, int port, int controllerPort, Map<String, String> extra) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("process.roles", "broker,controller");
        properties.put("node.id", "1");
        properties.put("controller.quorum.voters", "1@" + Ports.HOST + ":" + controllerPort);
        properties.put("listeners", "PLAINTEXT://" + Ports.HOST + ":" + port + ",CONTROLLER://" + Ports.HOST + ":"
                + controllerPort);
        properties.put("advertised.listeners", "PLAINTEXT://" + Ports.HOST + ":" + port);
        properties.put("controller.listener.names", "CONTROLLER");
        properties.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
        properties.put("inter.broker.listener.name", "PLAINTEXT");
        properties.put("log.dirs", dataDir.resolve("data").toString());
        properties.put("offsets.topic.replication.factor", "1");
        properties.put("transaction.state.log.replication.factor", "1");
        properties.put("transaction.state.log.min.isr", "1");
        properties.put("share.coordinator.state.topic.replication.factor", "1");
        properties.put("share.coordinator.state.topic.min.isr", "1");
        properties.put("group.initial.rebalance.delay.ms", "0");
        properties.put("auto.create.topics.enable", "false");
        properties.putAll(new TreeMap<>(extra));
        StringBuilder text = new StringBuilder("# Generated by smartcrm-embedded on every start; use KafkaSettings.withProperty to change it.\n");
        properties.forEach((key, value) -> text.append(key).append('=').append(escapeProperty(value)).append('\n'));
        return text.toString();
    }

    static String log4jConfig(Path logFile) {
        String file = escapeXml(logFile.toString());
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <!-- Generated by smartcrm-embedded: the broker logs to a rolling file, never to the console,
                     and keeps logging while its own shutdown hook runs. -->
                <Configuration status="WARN" shutdownHook="disable">
                  <Appenders>
                    <RollingFile name="file" fileName="%1$s" filePattern="%1$s.%%i">
                      <PatternLayout pattern="[%%d] %%p %%m (%%c)%%n"/>
                      <SizeBasedTriggeringPolicy size="100 MB"/>
                      <DefaultRolloverStrategy max="5"/>
                    </RollingFile>
                  </Appenders>
                  <Loggers>
                    <Logger name="kafka.request.logger" level="WARN"/>
                    <Logger name="org.apache.kafka.clients" level="WARN"/>
                    <Root level="INFO"><AppenderRef ref="file"/></Root>
                  </Loggers>
                </Configuration>
                """.formatted(file);
    }

    private boolean ready() throws Exception {
        if (!Ports.accepts(port, 500)) {
            return false;
        }
        if (admin == null) {
            admin = Admin.create(Map.of(
                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, Ports.HOST + ":" + port,
                    AdminClientConfig.CLIENT_ID_CONFIG, "smartcrm-embedded",
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000",
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(ADMIN_TIMEOUT.toMillis()),
                    // a local broker: notice it is up quickly rather than backing off for a second
                    AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "200",
                    AdminClientConfig.RETRY_BACKOFF_MAX_MS_CONFIG, "200"));
        }
        Collection<Node> nodes = admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
        return !nodes.isEmpty();
    }

    private void formatStorageIfNeeded(Path libs, Path properties, Path log4j) {
        if (Files.exists(dataDir.resolve("data").resolve("meta.properties"))) {
            return;
        }
        String clusterId = Uuid.randomUuid().toString();
        List<String> command = List.of(ServerProcess.javaExecutable(), "-Xmx256m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-Dlog4j2.configurationFile=" + log4j,
                "-cp", libs.resolve("*").toString(), "kafka.tools.StorageTool",
                "format", "-t", clusterId, "-c", properties.toString());
        Path output = dataDir.resolve("logs").resolve("kafka-format.out");
        String commandLine = String.join(" ", ServerProcess.shellCommand(command, Map.of()));
        LOG.info("Formatting Kafka storage in {} (cluster id {})", dataDir.resolve("data"), clusterId);
        try {
            Process format = Spawner.start(new ProcessBuilder(command).directory(dataDir.toFile())
                    .redirectErrorStream(true).redirectOutput(output.toFile()));
            boolean exited = format.waitFor(settings.startTimeout().toMillis(), TimeUnit.MILLISECONDS);
            if (!exited) {
                ProcessTree.terminate(List.of(format.toHandle()), Duration.ofSeconds(5));
            }
            if (!exited || format.exitValue() != 0) {
                throw new EmbeddedServerException("Formatting Kafka storage failed ("
                        + (exited ? "exit code " + format.exitValue() : "timed out") + ")\nCommand: "
                        + commandLine + LogTail.describe(List.of(output, logFile())));
            }
        } catch (IOException e) {
            throw new EmbeddedServerException("Cannot run the Kafka storage tool: " + e.getMessage()
                    + "\nCommand: " + commandLine, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedServerException("Interrupted while formatting Kafka storage", e);
        }
    }

    private List<String> brokerCommand(Path libs, Path properties, Path log4j) {
        return List.of(ServerProcess.javaExecutable(), "-Xmx" + settings.heap(),
                "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20", "-XX:InitiatingHeapOccupancyPercent=35",
                "-Djava.awt.headless=true",
                "-Dlog4j2.configurationFile=" + log4j,
                "-cp", libs.resolve("*").toString(), "kafka.Kafka", properties.toString());
    }

    /**
     * Waits until every partition has a leader. A topic just created may still be unknown to the broker's
     * metadata for a moment (UnknownTopicOrPartition): that is "not ready yet", not a failure.
     */
    private static void awaitLeaders(Admin client, Map<String, Integer> partitionsByTopic, List<String> existing)
            throws InterruptedException {
        long deadline = System.nanoTime() + ADMIN_TIMEOUT.toNanos();
        while (true) {
            Map<String, TopicDescription> descriptions = null;
            try {
                descriptions = await(client.describeTopics(partitionsByTopic.keySet()).allTopicNames());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw new EmbeddedServerException("Cannot describe topics " + partitionsByTopic.keySet() + ": "
                            + e.getCause().getMessage(), e.getCause());
                }
            }
            boolean ready = descriptions != null && descriptions.values().stream()
                    .flatMap(description -> description.partitions().stream())
                    .map(TopicPartitionInfo::leader)
                    .allMatch(leader -> leader != null && !leader.isEmpty());
            if (ready) {
                warnOnPartitionMismatch(partitionsByTopic, existing, descriptions);
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new EmbeddedServerException("Topics " + partitionsByTopic.keySet()
                        + " have partitions without leader after " + ADMIN_TIMEOUT.toSeconds() + " s");
            }
            Thread.sleep(100);
        }
    }

    private static void warnOnPartitionMismatch(Map<String, Integer> wanted, List<String> existing,
                                                Map<String, TopicDescription> descriptions) {
        Map<String, Integer> mismatched = existing.stream()
                .filter(topic -> descriptions.get(topic).partitions().size() != wanted.get(topic))
                .collect(Collectors.toMap(topic -> topic, topic -> descriptions.get(topic).partitions().size()));
        if (!mismatched.isEmpty()) {
            LOG.warn("Existing Kafka topics kept with a partition count other than requested {}: {}", wanted, mismatched);
        }
    }

    private static <T> T await(KafkaFuture<T> future) throws ExecutionException, InterruptedException {
        try {
            return future.get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new EmbeddedServerException("Kafka admin request timed out after " + ADMIN_TIMEOUT.toSeconds() + " s", e);
        }
    }

    private void closeAdmin() {
        Admin client = admin;
        admin = null;
        if (client != null) {
            client.close(Duration.ofSeconds(5));
        }
    }


    static String escapeProperty(String value) {
        return value.replace("\\", "\\\\").replace("\n", "\\n");
    }

    static String escapeXml(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
