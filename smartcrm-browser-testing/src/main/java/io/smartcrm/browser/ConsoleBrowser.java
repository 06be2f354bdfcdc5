package io.smartcrm.browser;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}, or the paths in
 * {@code -Dsmartcrm.chromium} and {@code -Dsmartcrm.chromedriver}), with the steps every browser test takes: sign
 * in, wait for a page's load, save a numbered screenshot; and page loads timed in the page itself.
 */
public final class ConsoleBrowser implements AutoCloseable {
    /** How long a page load, or a timed one, may take before it counts as failed. */
    private static final Duration LOAD_TIMEOUT = Duration.ofSeconds(30);
    /**
     * Arms the timer of the next finished load of page arguments[0]: a MutationObserver on main[data-seq] (which
     * the console bumps once a load is ready or failed) takes performance.now() there; the start is taken by the
     * trigger, or by the next form submit. Answers the sequence number before.
     */
    private static final String ARM = """
            const page = arguments[0];
            const main = document.getElementById('main');
            const before = main.dataset.seq;
            const t = window.__smartcrmTimer = {t0: null, result: null, done: null};
            const submitted = () => { if (t.t0 === null) t.t0 = performance.now(); };
            document.addEventListener('submit', submitted, {capture: true, once: true});
            const observer = new MutationObserver(() => {
              const state = main.dataset.state;
              if (main.dataset.seq === before || main.dataset.page !== page
                  || (state !== 'ready' && state !== 'error')) return;
              observer.disconnect();
              document.removeEventListener('submit', submitted, {capture: true});
              t.result = {ms: t.t0 === null ? -1 : performance.now() - t.t0, state,
                apiMs: main.dataset.apiMs || ''};
              if (t.done) t.done(t.result);
            });
            observer.observe(main, {attributes: true, attributeFilter: ['data-seq']});
            return before;
            """;
    private static final String NAVIGATE = """
            window.__smartcrmTimer.t0 = performance.now();
            location.hash = arguments[0];
            """;
    private static final String CLICK = """
            const b = document.querySelector(arguments[0]);
            if (!b || b.disabled) return false;
            window.__smartcrmTimer.t0 = performance.now();
            b.click();
            return true;
            """;
    private static final String COLLECT = """
            const done = arguments[arguments.length - 1];
            const t = window.__smartcrmTimer;
            if (t.result) done(t.result); else t.done = done;
            """;

    /**
     * Selenium's loggers of the Chrome DevTools Protocol, quietened: nothing here uses CDP, yet every start warns that
     * no CDP version matches the installed Chromium. Held so that the levels stay set.
     */
    private static final List<Logger> CDP_LOGGERS = List.of(Logger.getLogger("org.openqa.selenium.devtools"),
            Logger.getLogger("org.openqa.selenium.chromium.ChromiumDriver"));

    static {
        CDP_LOGGERS.forEach(l -> l.setLevel(Level.SEVERE));
    }

    public final WebDriver driver;
    private final Path screenshots;
    private int shot;

    private ConsoleBrowser(WebDriver driver, Path screenshots) {
        this.driver = driver;
        this.screenshots = screenshots;
    }

    /** Why the browser cannot start here (Chromium or its driver missing), or empty when it can. */
    public static Optional<String> missing() {
        String driverPath = driverPath();
        String browserPath = browserPath();
        if (new File(driverPath).canExecute() && new File(browserPath).canExecute()) {
            return Optional.empty();
        }
        return Optional.of("Chromium and its driver are needed at " + browserPath + " and " + driverPath
                + ": apt-get install chromium chromium-driver (or -Dsmartcrm.chromium=... -Dsmartcrm.chromedriver=...)");
    }

    private static String driverPath() {
        return System.getProperty("smartcrm.chromedriver", "/usr/bin/chromedriver");
    }

    private static String browserPath() {
        return System.getProperty("smartcrm.chromium", "/usr/bin/chromium");
    }

