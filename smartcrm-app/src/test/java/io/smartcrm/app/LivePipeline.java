package io.smartcrm.app;

import static org.assertj.core.api.Assertions.fail;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smartcrm.app.runtime.FlinkRunner;
import io.smartcrm.embedded.SharedServices;
import io.smartcrm.generator.EventGenerator;
import io.smartcrm.generator.GeneratedEvent;
import io.smartcrm.job.CustomerJob;
import io.smartcrm.job.SmartcrmOptions;
import io.smartcrm.job.elasticsearch.ElasticsearchConnection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The real pipeline for a test: the shared Kafka broker and Elasticsearch node of this JVM, fresh topics and
 * consumer group, the production indices emptied and their templates applied, and the job on a MiniCluster
 * checkpointing every 500 ms into a test folder. One test at a time (the indices are shared).
 */
final class LivePipeline implements AutoCloseable {
    final Configuration conf = new Configuration();
    final String topic;
    final String dlqTopic;
    final ElasticsearchClient es;
    private JobClient job;

    LivePipeline(String name) throws Exception {
        String suffix = name + "-" + System.nanoTime();
        topic = "events-" + suffix;
        dlqTopic = "dlq-" + suffix;
        conf.set(SmartcrmOptions.KAFKA_BOOTSTRAP_SERVERS, SharedServices.kafka().bootstrapServers());
        conf.set(SmartcrmOptions.ES_HOSTS, SharedServices.elasticsearch().httpUrl());
        conf.set(SmartcrmOptions.EVENTS_TOPIC, topic);
        conf.set(SmartcrmOptions.DLQ_TOPIC, dlqTopic);
        conf.set(SmartcrmOptions.ALERT_RULES_TOPIC, "rules-" + suffix);
        conf.set(SmartcrmOptions.ALERTS_TOPIC, "alerts-" + suffix);
        conf.set(SmartcrmOptions.GROUP_ID, "group-" + suffix);
        conf.set(SmartcrmOptions.PROFILE_WRITE_INTERVAL, Duration.ofMillis(200));
        conf.set(SmartcrmOptions.EVENTS_RETENTION_DAYS, 400);
        SharedServices.kafka().createTopics(Map.of(topic, 4, dlqTopic, 1));
        es = CustomerJob.esConnection(conf).createClient();
        List<String> existing = List.copyOf(es.indices().get(g -> g.index("crm-*").allowNoIndices(true)).result().keySet());
        for (int i = 0; i < existing.size(); i += 50) {
            List<String> chunk = existing.subList(i, Math.min(existing.size(), i + 50));
            es.indices().delete(d -> d.index(chunk));
        }
        CustomerJob.applyIndexTemplates(conf);
    }

    String bootstrapServers() {
        return conf.get(SmartcrmOptions.KAFKA_BOOTSTRAP_SERVERS);
    }

    /** Starts the job, resuming from the newest checkpoint in {@code checkpoints} if there is one. */
    JobClient start(Path checkpoints) throws Exception {
        job = FlinkRunner.start(conf, checkpoints, 2, Duration.ofMillis(500), 0);
        return job;
    }

    /** Publishes the generated stream up to simulated time {@code until}. */
    void publishUntil(EventGenerator generator, long until) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            while (generator.hasNext() && generator.simulatedTime() < until) {
                GeneratedEvent e = generator.next();
                producer.send(new ProducerRecord<>(topic, e.key(), e.value()));
            }
            producer.flush();
        }
    }

    /** Cancels the running job (its checkpoints are retained). */
    void cancel() throws Exception {
        if (job != null) {
            job.cancel().get(60, TimeUnit.SECONDS);
            try {
                job.getJobExecutionResult().get(60, TimeUnit.SECONDS);
            } catch (ExecutionException cancelled) {
                // a cancelled job ends exceptionally: that is the point
            }
            job = null;
        }
    }

    /** Documents in the index (pattern) now, after a refresh; -1 while it cannot be read. */
    long count(String index) {
        try {
            es.indices().refresh(r -> r.index(index).ignoreUnavailable(true).allowNoIndices(true));
            return es.count(c -> c.index(index).ignoreUnavailable(true).allowNoIndices(true)).count();
        } catch (Exception e) {
            return -1;
        }
    }

    /** All documents of an index by id (the test data sets stay below 10,000 per index). */
    Map<String, ObjectNode> documents(String index) throws Exception {
        es.indices().refresh(r -> r.index(index).ignoreUnavailable(true));
        List<Hit<ObjectNode>> hits = es.search(s -> s.index(index).size(10_000), ObjectNode.class).hits().hits();
        Map<String, ObjectNode> docs = new LinkedHashMap<>();
        hits.forEach(h -> docs.put(h.id(), h.source()));
        return docs;
    }

    static void waitUntil(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out after " + timeout.toSeconds() + " s waiting for: " + what);
            }
            Thread.sleep(500);
        }
    }

    @Override
    public void close() throws Exception {
        try {
            cancel();
        } finally {
            ElasticsearchConnection.close(es);
        }
    }
}
