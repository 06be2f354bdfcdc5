package io.smartcrm.api.customers;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.smartcrm.api.kafka.Producers;
import io.smartcrm.model.event.CustomerEvent;
import io.smartcrm.model.event.EventType;
import io.smartcrm.model.wire.EventCodec;
import java.io.IOException;
import java.time.Duration;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Erases a customer through the job: a {@code customer_erasure} request on the events topic (keyed by the customer,
 * so it follows their events), which the job obeys when it reaches it: it forgets the customer's state, deletes
 * their profile and events from the indices and ignores their older events still to come. Waits a while for the
 * profile and events to be gone, so that a running job's answer is usually final.
 */
public final class CustomerErasure implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CustomerErasure.class);
    private static final long POLL_MILLIS = 250;

    private final ElasticsearchClient es;
    private final String customersIndex;
    private final String eventsPattern;
    private final String bootstrapServers;
    private final String eventsTopic;
    private final Duration wait;
    private KafkaProducer<String, byte[]> producer;

    public CustomerErasure(ElasticsearchClient es, String customersIndex, String eventsIndexPrefix,
            String bootstrapServers, String eventsTopic, Duration wait) {
        this.es = es;
        this.customersIndex = customersIndex;
        this.eventsPattern = eventsIndexPrefix + "*";
        this.bootstrapServers = bootstrapServers;
        this.eventsTopic = eventsTopic;
        this.wait = wait;
    }

    /** What was indexed when the erasure was requested, and whether all of it is gone. */
    public record Outcome(boolean profileFound, long eventsFound, boolean done) {}

    public Outcome erase(String customerId) throws IOException {
        boolean profile = profileExists(customerId);
        long events = events(customerId);
        CustomerEvent request = new CustomerEvent();
        request.eventId = "erasure-" + UUID.randomUUID();
        request.customerId = customerId;
        request.type = EventType.CUSTOMER_ERASURE;
        request.timestamp = System.currentTimeMillis();
        request.source = "api";
        Producers.sendAndWait(producer(), new ProducerRecord<>(eventsTopic, customerId, EventCodec.toJson(request)),
                "the customer was not erased");
        LOG.info("Erasure of customer {} requested ({} profile, {} events indexed)", customerId, profile ? 1 : 0, events);
        if (!profile && events == 0) {
            return new Outcome(false, 0, false);
        }
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            if (!profileExists(customerId) && events(customerId) == 0) {
                return new Outcome(profile, events, true);
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return new Outcome(profile, events, false);
    }

    private boolean profileExists(String customerId) throws IOException {
        return es.exists(e -> e.index(customersIndex).id(customerId)).value();
    }

    private long events(String customerId) throws IOException {
        return es.count(c -> c.index(eventsPattern).ignoreUnavailable(true).allowNoIndices(true)
                .query(q -> q.term(t -> t.field("customerId").value(customerId)))).count();
    }

    private synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            producer = Producers.reliable(bootstrapServers, "smartcrm-api-erasures");
        }
        return producer;
    }

    @Override
    public synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }
}
