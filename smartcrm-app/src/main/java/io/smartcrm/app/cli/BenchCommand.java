package io.smartcrm.app.cli;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.smartcrm.app.bench.ApiLatencyBenchmark;
import io.smartcrm.app.bench.QualityBenchmark;
import io.smartcrm.app.runtime.EmbeddedStack;
import io.smartcrm.job.CustomerJob;
import io.smartcrm.job.SmartcrmOptions;
import io.smartcrm.job.elasticsearch.ElasticsearchConnection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bench quality}: model quality and scoring throughput on the embedded stack; {@code bench api}: query API
 * latency; both as figures.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks that print figures.",
        subcommands = {BenchCommand.Quality.class, BenchCommand.Api.class})
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

    @Command(name = "api", mixinStandardHelpOptions = true,
            description = "Query API latency: loads synthetic profiles (seeded, the generator's persona mix) into "
                    + "indices of its own (bench-api-*), starts the API and times typical searches over HTTP, one at a "
                    + "time: p50/p95/p99/max per kind and overall. Starts its own Kafka and Elasticsearch in a fresh "
                    + "data directory unless --es is given.")
    static class Api implements Callable<Integer> {
        @Option(names = "--es", description = "Use this Elasticsearch (URL) instead of starting one.")
        String es;

        @Option(names = "--kafka", defaultValue = "127.0.0.1:9092",
                description = "Kafka brokers with --es (for the API's rules topic). Default: ${DEFAULT-VALUE}.")
        String kafka;

        @Option(names = "--data-dir", defaultValue = "data/bench-api", description = "Emptied first (without --es). Default: ${DEFAULT-VALUE}.")
        Path dataDir;

        @Mixin
        BenchStackOptions stack;

        @Option(names = "--profiles", defaultValue = "100000", description = "Profiles loaded. Default: ${DEFAULT-VALUE}.")
        int profiles;

        @Option(names = "--searches", defaultValue = "1200", description = "Searches timed, in turn of each kind. Default: ${DEFAULT-VALUE}.")
        int searches;

        @Option(names = "--warmup", defaultValue = "300", description = "Searches before timing. Default: ${DEFAULT-VALUE}.")
        int warmup;

        @Option(names = "--seed", defaultValue = "42", description = "Seed of the profiles and the searches. Default: ${DEFAULT-VALUE}.")
        long seed;

        @Mixin
        JobOptions jobOptions;

        @Override
        public Integer call() throws Exception {
            if (es != null) {
                return run(es, kafka);
            }
            try (EmbeddedStack started = stack.start(emptied(dataDir))) {
                return run(stack.elasticsearch(), stack.kafka());
            }
        }

        private int run(String esUrl, String kafkaServers) throws Exception {
            Configuration conf = jobOptions.configuration(Map.of(SmartcrmOptions.ES_HOSTS.key(), esUrl));
            ElasticsearchClient client = CustomerJob.esConnection(conf).createClient();
            ApiLatencyBenchmark.Figures figures;
            try {
                figures = new ApiLatencyBenchmark(client, kafkaServers, profiles, searches, warmup, seed, System.out).run();
            } finally {
                ElasticsearchConnection.close(client);
            }
            figures.print(System.out);
            return 0;
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
