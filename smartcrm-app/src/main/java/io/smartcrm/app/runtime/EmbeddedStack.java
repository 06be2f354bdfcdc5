package io.smartcrm.app.runtime;

import io.smartcrm.embedded.ElasticsearchSettings;
import io.smartcrm.embedded.EmbeddedElasticsearch;
import io.smartcrm.embedded.EmbeddedKafka;
import io.smartcrm.embedded.KafkaSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** The real Kafka broker and Elasticsearch node of the embedded default, started side by side. */
public final class EmbeddedStack implements AutoCloseable {
    private final EmbeddedKafka kafka;
    private final EmbeddedElasticsearch elasticsearch;

    public EmbeddedStack(Path dataDir, int kafkaPort, int elasticsearchPort, String elasticsearchHeap) {
        this.kafka = new EmbeddedKafka(KafkaSettings.of(dataDir.resolve("kafka")).withPort(kafkaPort)
                .withControllerPort(kafkaPort + 1).withStartTimeout(Duration.ofMinutes(3))
                // one broker: Kafka's internal topics need not be spread over 50 partitions each
                .withProperty("offsets.topic.num.partitions", "4")
                .withProperty("transaction.state.log.num.partitions", "4"));
        this.elasticsearch = new EmbeddedElasticsearch(ElasticsearchSettings.of(dataDir.resolve("elasticsearch"))
                .withHttpPort(elasticsearchPort).withTransportPort(elasticsearchPort + 100).withHeap(elasticsearchHeap)
                .withStartTimeout(Duration.ofMinutes(3)));
    }

    /** Starts both servers concurrently; on failure stops whatever did start and rethrows. */
    public EmbeddedStack start() {
        CompletableFuture<Void> k = CompletableFuture.runAsync(kafka::start);
        CompletableFuture<Void> e = CompletableFuture.runAsync(elasticsearch::start);
        try {
            CompletableFuture.allOf(k, e).join();
        } catch (CompletionException ex) {
            close();
            throw ex.getCause() instanceof RuntimeException re ? re : ex;
        }
        return this;
    }

    public EmbeddedKafka kafka() {
        return kafka;
    }

    public EmbeddedElasticsearch elasticsearch() {
        return elasticsearch;
    }

    @Override
    public void close() {
        CompletableFuture.allOf(CompletableFuture.runAsync(kafka::stop),
                CompletableFuture.runAsync(elasticsearch::stop)).join();
    }
}
