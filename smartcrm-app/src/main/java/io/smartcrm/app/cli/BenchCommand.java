package io.smartcrm.app.cli;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.smartcrm.app.bench.ApiLatencyBenchmark;
import io.smartcrm.app.bench.ConsoleBenchmark;
import io.smartcrm.app.bench.QualityBenchmark;
import io.smartcrm.app.runtime.EmbeddedStack;
import io.smartcrm.browser.ConsoleBrowser;
import io.smartcrm.job.CustomerJob;
import io.smartcrm.job.SmartcrmOptions;
import io.smartcrm.job.elasticsearch.ElasticsearchConnection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.IntSupplier;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bench quality}: model quality and scoring throughput on the embedded stack; {@code bench api}: query API
 * latency; {@code bench console}: the console's page loads in headless Chromium; all as figures.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks that print figures.",
        subcommands = {BenchCommand.Quality.class, BenchCommand.Api.class, BenchCommand.Console.class})
public class BenchCommand implements Runnable {

    @Override
    public void run() {
        picocli.CommandLine.usage(this, System.out);
    }

    @Command(name = "quality", mixinStandardHelpOptions = true,
            description = "Telco churn ROC AUC (scikit-learn's 70/30 split), Online Retail K-means inertia against "
                    + "offline k-means++ (k = 4, 5, 6), events/s through scoring. Starts its own Kafka and "
                    + "Elasticsearch in a fresh data directory; exit code 1 if a target is missed.")
    static class Quality implements Callable<Integer> {
        @Option(names = "--data-dir", defaultValue = "data/bench", description = "Emptied first. Default: ${DEFAULT-VALUE}.")
        Path dataDir;

        @Option(names = "--shared-data", defaultValue = "../shared/data",
                description = "Folder with telco-customer-churn.csv and online-retail-sample.csv. Default: ${DEFAULT-VALUE}.")
        Path sharedData;

        @Mixin
        BenchStackOptions stack;

        @Option(names = "--events", defaultValue = "100000", description = "Generated events of the throughput part. Default: ${DEFAULT-VALUE}.")
        int events;

        @Mixin
        JobOptions jobOptions;

        @Override
        public Integer call() throws Exception {
            Path dir = emptied(dataDir);
            Configuration conf = jobOptions.configuration(Map.of(
                    SmartcrmOptions.KAFKA_BOOTSTRAP_SERVERS.key(), stack.kafka(),
                    SmartcrmOptions.ES_HOSTS.key(), stack.elasticsearch(),
                    SmartcrmOptions.MODELS_PUBLISH_INTERVAL.key(), "1s"));
            QualityBenchmark.Figures figures;
            try (EmbeddedStack started = stack.start(dir)) {
                figures = new QualityBenchmark(conf, dir, sharedData, events, System.out).run(started);
            }
            figures.print(System.out);
            return figures.targetsMet() ? 0 : 1;
        }
    }

    /**
     * What {@code bench api} and {@code bench console} share: indices of their own in the Elasticsearch they start
     * (with a Kafka broker, in a fresh data directory) or are given, seeded synthetic profiles, the API.
     */
    abstract static class ApiBench implements Callable<Integer> {
        @Option(names = "--es", description = "Use this Elasticsearch (URL) instead of starting one.")
        String es;

        @Option(names = "--kafka", defaultValue = "127.0.0.1:9092",
                description = "Kafka brokers with --es (for the API's rules topic). Default: ${DEFAULT-VALUE}.")
        String kafka;

        @Mixin
        BenchStackOptions stack;

        @Option(names = "--profiles", defaultValue = "100000", description = "Profiles loaded. Default: ${DEFAULT-VALUE}.")
        int profiles;

        @Option(names = "--seed", defaultValue = "42",
                description = "Seed of the profiles and of what is asked of them. Default: ${DEFAULT-VALUE}.")
        long seed;

        @Mixin
        JobOptions jobOptions;

        /** The data directory of the stack it starts (emptied first); set by each command's --data-dir. */
        Path dataDir;

        /**
         * Runs the benchmark against this Elasticsearch and Kafka; what prints its figures and answers the exit code,
         * called once the stack has stopped (its shutdown lines come before the figures).
         */
        abstract IntSupplier bench(ElasticsearchClient client, String kafkaServers) throws Exception;

        @Override
        public Integer call() throws Exception {
            IntSupplier report;
            if (es != null) {
                report = run(es, kafka);
            } else {
                try (EmbeddedStack started = stack.start(emptied(dataDir))) {
                    report = run(stack.elasticsearch(), stack.kafka());
                }
            }
            return report.getAsInt();
        }

