package io.smartcrm.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Kafka broker and one Elasticsearch node per JVM for integration tests, each started on first use only:
 * free ports, a temporary data dir and 512m heaps. A JVM shutdown hook stops them and deletes the data dir.
 * Both may be requested concurrently from different threads; a failed start is reported again on later calls
 * instead of being retried.
 */
public final class SharedServices {

    private static final Logger LOG = LoggerFactory.getLogger(SharedServices.class);
    private static final String HEAP = "512m";

    private static final Object KAFKA_LOCK = new Object();
    private static final Object ELASTICSEARCH_LOCK = new Object();
    private static final Object ROOT_LOCK = new Object();

    private static volatile EmbeddedKafka kafka;
    private static volatile EmbeddedElasticsearch elasticsearch;
    private static RuntimeException kafkaFailure;
    private static RuntimeException elasticsearchFailure;
    private static volatile Path root;

    private SharedServices() {
    }

    /** The shared broker, started on first call. */
    public static EmbeddedKafka kafka() {
        synchronized (KAFKA_LOCK) {
            if (kafkaFailure != null) {
                throw new EmbeddedServerException("The shared Kafka broker failed to start earlier in this JVM",
                        kafkaFailure);
            }
            if (kafka == null) {
                EmbeddedKafka broker = new EmbeddedKafka(KafkaSettings.of(root().resolve("kafka"))
                        .withPort(0).withControllerPort(0).withHeap(HEAP));
                kafka = broker; // visible to the shutdown hook even if start is cut short
                try {
                    broker.start();
                } catch (RuntimeException e) {
                    kafkaFailure = e;
                    throw e;
                }
            }
            return kafka;
        }
    }

    /** The shared Elasticsearch node, started on first call. */
    public static EmbeddedElasticsearch elasticsearch() {
        synchronized (ELASTICSEARCH_LOCK) {
            if (elasticsearchFailure != null) {
                throw new EmbeddedServerException("The shared Elasticsearch node failed to start earlier in this JVM",
                        elasticsearchFailure);
            }
            if (elasticsearch == null) {
                EmbeddedElasticsearch node = new EmbeddedElasticsearch(
                        ElasticsearchSettings.of(root().resolve("elasticsearch"))
                                .withHttpPort(0).withTransportPort(0).withHeap(HEAP));
                elasticsearch = node;
                try {
                    node.start();
                } catch (RuntimeException e) {
                    elasticsearchFailure = e;
                    throw e;
                }
            }
            return elasticsearch;
        }
    }

    private static Path root() {
        synchronized (ROOT_LOCK) {
            if (root == null) {
                try {
                    root = Files.createTempDirectory("smartcrm-shared-").toRealPath();
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot create a temporary data dir", e);
                }
                Runtime.getRuntime().addShutdownHook(new Thread(SharedServices::shutdown, "smartcrm-shared-shutdown"));
                LOG.info("Shared services data dir: {}", root);
            }
            return root;
        }
    }

    private static void shutdown() {
        for (EmbeddedServer server : new EmbeddedServer[] {elasticsearch, kafka}) {
            if (server != null) {
                try {
                    server.stop();
                } catch (RuntimeException e) {
                    LOG.error("Cannot stop the shared {}", server.name(), e);
                }
            }
        }
        try {
            FileTrees.delete(root);
        } catch (RuntimeException e) {
            LOG.error("Cannot delete the shared data dir {}", root, e);
        }
    }
}
