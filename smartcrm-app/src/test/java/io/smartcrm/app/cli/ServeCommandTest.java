package io.smartcrm.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.smartcrm.api.ApiSettings;
import io.smartcrm.api.http.ApiKeys;
import io.smartcrm.api.http.Role;
import io.smartcrm.job.SmartcrmOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The API as the options configure it: settings, keys and what the start banner tells. */
class ServeCommandTest {
    @Test
    void everyApiOptionReachesTheSettings() {
        Configuration conf = Configuration.fromMap(Map.ofEntries(
                Map.entry(SmartcrmOptions.API_HOST.key(), "0.0.0.0"), Map.entry(SmartcrmOptions.API_PORT.key(), "9090"),
                Map.entry(SmartcrmOptions.API_MAX_PAGE_SIZE.key(), "250"),
                Map.entry(SmartcrmOptions.API_CURSOR_KEEP_ALIVE.key(), "90s"),
                Map.entry(SmartcrmOptions.CUSTOMERS_INDEX.key(), "c"), Map.entry(SmartcrmOptions.EVENTS_INDEX_PREFIX.key(), "e-"),
                Map.entry(SmartcrmOptions.DLQ_INDEX.key(), "d"),
                Map.entry(SmartcrmOptions.MODELS_INDEX.key(), "m"), Map.entry(SmartcrmOptions.SEGMENTS_INDEX.key(), "s"),
                Map.entry(SmartcrmOptions.ALERTS_INDEX.key(), "a"), Map.entry(SmartcrmOptions.ALERT_RULES_INDEX.key(), "r"),
                Map.entry(SmartcrmOptions.QUALITY_INDEX.key(), "q"),
                Map.entry(SmartcrmOptions.KAFKA_BOOTSTRAP_SERVERS.key(), "k:9092"),
                Map.entry(SmartcrmOptions.ALERT_RULES_TOPIC.key(), "rules"),
                Map.entry(SmartcrmOptions.EVENTS_TOPIC.key(), "ev"), Map.entry(SmartcrmOptions.API_ERASURE_WAIT.key(), "3s")));
        ApiSettings s = ServeCommand.settings(conf, ApiKeys.parse("k-0123456789abcdef:admin"));
        assertThat(s).isEqualTo(new ApiSettings("0.0.0.0", 9090, s.keys(), 250, Duration.ofSeconds(90), "c", "e-", "d",
                "m", "s", "a", "r", "q", "k:9092", "rules", "ev", Duration.ofSeconds(3)));
    }

    @Test
    void withoutConfiguredKeysTheGeneratedOnesAreKeptAndShown(@TempDir Path dir) throws Exception {
        Configuration conf = new Configuration();
        ApiKeys keys = ServeCommand.keys(conf, dir);
        assertThat(Files.exists(dir.resolve(ServeCommand.KEYS_FILE))).isTrue();
        assertThat(ServeCommand.keys(conf, dir).first(Role.ADMIN)).isEqualTo(keys.first(Role.ADMIN));
        String banner = banner(conf, keys);
        assertThat(banner).contains(keys.first(Role.ADMIN).orElseThrow(), keys.first(Role.READ).orElseThrow(),
                "X-API-Key: " + keys.first(Role.READ).orElseThrow(), "http://127.0.0.1:8080/api/customers?");
    }

    @Test
    void configuredKeysAreUsedAndNeverPrinted(@TempDir Path dir) throws Exception {
        Configuration conf = new Configuration();
        conf.set(SmartcrmOptions.API_KEYS, "operator-admin-key-0123:admin,operator-read-key-0123:read");
        ApiKeys keys = ServeCommand.keys(conf, dir);
        assertThat(keys.roleOf("operator-read-key-0123")).hasValue(Role.READ);
        assertThat(Files.exists(dir.resolve(ServeCommand.KEYS_FILE))).isFalse();
        assertThat(banner(conf, keys)).doesNotContain("operator-").contains("api.keys");
    }

    private static String banner(Configuration conf, ApiKeys keys) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ServeCommand.printHowToUse(new PrintStream(out, true, StandardCharsets.UTF_8), conf, keys, 8080,
                Path.of("data", ServeCommand.KEYS_FILE));
        return out.toString(StandardCharsets.UTF_8);
    }
}
