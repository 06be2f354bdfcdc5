/**
 * Starts and stops the real servers of smartcrm's embedded default, each in its own OS process: a Kafka broker
 * ({@link io.smartcrm.embedded.EmbeddedKafka}) and an Elasticsearch node
 * ({@link io.smartcrm.embedded.EmbeddedElasticsearch}); {@link io.smartcrm.embedded.SharedServices} shares one of
 * each per JVM among integration tests.
 */
package io.smartcrm.embedded;
