package io.smartcrm.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class ConfigRenderingTest {

    @Test
    void kafkaServerPropertiesDescribeASingleKraftNode() throws Exception {
        Properties properties = load(EmbeddedKafka.serverProperties(Path.of("/srv/kafka"), 19092, 19093, Map.of()));

        assertThat(properties).containsEntry("process.roles", "broker,controller")
                .containsEntry("node.id", "1")
                .containsEntry("controller.quorum.voters", "1@127.0.0.1:19093")
                .containsEntry("listeners", "PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093")
                .containsEntry("advertised.listeners", "PLAINTEXT://127.0.0.1:19092")
                .containsEntry("controller.listener.names", "CONTROLLER")
                .containsEntry("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT")
                .containsEntry("inter.broker.listener.name", "PLAINTEXT")
                .containsEntry("log.dirs", "/srv/kafka/data")
                .containsEntry("offsets.topic.replication.factor", "1")
                .containsEntry("transaction.state.log.replication.factor", "1")
                .containsEntry("transaction.state.log.min.isr", "1")
                .containsEntry("share.coordinator.state.topic.replication.factor", "1")
                .containsEntry("share.coordinator.state.topic.min.isr", "1")
                .containsEntry("group.initial.rebalance.delay.ms", "0")
                .containsEntry("auto.create.topics.enable", "false");
    }

    @Test
    void kafkaExtraPropertiesOverrideAndSurviveEscaping() throws Exception {
        Properties properties = load(EmbeddedKafka.serverProperties(Path.of("/srv/kafka"), 1, 2, Map.of(
                "auto.create.topics.enable", "true",
                "ssl.keystore.location", "C:\\keys\\store.jks")));

        assertThat(properties).containsEntry("auto.create.topics.enable", "true")
                .containsEntry("ssl.keystore.location", "C:\\keys\\store.jks");
    }

    @Test
    void kafkaLog4jConfigWritesToTheLogFileOnly() throws Exception {
        Path logFile = Path.of("/srv/a&b \"x\"/logs/kafka.log");
        Document config = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(
                new ByteArrayInputStream(EmbeddedKafka.log4jConfig(logFile).getBytes(StandardCharsets.UTF_8)));

        Element rolling = (Element) config.getElementsByTagName("RollingFile").item(0);
        assertThat(rolling.getAttribute("fileName")).isEqualTo(logFile.toString());
        assertThat(rolling.getAttribute("filePattern")).isEqualTo(logFile + ".%i");
        assertThat(config.getElementsByTagName("Console").getLength()).isZero();
        assertThat(((Element) config.getElementsByTagName("PatternLayout").item(0)).getAttribute("pattern"))
                .isEqualTo("[%d] %p %m (%c)%n");
    }

    @Test
    void elasticsearchYmlDescribesALoopbackSingleNodeWithoutSecurity() {
        String yml = EmbeddedElasticsearch.elasticsearchYml(Path.of("/srv/es"), 19200, 19300,
                Map.of("http.max_content_length", "200mb", "cluster.name", "other"));

        assertThat(yml.lines().filter(line -> !line.startsWith("#"))).containsExactly(
                "cluster.name: \"other\"",
                "node.name: \"smartcrm-embedded\"",
                "discovery.type: \"single-node\"",
                "network.host: \"127.0.0.1\"",
                "http.port: \"19200\"",
                "transport.port: \"19300\"",
                "path.data: \"/srv/es/data\"",
                "path.logs: \"/srv/es/logs\"",
                "xpack.security.enabled: \"false\"",
                "cluster.routing.allocation.disk.threshold_enabled: \"false\"",
                "http.max_content_length: \"200mb\"");
    }

    @Test
    void yamlStringsAreQuotedAndEscaped() {
        assertThat(EmbeddedElasticsearch.yamlString("a\"b\\c")).isEqualTo("\"a\\\"b\\\\c\"");
        assertThat(EmbeddedElasticsearch.yamlString("# not a comment: really")).isEqualTo("\"# not a comment: really\"");
    }

    private static Properties load(String text) throws Exception {
        Properties properties = new Properties();
        properties.load(new StringReader(text));
        return properties;
    }
}
