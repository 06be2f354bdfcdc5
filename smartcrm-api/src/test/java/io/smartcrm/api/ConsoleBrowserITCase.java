package io.smartcrm.api;

import static io.smartcrm.api.ApiFixture.ADMIN_KEY;
import static io.smartcrm.api.ApiFixture.READ_KEY;
import static io.smartcrm.api.CustomerSearchITCase.enc;
import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch._types.VersionType;
import com.fasterxml.jackson.databind.JsonNode;
import io.smartcrm.api.http.ApiKeys;
import io.smartcrm.api.sample.SyntheticProfiles;
import io.smartcrm.browser.ConsoleBrowser;
import io.smartcrm.model.alert.Alert;
import io.smartcrm.model.alert.SegmentSnapshot;
import io.smartcrm.model.quality.QualityCounts;
import io.smartcrm.model.wire.DeadLetter;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}) against the shared
 * API fixture's 12,000 profiles: sign in, search by segment, sort, page, a customer's scores and reasons, the
 * segments chart, alerts as the job writes them, rules (admin writes, read key refused, validation shown), data
 * quality. Alerts, snapshots, models and rules live in indices of this test's own (a second API on the shared
 * customers), so the other tests' counts are untouched. A screenshot of every step goes to
 * {@code target/screenshots/}; each page's load time (API calls and rendering, as the console measures it) is
 * printed (speed is measured by {@code ./smartcrm bench console}, not here).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserITCase {
    private static final Path SHOTS = Path.of("target", "screenshots");
    private static final String SEGMENT = "bargain hunters";
    private static final Instant START = Instant.parse("2026-10-29T00:00:00Z");
    private static final int WINDOWS = 48;
    /** A generous bound on a page's data load; the console's goal is well under 1 s. */

    private static ApiFixture fixture;
    private static SmartcrmApi api;
    private static String base;
    private static ConsoleBrowser browser;
    private static WebDriver driver;
    private static final Map<String, Long> LOAD_MS = new LinkedHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        fixture = ApiFixture.shared();
        ApiFixture.applyTemplates(fixture.es, "console-");
        ApiSettings settings = new ApiSettings("127.0.0.1", 0, ApiKeys.parse(ADMIN_KEY + ":admin," + READ_KEY + ":read"),
                1000, Duration.ofMinutes(1), "crm-customers", "crm-events-", "console-dlq", "console-models", "console-segments",
                "console-alerts", "console-alert-rules", "console-quality", fixture.kafka, "console.alert-rules", "console.events",
                Duration.ofSeconds(2));
        api = SmartcrmApi.start(settings, fixture.es, () -> Map.of("job", "RUNNING", "profiles", ApiFixture.CUSTOMERS));
        base = "http://127.0.0.1:" + api.port();
        loadSnapshots();
        loadAlerts();
        loadModels();
        loadDeadLetters();
        loadQualityCounts();
        // a running system has warm caches: the first searches of a fresh JVM and node are not what a user waits for
        for (int i = 0; i < 3; i++) {
            fixture.read(api, "/api/customers?facets=segment,country,churnBand,propensityBand");
            fixture.read(api, "/api/segments");
        }
        browser = ConsoleBrowser.start(SHOTS);
        driver = browser.driver;
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (api != null) {
            api.close();
        }
        System.out.println("Console page loads (ms, API calls and rendering): " + LOAD_MS);
    }

    // ---------------------------------------------------------------------------------------------------------------

    @Test
    @Order(1)
    void theConsoleIsServedSafely() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> root = http.send(HttpRequest.newBuilder(URI.create(base + "/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(root.statusCode()).isEqualTo(302);
        assertThat(root.headers().firstValue("Location")).hasValue("/console/");
        assertThat(get(http, "/console").statusCode()).isEqualTo(302);

        HttpResponse<String> index = get(http, "/console/");
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(index.headers().firstValue("Content-Security-Policy").orElseThrow()).startsWith("default-src 'self'")
                .contains("script-src 'self'").doesNotContain("unsafe");
        assertThat(index.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        String etag = index.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> again = http.send(HttpRequest.newBuilder(URI.create(base + "/console/"))
                .header("If-None-Match", etag).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();

        assertThat(get(http, "/console/app.js").headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        assertThat(get(http, "/console/console.css").headers().firstValue("Content-Type")).hasValue("text/css; charset=utf-8");
        assertThat(get(http, "/console/favicon.svg").headers().firstValue("Content-Type")).hasValue("image/svg+xml");
        for (String bad : List.of("/console/missing.js", "/console/%2e%2e%2fopenapi.json", "/console/..%2F..%2Fpom.xml",
                "/console/a/app.js", "/console/App.js", "/console/openapi.json", "/console/.hidden.js",
                "/console/%2e%2e/io/smartcrm/api/openapi.json")) {
            assertThat(get(http, bad).statusCode()).as(bad).isEqualTo(404);
        }

        // no external network: every script, stylesheet, icon and module import is this origin's
        List<String> refs = new ArrayList<>();
        Matcher m = Pattern.compile("<(?:script|link)\\b[^>]*\\b(?:src|href)=\"([^\"]*)\"").matcher(index.body());
        while (m.find()) {
            refs.add(m.group(1));
        }
        assertThat(refs).isNotEmpty().allSatisfy(ConsoleBrowserITCase::assertSameOrigin);
        for (String module : List.of("app.js", "api.js", "dom.js", "search.js", "customer.js", "segments.js",
                "alerts.js", "rules.js", "quality.js", "chart.js", "pager.js")) {
            String js = get(http, "/console/" + module).body();
            Matcher imports = Pattern.compile("\\bfrom\\s+'([^']+)'|\\bimport\\s*\\(\\s*'([^']+)'").matcher(js);
            while (imports.find()) {
                assertThat(imports.group(1) != null ? imports.group(1) : imports.group(2)).as(module).startsWith("./");
            }
            assertThat(js.replace("http://www.w3.org/2000/svg", "")).as(module).doesNotContainPattern("https?://");
        }
    }

    private static void assertSameOrigin(String ref) {
        assertThat(ref).as("same-origin reference").doesNotContain("//").doesNotStartWith("data:")
                .doesNotStartWith("http");
    }

    @Test
    @Order(2)
    void aKeyIsAskedForAndAWrongOneIsRefused() {
        driver.get(base + "/");
        awaitPage("key", null);
        assertThat(driver.getCurrentUrl()).isEqualTo(base + "/console/");
        screenshot("key-prompt");
        WebElement input = driver.findElement(By.id("api-key"));
        assertThat(driver.findElement(By.cssSelector("label[for=api-key]")).getText()).isEqualTo("API key");
        input.sendKeys("not-a-key-0123456789", Keys.ENTER);
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> d.findElement(By.id("key-error")).isDisplayed());
        assertThat(driver.findElement(By.id("key-error")).getText()).contains("401").contains("unknown API key");
        screenshot("key-refused");
        signIn(READ_KEY, "search");
        assertThat(driver.findElement(By.cssSelector("#main h1")).getText()).isEqualTo("Customers");
        record("search (all)");
        screenshot("search-all");
    }

    @Test
    @Order(3)
    void searchBySegmentShowsTheApisMatches() {
        String seq = seq();
        new Select(driver.findElement(By.id("f-segment"))).selectByVisibleText(SEGMENT);
        driver.findElement(By.id("search-button")).click();
        awaitPage("search", seq);
        record("search by segment");
        JsonNode expected = fixture.read("/api/customers?segment=" + enc(SEGMENT));
        assertThat(totalShown()).isEqualTo(expected.path("total").asLong());
        assertThat(rowIds()).isEqualTo(ids(expected));
        assertThat(driver.getCurrentUrl()).contains("#/search?segment=bargain+hunters");
        assertThat(driver.findElements(By.cssSelector("#customers-table tbody td:nth-child(4)")))
                .extracting(WebElement::getText).containsOnly(SEGMENT);
        screenshot("search-segment");
    }

    @Test
    @Order(4)
    void columnsSortAndPagesGoForwardAndBack() {
        String seq = seq();
        driver.findElement(By.cssSelector("button[data-sort=revenue]")).click();
        awaitPage("search", seq);
        record("search sorted");
        assertThat(rowIds()).isEqualTo(ids(fixture.read("/api/customers?segment=" + enc(SEGMENT) + "&sort=revenue:desc")));
        assertThat(driver.findElement(By.cssSelector("th[aria-sort=descending] button")).getAttribute("data-sort"))
                .isEqualTo("revenue");
        assertThat(driver.switchTo().activeElement().getAttribute("data-sort")).isEqualTo("revenue");
        screenshot("search-sorted-revenue-desc");

        seq = seq();
        driver.switchTo().activeElement().sendKeys(Keys.ENTER); // the keyboard: the focused sort button again
        awaitPage("search", seq);
        JsonNode ascending = fixture.read("/api/customers?segment=" + enc(SEGMENT) + "&sort=revenue:asc");
        assertThat(rowIds()).isEqualTo(ids(ascending));
        assertThat(driver.findElements(By.cssSelector("th[aria-sort=ascending]"))).hasSize(1);

        List<String> first = rowIds();
        seq = seq();
        driver.findElement(By.cssSelector(".pager button[data-action=next]")).click();
        awaitPage("search", seq);
        record("search next page");
        JsonNode second = fixture.read("/api/customers?segment=" + enc(SEGMENT) + "&sort=revenue:asc&after="
                + enc(ascending.path("next").asText()));
        assertThat(rowIds()).isEqualTo(ids(second));
        assertThat(driver.findElement(By.id("result-summary")).getText()).contains("showing 21–40");
        screenshot("search-page-2");
        seq = seq();
        driver.findElement(By.cssSelector(".pager button[data-action=previous]")).click();
        awaitPage("search", seq);
        assertThat(rowIds()).isEqualTo(first);
        assertThat(driver.findElement(By.cssSelector(".pager button[data-action=previous]")).isEnabled()).isFalse();
    }

    @Test
    @Order(5)
    void aCustomerShowsScoresWithReasonsAndTheTimeline() {
        String seq = seq();
        new Select(driver.findElement(By.id("f-churnBand"))).selectByValue("high");
        driver.findElement(By.id("search-button")).click();
        awaitPage("search", seq);
        JsonNode hit = fixture.read("/api/customers?segment=" + enc(SEGMENT) + "&churnBand=high&sort=revenue:asc&size=1")
                .path("hits").get(0);
        String id = hit.path("customerId").asText();
        assertThat(rowIds().get(0)).isEqualTo(id);
        seq = seq();
        driver.findElement(By.linkText(id)).click();
        awaitPage("customer", seq);
        record("customer");
        JsonNode profile = fixture.read("/api/customers/" + id).path("profile");
        assertThat(driver.findElement(By.cssSelector("#main h1")).getText()).contains(profile.path("name").asText());
        WebElement churn = driver.findElement(By.id("score-churn"));
        assertThat(churn.findElement(By.className("probability")).getText())
                .isEqualTo(Math.round(profile.at("/churn/probability").asDouble() * 100) + " %");
        assertThat(churn.getText()).contains("high").contains("Model version " + profile.at("/churn/modelVersion").asLong())
                .contains("the newest");
        List<String> reasons = churn.findElements(By.className("reason-text")).stream().map(WebElement::getText).toList();
        assertThat(reasons).containsExactlyElementsOf(profile.at("/churn/reasons").findValuesAsText("text"));
        WebElement propensity = driver.findElement(By.id("score-propensity"));
        assertThat(propensity.findElements(By.className("reason-text"))).extracting(WebElement::getText)
                .containsExactlyElementsOf(profile.at("/propensity/reasons").findValuesAsText("text"));
        assertThat(propensity.getText()).contains("newest is version 31").contains("AUC 0.810");
        assertThat(driver.findElement(By.id("segment-card")).getText()).contains(SEGMENT);
        screenshot("customer-360");

        seq = seq();
        driver.get(base + "/console/#/customer/" + ApiFixture.BUSY_CUSTOMER);
        awaitPage("customer", seq);
        assertThat(driver.findElements(By.cssSelector("#timeline li"))).hasSize(ApiFixture.MANY_EVENTS);
        assertThat(driver.findElement(By.cssSelector("#timeline li")).getText()).contains("page view"); // the newest
        assertThat(driver.findElements(By.cssSelector("#timeline li")).get(3).getText()).contains("purchase")
                .contains("order o3");
        screenshot("customer-timeline");
    }

    @Test
    @Order(6)
    void segmentsAreChartedOverTime() {
        String seq = seq();
        driver.findElement(By.cssSelector("#nav a[data-nav=segments]")).click();
        awaitPage("segments", seq);
        record("segments");
        assertThat(driver.findElements(By.cssSelector("#segments-chart svg.line-chart polyline.series")))
                .hasSize(SyntheticProfiles.SEGMENTS.size());
        assertThat(driver.findElements(By.cssSelector("#segments-table tbody tr")))
                .hasSize(fixture.read("/api/segments").path("segments").size());
        assertThat(driver.findElement(By.cssSelector("#nav a[aria-current=page]")).getText()).isEqualTo("Segments");
        screenshot("segments-share");
        new Select(driver.findElement(By.id("chart-metric"))).selectByValue("customers");
        assertThat(driver.findElement(By.cssSelector("#segments-chart svg title")).getAttribute("textContent"))
                .isEqualTo("Active customers per segment");
        screenshot("segments-customers");
    }

    @Test
    @Order(7)
    void alertsAreListedAndShownAsTheJobWritesThem() {
        String seq = seq();
        driver.findElement(By.cssSelector("#nav a[data-nav=alerts]")).click();
        awaitPage("alerts", seq);
        record("alerts");
        assertThat(driver.findElements(By.cssSelector("#alerts-table tbody tr"))).hasSize(2);
        assertThat(driver.findElement(By.id("alerts-table")).getText())
                .contains("'window shoppers' grew from 28 % to 45 % of active customers");
        screenshot("alerts");
        seq = seq();
        new Select(driver.findElement(By.id("f-state"))).selectByValue("open");
        driver.findElement(By.cssSelector("#alerts-form button[type=submit]")).click();
        awaitPage("alerts", seq);
        assertThat(driver.findElements(By.cssSelector("#alerts-table tbody tr"))).hasSize(1);
        seq = seq();
        driver.findElement(By.partialLinkText("'window shoppers' grew")).click();
        awaitPage("alerts", seq);
        record("alert detail");
        assertThat(driver.findElement(By.id("alert-explanation")).getText()).startsWith("'window shoppers' grew");
        assertThat(driver.findElement(By.id("main")).getText()).contains("major").contains("open").contains("45.0 %");
        screenshot("alert-detail");
    }

    @Test
    @Order(8)
    void aReadKeyCannotCreateARule() {
        openRules();
        fillRule("Read key rule", "share", "dormant", "1h", "0.3");
        driver.findElement(By.id("rule-save")).click();
        WebElement errors = awaitShown("rule-errors");
        assertThat(errors.getText()).contains("403").contains("admin");
        screenshot("rules-read-key-refused");
        assertThat(fixture.read(api, "/api/rules").path("total").asLong()).isZero();
    }

    @Test
    @Order(9)
    void anAdminCreatesARuleAndSeesTheServersValidation() {
        String seq = seq();
        driver.findElement(By.id("sign-out")).click();
        awaitPage("key", seq);
        signIn(ADMIN_KEY, "rules"); // back to the page the key was changed on
        fillRule("Dormant share", "share", "", "1h", ""); // no segment, no threshold
        driver.findElement(By.id("rule-save")).click();
        WebElement errors = awaitShown("rule-errors");
        assertThat(errors.getText()).contains("segment:").contains("threshold");
        assertThat(driver.findElement(By.id("rule-segment")).getAttribute("aria-invalid")).isEqualTo("true");
        screenshot("rules-validation");

        driver.findElement(By.id("rule-segment")).sendKeys("dormant");
        driver.findElement(By.id("rule-threshold")).sendKeys("0.3");
        seq = seq();
        driver.findElement(By.id("rule-save")).click();
        awaitPage("rules", seq);
        assertThat(driver.findElement(By.id("rule-notice")).getText()).contains("created").contains("dormant-share");
        assertThat(driver.findElements(By.cssSelector("#rules-table tbody tr[data-id=dormant-share]"))).hasSize(1);
        assertThat(fixture.read(api, "/api/rules/dormant-share").path("threshold").asDouble()).isEqualTo(0.3);
        screenshot("rules-created");

        WebElement delete = driver.findElement(By.cssSelector("button[data-delete=dormant-share]"));
        delete.click();
        assertThat(delete.getText()).startsWith("Really delete");
        seq = seq();
        delete.click();
        awaitPage("rules", seq);
        assertThat(driver.findElements(By.cssSelector("#rules-table tbody tr"))).isEmpty();
        screenshot("rules-deleted");
    }

    @Test
    @Order(10)
    void dataQualityShowsThePipelineAndTheModels() {
        String seq = seq();
        driver.findElement(By.cssSelector("#nav a[data-nav=quality]")).click();
        awaitPage("quality", seq);
        record("data quality");
        assertThat(driver.findElement(By.id("main")).getText()).contains("RUNNING");
        assertThat(driver.findElements(By.cssSelector("#models-table tbody tr"))).hasSize(3);
        assertThat(driver.findElement(By.id("dlq-total")).getText()).startsWith("12 rejected messages");
        List<String> reasons = driver.findElements(By.cssSelector("#dlq-reasons tbody tr")).stream()
                .map(WebElement::getText).toList();
        assertThat(reasons).containsExactly("invalid_json 8", "unknown_event_type 4");
        assertThat(driver.findElements(By.cssSelector("#dead-letters svg"))).isNotEmpty();
        assertThat(driver.findElement(By.id("dropped-total")).getText())
                .startsWith("9 duplicates dropped, 4 late events applied, 0 events dropped after an erasure");
        assertThat(driver.findElements(By.cssSelector("#dropped-sources tbody tr")).stream().map(WebElement::getText))
                .containsExactlyInAnyOrder("web 9 0 0", "app 0 4 0");
        assertThat(driver.findElements(By.cssSelector("#dropped svg"))).isNotEmpty();
        screenshot("data-quality");
        ((JavascriptExecutor) driver).executeScript("document.getElementById('dropped').scrollIntoView()");
        screenshot("data-quality-duplicates-and-late");
    }

    @Test
    @Order(11)
    void theSkipLinkAndTheNavigationWorkFromTheKeyboard() {
        driver.get(base + "/console/#/segments");
        driver.navigate().refresh(); // a fresh document: focus starts at the top
        awaitPage("segments", null);
        new Actions(driver).sendKeys(Keys.TAB).perform();
        WebElement skip = driver.switchTo().activeElement();
        assertThat(skip.getText()).isEqualTo("Skip to content");
        skip.sendKeys(Keys.ENTER);
        assertThat(driver.switchTo().activeElement().getAttribute("id")).isEqualTo("main");
        assertThat(driver.getCurrentUrl()).endsWith("#/segments");
        screenshot("keyboard-skip-link");
    }

    // ---------------------------------------------------------------------------------------------------------------

    private static void signIn(String key, String page) {
        browser.signIn(key, page);
    }

    private static void openRules() {
        String seq = seq();
        driver.findElement(By.cssSelector("#nav a[data-nav=rules]")).click();
        awaitPage("rules", seq);
        record("rules");
    }

    private static void fillRule(String name, String metric, String segment, String period, String threshold) {
        driver.findElement(By.id("rule-name")).sendKeys(name);
        new Select(driver.findElement(By.id("rule-metric"))).selectByValue(metric);
        driver.findElement(By.id("rule-segment")).sendKeys(segment);
        WebElement p = driver.findElement(By.id("rule-period"));
        p.clear();
        p.sendKeys(period);
        driver.findElement(By.id("rule-threshold")).sendKeys(threshold);
    }

    private static WebElement awaitShown(String id) {
        return new WebDriverWait(driver, Duration.ofSeconds(15)).until(d -> {
            WebElement e = d.findElement(By.id(id));
            return e.isDisplayed() && !e.getText().isBlank() ? e : null;
        });
    }

    private static String seq() {
        return browser.seq();
    }

    private static void awaitPage(String page, String seqBefore) {
        browser.awaitPage(page, seqBefore);
    }

    private static void record(String what) {
        String ms = driver.findElement(By.id("main")).getAttribute("data-load-ms");
        LOAD_MS.put(what, Long.parseLong(ms));
        System.out.println("console " + what + ": " + ms + " ms (API calls " + driver.findElement(By.id("main"))
                .getAttribute("data-api-ms") + " ms)");
    }

    private static void screenshot(String name) {
        browser.screenshot(name);
    }

    private static long totalShown() {
        return Long.parseLong(driver.findElement(By.id("result-total")).getText().replace(",", ""));
    }

    private static List<String> rowIds() {
        return driver.findElements(By.cssSelector("#customers-table tbody tr")).stream()
                .map(r -> r.getAttribute("data-id")).toList();
    }

    private static List<String> ids(JsonNode page) {
        return page.path("hits").findValuesAsText("customerId");
    }

    private static HttpResponse<String> get(HttpClient http, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** Hourly snapshots of every segment, window shoppers growing in the last day. */
    private static void loadSnapshots() throws IOException {
        List<String> ids = new ArrayList<>();
        List<Object> docs = new ArrayList<>();
        for (int w = 0; w < WINDOWS; w++) {
            for (int s = 0; s < SyntheticProfiles.SEGMENTS.size(); s++) {
                SegmentSnapshot snap = new SegmentSnapshot();
                Instant start = START.plus(Duration.ofHours(w));
                snap.windowStart = start.toString();
                snap.windowEnd = start.plus(Duration.ofHours(1)).toString();
                snap.segmentId = s;
                snap.segmentName = SyntheticProfiles.SEGMENTS.get(s);
                snap.modelVersion = 25L;
                snap.activeCustomers = 600;
                snap.customers = s == 2 && w >= 24 ? 170 + w : 80 + 5 * s + (w % 5);
                snap.share = snap.customers / 600.0;
                snap.churnMean = 0.2 + 0.02 * s;
                snap.movedIn = w % 3;
                ids.add(start.toEpochMilli() + "-" + s);
                docs.add(snap);
            }
        }
        ApiFixture.bulk(fixture.es, "console-segments", ids, docs);
        fixture.es.indices().refresh(r -> r.index("console-segments"));
    }

    /** Two alerts as the job writes them (external version = update count): one open, one resolved. */
    private static void loadAlerts() throws IOException {
        Alert open = new Alert();
        open.id = "segment_share-2";
        open.kind = Alert.SEGMENT_SHARE;
        open.state = Alert.OPEN;
        open.severity = "major";
        open.version = 3;
        open.windows = 3;
        open.openedAt = START.plus(Duration.ofHours(24)).toString();
        open.updatedAt = START.plus(Duration.ofHours(27)).toString();
        open.windowStart = START.plus(Duration.ofHours(26)).toString();
        open.windowEnd = START.plus(Duration.ofHours(27)).toString();
        open.segmentId = 2;
        open.segmentName = "window shoppers";
        open.before = 0.28;
        open.after = 0.45;
        open.beforeCount = 2016L;
        open.afterCount = 270L;
        open.explanation = "'window shoppers' grew from 28 % to 45 % of active customers in the hour ending "
                + "2026-10-30 03:00 UTC (reference: the 24 windows before)";
        Alert resolved = new Alert();
        resolved.id = "distribution_shift";
        resolved.kind = Alert.DISTRIBUTION_SHIFT;
        resolved.state = Alert.RESOLVED;
        resolved.resolution = "returned";
        resolved.severity = "minor";
        resolved.version = 5;
        resolved.windows = 5;
        resolved.openedAt = START.plus(Duration.ofHours(5)).toString();
        resolved.updatedAt = START.plus(Duration.ofHours(10)).toString();
        resolved.resolvedAt = resolved.updatedAt;
        resolved.windowStart = START.plus(Duration.ofHours(9)).toString();
        resolved.windowEnd = resolved.updatedAt;
        resolved.psi = 0.14;
        resolved.shares = List.of(new Alert.Share(0, "high-value loyal", 0.2, 0.15, 90),
                new Alert.Share(2, "window shoppers", 0.25, 0.33, 200));
        resolved.explanation = "the segment mix shifted (PSI 0.14) in the hour ending 2026-10-29 10:00 UTC";
        for (Alert a : List.of(open, resolved)) {
            fixture.es.index(i -> i.index("console-alerts").id(a.id).versionType(VersionType.External)
                    .version(a.version).document(a));
        }
        fixture.es.indices().refresh(r -> r.index("console-alerts"));
    }

    private static void loadModels() throws IOException {
        List<String> ids = new ArrayList<>();
        List<Object> docs = new ArrayList<>();
        String[][] models = {{"segments", "kmeans", "25"}, {"churn", "logistic_regression", "12"},
            {"propensity", "logistic_regression", "31"}};
        for (String[] m : models) {
            var doc = ApiFixture.JSON.createObjectNode().put("model", m[0]).put("kind", m[1])
                    .put("version", Integer.parseInt(m[2])).put("status", "ready")
                    .put("createdAt", ApiFixture.AS_OF.minus(Duration.ofHours(2)).toString()).put("examples", 5000);
            doc.putObject("quality").put("auc", 0.81).put("logLoss", 0.45);
            ids.add(m[0] + "-" + m[2]);
            docs.add(doc);
        }
        ApiFixture.bulk(fixture.es, "console-models", ids, docs);
        fixture.es.indices().refresh(r -> r.index("console-models"));
    }

    /** Twelve dead letters over six hours: eight malformed JSON, four of an unknown type. */
    private static void loadDeadLetters() throws IOException {
        List<String> ids = new ArrayList<>();
        List<Object> docs = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            DeadLetter d = new DeadLetter();
            d.reason = i % 3 == 2 ? "unknown_event_type" : "invalid_json";
            d.message = "rejected " + i;
            d.payload = "x";
            d.payloadEncoding = "utf8";
            d.topic = "crm.events";
            d.offset = i;
            d.rejectedAt = ApiFixture.AS_OF.minus(Duration.ofMinutes(30L * i)).toEpochMilli();
            ids.add(d.id());
            docs.add(d);
        }
        ApiFixture.bulk(fixture.es, "console-dlq", ids, docs);
        fixture.es.indices().refresh(r -> r.index("console-dlq"));
    }

    /** Three hours of counts: web sends 2, 3 and 4 duplicates, the app 1, 1 and 2 late events. */
    private static void loadQualityCounts() throws IOException {
        List<String> ids = new ArrayList<>();
        List<Object> docs = new ArrayList<>();
        for (int h = 0; h < 3; h++) {
            Instant start = ApiFixture.AS_OF.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(3 - h));
            for (String source : List.of("web", "app")) {
                QualityCounts q = new QualityCounts(start.toString(), start.plus(Duration.ofHours(1)).toString(), source);
                q.duplicates = source.equals("web") ? h + 2 : 0;
                q.late = source.equals("app") ? (h == 2 ? 2 : 1) : 0;
                ids.add(start.toEpochMilli() + "-" + source);
                docs.add(q);
            }
        }
        ApiFixture.bulk(fixture.es, "console-quality", ids, docs);
        fixture.es.indices().refresh(r -> r.index("console-quality"));
    }
}
