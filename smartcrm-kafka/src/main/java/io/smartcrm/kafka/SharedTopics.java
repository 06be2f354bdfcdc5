package io.smartcrm.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/** The topics the job and the API both create if missing, defined once. */
public final class SharedTopics {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private SharedTopics() {}

    /** The marketers' alert rules: compacted (the latest record per rule id is the rule), one partition (one order). */
    public static NewTopic alertRules(String name) {
        return new NewTopic(name, Optional.of(1), Optional.empty()).configs(Map.of("cleanup.policy", "compact"));
    }

    /** The alerts the job raises: the broker's default partitions and retention. */
    public static NewTopic alerts(String name) {
        return new NewTopic(name, Optional.empty(), Optional.empty());
    }

    /** Creates the topics that do not exist; existing ones are left as they are. */
    public static void createIfMissing(String bootstrapServers, List<NewTopic> topics) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        try (Admin admin = Admin.create(props)) {
            for (var result : admin.createTopics(topics).values().entrySet()) {
                try {
                    result.getValue().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + result.getKey() + ": "
                                + e.getCause().getMessage(), e.getCause());
                    }
                } catch (TimeoutException e) {
                    throw new IllegalStateException("Kafka at " + bootstrapServers + " did not answer in "
                            + TIMEOUT.toSeconds() + " s", e);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        }
    }
}
