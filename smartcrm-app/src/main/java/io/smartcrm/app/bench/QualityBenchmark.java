package io.smartcrm.app.bench;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.util.ObjectBuilder;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smartcrm.app.runtime.EmbeddedStack;
import io.smartcrm.app.runtime.FlinkRunner;
import io.smartcrm.app.runtime.ModelVersions;
import io.smartcrm.app.runtime.ProgressMetrics;
import io.smartcrm.generator.EventGenerator;
import io.smartcrm.generator.GeneratedEvent;
import io.smartcrm.generator.GeneratorConfig;
import io.smartcrm.ingest.FileIngest;
import io.smartcrm.ingest.IngestOptions;
import io.smartcrm.ingest.IngestReport;
import io.smartcrm.ingest.Mapping;
import io.smartcrm.job.CustomerJob;
import io.smartcrm.job.SmartcrmOptions;
import io.smartcrm.job.elasticsearch.ElasticsearchConnection;
import io.smartcrm.job.features.FeatureValues;
import io.smartcrm.job.models.FeatureScale;
import io.smartcrm.job.models.SegmentModel;
import io.smartcrm.job.models.SegmentSettings;
import io.smartcrm.job.models.SegmentTrainer;
import io.smartcrm.learn.KMeans;
import io.smartcrm.learn.Roc;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The model quality benchmark on the embedded stack, each part with its own topic, indices and job:
 * <ol>
 *   <li>Telco churn: scikit-learn's stratified 70/30 split (seed 42); the 70 % streamed with labels through
 *   Kafka and the job, then the 30 % without labels; ROC AUC of the churn probabilities the job wrote.</li>
 *   <li>Online Retail: the sample streamed through the job; each buyer's recency, frequency and monetary value
 *   read back from Elasticsearch ({@code log1p}, standardized); the job's online K-means (its defaults, one
 *   pass in shuffled order, seed 42 over the buyers sorted by id) against offline k-means++ with 10 restarts, inertia per customer, k = 4, 5, 6.</li>
 *   <li>Throughput: generated events through the whole job while the models learn and publish.</li>
 * </ol>
 */
public final class QualityBenchmark {
    public static final double TARGET_AUC = 0.835;
    public static final double TARGET_INERTIA_RATIO = 1.10;
    static final List<String> RFM = List.of("days_since_last_purchase", "orders", "net_revenue");
    private static final Duration TIMEOUT = Duration.ofMinutes(15);
    private static final long DAY = 86_400_000L;

    private final Configuration base;
    private final Path dataDir;
    private final Path sharedData;
    private final int generatorEvents;
    private final PrintStream out;

    public QualityBenchmark(Configuration base, Path dataDir, Path sharedData, int generatorEvents, PrintStream out) {
        this.base = base;
        this.dataDir = dataDir;
        this.sharedData = sharedData;
        this.generatorEvents = generatorEvents;
        this.out = out;
    }

    /** The benchmark's figures. */
    public record Figures(double telcoAuc, Map<Integer, Double> inertiaRatios, double eventsPerSecond) {
        public boolean targetsMet() {
            return telcoAuc >= TARGET_AUC && inertiaRatios.values().stream().allMatch(r -> r <= TARGET_INERTIA_RATIO);
        }

        /** One figure a line, machine-readable, the four targets last. */
        public void print(PrintStream out) {
            out.printf(Locale.ROOT, "scoring_events_per_second=%.0f%n", eventsPerSecond);
            out.printf(Locale.ROOT, "telco_auc=%.3f%n", telcoAuc);
            inertiaRatios.forEach((k, r) -> out.printf(Locale.ROOT, "kmeans_inertia_ratio_k%d=%.3f%n", k, r));
        }
    }

    /** Runs all parts on a started stack, printing what it does and measures. */
    public Figures run(EmbeddedStack stack) throws Exception {
        double auc = telco(stack);
        Map<Integer, Double> ratios = retail(stack);
        return new Figures(auc, ratios, throughput(stack));
    }

