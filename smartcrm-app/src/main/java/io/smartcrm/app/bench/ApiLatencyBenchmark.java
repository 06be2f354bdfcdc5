package io.smartcrm.app.bench;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smartcrm.api.SmartcrmApi;
import io.smartcrm.api.http.ApiKeys;
import io.smartcrm.api.sample.SyntheticProfiles;
import io.smartcrm.model.profile.CustomerProfile;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Latency of typical customer searches through the query API, over HTTP, one request at a time: loads seeded
 * synthetic profiles (the generator's persona mix) into indices of its own, starts the API, warms up, then times
 * each kind of search in turn and reports p50/p95/p99/max per kind and overall.
 */
public final class ApiLatencyBenchmark {
    static final List<String> KINDS = List.of("segment_band_revenue_facets", "country_propensity", "free_text",
            "attribute", "rfm_recent_consent", "next_page");
    private static final List<String> COUNTRIES = List.of("GB", "DE", "US", "FR", "NL", "IE", "ES");
    private static final List<String> BANDS = List.of("low", "medium", "high");
    private static final List<String> TIERS = List.of("bronze", "silver", "gold", "platinum");
    private static final List<String> PLANS = List.of("basic", "plus", "premium");
    private static final int DEEP_PAGE = 100;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The benchmark's own indices (bench-api-*) and topics, never the application's. */
    private final BenchIndices indices;
    private final String kafka;
    private final int profiles;
    private final int searches;
    private final int warmup;
    private final long seed;
    private final PrintStream out;
    private final Instant asOf = Instant.now().truncatedTo(ChronoUnit.DAYS);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public ApiLatencyBenchmark(ElasticsearchClient es, String kafka, int profiles, int searches, int warmup, long seed,
            PrintStream out) {
        this.indices = new BenchIndices(es, "api");
        this.kafka = kafka;
        this.profiles = profiles;
        this.searches = searches;
        this.warmup = warmup;
        this.seed = seed;
        this.out = out;
    }

    /** Latencies in milliseconds per kind of search. */
    public record Figures(int profiles, Map<String, double[]> millis) {
        /** A table, then one {@code key=value} line a figure. */
        public void print(PrintStream out) {
            double[] all = millis.values().stream().flatMapToDouble(Arrays::stream).sorted().toArray();
            out.printf(Locale.ROOT, "  %-28s %6s %8s %8s %8s %8s%n", "search (ms)", "n", "p50", "p95", "p99", "max");
            millis.forEach((kind, ms) -> row(out, kind, ms));
            row(out, "all", all);
            out.printf(Locale.ROOT, "api_profiles=%d%n", profiles);
            out.printf(Locale.ROOT, "api_searches=%d%n", all.length);
            for (Map.Entry<String, double[]> e : millis.entrySet()) {
                out.printf(Locale.ROOT, "api_%s_p50_ms=%.1f%n", e.getKey(), Percentiles.nearestRank(e.getValue(), 50));
                out.printf(Locale.ROOT, "api_%s_p99_ms=%.1f%n", e.getKey(), Percentiles.nearestRank(e.getValue(), 99));
            }
            out.printf(Locale.ROOT, "api_search_p50_ms=%.1f%n", Percentiles.nearestRank(all, 50));
            out.printf(Locale.ROOT, "api_search_p95_ms=%.1f%n", Percentiles.nearestRank(all, 95));
            out.printf(Locale.ROOT, "api_search_p99_ms=%.1f%n", Percentiles.nearestRank(all, 99));
            out.printf(Locale.ROOT, "api_search_max_ms=%.1f%n", all[all.length - 1]);
        }

        private static void row(PrintStream out, String kind, double[] ms) {
            double[] sorted = ms.clone();
            Arrays.sort(sorted);
            out.printf(Locale.ROOT, "  %-28s %6d %8.1f %8.1f %8.1f %8.1f%n", kind, sorted.length,
                    Percentiles.nearestRank(sorted, 50), Percentiles.nearestRank(sorted, 95),
                    Percentiles.nearestRank(sorted, 99), sorted[sorted.length - 1]);
        }
    }

    public Figures run() throws Exception {
        indices.prepare();
        indices.loadProfiles(profiles, seed, asOf, p -> { }, out);
        String key = "bench-" + UUID.randomUUID();
        try (SmartcrmApi api = indices.startApi(ApiKeys.parse(key + ":read"), kafka, Map::of)) {
            Searches s = new Searches("http://127.0.0.1:" + api.port(), key);
            long started = System.nanoTime();
            for (int i = 0; i < warmup; i++) {
                s.next(KINDS.get(i % KINDS.size()));
            }
            out.printf(Locale.ROOT, "Warm-up: %d searches in %.1f s%n", warmup, (System.nanoTime() - started) / 1e9);
            Map<String, List<Double>> measured = new LinkedHashMap<>();
            KINDS.forEach(k -> measured.put(k, new ArrayList<>()));
            started = System.nanoTime();
            for (int i = 0; i < searches; i++) {
                String kind = KINDS.get(i % KINDS.size());
                measured.get(kind).add(s.next(kind));
            }
            out.printf(Locale.ROOT, "Measured: %d searches in %.1f s, one at a time over HTTP (keep-alive), deepest "
                    + "cursor page at hit %,d%n", searches, (System.nanoTime() - started) / 1e9, s.deepest);
            Map<String, double[]> millis = new LinkedHashMap<>();
            measured.forEach((k, v) -> millis.put(k, v.stream().mapToDouble(Double::doubleValue).toArray()));
            return new Figures(profiles, millis);
        }
    }

    /** The searches, with seeded parameters; each call does one request and answers its latency in ms. */
    private final class Searches {
        private final String base;
        private final String key;
        private final Random random = new Random(seed);
        private final SyntheticProfiles synthetic = new SyntheticProfiles(seed, asOf);
        private String walk;
        private String cursor;
        private long depth;
        long deepest;

        Searches(String base, String key) {
            this.base = base;
            this.key = key;
        }

        double next(String kind) throws Exception {
            if (kind.equals("next_page")) {
                if (cursor == null) {
                    walk = "/api/customers?size=" + DEEP_PAGE + "&sort=revenue:desc&country=" + pick(COUNTRIES);
                    cursor = ApiLatencyBenchmark.JSON.readTree(get(walk).body()).path("next").asText(null);
                    depth = DEEP_PAGE;
                }
                long t = System.nanoTime();
                HttpResponse<String> r = get(walk + "&after=" + cursor);
                double ms = (System.nanoTime() - t) / 1e6;
                JsonNode page = ApiLatencyBenchmark.JSON.readTree(r.body());
                depth += page.path("hits").size();
                deepest = Math.max(deepest, depth);
                cursor = page.path("next").asText(null);
                return ms;
            }
            String query = switch (kind) {
                case "segment_band_revenue_facets" -> "segment=" + enc(pick(SyntheticProfiles.SEGMENTS)) + "&churnBand="
                        + pick(BANDS) + "&sort=revenue:desc&facets=segment,country,churnBand,propensityBand&size=20";
                case "country_propensity" -> "country=" + pick(COUNTRIES) + "&propensityMin="
                        + String.format(Locale.ROOT, "%.2f", 0.3 + 0.5 * random.nextDouble()) + "&sort=propensity:desc&size=20";
                case "free_text" -> "q=" + enc(text()) + "&size=20";
                case "attribute" -> "attr.loyaltyTier=" + pick(TIERS) + "&attr.plan=" + pick(PLANS) + "&country="
                        + pick(COUNTRIES) + "&size=50";
                case "rfm_recent_consent" -> "rfmRecency=4-5&rfmMonetary=" + (3 + random.nextInt(3)) + "-5&consent=email"
                        + "&lastPurchaseAfter=" + asOf.minus(Duration.ofDays(7 + random.nextInt(30))).toString().substring(0, 10)
                        + "&sort=lastPurchase&size=20";
                default -> throw new IllegalArgumentException(kind);
            };
            long t = System.nanoTime();
            get("/api/customers?" + query);
            return (System.nanoTime() - t) / 1e6;
        }

        /** A first name, last name, full name or email of a random customer. */
        private String text() {
            CustomerProfile p = synthetic.profile(random.nextInt(profiles));
            String[] names = p.name.split(" ", 2);
            return switch (random.nextInt(4)) {
                case 0 -> names[0];
                case 1 -> names[1];
                case 2 -> p.name;
                default -> p.email;
            };
        }

        private HttpResponse<String> get(String pathAndQuery) throws Exception {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                    .header("X-API-Key", key).timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("GET " + pathAndQuery + " answered " + r.statusCode() + ": " + r.body());
            }
            return r;
        }

        private <T> T pick(List<T> values) {
            return values.get(random.nextInt(values.size()));
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
