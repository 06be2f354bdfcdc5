package io.smartcrm.app.bench;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smartcrm.api.SmartcrmApi;
import io.smartcrm.api.http.ApiKeys;
import io.smartcrm.app.bench.ConsolePages.Visit;
import io.smartcrm.app.runtime.ProgressLine;
import io.smartcrm.browser.ConsoleBrowser;
import io.smartcrm.job.elasticsearch.EsDocument;
import io.smartcrm.model.alert.AlertRule;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openqa.selenium.WebDriverException;

/**
 * How fast the console's pages load in real headless Chromium over seeded synthetic profiles: loads the profiles
 * and what the other pages read ({@link ConsoleData}) into indices of its own ({@code bench-console-*}), starts the
 * API and its console, creates the alert rules over the API with an admin key, lets the API warm up as serve does
 * (unless told not to), signs in with it, then visits every
 * page of {@link ConsolePages} in a first (cold) round and {@code rounds} warm ones, one page at a time. Each visit
 * is timed in the browser: {@code performance.now()} from the hash change (the click, the key form's submit) to the
 * page's load-finished marker ({@link ConsoleBrowser#timedNavigation}).
 */
public final class ConsoleBenchmark {
    /** The console's goal: no page over a second. */
    static final double GOAL_MS = 1_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ElasticsearchClient es;
    private final String kafka;
    private final int profiles;
    private final int rounds;
    private final long seed;
    private final boolean warmUp;
    private final Path screenshots;
    private final PrintStream out;
    private final Instant asOf = Instant.now().truncatedTo(ChronoUnit.DAYS);

    public ConsoleBenchmark(ElasticsearchClient es, String kafka, int profiles, int rounds, long seed, boolean warmUp,
            Path screenshots, PrintStream out) {
        this.es = es;
        this.kafka = kafka;
        this.profiles = profiles;
        this.rounds = rounds;
        this.seed = seed;
        this.warmUp = warmUp;
        this.screenshots = screenshots;
        this.out = out;
    }

    /**
     * Per page (in {@link ConsolePages#NAMES} order): the first visit's ms and the longest API call of its load, the
     * warm visits' ms and their longest API calls; {@code failure} says which page failed, if one did (the figures
     * stop there).
     */
    public record Figures(int profiles, int rounds, Map<String, Double> cold, Map<String, Double> coldApi,
            Map<String, List<Double>> warm, Map<String, List<Double>> api, String failure) {

        /** Whether every page's warm p95 and max are under the goal. */
        public boolean warmUnderGoal() {
            return warm.values().stream().allMatch(ms -> !ms.isEmpty() && max(ms) < GOAL_MS);
        }

        /** Whether every page's first visit is under the goal. */
        public boolean coldUnderGoal() {
            return cold.size() == ConsolePages.NAMES.size() && cold.values().stream().allMatch(ms -> ms < GOAL_MS);
        }

        /** A table, one {@code key=value} line a figure, then whether every page stayed under a second. */
        public void print(PrintStream out) {
            out.printf(Locale.ROOT, "  %-20s %8s %9s %6s %8s %8s %8s %9s%n", "page (ms)", "cold", "cold api", "n",
                    "p50", "p95", "max", "api p50");
            for (String page : ConsolePages.NAMES) {
                double[] ms = array(warm.get(page));
                out.printf(Locale.ROOT, "  %-20s %8.1f %9.1f %6d %8.1f %8.1f %8.1f %9.1f%n", page,
                        cold.getOrDefault(page, Double.NaN), coldApi.getOrDefault(page, Double.NaN), ms.length, Percentiles.nearestRank(ms, 50),
                        Percentiles.nearestRank(ms, 95), max(warm.get(page)),
                        Percentiles.nearestRank(array(api.get(page)), 50));
            }
            out.printf(Locale.ROOT, "console_profiles=%d%n", profiles);
            out.printf(Locale.ROOT, "console_warm_rounds=%d%n", rounds);
            for (String page : ConsolePages.NAMES) {
                String k = "console_" + page.replace(' ', '_');
                double[] ms = array(warm.get(page));
                out.printf(Locale.ROOT, "%s_cold_ms=%.1f%n", k, cold.getOrDefault(page, Double.NaN));
                out.printf(Locale.ROOT, "%s_cold_api_ms=%.1f%n", k, coldApi.getOrDefault(page, Double.NaN));
                out.printf(Locale.ROOT, "%s_p50_ms=%.1f%n", k, Percentiles.nearestRank(ms, 50));
                out.printf(Locale.ROOT, "%s_p95_ms=%.1f%n", k, Percentiles.nearestRank(ms, 95));
                out.printf(Locale.ROOT, "%s_max_ms=%.1f%n", k, max(warm.get(page)));
                out.printf(Locale.ROOT, "%s_api_p50_ms=%.1f%n", k, Percentiles.nearestRank(array(api.get(page)), 50));
            }
            out.printf(Locale.ROOT, "console_warm_under_1s=%b%n", warmUnderGoal());
            out.printf(Locale.ROOT, "console_cold_under_1s=%b%n", coldUnderGoal());
            out.printf(Locale.ROOT, "Every page under 1,000 ms at p95 and max over the %d warm rounds: %s; every first "
                    + "(cold) visit under 1,000 ms: %s%n", rounds, warmUnderGoal() ? "yes" : "NO (" + over() + ")",
                    coldUnderGoal() ? "yes" : "NO");
        }

        private String over() {
            return String.join(", ", warm.entrySet().stream().filter(e -> e.getValue().isEmpty() || max(e.getValue()) >= GOAL_MS)
                    .map(Map.Entry::getKey).toList());
        }

        private static double[] array(List<Double> values) {
            return values.stream().mapToDouble(Double::doubleValue).toArray();
        }

        private static double max(List<Double> values) {
            return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        }
    }

