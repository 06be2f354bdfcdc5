package io.smartcrm.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.smartcrm.job.SmartcrmOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.configuration.ConfigOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code docker-compose.yml}, checked without a Docker engine: the services, images pinned to the versions the build
 * uses, published ports, dependencies with conditions that can hold, every variable defined in {@code .env.example},
 * Elasticsearch with security on, and the job, API and loader configured with its credentials through options and
 * commands that exist.
 */
class ComposeFileTest {
    private static final Path ROOT = Path.of("..");
    private static final Set<String> SERVICES = Set.of("kafka", "elasticsearch", "setup", "kibana", "flink-jobmanager",
            "flink-taskmanager", "flink-job", "loader", "api", "generator");
    private static final Pattern VARIABLE = Pattern.compile("(?<!\\$)\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:[:?-][^}]*)?}");
    private static final Pattern CONTAINER_VARIABLE = Pattern.compile("\\$\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    private static JsonNode compose;
    private static JsonNode services;
    private static Map<String, String> env;
    private static String pom;

    @BeforeAll
    static void read() throws Exception {
        compose = new ObjectMapper(new YAMLFactory()).readTree(ROOT.resolve("docker-compose.yml").toFile());
        services = compose.path("services");
        env = new HashMap<>();
        for (String line : Files.readAllLines(ROOT.resolve(".env.example"))) {
            String l = line.strip();
            if (!l.isEmpty() && !l.startsWith("#")) {
                assertThat(l).as(".env.example line").contains("=");
                env.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1));
            }
        }
        pom = Files.readString(ROOT.resolve("pom.xml"));
    }

    @Test
    void hasTheExpectedServices() {
        Set<String> names = new HashSet<>();
        services.fieldNames().forEachRemaining(names::add);
        assertThat(names).isEqualTo(SERVICES);
    }

    @Test
    void everyImageIsPinnedToAnExplicitVersion() {
        for (Iterator<Map.Entry<String, JsonNode>> it = services.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> s = it.next();
            String image = s.getValue().path("image").asText("");
            assertThat(image).as(s.getKey() + " image").isNotEmpty().doesNotContain("${");
            int colon = image.lastIndexOf(':');
            assertThat(colon).as(s.getKey() + " image has a tag: " + image).isGreaterThan(image.lastIndexOf('/'));
            String tag = image.substring(colon + 1);
            assertThat(tag).as(s.getKey() + " tag").doesNotContain("latest").matches("\\d+\\.\\d+\\.\\d+.*");
        }
    }

    @Test
    void imagesAreTheVersionsTheBuildUses() {
        assertThat(image("kafka")).isEqualTo("apache/kafka:" + property("kafka.broker.version"));
        assertThat(image("elasticsearch")).isEqualTo("docker.elastic.co/elasticsearch/elasticsearch:"
                + property("elasticsearch.version"));
        assertThat(image("setup")).isEqualTo(image("elasticsearch"));
        assertThat(image("kibana")).isEqualTo("docker.elastic.co/kibana/kibana:" + property("elasticsearch.version"));
        for (String flink : List.of("flink-jobmanager", "flink-taskmanager", "flink-job")) {
            assertThat(image(flink)).isEqualTo("flink:" + property("flink.version") + "-java17");
        }
        assertThat(property("maven.compiler.release")).isEqualTo("17");
        for (String app : List.of("loader", "api", "generator")) {
            assertThat(image(app)).startsWith("eclipse-temurin:17.");
        }
    }

    @Test
    void portsArePublishedOnLocalhost() {
        Map<String, String> expected = Map.of("kafka", "127.0.0.1:9094:9094", "elasticsearch", "127.0.0.1:9200:9200",
                "kibana", "127.0.0.1:5601:5601", "flink-jobmanager", "127.0.0.1:8081:8081", "api", "127.0.0.1:8080:8080");
        for (String name : SERVICES) {
            List<String> ports = new ArrayList<>();
            services.path(name).path("ports").forEach(p -> ports.add(p.asText()));
            assertThat(ports).as(name + " ports").isEqualTo(expected.containsKey(name) ? List.of(expected.get(name)) : List.of());
        }
        assertThat(env("kafka").path("KAFKA_ADVERTISED_LISTENERS").asText()).contains("EXTERNAL://localhost:9094")
                .contains("PLAINTEXT://kafka:9092");
    }

    @Test
    void dependenciesExistHaveConditionsThatCanHoldAndNoCycle() {
        for (String name : SERVICES) {
            JsonNode deps = services.path(name).path("depends_on");
            assertThat(deps.isMissingNode() || deps.isObject()).as(name + " depends_on with conditions").isTrue();
            for (Iterator<Map.Entry<String, JsonNode>> it = deps.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> d = it.next();
                String target = d.getKey();
                assertThat(SERVICES).as(name + " depends on " + target).contains(target);
                String condition = d.getValue().path("condition").asText();
                switch (condition) {
                    case "service_healthy" -> assertThat(services.path(target).has("healthcheck"))
                            .as(target + " has a healthcheck for " + name).isTrue();
                    case "service_completed_successfully" -> assertThat(services.path(target).path("restart").asText())
                            .as(target + " is a one-shot for " + name).isEqualTo("no");
                    case "service_started" -> { }
                    default -> throw new AssertionError(name + " -> " + target + ": condition '" + condition + "'");
                }
            }
        }
        for (String name : SERVICES) {
            assertThat(reaches(name, name, new HashSet<>())).as(name + " depends on itself").isFalse();
        }
        assertThat(services.path("generator").path("depends_on").path("flink-job").path("condition").asText())
                .as("events flow once the job runs").isEqualTo("service_completed_successfully");
    }

    @Test
    void everyVariableIsDefinedInEnvExample() throws Exception {
        String text = Files.readString(ROOT.resolve("docker-compose.yml"));
        Set<String> used = new HashSet<>();
        Matcher m = VARIABLE.matcher(text);
        while (m.find()) {
            used.add(m.group(1));
        }
        assertThat(used).contains("ELASTIC_PASSWORD", "KIBANA_SYSTEM_PASSWORD");
        assertThat(env.keySet()).containsAll(used);
        // $${VAR} is expanded in the container: it must be in the service's environment
        for (String name : SERVICES) {
            Matcher c = CONTAINER_VARIABLE.matcher(services.path(name).toString());
            while (c.find()) {
                assertThat(env(name).has(c.group(1))).as(name + " environment has " + c.group(1)).isTrue();
            }
        }
        assertThat(text).doesNotContain(env.get("ELASTIC_PASSWORD"));
    }

    @Test
    void elasticsearchHasSecurityOnAndKibanaItsOwnUser() {
        JsonNode es = env("elasticsearch");
        assertThat(es.path("xpack.security.enabled").asText()).isEqualTo("true");
        assertThat(es.path("ELASTIC_PASSWORD").asText()).isEqualTo("${ELASTIC_PASSWORD}");
        assertThat(es.path("discovery.type").asText()).isEqualTo("single-node");
        JsonNode kibana = env("kibana");
        assertThat(kibana.path("ELASTICSEARCH_HOSTS").asText()).isEqualTo("http://elasticsearch:9200");
        assertThat(kibana.path("ELASTICSEARCH_USERNAME").asText()).isEqualTo("kibana_system");
        assertThat(kibana.path("ELASTICSEARCH_PASSWORD").asText()).isEqualTo("${KIBANA_SYSTEM_PASSWORD}");
        assertThat(command("setup")).contains("/_security/user/kibana_system/_password").contains("$${KIBANA_SYSTEM_PASSWORD}");
    }

    @Test
    void theJobIsSubmittedWithItsRealOptionsAndTheElasticsearchCredentials() throws Exception {
        String command = command("flink-job");
        assertThat(command).contains("-c io.smartcrm.job.CustomerJob /opt/smartcrm/smartcrm-job.jar");
        assertThatCode(() -> Class.forName("io.smartcrm.job.CustomerJob")).doesNotThrowAnyException();
        List<String> volumes = new ArrayList<>();
        services.path("flink-job").path("volumes").forEach(v -> volumes.add(v.asText()));
        assertThat(volumes).containsExactly("./flink-jobs/target/flink-jobs-" + projectVersion()
                + "-job.jar:/opt/smartcrm/smartcrm-job.jar:ro");
        Map<String, String> args = new HashMap<>();
        Matcher m = Pattern.compile("--([a-z][a-z0-9.-]+)\\s+(\"[^\"]*\"|\\S+)")
                .matcher(command.substring(command.indexOf("smartcrm-job.jar")));
        while (m.find()) {
            args.put(m.group(1), m.group(2));
        }
        assertThat(optionKeys()).containsAll(args.keySet());
        assertThat(args).containsEntry(SmartcrmOptions.ES_HOSTS.key(), "http://elasticsearch:9200")
                .containsEntry(SmartcrmOptions.ES_USERNAME.key(), "elastic")
                .containsEntry(SmartcrmOptions.ES_PASSWORD.key(), "\"$${ELASTIC_PASSWORD}\"")
                .containsEntry(SmartcrmOptions.KAFKA_BOOTSTRAP_SERVERS.key(), "kafka:9092");
        assertThat(env("flink-jobmanager").path("FLINK_PROPERTIES").asText())
                .contains("jobmanager.rpc.address: flink-jobmanager").contains("execution.checkpointing.dir:");
        assertThat(env("flink-taskmanager").path("FLINK_PROPERTIES").asText())
                .contains("jobmanager.rpc.address: flink-jobmanager").contains("taskmanager.numberOfTaskSlots:");
    }

    @Test
    void theAppServicesRunCommandsAndOptionsThatExist() {
        for (String name : List.of("loader", "api", "generator")) {
            String command = command(name);
            assertThat(command).as(name).contains("/opt/smartcrm/smartcrm-app-" + projectVersion() + ".jar");
            List<String> args = words(command.substring(command.indexOf("io.smartcrm.app.Main") + "io.smartcrm.app.Main".length()));
            CommandLine.ParseResult parsed = new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true)
                    .parseArgs(args.toArray(String[]::new));
            assertThat(parsed.hasSubcommand()).as(name).isTrue();
            Map<String, String> d = new HashMap<>();
            for (int i = 0; i < args.size() - 1; i++) {
                if (args.get(i).equals("-D")) {
                    String kv = args.get(i + 1);
                    d.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
                }
            }
            assertThat(optionKeys()).as(name + " -D keys").containsAll(d.keySet());
            if (!name.equals("generator")) {
                assertThat(d).as(name).containsEntry("es.hosts", "http://elasticsearch:9200")
                        .containsEntry("es.username", "elastic").containsEntry("es.password", "${ELASTIC_PASSWORD}");
            }
        }
        assertThat(words(command("loader"))).containsSubsequence("dashboards", "load", "--url", "http://kibana:5601",
                "--user", "elastic", "--password-env", "ELASTIC_PASSWORD", "--apply-templates");
        assertThat(words(command("api"))).contains("serve", "api.host=0.0.0.0", "kafka.bootstrap-servers=kafka:9092");
        assertThat(words(command("generator"))).containsSubsequence("generate", "--bootstrap-servers", "kafka:9092");
    }

    @Test
    void namedVolumesAreDeclared() {
        for (String name : SERVICES) {
            for (JsonNode v : services.path(name).path("volumes")) {
                String source = v.asText().split(":")[0];
                if (!source.startsWith(".") && !source.startsWith("/")) {
                    assertThat(compose.path("volumes").has(source)).as(name + " volume " + source).isTrue();
                }
            }
        }
    }

    private static boolean reaches(String from, String target, Set<String> seen) {
        for (Iterator<String> it = services.path(from).path("depends_on").fieldNames(); it.hasNext(); ) {
            String next = it.next();
            if (next.equals(target) || (seen.add(next) && reaches(next, target, seen))) {
                return true;
            }
        }
        return false;
    }

    private static String image(String service) {
        return services.path(service).path("image").asText();
    }

    private static JsonNode env(String service) {
        return services.path(service).path("environment");
    }

    /** The service's shell command (entrypoint bash -c), as compose passes it, with $$ still doubled. */
    private static String command(String service) {
        JsonNode c = services.path(service).path("command");
        assertThat(c.isArray() && c.size() == 1).as(service + " command is one shell string").isTrue();
        return c.get(0).asText();
    }

    /** Shell words: ${VAR} as compose fills it in from .env.example, quotes removed, $${VAR} as the shell's ${VAR}. */
    private static List<String> words(String shell) {
        List<String> words = new ArrayList<>();
        String interpolated = VARIABLE.matcher(shell).replaceAll(v -> Matcher.quoteReplacement(env.get(v.group(1))));
        Matcher m = Pattern.compile("'([^']*)'|\"([^\"]*)\"|(\\S+)").matcher(interpolated.replace("$$", "$"));
        StringBuilder word = new StringBuilder();
        int end = -1;
        while (m.find()) {
            if (m.start() != end && word.length() > 0) {
                words.add(word.toString());
                word.setLength(0);
            }
            word.append(m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3));
            end = m.end();
        }
        if (word.length() > 0) {
            words.add(word.toString());
        }
        return words;
    }

    private static Set<String> optionKeys() {
        Set<String> keys = new HashSet<>();
        for (ConfigOption<?> o : SmartcrmOptions.all()) {
            keys.add(o.key());
        }
        return keys;
    }

    private static String property(String name) {
        Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</").matcher(pom);
        assertThat(m.find()).as("root pom property " + name).isTrue();
        return m.group(1);
    }

    private static String projectVersion() {
        Matcher m = Pattern.compile("<artifactId>smartcrm-parent</artifactId>\\s*<version>([^<]+)</version>").matcher(pom);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }
}
