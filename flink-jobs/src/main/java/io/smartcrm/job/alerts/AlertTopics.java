package io.smartcrm.job.alerts;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates the rules topic (compacted: the latest record per rule id is the rule) and the alerts topic if missing. */
public final class AlertTopics {
    private AlertTopics() {}

    public static void ensure(String bootstrapServers, String rulesTopic, String alertsTopic) throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(props)) {
            NewTopic rules = new NewTopic(rulesTopic, Optional.of(1), Optional.empty())
                    .configs(Map.of("cleanup.policy", "compact"));
            NewTopic alerts = new NewTopic(alertsTopic, Optional.empty(), Optional.empty());
            for (var result : admin.createTopics(List.of(rules, alerts)).values().values()) {
                try {
                    result.get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
        }
    }
}