    /** Starts Chromium; screenshots go to {@code screenshots} as {@code NN-name.png}. */
    public static ConsoleBrowser start(Path screenshots) {
        missing().ifPresent(why -> {
            throw new IllegalStateException(why);
        });
        try {
            Files.createDirectories(screenshots);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(browserPath());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1400,1100", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-extensions");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(driverPath()))
                .usingAnyFreePort().build();
        ChromeDriver chrome = new ChromeDriver(service, options);
        chrome.manage().timeouts().scriptTimeout(LOAD_TIMEOUT);
        return new ConsoleBrowser(chrome, screenshots);
    }

    /** The number of the page's latest load, to wait for the next one. */
    public String seq() {
        return driver.findElement(By.id("main")).getAttribute("data-seq");
    }

    /** Enters the key on the key page and waits for {@code page} to load. */
    public void signIn(String key, String page) {
        String seq = seq();
        WebElement input = driver.findElement(By.id("api-key"));
        input.clear();
        input.sendKeys(key, Keys.ENTER);
        awaitPage(page, seq);
    }

    /** Waits for the page to finish a load after {@code seqBefore} (null: any finished load); fails on an error. */
    public void awaitPage(String page, String seqBefore) {
        new WebDriverWait(driver, LOAD_TIMEOUT).until(d -> {
            WebElement main = d.findElement(By.id("main"));
            String state = main.getAttribute("data-state");
            return page.equals(main.getAttribute("data-page")) && ("ready".equals(state) || "error".equals(state))
                    && (seqBefore == null || !seqBefore.equals(main.getAttribute("data-seq")));
        });
        WebElement main = driver.findElement(By.id("main"));
        if ("error".equals(main.getAttribute("data-state"))) {
            screenshot(page + "-error");
            throw new AssertionError("the " + page + " page failed: " + main.getText());
        }
    }

    /**
     * A page load as the page itself timed it: {@code ms} from the trigger (the hash change, the click, the key
     * form's submit) to the load-finished marker that {@link #awaitPage} waits for, by {@code performance.now()};
     * {@code apiMs} are the load's API calls as the console timed them (fetch to response headers).
     */
    public record Load(String page, double ms, List<Long> apiMs) {}

    /** Signs in with the key and times the load of the page the console then shows. */
    public Load timedSignIn(String key, String page) {
        String seq = arm(page);
        signIn(key, page);
        return collect(page, seq);
    }

    /** Goes to {@code hash} (e.g. {@code #/segments}) and times the load of {@code page}. */
    public Load timedNavigation(String hash, String page) {
        String seq = arm(page);
        ((JavascriptExecutor) driver).executeScript(NAVIGATE, hash);
        return collect(page, seq);
    }

    /** Clicks the enabled element of {@code css} and times the load of {@code page} it starts. */
    public Load timedClick(String css, String page) {
        String seq = arm(page);
        if (!Boolean.TRUE.equals(((JavascriptExecutor) driver).executeScript(CLICK, css))) {
            screenshot(page + "-no-" + css.replaceAll("[^A-Za-z0-9]+", "-"));
            throw new AssertionError("the " + page + " page has no enabled " + css + " to click");
        }
        return collect(page, seq);
    }

    private String arm(String page) {
        return String.valueOf(((JavascriptExecutor) driver).executeScript(ARM, page));
    }

    private Load collect(String page, String seqBefore) {
        Object answer;
        try {
            answer = ((JavascriptExecutor) driver).executeAsyncScript(COLLECT);
        } catch (TimeoutException e) {
            screenshot(page + "-timeout");
            throw new AssertionError("the " + page + " page did not finish loading within " + LOAD_TIMEOUT.toSeconds()
                    + " s");
        }
        awaitPage(page, seqBefore); // the same marker; fails with the page's error shown
        Map<?, ?> result = (Map<?, ?>) answer;
        double ms = ((Number) result.get("ms")).doubleValue();
        if (ms < 0) {
            throw new AssertionError("the " + page + " page loaded before its timer was started");
        }
        String api = String.valueOf(result.get("apiMs"));
        List<Long> apiMs = api.isBlank() ? List.of() : Arrays.stream(api.split(",")).map(Long::valueOf).toList();
        return new Load(page, ms, apiMs);
    }

    public void screenshot(String name) {
        try {
            byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
            Files.write(screenshots.resolve(String.format("%02d-%s.png", ++shot, name)), png);
        } catch (IOException e) {
            throw new AssertionError("cannot save the screenshot " + name, e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
