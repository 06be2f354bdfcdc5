package io.smartcrm.job.alerts;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smartcrm.model.alert.AlertRule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the rules topic: key = rule id, value = the rule's JSON, an empty value deletes. A record that is not a
 * valid rule (only a producer other than the API could write one) is logged and applied as a deletion, so a bad
 * rule never stays active.
 */
public class RuleUpdateDeserializer implements KafkaRecordDeserializationSchema<RuleUpdate> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(RuleUpdateDeserializer.class);
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<RuleUpdate> out) {
        if (record.key() == null) {
            LOG.warn("Ignoring a rules-topic record without key at offset {}", record.offset());
            return;
        }
        String id = new String(record.key(), StandardCharsets.UTF_8);
        out.collect(new RuleUpdate(id, parse(id, record.value())));
    }

    static AlertRule parse(String id, byte[] value) {
        if (value == null || value.length == 0) {
            return null;
        }
        try {
            AlertRule rule = MAPPER.readValue(value, AlertRule.class);
            List<String> problems = rule.problems();
            if (!id.equals(rule.id)) {
                LOG.warn("Rule {} ignored: its body has id {}", id, rule.id);
                return null;
            }
            if (!problems.isEmpty()) {
                LOG.warn("Rule {} ignored: {}", id, problems);
                return null;
            }
            return rule;
        } catch (IOException e) {
            LOG.warn("Rule {} ignored: not a rule: {}", id, e.getMessage());
            return null;
        }
    }

    @Override
    public TypeInformation<RuleUpdate> getProducedType() {
        return TypeInformation.of(RuleUpdate.class);
    }
}
