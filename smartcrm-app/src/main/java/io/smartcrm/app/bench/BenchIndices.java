package io.smartcrm.app.bench;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.util.BinaryData;
import co.elastic.clients.util.ContentType;
import io.smartcrm.api.ApiSettings;
import io.smartcrm.api.SmartcrmApi;
import io.smartcrm.api.http.ApiKeys;
import io.smartcrm.api.sample.SyntheticProfiles;
import io.smartcrm.job.elasticsearch.EsDocument;
import io.smartcrm.model.profile.CustomerProfile;
import io.smartcrm.templates.IndexTemplates;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A benchmark's own indices ({@code bench-NAME-*}) and topics ({@code bench.NAME.*}), never the application's:
 * emptied and given the application's templates, loaded with seeded synthetic profiles, and the query API started
 * on them.
 */
final class BenchIndices {
    private static final int BULK = 2_000;
    private static final List<String> SINGLE = List.of("customers", "dlq", "models", "segments", "alerts", "alert-rules");

    private final ElasticsearchClient es;
    private final String name;
    final String prefix;

    BenchIndices(ElasticsearchClient es, String name) {
        this.es = es;
        this.name = name;
        this.prefix = "bench-" + name + "-";
    }

    String customers() {
        return prefix + "customers";
    }

    String models() {
        return prefix + "models";
    }

    /** Prefix of the daily event indices, as the job names them ({@code PREFIX + yyyy.MM.dd}). */
    String events() {
        return prefix + "events-";
    }

    /** Deletes the indices (daily event indices too) and applies the application's templates under these names. */
    void prepare() throws IOException {
        List<String> old = new ArrayList<>(SINGLE.stream().map(n -> prefix + n).toList());
        old.addAll(es.indices().get(g -> g.index(events() + "*").allowNoIndices(true)).result().keySet());
        es.indices().delete(d -> d.index(old).ignoreUnavailable(true));
        IndexTemplates.apply(es, Map.of("crm-customers", customers(), "crm-events", events() + "*",
                "crm-dlq", prefix + "dlq", "crm-models", models(), "crm-segments", prefix + "segments",
                "crm-alerts", prefix + "alerts", "crm-alert-rules", prefix + "alert-rules", "crm-quality", prefix + "quality"));
    }

    /**
     * Loads {@code profiles} synthetic profiles of {@code seed} (as of {@code asOf}) into the customers index,
     * handing each to {@code each} too, and refreshes it.
     */
    void loadProfiles(int profiles, long seed, Instant asOf, Consumer<CustomerProfile> each, PrintStream out)
            throws IOException {
        long started = System.nanoTime();
        SyntheticProfiles synthetic = new SyntheticProfiles(seed, asOf);
        String index = customers();
        es.indices().putSettings(s -> s.index(index).settings(i -> i.refreshInterval(t -> t.time("-1"))));
        List<BulkOperation> batch = new ArrayList<>(BULK);
        for (int i = 0; i < profiles; i++) {
            CustomerProfile p = synthetic.profile(i);
            each.accept(p);
            batch.add(BulkOperation.of(b -> b.index(x -> x.index(index).id(p.customerId).document(p))));
            if (batch.size() == BULK || i == profiles - 1) {
                bulk(batch);
                batch.clear();
            }
        }
        es.indices().putSettings(s -> s.index(index).settings(i -> i.refreshInterval(t -> t.time("1s"))));
        es.indices().refresh(r -> r.index(index));
        out.printf(Locale.ROOT, "Loaded %,d synthetic profiles (seed %d) into %s in %.1f s%n", profiles, seed, index,
                (System.nanoTime() - started) / 1e9);
    }

    /** Writes the documents (each overwriting any of its id), a bulk request at a time, and refreshes their indices. */
    void load(List<EsDocument> docs) throws IOException {
        for (int from = 0; from < docs.size(); from += BULK) {
            bulk(docs.subList(from, Math.min(docs.size(), from + BULK)).stream()
                    .map(d -> BulkOperation.of(b -> b.index(x -> x.index(d.index).id(d.id)
                            .document(BinaryData.of(d.source, ContentType.APPLICATION_JSON)))))
                    .toList());
        }
        List<String> indices = docs.stream().map(d -> d.index).distinct().toList();
        if (!indices.isEmpty()) {
            es.indices().refresh(r -> r.index(indices));
        }
    }

    private void bulk(List<BulkOperation> batch) throws IOException {
        List<BulkOperation> ops = List.copyOf(batch);
        BulkResponse r = es.bulk(b -> b.operations(ops));
        if (r.errors()) {
            throw new IllegalStateException("bulk load failed: " + r.items().stream()
                    .filter(it -> it.error() != null).findFirst().orElseThrow().error());
        }
    }

    /** The query API on these indices and topics, on a free port of the loopback, with these keys. */
    SmartcrmApi startApi(ApiKeys keys, String kafka, Supplier<Map<String, Object>> status) throws IOException {
        ApiSettings settings = new ApiSettings("127.0.0.1", 0, keys, 1000, Duration.ofMinutes(5), customers(),
                events(), prefix + "dlq", models(), prefix + "segments", prefix + "alerts", prefix + "alert-rules",
                prefix + "quality", kafka, "bench." + name + ".alert-rules", "bench." + name + ".events", Duration.ofSeconds(1));
        return SmartcrmApi.start(settings, es, status);
    }
}
