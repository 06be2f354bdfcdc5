package io.smartcrm.api;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.smartcrm.api.alerts.AlertResource;
import io.smartcrm.api.console.ConsoleResource;
import io.smartcrm.api.customers.CustomerErasure;
import io.smartcrm.api.customers.CustomerResource;
import io.smartcrm.api.http.ApiServer;
import io.smartcrm.api.http.Router;
import io.smartcrm.api.models.ModelResource;
import io.smartcrm.api.rules.RuleResource;
import io.smartcrm.api.quality.QualityResource;
import io.smartcrm.api.search.PagedSearch;
import io.smartcrm.api.segments.SegmentResource;
import io.smartcrm.api.status.StatusResource;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The query API, started: every resource on one router behind the HTTP server. The Elasticsearch client belongs
 * to the caller; the API's own Kafka clients are closed with it.
 */
public final class SmartcrmApi implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SmartcrmApi.class);

    private final RuleResource rules;
    private final CustomerErasure erasure;
    private final ApiServer server;
    private final ApiSettings settings;
    private final AtomicBoolean closed = new AtomicBoolean();

    private SmartcrmApi(ApiSettings settings, Router router, RuleResource rules, CustomerErasure erasure)
            throws IOException {
        this.rules = rules;
        this.erasure = erasure;
        this.settings = settings;
        try {
            this.server = new ApiServer(settings.host(), settings.port(), router, settings.keys());
        } catch (IOException | RuntimeException e) {
            rules.close();
            erasure.close();
            throw e;
        }
    }

    /** Starts the API; {@code status} is what {@code GET /api/status} answers. */
    public static SmartcrmApi start(ApiSettings settings, ElasticsearchClient es, Supplier<Map<String, Object>> status)
            throws IOException {
        RuleResource rules = new RuleResource(es, settings.alertRulesIndex(), settings.kafkaBootstrapServers(),
                settings.alertRulesTopic(), settings.maxPageSize());
        CustomerErasure erasure = new CustomerErasure(es, settings.customersIndex(), settings.eventsIndexPrefix(),
                settings.kafkaBootstrapServers(), settings.eventsTopic(), settings.erasureWait());
        Router router = router(settings, es, rules, erasure, status);
        new ConsoleResource().register(router);
        SmartcrmApi api = new SmartcrmApi(settings, router, rules, erasure);
        rules.start();
        LOG.info("Query API listening on http://{}:{}/api, console on http://{}:{}/console/", settings.host(),
                api.port(), settings.host(), api.port());
        return api;
    }

    /** Every route of the API (the console's routes are added by {@link #start}). */
    static Router router(ApiSettings settings, ElasticsearchClient es, RuleResource rules, CustomerErasure erasure,
            Supplier<Map<String, Object>> status) {
        Router router = new Router();
        PagedSearch paged = new PagedSearch(es, settings.cursorKeepAlive());
        new StatusResource(status).register(router);
        new CustomerResource(es, paged, erasure, settings.customersIndex(), settings.eventsIndexPrefix(),
                settings.maxPageSize()).register(router);
        new SegmentResource(es, settings.customersIndex(), settings.segmentsIndex(), settings.maxPageSize())
                .register(router);
        new AlertResource(es, paged, settings.alertsIndex(), settings.maxPageSize()).register(router);
        new QualityResource(es, settings.dlqIndex(), settings.qualityIndex()).register(router);
        rules.register(router);
        new ModelResource(es, settings.modelsIndex(), settings.maxPageSize()).register(router);
        return router;
    }

    public int port() {
        return server.port();
    }

    /**
     * Asks the API, in the background, once what the console's pages ask first ({@link ApiWarmUp}); completes when
     * it is done (failures are logged, never thrown).
     */
    public CompletableFuture<ApiWarmUp.Result> warmUp() {
        return ApiWarmUp.start(settings.host(), port(), settings.keys());
    }

    /** Stops the server and the Kafka clients; later calls do nothing. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            server.close();
            rules.close();
            erasure.close();
        }
    }
}
