package io.smartcrm.job.dlq;

import io.smartcrm.job.elasticsearch.Documents;
import io.smartcrm.model.wire.DeadLetter;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/** A dead letter on the DLQ topic: the original key, and the dead letter as JSON. */
public class DeadLetterSerializer implements KafkaRecordSerializationSchema<DeadLetter> {
    private static final long serialVersionUID = 1L;

    private final String topic;

    public DeadLetterSerializer(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(DeadLetter d, KafkaSinkContext context, Long timestamp) {
        byte[] key = d.key == null ? null : d.key.getBytes(StandardCharsets.UTF_8);
        return new ProducerRecord<>(topic, null, d.rejectedAt, key, Documents.json(d));
    }
}
