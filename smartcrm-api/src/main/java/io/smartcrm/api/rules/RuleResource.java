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
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@code /api/rules}: the marketers' alert rules. Reads come from the rules index. A write is validated
 * ({@link AlertRule#problems()}), then sent to the rules topic, which the running job applies, and only then
 * written to the index; a failed Kafka write changes nothing. Writes are serialized in this process, so a create's
 * existence check and its write are one step.
 */
public final class RuleResource implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RuleStore store;
    private final RulesTopic topic;
    private final int maxPageSize;
    private final ReentrantLock writes = new ReentrantLock();

    public RuleResource(ElasticsearchClient es, String rulesIndex, String kafkaBootstrapServers, String rulesTopic,
            int maxPageSize) {
        this.store = new RuleStore(es, rulesIndex);
        this.topic = new RulesTopic(kafkaBootstrapServers, rulesTopic);
        this.maxPageSize = maxPageSize;
    }

    /** Creates the rules topic if missing, in the background until Kafka answers. */
    public void createTopic() {
        topic.createInBackground();
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
            topic.write(id, null);
            store.delete(id);
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

    private void save(AlertRule rule) throws IOException {
        try {
            topic.write(rule.id, JSON.writeValueAsBytes(rule));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write rule " + rule.id + " as JSON", e);
        }
        store.put(rule);
    }

    private static ApiException notFound(String id) {
        return ApiException.notFound("no rule '" + id + "'");
    }

    @Override
    public void close() {
        topic.close();
    }
}
