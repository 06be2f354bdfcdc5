package io.smartcrm.job.alerts;

import io.smartcrm.job.elasticsearch.Documents;
import io.smartcrm.model.alert.Alert;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/** An alert change on the alerts topic: key = alert id, value = the alert as JSON (id and version identify it). */
public class AlertSerializer implements KafkaRecordSerializationSchema<Alert> {
    private static final long serialVersionUID = 1L;

    private final String topic;

    public AlertSerializer(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(Alert a, KafkaSinkContext context, Long timestamp) {
        return new ProducerRecord<>(topic, a.id.getBytes(StandardCharsets.UTF_8), Documents.json(a));
    }
}
