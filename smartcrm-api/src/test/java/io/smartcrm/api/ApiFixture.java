package io.smartcrm.api;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smartcrm.api.http.ApiKeys;
import io.smartcrm.api.sample.SyntheticProfiles;
import io.smartcrm.embedded.SharedServices;
import io.smartcrm.model.event.CustomerEvent;
import io.smartcrm.model.event.EventType;
import io.smartcrm.model.profile.CustomerProfile;
import io.smartcrm.model.wire.EventCodec;
import io.smartcrm.templates.IndexTemplates;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;

/**
 * The live stack of the API's integration tests, set up once per test JVM: the shared Elasticsearch node and Kafka
 * broker, the index templates, {@value #CUSTOMERS} synthetic customer profiles (seed 7), the events of two
 * customers, and the API on a free port with an admin key and a read key.
 */
final class ApiFixture {
    static final int CUSTOMERS = 12_000;
    static final String ADMIN_KEY = "test-admin-key-0123456789";
    static final String READ_KEY = "test-read-key-0123456789";
    static final Instant AS_OF = Instant.parse("2026-11-01T00:00:00Z");
    /** A customer with {@value #MANY_EVENTS} events over three days, and one with none. */
    static final String BUSY_CUSTOMER = SyntheticProfiles.id(5);
    static final int MANY_EVENTS = 45;
    static final String QUIET_CUSTOMER = SyntheticProfiles.id(6);
    static final ObjectMapper JSON = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy.MM.dd").withZone(ZoneOffset.UTC);

    private static ApiFixture shared;

    final ElasticsearchClient es;
    final String kafka;
    final SmartcrmApi api;
    final String base;
    final ApiSettings settings;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ApiFixture() throws IOException {
        // one after the other: each picks free ports, which the other could take while starting
        es = client(SharedServices.elasticsearch().httpUrl());
        kafka = SharedServices.kafka().bootstrapServers();
        IndexTemplates.apply(es);
        loadProfiles(es, "crm-customers", new SyntheticProfiles(7, AS_OF), CUSTOMERS);
        loadEvents(es, "crm-events-", BUSY_CUSTOMER, MANY_EVENTS, Duration.ofHours(1));
        settings = settings("crm-", kafka);
        api = SmartcrmApi.start(settings, es, () -> Map.of("job", "RUNNING", "profiles", CUSTOMERS));
        base = "http://127.0.0.1:" + api.port();
        Runtime.getRuntime().addShutdownHook(new Thread(api::close));
    }

