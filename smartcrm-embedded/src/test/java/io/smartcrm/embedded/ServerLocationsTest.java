package io.smartcrm.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerLocationsTest {

    @TempDir
    Path dir;

    @Test
    void theFilteredResourcePointsAtTheServersModuleAsAnAbsolutePath() {
        Properties resource = ServerLocations.load(getClass().getClassLoader().getResource(ServerLocations.RESOURCE));
        Path serversDir = ServerLocations.serversDir(null, resource);

        // tests run in the module's base dir
        assertThat(serversDir).isAbsolute().isEqualTo(Path.of("../smartcrm-servers/target").toAbsolutePath().normalize());
        assertThat(serversDir.toString()).doesNotContain("..");
    }

    @Test
    void theSystemPropertyWins() {
        Properties resource = new Properties();
        resource.setProperty("servers.dir", "/from/resource");

        assertThat(ServerLocations.serversDir("/from/../property", resource)).isEqualTo(Path.of("/property"));
        assertThat(ServerLocations.serversDir(" ", resource)).isEqualTo(Path.of("/from/resource"));
    }

    @Test
    void anUnfilteredOrMissingResourceIsReported() {
        Properties unfiltered = new Properties();
        unfiltered.setProperty("servers.dir", "${project.basedir}/../smartcrm-servers/target");

        assertThatThrownBy(() -> ServerLocations.serversDir(null, unfiltered))
                .hasMessageContaining("no resolved servers.dir")
                .hasMessageContaining("-Dsmartcrm.servers.dir");
        assertThatThrownBy(() -> ServerLocations.load(null))
                .hasMessageContaining(ServerLocations.RESOURCE + " is missing");
    }

    @Test
    void findsTheDistributionsLaidOutByTheServersModule() {
        ServerLocations locations = ServerLocations.detect();

        try (var jars = Files.list(locations.kafkaLibs())) {
            assertThat(jars.map(jar -> jar.getFileName().toString())).anyMatch(name -> name.startsWith("kafka_2.13-"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertThat(locations.elasticsearchHome().getFileName().toString()).startsWith("elasticsearch-8.");
        assertThat(locations.elasticsearchHome().resolve("bin/elasticsearch")).isExecutable();
    }

    @Test
    void missingDistributionsAskForABuild() throws Exception {
        ServerLocations empty = ServerLocations.of(dir);

        assertThatThrownBy(empty::kafkaLibs)
                .hasMessageContaining("Kafka broker distribution is missing at " + dir.resolve("kafka/libs"))
                .hasMessageContaining("run mvn package first");
        assertThatThrownBy(empty::elasticsearchHome)
                .hasMessageContaining("Elasticsearch")
                .hasMessageContaining("run mvn package first");

        // a Kafka-only layout serves Kafka users
        Files.createDirectories(dir.resolve("kafka/libs"));
        Files.createFile(dir.resolve("kafka/libs/kafka.jar"));
        assertThat(ServerLocations.of(dir).kafkaLibs()).isEqualTo(dir.resolve("kafka/libs"));
    }
}
