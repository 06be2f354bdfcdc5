package io.smartcrm.app.cli;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.smartcrm.api.ApiSettings;
import io.smartcrm.api.SmartcrmApi;
import io.smartcrm.api.http.ApiKeys;
import io.smartcrm.api.http.Role;
import io.smartcrm.app.runtime.ModelVersions;
import io.smartcrm.job.CustomerJob;
import io.smartcrm.job.SmartcrmOptions;
import io.smartcrm.job.elasticsearch.ElasticsearchConnection;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.flink.configuration.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Only the query API, against the configured Elasticsearch and Kafka: for more API instances beside a job. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run only the query API (api.host:api.port) against the configured Elasticsearch and Kafka "
                + "(-D es.hosts=..., -D kafka.bootstrap-servers=...), e.g. several instances behind a load balancer. "
                + "Ctrl-C stops it.")
public class ServeCommand implements Callable<Integer> {
    /** Where the embedded default keeps its generated API keys, in the data directory. */
    public static final String KEYS_FILE = "api-keys";

    @Option(names = "--data-dir", defaultValue = "data",
            description = "Where generated API keys are kept when api.keys is empty (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Mixin
    JobOptions jobOptions;

    @Override
    public Integer call() throws Exception {
        Configuration conf = jobOptions.configuration(Map.of());
        ApiKeys keys = keys(conf, dataDir);
        ElasticsearchClient client = CustomerJob.esConnection(conf).createClient();
        CountDownLatch stopped = new CountDownLatch(1);
        try {
            CustomerJob.applyIndexTemplates(conf);
            try (SmartcrmApi api = SmartcrmApi.start(settings(conf, keys), client, () -> status(client, conf))) {
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    api.close();
                    stopped.countDown();
                }, "smartcrm-serve-shutdown"));
                api.warmUp();
                System.out.println();
                printHowToUse(System.out, conf, keys, api.port(), dataDir.resolve(KEYS_FILE));
                System.out.println("Elasticsearch: " + conf.get(SmartcrmOptions.ES_HOSTS) + " | Kafka: "
                        + conf.get(SmartcrmOptions.KAFKA_BOOTSTRAP_SERVERS) + " | Ctrl-C stops the API.");
                stopped.await();
            }
            return 0;
        } catch (IOException e) {
            System.err.println("smartcrm serve: cannot reach Elasticsearch at " + conf.get(SmartcrmOptions.ES_HOSTS)
                    + " (" + e.getMessage() + ")");
            return 2;
        } finally {
            ElasticsearchConnection.close(client);
        }
    }

    /** The configured keys ({@code api.keys}), or the embedded default: generated once into the data directory. */
    static ApiKeys keys(Configuration conf, Path dataDir) throws IOException {
        String configured = conf.get(SmartcrmOptions.API_KEYS);
        return configured.isBlank() ? ApiKeys.loadOrGenerate(dataDir.resolve(KEYS_FILE)) : ApiKeys.parse(configured);
    }

    /** The API's settings from the options. */
    public static ApiSettings settings(Configuration conf, ApiKeys keys) {
        return new ApiSettings(conf.get(SmartcrmOptions.API_HOST), conf.get(SmartcrmOptions.API_PORT), keys,
                conf.get(SmartcrmOptions.API_MAX_PAGE_SIZE), conf.get(SmartcrmOptions.API_CURSOR_KEEP_ALIVE),
                conf.get(SmartcrmOptions.CUSTOMERS_INDEX), conf.get(SmartcrmOptions.EVENTS_INDEX_PREFIX),
                conf.get(SmartcrmOptions.DLQ_INDEX), conf.get(SmartcrmOptions.MODELS_INDEX),
                conf.get(SmartcrmOptions.SEGMENTS_INDEX),
                conf.get(SmartcrmOptions.ALERTS_INDEX), conf.get(SmartcrmOptions.ALERT_RULES_INDEX),
                conf.get(SmartcrmOptions.QUALITY_INDEX),
                conf.get(SmartcrmOptions.KAFKA_BOOTSTRAP_SERVERS), conf.get(SmartcrmOptions.ALERT_RULES_TOPIC),
                conf.get(SmartcrmOptions.EVENTS_TOPIC), conf.get(SmartcrmOptions.API_ERASURE_WAIT));
    }

    /** Where the API is, its keys (unless configured: those are the operator's), and an example. */
    static void printHowToUse(PrintStream out, Configuration conf, ApiKeys keys, int port, Path keysFile) {
        String base = "http://" + conf.get(SmartcrmOptions.API_HOST) + ":" + port;
        out.println("Console: " + base + "/ (sign in with a key below)");
        out.println("Query API: " + base + "/api (OpenAPI document: " + base + "/api/openapi.json)");
        String read = "KEY";
        if (conf.get(SmartcrmOptions.API_KEYS).isBlank()) {
            read = keys.first(Role.READ).orElseThrow();
            out.println("  API keys (kept in " + keysFile + "): admin " + keys.first(Role.ADMIN).orElseThrow()
                    + " | read " + read);
        } else {
            out.println("  API keys: as configured in api.keys");
        }
        out.println("  curl -s -H 'X-API-Key: " + read + "' '" + base
                + "/api/customers?country=GB&sort=revenue:desc&size=3&facets=segment'");
    }

    /** What {@code GET /api/status} answers here: the profiles and the newest models (no job runs in this process). */
    private static Map<String, Object> status(ElasticsearchClient client, Configuration conf) {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("mode", "serve");
        try {
            status.put("profiles", client.count(c -> c.index(conf.get(SmartcrmOptions.CUSTOMERS_INDEX))).count());
        } catch (Exception e) {
            status.put("profiles", null);
        }
        Map<String, String> models = new LinkedHashMap<>();
        for (String model : ModelVersions.MODELS) {
            try {
                models.put(model, ModelVersions.summary(model,
                        ModelVersions.newest(client, conf.get(SmartcrmOptions.MODELS_INDEX), model)));
            } catch (Exception e) {
                models.put(model, model + " ?");
            }
        }
        status.put("models", models);
        return status;
    }
}