    public Figures run() throws Exception {
        BenchIndices indices = new BenchIndices(es, "console");
        indices.prepare();
        ConsoleData data = new ConsoleData(seed, asOf, indices);
        indices.loadProfiles(profiles, seed, asOf, data::count, out);
        ConsolePages pages = new ConsolePages(seed, profiles, data.matches());
        List<List<Visit>> plan = new ArrayList<>();
        for (int i = 0; i <= rounds; i++) {
            plan.add(pages.round(i == 0));
        }
        long started = System.nanoTime();
        List<EsDocument> docs = data.documents(plan.stream().map(ConsolePages::customerOf)
                .collect(TreeSet::new, TreeSet::add, TreeSet::addAll));
        indices.load(docs);
        out.printf(Locale.ROOT, "Loaded what the other pages read %s in %.1f s%n", ConsoleData.summary(docs, indices),
                (System.nanoTime() - started) / 1e9);
        String key = "bench-admin-" + UUID.randomUUID();
        ProgressLine status = new ProgressLine(es, indices.customers(), indices.models());
        try (SmartcrmApi api = indices.startApi(ApiKeys.parse(key + ":admin"), kafka, status::status)) {
            String base = "http://127.0.0.1:" + api.port();
            putRules(base, key, data.rules());
            if (warmUp) {
                long warming = System.nanoTime();
                api.warmUp().get(2, TimeUnit.MINUTES);
                out.printf(Locale.ROOT, "The API warmed up as serve and run do in %.1f s (--no-warm-up: first visits on a "
                        + "cold API and node)%n", (System.nanoTime() - warming) / 1e9);
            } else {
                out.println("No warm-up: the first visits meet a cold API and node");
            }
            try (ConsoleBrowser browser = ConsoleBrowser.start(screenshots)) {
                browser.driver.get(base + "/console/");
                browser.awaitPage("key", null);
                return measure(browser, key, plan);
            }
        }
    }

    private Figures measure(ConsoleBrowser browser, String key, List<List<Visit>> plan) {
        Map<String, Double> cold = new LinkedHashMap<>();
        Map<String, Double> coldApi = new LinkedHashMap<>();
        Map<String, List<Double>> warm = new LinkedHashMap<>();
        Map<String, List<Double>> api = new LinkedHashMap<>();
        ConsolePages.NAMES.forEach(n -> {
            warm.put(n, new ArrayList<>());
            api.put(n, new ArrayList<>());
        });
        long started = System.nanoTime();
        for (int round = 0; round < plan.size(); round++) {
            for (Visit v : plan.get(round)) {
                ConsoleBrowser.Load load;
                try {
                    load = visit(browser, key, v);
                } catch (AssertionError | WebDriverException e) {
                    String failure = "the " + v.name() + " page failed in round " + round + ": " + e.getMessage();
                    return new Figures(profiles, round == 0 ? 0 : round - 1, cold, coldApi, warm, api, failure);
                }
                double apiMs = load.apiMs().stream().mapToLong(Long::longValue).max().orElse(0);
                if (round == 0) {
                    cold.put(v.name(), load.ms());
                    coldApi.put(v.name(), apiMs);
                    browser.screenshot(v.name().replace(' ', '-'));
                } else {
                    warm.get(v.name()).add(load.ms());
                    api.get(v.name()).add(apiMs);
                }
            }
            if (round == 0) {
                out.printf(Locale.ROOT, "Signed in and visited every page once (cold) in %.1f s; screenshots in %s%n",
                        (System.nanoTime() - started) / 1e9, screenshots);
                started = System.nanoTime();
            }
        }
        out.printf(Locale.ROOT, "Measured: %d warm rounds of %d pages in %.1f s, one page at a time, timed in the "
                + "browser from the hash change (or click) to the page's load-finished marker%n", rounds,
                ConsolePages.NAMES.size(), (System.nanoTime() - started) / 1e9);
        return new Figures(profiles, rounds, cold, coldApi, warm, api, null);
    }

    private static ConsoleBrowser.Load visit(ConsoleBrowser browser, String key, Visit v) {
        return switch (v.trigger()) {
            case SIGN_IN -> browser.timedSignIn(key, v.page());
            case HASH -> browser.timedNavigation(v.hash(), v.page());
            case NEXT_PAGE -> browser.timedClick(ConsolePages.NEXT_BUTTON, v.page());
        };
    }

    /** Creates (or replaces) the rules over the API, as an admin in the console would. */
    private static void putRules(String base, String key, List<AlertRule> rules) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        for (AlertRule rule : rules) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/rules/" + rule.id))
                    .header("X-API-Key", key).header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(60))
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(rule))).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2) {
                throw new IllegalStateException("PUT /api/rules/" + rule.id + " answered " + r.statusCode() + ": "
                        + r.body());
            }
        }
    }
}
