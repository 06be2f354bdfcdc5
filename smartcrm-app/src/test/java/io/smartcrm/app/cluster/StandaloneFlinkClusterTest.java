package io.smartcrm.app.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smartcrm.app.cluster.StandaloneFlinkCluster.Role;
import io.smartcrm.app.cluster.StandaloneFlinkCluster.Settings;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StandaloneFlinkClusterTest {
    @TempDir
    Path tmp;

    @Test
    void readsTheTwoResultLinesOfBashJavaUtilsAsFlinkDistDoes() {
        String output = """
                INFO  some log line
                BASH_JAVA_UTILS_EXEC_RESULT:-Xmx469762048 -Xms469762048 -XX:MaxMetaspaceSize=268435456
                BASH_JAVA_UTILS_EXEC_RESULT:-D jobmanager.memory.off-heap.size=134217728b -D jobmanager.memory.heap.size=469762048b
                """;
        List<List<String>> params = StandaloneFlinkCluster.parseResourceParams(output, "GET_JM_RESOURCE_PARAMS");
        assertThat(params.get(0)).containsExactly("-Xmx469762048", "-Xms469762048", "-XX:MaxMetaspaceSize=268435456");
        assertThat(params.get(1)).containsExactly("-D", "jobmanager.memory.off-heap.size=134217728b", "-D",
                "jobmanager.memory.heap.size=469762048b");
        assertThatThrownBy(() -> StandaloneFlinkCluster.parseResourceParams("oops", "GET_TM_RESOURCE_PARAMS"))
                .hasMessageContaining("expected 2 result lines");
    }

    @Test
    void writesAConfigYamlThatFlinkReadsBack() throws Exception {
        StandaloneFlinkCluster cluster = new StandaloneFlinkCluster(tmp.resolve("it's"), tmp.resolve("lib"));
        cluster.writeConfiguration(cluster.configuration(new Settings("127.0.0.1", 18081, 16123, 3, "1024m", "1728m",
                Map.of("execution.checkpointing.interval", "30 s"))));
        Configuration conf = GlobalConfiguration.loadConfiguration(cluster.confDir().toString());
        assertThat(conf.toMap()).containsEntry("rest.port", "18081").containsEntry("taskmanager.numberOfTaskSlots", "3")
                .containsEntry("state.backend.type", "rocksdb")
                .containsEntry("execution.checkpointing.interval", "30 s");
        assertThat(conf.toMap().get("execution.checkpointing.dir")).startsWith("file:/").contains("/it's/checkpoints");
        assertThat(cluster.restUrl()).hasToString("http://127.0.0.1:18081");
        assertThat(cluster.process(Role.JOBMANAGER)).isEmpty();
    }

    @Test
    void jobOptionsBecomeKeyValueArguments() {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("kafka.bootstrap-servers", "10.0.0.1:9092");
        options.put("es.hosts", "http://es:9200");
        assertThat(StandaloneFlinkCluster.programArgs(options))
                .containsExactly("--kafka.bootstrap-servers", "10.0.0.1:9092", "--es.hosts", "http://es:9200");
    }
}
