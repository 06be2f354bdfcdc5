package io.smartcrm.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Where module smartcrm-servers laid out the server distributions: {@code <serversDir>/kafka/libs} and
 * {@code <serversDir>/elasticsearch/elasticsearch-<version>}. Each distribution is checked only when asked for, so
 * a Kafka-only user does not need Elasticsearch laid out.
 */
public final class ServerLocations {

    /** System property naming the servers dir (the {@code smartcrm-servers/target} folder). */
    public static final String SERVERS_DIR_PROPERTY = "smartcrm.servers.dir";
    static final String RESOURCE = "smartcrm-servers.properties";

    private final Path serversDir;
    private final String elasticsearchVersion;

    ServerLocations(Path serversDir, String elasticsearchVersion) {
        this.serversDir = Objects.requireNonNull(serversDir, "serversDir").toAbsolutePath().normalize();
        this.elasticsearchVersion = Objects.requireNonNull(elasticsearchVersion, "elasticsearchVersion");
    }

    /** From system property {@value #SERVERS_DIR_PROPERTY}, else from the build-time classpath resource. */
    public static ServerLocations detect() {
        Properties resource = load(ServerLocations.class.getClassLoader().getResource(RESOURCE));
        return new ServerLocations(serversDir(System.getProperty(SERVERS_DIR_PROPERTY), resource),
                value(resource, "elasticsearch.version"));
    }

    /** Distributions under an explicit servers dir, with the Elasticsearch version this build expects. */
    public static ServerLocations of(Path serversDir) {
        Properties resource = load(ServerLocations.class.getClassLoader().getResource(RESOURCE));
        return new ServerLocations(serversDir, value(resource, "elasticsearch.version"));
    }

    static Path serversDir(String property, Properties resource) {
        String dir = property == null || property.isBlank() ? value(resource, "servers.dir") : property;
        return Path.of(dir).toAbsolutePath().normalize();
    }

    static Properties load(URL resource) {
        if (resource == null) {
            throw new IllegalStateException("Classpath resource " + RESOURCE + " is missing; set -D"
                    + SERVERS_DIR_PROPERTY + "=<smartcrm-servers/target> instead");
        }
        Properties properties = new Properties();
        try (InputStream in = resource.openStream()) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
        return properties;
    }

    private static String value(Properties resource, String key) {
        String value = resource.getProperty(key, "").trim();
        if (value.isEmpty() || value.contains("${")) {
            throw new IllegalStateException("Classpath resource " + RESOURCE + " has no resolved " + key + " ('"
                    + value + "'): build smartcrm-embedded with Maven, or set -D" + SERVERS_DIR_PROPERTY);
        }
        return value;
    }

    public Path serversDir() {
        return serversDir;
    }

    /** The Kafka broker's classpath folder; fails with a hint when it has not been laid out. */
    public Path kafkaLibs() {
        Path libs = serversDir.resolve("kafka").resolve("libs");
        if (!hasJars(libs)) {
            throw missing("The Kafka broker distribution", libs);
        }
        return libs;
    }

    /** The Elasticsearch home folder; fails with a hint when it has not been laid out. */
    public Path elasticsearchHome() {
        Path home = serversDir.resolve("elasticsearch").resolve("elasticsearch-" + elasticsearchVersion);
        if (!Files.isExecutable(home.resolve("bin").resolve("elasticsearch"))) {
            throw missing("The Elasticsearch " + elasticsearchVersion + " distribution", home);
        }
        return home;
    }

    private static boolean hasJars(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(file -> file.getFileName().toString().endsWith(".jar"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + dir, e);
        }
    }

    private static IllegalStateException missing(String what, Path where) {
        return new IllegalStateException(what + " is missing at " + where + ": run mvn package first (module "
                + "smartcrm-servers lays it out), or point -D" + SERVERS_DIR_PROPERTY
                + " at the smartcrm-servers/target folder");
    }

    @Override
    public String toString() {
        return "ServerLocations[" + serversDir + ", elasticsearch " + elasticsearchVersion + "]";
    }
}
