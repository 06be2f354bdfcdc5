package io.smartcrm.api;

import io.smartcrm.api.http.ApiKeys;
import java.time.Duration;

/**
 * What the API needs to know, filled in by the application from its options ({@code api.*}, the index names, the
 * Kafka brokers, the rules topic and the events topic erasure requests go to).
 */
public record ApiSettings(String host, int port, ApiKeys keys, int maxPageSize, Duration cursorKeepAlive,
        String customersIndex, String eventsIndexPrefix, String dlqIndex, String modelsIndex, String segmentsIndex, String alertsIndex,
        String alertRulesIndex, String qualityIndex, String kafkaBootstrapServers, String alertRulesTopic, String eventsTopic,
        Duration erasureWait) {

    public ApiSettings {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("api.port: " + port + " is not a port");
        }
        if (maxPageSize < 1) {
            throw new IllegalArgumentException("api.max-page-size: at least 1");
        }
        if (cursorKeepAlive.toMillis() < 1_000) {
            throw new IllegalArgumentException("api.cursor-keep-alive: at least 1 s");
        }
    }
}
