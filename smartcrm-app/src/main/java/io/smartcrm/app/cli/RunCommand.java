package io.smartcrm.app.cli;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.smartcrm.api.SmartcrmApi;
import io.smartcrm.api.http.ApiKeys;
import io.smartcrm.app.runtime.EmbeddedStack;
import io.smartcrm.app.runtime.FlinkRunner;
import io.smartcrm.app.runtime.GeneratorPosition;
import io.smartcrm.app.runtime.ProgressLine;
import io.smartcrm.generator.GeneratorConfig;
import io.smartcrm.generator.KafkaEventPublisher;
import io.smartcrm.job.CustomerJob;
import io.smartcrm.job.SmartcrmOptions;
import io.smartcrm.job.elasticsearch.ElasticsearchConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The embedded default: Kafka broker, Elasticsearch node, the Flink job on a MiniCluster, the generator. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Start everything on this machine: a Kafka broker, an Elasticsearch node, the Flink job "
                + "(local MiniCluster, checkpointed under the data directory) and the event generator. Ctrl-C stops all.")
public class RunCommand implements java.util.concurrent.Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);
    /**
     * A restarted generator sends again this many of its last events (the job drops them as duplicates), so
     * nothing is lost between the last saved position and a crash.
     */
    private static final long RESUME_OVERLAP = 10_000;

    @Option(names = "--data-dir", defaultValue = "data", description = "Where all state lives (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--kafka-port", defaultValue = "9092", description = "Kafka broker port (controller: port + 1). Default: ${DEFAULT-VALUE}.")
    int kafkaPort;

    @Option(names = "--es-port", defaultValue = "9200", description = "Elasticsearch HTTP port (transport: port + 100). Default: ${DEFAULT-VALUE}.")
    int esPort;

    @Option(names = "--es-heap", defaultValue = "1g", description = "Elasticsearch heap. Default: ${DEFAULT-VALUE}.")
    String esHeap;

    @Option(names = "--http-port", description = "Port of the query API (/health, /api/...); the same as -D api.port. Default: 8080.")
    Integer httpPort;

    @Option(names = "--flink-ui-port", defaultValue = "8081", description = "Flink web UI port. Default: ${DEFAULT-VALUE}.")
    int flinkUiPort;

    @Option(names = "--parallelism", defaultValue = "2", description = "Flink parallelism. Default: ${DEFAULT-VALUE}.")
    int parallelism;

    @Option(names = "--checkpoint-interval", defaultValue = "10s", description = "Flink checkpoint interval. Default: ${DEFAULT-VALUE}.")
    String checkpointInterval;

    @Option(names = "--customers", defaultValue = "10000", description = "Generator: number of customers. Default: ${DEFAULT-VALUE}.")
    int customers;

    @Option(names = "--rate", defaultValue = "2000", description = "Generator: events per second. Default: ${DEFAULT-VALUE}.")
    double rate;

    @Option(names = "--seed", defaultValue = "42", description = "Generator: random seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--no-generator", description = "Run the pipeline alone, fed by `ingest` or any Kafka client.")
    boolean noGenerator;

    @Option(names = "--progress-interval", defaultValue = "5s", description = "How often to print progress. Default: ${DEFAULT-VALUE}.")
    String progressInterval;

    @Mixin
    ShiftOptions shift;

    @Mixin
    JobOptions jobOptions;

    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicBoolean stopping = new AtomicBoolean();
    private volatile JobClient job;
    private volatile KafkaEventPublisher generator;
    private volatile ProgressLine progress;
    private volatile Supplier<GeneratorPosition> generatorPosition;
    private Path positionFile;

    @Override
    public Integer call() throws Exception {
        Path dir = dataDir.toAbsolutePath().normalize();
        Files.createDirectories(dir);
        Map<String, String> given = new LinkedHashMap<>(Map.of(
                SmartcrmOptions.KAFKA_BOOTSTRAP_SERVERS.key(), "127.0.0.1:" + kafkaPort,
                SmartcrmOptions.ES_HOSTS.key(), "http://127.0.0.1:" + esPort));
        if (httpPort != null) {
            given.put(SmartcrmOptions.API_PORT.key(), String.valueOf(httpPort));
        }
        Configuration conf = jobOptions.configuration(given);
        ApiKeys keys = ServeCommand.keys(conf, dir);
        LOG.info("Starting smartcrm with data in {}", dir);
        EmbeddedStack stack = new EmbeddedStack(dir, kafkaPort, esPort, esHeap);
        Thread hook = new Thread(() -> shutdown(stack), "smartcrm-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        ElasticsearchClient client = CustomerJob.esConnection(conf).createClient();
        try (SmartcrmApi api = SmartcrmApi.start(ServeCommand.settings(conf, keys), client, this::status)) {
            stack.start();
            stack.kafka().createTopics(Map.of(
                    conf.get(SmartcrmOptions.EVENTS_TOPIC), conf.get(SmartcrmOptions.EVENT_TOPIC_PARTITIONS),
                    conf.get(SmartcrmOptions.DLQ_TOPIC), 1));
            CustomerJob.applyIndexTemplates(conf);
            api.warmUp();
            progress = new ProgressLine(client, conf.get(SmartcrmOptions.CUSTOMERS_INDEX),
                    conf.get(SmartcrmOptions.MODELS_INDEX));
            job = FlinkRunner.start(conf, dir.resolve("checkpoints"), parallelism, parse(checkpointInterval),
                    flinkUiPort);
            LOG.info("Flink job {} submitted (web UI http://127.0.0.1:{})", job.getJobID(), flinkUiPort);
            if (!noGenerator) {
                generator = startGenerator(conf, dir.resolve("generator.json"));
                Thread feeder = new Thread(generator::run, "generator");
                feeder.setDaemon(true);
                feeder.start();
            }
            printHowToLook(conf, keys, api.port());
            watch();
            return 0;
        } catch (Exception e) {
            LOG.error("smartcrm stopped: {}", e.getMessage(), e);
            return 1;
        } finally {
            ElasticsearchConnection.close(client);
            if (!stopping.get()) {
                Runtime.getRuntime().removeShutdownHook(hook);
                shutdown(stack);
            }
        }
    }

    /** The generator, continuing the stream an earlier run on this data directory left off, if any. */
    private KafkaEventPublisher startGenerator(Configuration conf, Path positionFile) {
        String base = conf.get(SmartcrmOptions.BASE_CURRENCY);
        GeneratorConfig.Builder config = GeneratorConfig.builder().customers(customers).rate(rate).seed(seed)
                .topic(conf.get(SmartcrmOptions.EVENTS_TOPIC)).baseCurrency(base);
        Optional<GeneratorPosition> saved = GeneratorPosition.read(positionFile);
        long skip = 0;
        boolean resumed = false;
        if (saved.isPresent()) {
            Instant start = Instant.parse(saved.get().startTime());
            GeneratorConfig.Builder same = config.build().toBuilder().startTime(start);
            shift.apply(same, start);
            resumed = saved.get().sameStream(seed, customers, base, GeneratorPosition.shift(same.build()));
            if (resumed) {
                config = same;
                skip = Math.max(0, saved.get().position() - RESUME_OVERLAP);
            } else {
                LOG.warn("Generator settings differ from the earlier run on this data directory: starting a new"
                        + " stream (its events add to the existing customers)");
            }
        }
        if (!resumed) {
            shift.apply(config, config.build().startTime());
        }
        KafkaEventPublisher publisher = new KafkaEventPublisher(config.build(),
                conf.get(SmartcrmOptions.KAFKA_BOOTSTRAP_SERVERS));
        if (skip > 0) {
            LOG.info("Generator continues its earlier stream after event {}", skip);
            publisher.skip(skip);
        }
        GeneratorConfig c = publisher.config();
        if (c.shiftKind() != null) {
            LOG.info("Generator shift: {}", GeneratorPosition.shift(c));
        }
        generatorPosition = () -> new GeneratorPosition(c.seed(), c.customers(), c.baseCurrency(),
                GeneratorPosition.shift(c), c.startTime().toString(), publisher.position());
        this.positionFile = positionFile;
        savePosition();
        return publisher;
    }

    private void savePosition() {
        if (generatorPosition != null) {
            generatorPosition.get().write(positionFile);
        }
    }

    private void printHowToLook(Configuration conf, ApiKeys keys, int apiPort) {
        String es = "http://127.0.0.1:" + esPort;
        System.out.println();
        System.out.println("smartcrm is running. Look at the customers:");
        System.out.println("  curl -s '" + es + "/" + conf.get(SmartcrmOptions.CUSTOMERS_INDEX)
                + "/_search?size=3&sort=orders.revenue:desc&pretty'");
        System.out.println("  curl -s '" + es + "/" + conf.get(SmartcrmOptions.CUSTOMERS_INDEX)
                + "/_search?q=country:GB%20AND%20rfm.code:555&pretty'");
        System.out.println("  curl -s '" + es + "/" + conf.get(SmartcrmOptions.DLQ_INDEX)
                + "/_search?size=3&pretty'          (rejected events, with reasons)");
        ServeCommand.printHowToUse(System.out, conf, keys, apiPort, dataDir.resolve(ServeCommand.KEYS_FILE));
        System.out.println("Kafka: 127.0.0.1:" + kafkaPort + " topic " + conf.get(SmartcrmOptions.EVENTS_TOPIC)
                + " | Flink web UI: http://127.0.0.1:" + flinkUiPort + " | logs: " + dataDir.resolve("logs"));
        System.out.println("Ctrl-C stops everything.");
        System.out.println();
    }

    private void watch() throws Exception {
        long interval = parse(progressInterval).toMillis();
        while (!stopped.await(interval, TimeUnit.MILLISECONDS)) {
            JobStatus status = job.getJobStatus().get(10, TimeUnit.SECONDS);
            if (status.isGloballyTerminalState()) {
                throw new IllegalStateException("the Flink job ended with status " + status
                        + "; see " + dataDir.resolve("logs"));
            }
            System.out.println(progress.next());
            if (generator != null) {
                System.out.println("  generator: " + generator.stats());
                savePosition();
            }
        }
    }

    /** What {@code GET /api/status} answers: the job's state and figures (STARTING until the job runs). */
    private Map<String, Object> status() {
        Map<String, Object> status = new LinkedHashMap<>();
        JobClient j = job;
        try {
            status.put("job", j == null ? "STARTING" : j.getJobStatus().get(5, TimeUnit.SECONDS).name());
        } catch (Exception e) {
            status.put("job", "UNKNOWN");
        }
        ProgressLine p = progress;
        if (p != null) {
            status.putAll(p.status());
        }
        KafkaEventPublisher g = generator;
        if (g != null) {
            status.put("generatorSent", g.stats().sent());
        }
        return status;
    }

    private void shutdown(EmbeddedStack stack) {
        if (!stopping.compareAndSet(false, true)) {
            return;
        }
        stopped.countDown();
        System.out.println("Stopping smartcrm...");
        try {
            if (generator != null) {
                generator.close();
                savePosition();
            }
            if (job != null) {
                job.cancel().get(60, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            LOG.warn("Stopping the job: {}", e.toString());
        }
        stack.close();
        System.out.println("smartcrm stopped; state kept in " + dataDir.toAbsolutePath().normalize());
    }

    static Duration parse(String duration) {
        return org.apache.flink.util.TimeUtils.parseDuration(duration);
    }
}