        private IntSupplier run(String esUrl, String kafkaServers) throws Exception {
            Configuration conf = jobOptions.configuration(Map.of(SmartcrmOptions.ES_HOSTS.key(), esUrl));
            ElasticsearchClient client = CustomerJob.esConnection(conf).createClient();
            try {
                return bench(client, kafkaServers);
            } finally {
                ElasticsearchConnection.close(client);
            }
        }
    }

    @Command(name = "api", mixinStandardHelpOptions = true,
            description = "Query API latency: loads synthetic profiles (seeded, the generator's persona mix) into "
                    + "indices of its own (bench-api-*), starts the API and times typical searches over HTTP, one at a "
                    + "time: p50/p95/p99/max per kind and overall. Starts its own Kafka and Elasticsearch in a fresh "
                    + "data directory unless --es is given.")
    static class Api extends ApiBench {
        @Option(names = "--searches", defaultValue = "1200", description = "Searches timed, in turn of each kind. Default: ${DEFAULT-VALUE}.")
        int searches;

        @Option(names = "--warmup", defaultValue = "300", description = "Searches before timing. Default: ${DEFAULT-VALUE}.")
        int warmup;

        @Option(names = "--data-dir", defaultValue = "data/bench-api", description = "Emptied first (without --es). Default: ${DEFAULT-VALUE}.")
        void dataDir(Path dir) {
            dataDir = dir;
        }

        @Override
        IntSupplier bench(ElasticsearchClient client, String kafkaServers) throws Exception {
            ApiLatencyBenchmark.Figures figures =
                    new ApiLatencyBenchmark(client, kafkaServers, profiles, searches, warmup, seed, System.out).run();
            return () -> {
                figures.print(System.out);
                return 0;
            };
        }
    }

    @Command(name = "console", mixinStandardHelpOptions = true,
            description = "Console page load times in headless Chromium (Debian's chromium and chromium-driver): "
                    + "loads synthetic profiles and the snapshots, alerts, models, rejected messages, rules and "
                    + "events the pages read (seeded) into indices of its own (bench-console-*), starts the API, "
                    + "signs in with an admin key and visits every page (search, search by segment and churn band "
                    + "sorted by revenue, its next page, a customer's 360, segments, alerts, rules, data quality) once "
                    + "cold, then --rounds times warm; each load timed in the browser from the hash change to the "
                    + "page's load-finished marker: cold and p50/p95/max per page. Exit code 1 if a page fails, 2 "
                    + "without Chromium. Starts its own Kafka and Elasticsearch in a fresh data directory unless --es "
                    + "is given.")
    static class Console extends ApiBench {
        @Option(names = "--rounds", defaultValue = "20", description = "Warm rounds over every page, after the first. Default: ${DEFAULT-VALUE}.")
        int rounds;

        @Option(names = "--warm-up", negatable = true, defaultValue = "true", fallbackValue = "true",
                description = "Let the API warm up as serve and run do (its first requests to itself) before the "
                        + "first visit; --no-warm-up measures the first visits on a cold API and node. Default: on.")
        boolean warmUp;

        /** Chromium is checked first: without it nothing is started. */
        @Override
        public Integer call() throws Exception {
            Optional<String> missing = ConsoleBrowser.missing();
            if (missing.isPresent()) {
                System.err.println("smartcrm bench console: " + missing.get());
                return 2;
            }
            if (rounds < 1) {
                System.err.println("smartcrm bench console: --rounds must be at least 1");
                return 2;
            }
            return super.call();
        }

        @Option(names = "--data-dir", defaultValue = "data/bench-console",
                description = "Emptied first (without --es); the first round's screenshots go to its screenshots/. "
                        + "Default: ${DEFAULT-VALUE}.")
        void dataDir(Path dir) {
            dataDir = dir;
        }

        @Override
        IntSupplier bench(ElasticsearchClient client, String kafkaServers) throws Exception {
            Path screenshots = dataDir.toAbsolutePath().normalize().resolve("screenshots");
            ConsoleBenchmark.Figures figures = new ConsoleBenchmark(client, kafkaServers, profiles, rounds, seed,
                    warmUp, screenshots, System.out).run();
            return () -> {
                if (figures.failure() != null) {
                    System.err.println("smartcrm bench console: " + figures.failure() + " (screenshots in "
                            + screenshots + ")");
                    return 1;
                }
                figures.print(System.out);
                return 0;
            };
        }
    }

    /** The directory, emptied (created if missing). */
    static Path emptied(Path dataDir) throws IOException {
        Path dir = dataDir.toAbsolutePath().normalize();
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(dir);
        return dir;
    }
}
