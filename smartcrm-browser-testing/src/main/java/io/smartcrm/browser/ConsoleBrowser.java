package io.smartcrm.browser;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}, or the paths in
 * {@code -Dsmartcrm.chromium} and {@code -Dsmartcrm.chromedriver}), with the steps every browser test takes: sign
 * in, wait for a page's load, save a numbered screenshot.
 */
public final class ConsoleBrowser implements AutoCloseable {
    public final WebDriver driver;
    private final Path screenshots;
    private int shot;

    private ConsoleBrowser(WebDriver driver, Path screenshots) {
        this.driver = driver;
        this.screenshots = screenshots;
    }

    /** Starts Chromium; screenshots go to {@code screenshots} as {@code NN-name.png}. */
    public static ConsoleBrowser start(Path screenshots) {
        String driverPath = System.getProperty("smartcrm.chromedriver", "/usr/bin/chromedriver");
        String browserPath = System.getProperty("smartcrm.chromium", "/usr/bin/chromium");
        if (!new File(driverPath).canExecute() || !new File(browserPath).canExecute()) {
            throw new IllegalStateException("the console's browser tests need Chromium and its driver at " + browserPath
                    + " and " + driverPath + ": apt-get install chromium chromium-driver (or -Dsmartcrm.chromium=... "
                    + "-Dsmartcrm.chromedriver=...)");
        }
        try {
            Files.createDirectories(screenshots);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(browserPath);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1400,1100", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-extensions");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(driverPath))
                .usingAnyFreePort().build();
        ChromeDriver chrome = new ChromeDriver(service, options);
        chrome.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
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
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> {
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