    private double telco(EmbeddedStack stack) throws Exception {
        Path csv = dataFile("telco-customer-churn.csv");
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        List<String> rows = lines.subList(1, lines.size());
        List<String> labels = rows.stream().map(l -> l.substring(l.lastIndexOf(',') + 1).trim()).toList();
        StratifiedSplit split = StratifiedSplit.of(labels, 0.3, 42);
        Path train = dataDir.resolve("telco-train.csv");
        Path test = dataDir.resolve("telco-test.csv");
        List<String> trainLines = new ArrayList<>(List.of(lines.get(0)));
        List<String> testLines = new ArrayList<>(List.of(lines.get(0)));
        for (int i : split.train()) {
            trainLines.add(rows.get(i));
        }
        for (int i : split.test()) {
            String row = rows.get(i);
            testLines.add(row.substring(0, row.lastIndexOf(',') + 1));
        }
        Files.write(train, trainLines, StandardCharsets.UTF_8);
        Files.write(test, testLines, StandardCharsets.UTF_8);
        out.printf("Telco churn: %d customers, scikit-learn stratified split (seed 42): %d train (%d churned), %d test%n",
                rows.size(), split.train().length, trainLines.stream().filter(l -> l.endsWith(",Yes")).count(),
                split.test().length);

        Part part = new Part(stack, "telco");
        try {
            int batch = part.conf.get(SmartcrmOptions.LR_BATCH_SIZE);
            long started = System.nanoTime();
            IngestReport trained = part.ingest(train, "telco-churn");
            ObjectNode model = part.waitForModel("churn",
                    m -> m.path("examples").asLong() > split.train().length - batch);
            out.printf(Locale.ROOT, "  trained on %d labelled profile updates in %.1f s: churn model version %d (%s), "
                            + "prequential AUC %.3f over the last %d examples%n", trained.events(), seconds(started),
                    model.path("version").asLong(), model.path("status").asText(), model.at("/quality/auc").asDouble(),
                    model.at("/quality/evaluated").asInt());
            long version = model.path("version").asLong();
            part.ingest(test, "telco-churn");
            List<String> ids = new ArrayList<>();
            for (int i : split.test()) {
                ids.add(rows.get(i).substring(0, rows.get(i).indexOf(',')).trim());
            }
            Map<String, ObjectNode> scored = part.waitForScores(ids, version);
            double[] scores = new double[ids.size()];
            boolean[] churned = new boolean[ids.size()];
            for (int i = 0; i < ids.size(); i++) {
                scores[i] = scored.get(ids.get(i)).at("/churn/probability").asDouble();
                churned[i] = labels.get(split.test()[i]).equals("Yes");
            }
            double auc = Roc.auc(scores, churned);
            out.printf(Locale.ROOT, "  held-out 30 %%: %d profiles scored by model version %d: ROC AUC %.3f "
                    + "(target >= %.3f; offline scikit-learn 0.847)%n", ids.size(), version, auc, TARGET_AUC);
            return auc;
        } finally {
            part.close();
        }
    }

    private Map<Integer, Double> retail(EmbeddedStack stack) throws Exception {
        Part part = new Part(stack, "retail");
        List<FeatureValues> buyers = new ArrayList<>();
        try {
            IngestReport report = part.ingest(dataFile("online-retail-sample.csv"), "online-retail");
            part.waitForProcessed(report.events());
            part.waitForProfilesOfAcceptedEvents();
            List<ObjectNode> docs = new ArrayList<>(
                    part.documents(q -> q.range(r -> r.number(n -> n.field("orders.count").gt(0.0)))));
            docs.sort(Comparator.comparing(d -> d.path("customerId").asText()));
            long end = docs.stream().mapToLong(d -> Instant.parse(d.at("/orders/lastPurchaseAt").asText()).toEpochMilli())
                    .max().orElseThrow() + DAY;
            for (ObjectNode d : docs) {
                long last = Instant.parse(d.at("/orders/lastPurchaseAt").asText()).toEpochMilli();
                buyers.add(new FeatureValues()
                        .numeric("days_since_last_purchase", Math.log1p((end - last) / DAY), "")
                        .numeric("orders", Math.log1p(d.at("/orders/count").asLong()), "")
                        .numeric("net_revenue", Math.log1p(Math.max(0, d.at("/orders/revenue").asDouble())), ""));
            }
            out.printf("Online Retail: %d events through the job, %d buyers read back from Elasticsearch%n",
                    report.events(), buyers.size());
        } finally {
            part.close();
        }
        Map<Integer, Double> ratios = new LinkedHashMap<>();
        for (int k = 4; k <= 6; k++) {
            SegmentSettings s = new SegmentSettings(k, base.get(SmartcrmOptions.SEGMENTS_DECAY_FACTOR),
                    base.get(SmartcrmOptions.SEGMENTS_BATCH_SIZE), base.get(SmartcrmOptions.SEGMENTS_SEED), RFM,
                    base.get(SmartcrmOptions.LR_QUALITY_WINDOW));
            SegmentTrainer trainer = new SegmentTrainer(s);
            List<FeatureValues> stream = new ArrayList<>(buyers);
            Collections.shuffle(stream, new Random(42));
            stream.forEach(p -> trainer.learn(p, s));
            SegmentModel model = trainer.publish(System.currentTimeMillis(), s);
            List<double[]> xs = buyers.stream().map(p -> FeatureScale.vector(model.features, p)).toList();
            double online = KMeans.inertia(xs, model.segments.stream().map(g -> g.centroid).toArray(double[][]::new))
                    / xs.size();
            double offline = KMeans.fit(xs, k, 10, 300, 42).inertia() / xs.size();
            ratios.put(k, online / offline);
            out.printf(Locale.ROOT, "  k=%d: online K-means inertia/customer %.3f, offline k-means++ (10 restarts) "
                            + "%.3f, ratio %.3f (target <= %.2f); segments %s%n", k, online, offline, online / offline,
                    TARGET_INERTIA_RATIO, model.segments.stream().map(g -> g.name).toList());
        }
        return ratios;
    }