    static synchronized ApiFixture shared() {
        if (shared == null) {
            try {
                shared = new ApiFixture();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shared;
    }

    /** API settings on a free port with every index named {@code prefix + name} and the test keys. */
    static ApiSettings settings(String prefix, String kafka) {
        return new ApiSettings("127.0.0.1", 0, ApiKeys.parse(ADMIN_KEY + ":admin," + READ_KEY + ":read"), 1000,
                Duration.ofMinutes(1), prefix + "customers", prefix + "events-", prefix + "dlq", prefix + "models", prefix + "segments",
                prefix + "alerts", prefix + "alert-rules", prefix + "quality", kafka, prefix.replace('-', '.') + "alert-rules",
                prefix.replace('-', '.') + "events", Duration.ofSeconds(2));
    }

    /** The index templates for indices named {@code prefix + name} (customers, events-*, models, ...). */
    static void applyTemplates(ElasticsearchClient es, String prefix) throws IOException {
        IndexTemplates.apply(es, Map.of("crm-customers", prefix + "customers", "crm-events", prefix + "events-*",
                "crm-dlq", prefix + "dlq", "crm-models", prefix + "models", "crm-segments", prefix + "segments",
                "crm-alerts", prefix + "alerts", "crm-alert-rules", prefix + "alert-rules", "crm-quality", prefix + "quality"));
    }

    /** A second API on the shared services, on indices named {@code prefix + name}. */
    SmartcrmApi startApi(String prefix) throws IOException {
        applyTemplates(es, prefix);
        return SmartcrmApi.start(settings(prefix, kafka), es, Map::of);
    }

    static ElasticsearchClient client(String url) {
        // a generous socket timeout: a bulk load on a busy two-core machine can take longer than the default 30 s
        return new ElasticsearchClient(new RestClientTransport(RestClient.builder(HttpHost.create(url))
                .setRequestConfigCallback(c -> c.setSocketTimeout(120_000)).build(),
                new JacksonJsonpMapper(JSON)));
    }

    static void loadProfiles(ElasticsearchClient es, String index, SyntheticProfiles profiles, int count)
            throws IOException {
        List<Object> docs = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            CustomerProfile p = profiles.profile(i);
            docs.add(p);
            ids.add(p.customerId);
            if (docs.size() == 2000 || i == count - 1) {
                bulk(es, index, ids, docs);
                docs.clear();
                ids.clear();
            }
        }
        es.indices().refresh(r -> r.index(index));
    }

    /** {@code count} events of the customer, one every {@code step} back from AS_OF, in their daily indices. */
    static void loadEvents(ElasticsearchClient es, String prefix, String customerId, int count, Duration step)
            throws IOException {
        List<BulkOperation> ops = new ArrayList<>();
        EventType[] types = {EventType.PAGE_VIEW, EventType.PRODUCT_VIEW, EventType.ADD_TO_CART, EventType.PURCHASE};
        for (int i = 0; i < count; i++) {
            CustomerEvent e = new CustomerEvent();
            e.eventId = customerId + "-e" + i;
            e.customerId = customerId;
            e.type = types[i % types.length];
            e.timestamp = AS_OF.minus(step.multipliedBy(i + 1)).toEpochMilli();
            e.source = "web";
            e.sessionId = "s" + i / 5;
            if (e.type == EventType.PURCHASE) {
                e.orderId = "o" + i;
                e.amount = 20.0 + i;
                e.currency = "GBP";
            } else if (e.type != EventType.PAGE_VIEW) {
                e.productId = "p" + i;
            }
            Map<?, ?> doc = JSON.convertValue(EventCodec.toTree(e), Map.class);
            String index = prefix + DAY.format(Instant.ofEpochMilli(e.timestamp));
            ops.add(BulkOperation.of(b -> b.create(c -> c.index(index).id(e.eventId).document(doc))));
        }
        BulkResponse r = es.bulk(b -> b.operations(ops).refresh(Refresh.True));
        if (r.errors()) {
            throw new IllegalStateException("events not indexed: " + r.items().get(0).error());
        }
    }

    static void bulk(ElasticsearchClient es, String index, List<String> ids, List<?> docs) throws IOException {
        List<BulkOperation> ops = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            Object doc = docs.get(i);
            ops.add(BulkOperation.of(b -> b.index(x -> x.index(index).id(id).document(doc))));
        }
        BulkResponse r = es.bulk(b -> b.operations(ops));
        if (r.errors()) {
            throw new IllegalStateException("documents not indexed: " + r.items().stream()
                    .filter(i -> i.error() != null).findFirst().orElseThrow().error());
        }
    }

    HttpResponse<String> get(String pathAndQuery, String key) {
        return send("GET", pathAndQuery, key, null);
    }

    HttpResponse<String> send(String method, String pathAndQuery, String key, String jsonBody) {
        return send(base, method, pathAndQuery, key, jsonBody);
    }

    private HttpResponse<String> send(String baseUrl, String method, String pathAndQuery, String key, String jsonBody) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery))
                .timeout(Duration.ofSeconds(60))
                .method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(jsonBody));
        if (key != null) {
            request.header("X-API-Key", key);
        }
        if (jsonBody != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** GET with the read key, expecting 200; the body as JSON. */
    JsonNode read(String pathAndQuery) {
        return read(api, pathAndQuery);
    }

    /** GET from {@code other} (e.g. one from {@link #startApi}) with the read key, expecting 200; the body as JSON. */
    JsonNode read(SmartcrmApi other, String pathAndQuery) {
        HttpResponse<String> r = send("http://127.0.0.1:" + other.port(), "GET", pathAndQuery, READ_KEY, null);
        if (r.statusCode() != 200) {
            throw new AssertionError("GET " + pathAndQuery + " answered " + r.statusCode() + ": " + r.body());
        }
        return json(r);
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }
}
