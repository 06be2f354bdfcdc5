package io.smartcrm.ingest;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Options of one ingest run.
 *
 * @param ingestTime the time of events whose mapping takes the ingest time; null means the run's start
 * @param producerProperties Kafka producer settings that override {@link FileIngest#producerConfig(String)}
 */
public record IngestOptions(Instant ingestTime, Map<String, Object> producerProperties) {
    public IngestOptions {
        producerProperties = Map.copyOf(producerProperties);
    }

    public static IngestOptions defaults() {
        return new IngestOptions(null, Map.of());
    }

    public IngestOptions withIngestTime(Instant time) {
        return new IngestOptions(time, producerProperties);
    }

    public IngestOptions withProducerProperty(String key, Object value) {
        Map<String, Object> p = new HashMap<>(producerProperties);
        p.put(key, value);
        return new IngestOptions(ingestTime, p);
    }
}