    private double throughput(EmbeddedStack stack) throws Exception {
        Part part = new Part(stack, "generated");
        try {
            GeneratorConfig config = GeneratorConfig.builder().customers(5_000).seed(42).duplicateShare(0)
                    .malformedShare(0).baseCurrency(base.get(SmartcrmOptions.BASE_CURRENCY))
                    .topic(part.conf.get(SmartcrmOptions.EVENTS_TOPIC)).build();
            EventGenerator generator = new EventGenerator(config);
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                    FileIngest.producerConfig(part.conf.get(SmartcrmOptions.KAFKA_BOOTSTRAP_SERVERS)),
                    new ByteArraySerializer(), new ByteArraySerializer())) {
                for (int i = 0; i < generatorEvents; i++) {
                    GeneratedEvent e = generator.next();
                    producer.send(new ProducerRecord<>(config.topic(), e.key(), e.value()));
                }
            }
            long before = processed();
            part.start();
            waitUntil("the first event", () -> processed() > before);
            long started = System.nanoTime();
            long first = processed() - before;
            part.waitForProcessed(generatorEvents);
            double read = seconds(started);
            part.waitForProfilesOfAcceptedEvents();
            double written = seconds(started);
            long models = part.count(part.conf.get(SmartcrmOptions.MODELS_INDEX));
            double rate = (generatorEvents - first) / written;
            out.printf(Locale.ROOT, "Throughput: %d generated events (5,000 customers) read in %.1f s, the last "
                    + "profile written and scored in Elasticsearch after %.1f s: %.0f events/s end to end, "
                    + "%d model versions published meanwhile%n", generatorEvents, read, written, rate, models);
            return rate;
        } finally {
            part.close();
        }
    }

    private Path dataFile(String name) {
        Path p = sharedData.resolve(name);
        if (!Files.isReadable(p)) {
            throw new IllegalArgumentException("data set not found: " + p.toAbsolutePath() + " (set --shared-data)");
        }
        return p;
    }

    private static long processed() {
        return ProgressMetrics.sum("eventsAccepted") + ProgressMetrics.sum("eventsRejected");
    }

    private static long unique() {
        return ProgressMetrics.sum("eventsAccepted") - ProgressMetrics.sum("duplicateEvents");
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    static void waitUntil(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("benchmark timed out waiting for " + what);
            }
            Thread.sleep(250);
        }
    }

    /** One part's topic, indices and job. */
    private final class Part implements AutoCloseable {
        final Configuration conf;
        final ElasticsearchClient es;
        final Path checkpoints;
        final long processedBefore;
        final long uniqueBefore;
        JobClient job;

        Part(EmbeddedStack stack, String name) throws Exception {
            conf = new Configuration(base);
            String prefix = "bench-" + name;
            conf.set(SmartcrmOptions.EVENTS_TOPIC, prefix);
            conf.set(SmartcrmOptions.DLQ_TOPIC, prefix + "-dlq");
            conf.set(SmartcrmOptions.GROUP_ID, prefix);
            conf.set(SmartcrmOptions.CUSTOMERS_INDEX, prefix + "-customers");
            conf.set(SmartcrmOptions.MODELS_INDEX, prefix + "-models");
            conf.set(SmartcrmOptions.DLQ_INDEX, prefix + "-dlq");
            conf.set(SmartcrmOptions.EVENTS_INDEX_PREFIX, prefix + "-events-");
            conf.set(SmartcrmOptions.EVENTS_RETENTION_DAYS, 1000);
            stack.kafka().createTopics(Map.of(conf.get(SmartcrmOptions.EVENTS_TOPIC),
                    conf.get(SmartcrmOptions.EVENT_TOPIC_PARTITIONS), conf.get(SmartcrmOptions.DLQ_TOPIC), 1));
            CustomerJob.applyIndexTemplates(conf);
            es = CustomerJob.esConnection(conf).createClient();
            checkpoints = dataDir.resolve("checkpoints-" + name);
            processedBefore = processed();
            uniqueBefore = unique();
            if (!name.equals("generated")) {
                start();
            }
        }

        void start() throws Exception {
            job = FlinkRunner.start(conf, checkpoints, 2, Duration.ofSeconds(5), 0);
        }

        IngestReport ingest(Path file, String mapping) throws Exception {
            return FileIngest.ingest(file, Mapping.load(mapping), conf.get(SmartcrmOptions.KAFKA_BOOTSTRAP_SERVERS),
                    conf.get(SmartcrmOptions.EVENTS_TOPIC), IngestOptions.defaults().withIngestTime(Instant.now()));
        }

        void waitForProcessed(long events) throws InterruptedException {
            waitUntil(events + " events through the job", () -> processed() - processedBefore >= events);
        }

        /** Waits until the profiles in Elasticsearch count every event this part's job accepted (less duplicates). */
        void waitForProfilesOfAcceptedEvents() throws InterruptedException {
            long events = unique() - uniqueBefore;
            String index = conf.get(SmartcrmOptions.CUSTOMERS_INDEX);
            waitUntil(events + " events in the written profiles", () -> {
                try {
                    es.indices().refresh(r -> r.index(index));
                    return es.search(s -> s.index(index).size(0).aggregations("events",
                            a -> a.sum(m -> m.field("eventCount"))), ObjectNode.class)
                            .aggregations().get("events").sum().value() >= events;
                } catch (IOException e) {
                    return false;
                }
            });
        }

        ObjectNode waitForModel(String model, Predicate<ObjectNode> done) throws Exception {
            ObjectNode[] found = {null};
            waitUntil("model " + model, () -> {
                try {
                    found[0] = ModelVersions.newest(es, conf.get(SmartcrmOptions.MODELS_INDEX), model);
                    return found[0] != null && done.test(found[0]);
                } catch (IOException e) {
                    return false;
                }
            });
            return found[0];
        }

        Map<String, ObjectNode> waitForScores(List<String> ids, long version) throws Exception {
            Map<String, ObjectNode> docs = new LinkedHashMap<>();
            List<FieldValue> terms = ids.stream().map(FieldValue::of).toList();
            waitUntil(ids.size() + " held-out profiles scored", () -> {
                try {
                    docs.clear();
                    for (ObjectNode d : documents(q -> q.terms(t -> t.field("customerId").terms(v -> v.value(terms))))) {
                        if (d.at("/churn/modelVersion").asLong() >= version && d.at("/churn/probability").isNumber()) {
                            docs.put(d.path("customerId").asText(), d);
                        }
                    }
                    return docs.size() == ids.size();
                } catch (IOException e) {
                    return false;
                }
            });
            return docs;
        }

        List<ObjectNode> documents(Function<Query.Builder, ObjectBuilder<Query>> query)
                throws IOException {
            String index = conf.get(SmartcrmOptions.CUSTOMERS_INDEX);
            es.indices().refresh(r -> r.index(index));
            return es.search(s -> s.index(index).query(query).size(10_000), ObjectNode.class).hits().hits().stream()
                    .map(Hit::source).toList();
        }

        long count(String index) {
            try {
                es.indices().refresh(r -> r.index(index));
                return es.count(c -> c.index(index)).count();
            } catch (IOException e) {
                return -1;
            }
        }

        @Override
        public void close() throws Exception {
            try {
                if (job != null) {
                    job.cancel().get(60, TimeUnit.SECONDS);
                    try {
                        job.getJobExecutionResult().get(60, TimeUnit.SECONDS);
                    } catch (ExecutionException cancelled) {
                        // a cancelled job ends exceptionally
                    }
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                    while (processed() > 0 && System.nanoTime() < deadline) {
                        Thread.sleep(100); // the next part counts from a clean slate
                    }
                }
            } finally {
                ElasticsearchConnection.close(es);
            }
        }
    }
}
