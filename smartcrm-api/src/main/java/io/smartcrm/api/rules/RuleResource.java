package io.smartcrm.api.rules;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smartcrm.api.http.ApiException;
import io.smartcrm.api.http.Request;
import io.smartcrm.api.http.Response;
import io.smartcrm.api.http.Role;
import io.smartcrm.api.http.Router;
import io.smartcrm.model.alert.AlertRule;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /api/rules}: the marketers' alert rules. The compacted rules topic, which the running job applies, is
 * where a rule lives; the rules index is a view of it that reads and searches come from. A write is validated
 * ({@link AlertRule#problems()}), sent to the topic (a failed Kafka write changes nothing and is a 503), then shown
 * in the index, versioned by its offset. A view that missed a write (Elasticsearch failed after Kafka, or an instance
 * stopped between the two) is repaired from the topic at start and every {@link #RECONCILE_INTERVAL}. Writes are
 * serialized in this process, so a create's existence check and its write are one step within one instance.
 */
public final class RuleResource implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RuleResource.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final Duration RECONCILE_INTERVAL = Duration.ofMinutes(1);

    private final RuleStore store;
    private final RulesTopic topic;
    private final int maxPageSize;
    private final ReentrantLock writes = new ReentrantLock();
    private final ScheduledExecutorService reconciler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "smartcrm-api-rules-view");
        t.setDaemon(true);
        return t;
    });

    public RuleResource(ElasticsearchClient es, String rulesIndex, String kafkaBootstrapServers, String rulesTopic,
            int maxPageSize) {
        this.store = new RuleStore(es, rulesIndex);
        this.topic = new RulesTopic(kafkaBootstrapServers, rulesTopic);
        this.maxPageSize = maxPageSize;
    }

    /**
     * Creates the rules topic if missing, in the background until Kafka answers, and repairs the index from the
     * topic now and every {@link #RECONCILE_INTERVAL}.
     */
    public void start() {
        topic.createInBackground();
        reconciler.scheduleWithFixedDelay(this::reconcileQuietly, 0, RECONCILE_INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /**
     * Makes the index show the topic: every rule's last record (a tombstone deletes), and no document that no
     * record stands for. The index is listed before the topic is read, so a rule written meanwhile by another
     * instance is never taken for a stray document. Returns how many documents were changed.
     */
    int reconcile() throws IOException {
        List<String> indexed = store.ids();
        Map<String, RulesTopic.Latest> latest = topic.readAll();
        int changed = 0;
        for (Map.Entry<String, RulesTopic.Latest> e : latest.entrySet()) {
            String id = e.getKey();
            RulesTopic.Latest record = e.getValue();
            Optional<AlertRule> shown = store.get(id);
            if (record.value() == null) {
                if (shown.isPresent()) {
                    store.delete(id, record.offset());
                    changed++;
                }
                continue;
            }
            AlertRule rule;
            try {
                rule = JSON.readValue(record.value(), AlertRule.class);
            } catch (IOException ex) {
                LOG.warn("Rule {} at offset {} of the rules topic is not a rule ({}); the index keeps what it shows",
                        id, record.offset(), ex.getMessage());
                continue;
            }
            if (shown.isEmpty() || !JSON.valueToTree(shown.get()).equals(JSON.valueToTree(rule))) {
                store.put(rule, record.offset());
                changed++;
            }
        }
        for (String id : indexed) {
            if (!latest.containsKey(id)) {
                store.deleteUnversioned(id);
                changed++;
            }
        }
        if (changed > 0) {
            LOG.info("Rules index repaired from the rules topic: {} documents changed", changed);
        }
        return changed;
    }

    private void reconcileQuietly() {
        try {
            reconcile();
        } catch (IOException | RuntimeException e) {
            LOG.debug("Rules index not reconciled now ({}); next try in {}", e.toString(), RECONCILE_INTERVAL);
        }
    }

    public void register(Router router) {
        router.get("/api/rules", Role.READ, this::list)
                .post("/api/rules", Role.ADMIN, this::create)
                .get("/api/rules/{id}", Role.READ, this::rule)
                .put("/api/rules/{id}", Role.ADMIN, this::replace)
                .delete("/api/rules/{id}", Role.ADMIN, this::delete);
    }

    private Response list(Request request) throws IOException {
        request.query().requireKnown(List.of("size"));
        RuleStore.Listing listing = store.list(request.query().integer("size", maxPageSize, 1, maxPageSize));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("total", listing.total());
        body.put("rules", listing.rules());
        return Response.ok(body);
    }

    private Response rule(Request request) throws IOException {
        request.query().requireKnown(List.of());
        String id = request.pathParam("id");
        return Response.ok(store.get(id).orElseThrow(() -> notFound(id)));
    }

    /** POST: the id is made from the name when absent; 409 if a rule has it. */
    private Response create(Request request) throws IOException {
        request.query().requireKnown(List.of());
        AlertRule rule = RuleBody.parse(request.jsonBody());
        if (rule.id == null && rule.name != null && !rule.name.isBlank()) {
            rule.id = RuleBody.idFromName(rule.name);
        }
        validate(rule);
        writes.lock();
        try {
            if (store.get(rule.id).isPresent()) {
                throw ApiException.conflict("a rule with id '" + rule.id + "' exists; PUT /api/rules/" + rule.id
                        + " replaces it, or give another id");
            }
            rule.createdAt = Instant.now().toString();
            rule.updatedAt = rule.createdAt;
            save(rule);
        } finally {
            writes.unlock();
        }
        return Response.created("/api/rules/" + rule.id, rule);
    }

    /** PUT: creates or replaces the rule; the body's id, if any, must be the path's. */
    private Response replace(Request request) throws IOException {
        request.query().requireKnown(List.of());
        String id = request.pathParam("id");
        AlertRule rule = RuleBody.parse(request.jsonBody());
        if (rule.id != null && !rule.id.equals(id)) {
            throw ApiException.badRequest("id", "the body's id '" + rule.id + "' is not the path's '" + id + "'");
        }
        rule.id = id;
        validate(rule);
        boolean existed;
        writes.lock();
        try {
            Optional<AlertRule> old = store.get(id);
            existed = old.isPresent();
            rule.updatedAt = Instant.now().toString();
            rule.createdAt = old.map(r -> r.createdAt).orElse(rule.updatedAt);
            save(rule);
        } finally {
            writes.unlock();
        }
        return existed ? Response.ok(rule) : Response.created("/api/rules/" + id, rule);
    }

    private Response delete(Request request) throws IOException {
        request.query().requireKnown(List.of());
        String id = request.pathParam("id");
        writes.lock();
        try {
            if (store.get(id).isEmpty()) {
                throw notFound(id);
            }
            long offset = topic.write(id, null);
            show(id, () -> store.delete(id, offset));
        } finally {
            writes.unlock();
        }
        return Response.noContent();
    }

    private static void validate(AlertRule rule) {
        List<String> problems = rule.problems();
        if (!problems.isEmpty()) {
            throw ApiException.invalidBody("the rule is not valid: " + String.join("; ", problems), problems);
        }
    }

    private void save(AlertRule rule) {
        long offset;
        try {
            offset = topic.write(rule.id, JSON.writeValueAsBytes(rule));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write rule " + rule.id + " as JSON", e);
        }
        show(rule.id, () -> store.put(rule, offset));
    }

    private interface IndexWrite {
        void run() throws IOException;
    }

    /**
     * Shows a write that is on the topic in the index. The topic has it, so the job applies it whatever happens
     * here; if the index write fails, the answer is still a success and the view is repaired in the background.
     */
    private void show(String id, IndexWrite write) {
        try {
            write.run();
        } catch (IOException | RuntimeException e) {
            LOG.warn("Rule {} is on the rules topic but not yet in the index ({}); repairing it in the background",
                    id, e.toString());
            reconciler.schedule(this::reconcileQuietly, 5, TimeUnit.SECONDS);
        }
    }

    private static ApiException notFound(String id) {
        return ApiException.notFound("no rule '" + id + "'");
    }

    @Override
    public void close() {
        reconciler.shutdownNow();
        topic.close();
    }
}
