package org.tingvakt.e2e.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
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
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Chromium for the console's browser tests, driven by Selenium through Debian's {@code chromedriver}
 * (no browser download: Selenium Manager is not used). Helpers: wait for elements, type keys, take screenshots into
 * {@code e2e/target/console-screenshots/}, and check a page with axe-core (WCAG 2.0/2.1 A and AA rules) for serious or
 * critical violations. A missing browser fails the test with a message saying what to install; it never skips.
 */
public final class ConsoleBrowser implements AutoCloseable {
    public static final Path CHROMIUM = Path.of(System.getProperty("tingvakt.chromium", "/usr/bin/chromium"));
    public static final Path CHROMEDRIVER =
            Path.of(System.getProperty("tingvakt.chromedriver", "/usr/bin/chromedriver"));
    private static final Duration WAIT = Duration.ofSeconds(Long.getLong("tingvakt.browser.wait-seconds", 60));

    private final ChromeDriver driver;
    private final Path profile;
    private final Path screenshots;

    private ConsoleBrowser(ChromeDriver driver, Path profile, Path screenshots) {
        this.driver = driver;
        this.profile = profile;
        this.screenshots = screenshots;
    }

    /**
     * Starts a fresh browser (its own profile directory) that prefers the given languages (e.g. "en-GB,en").
     *
     * @param screenshots where screenshots go
     */
    public static ConsoleBrowser start(String acceptLanguages, Path screenshots) {
        requireBrowser();
        try {
            Path profile = Files.createTempDirectory("tingvakt-chromium-");
            Files.createDirectories(screenshots);
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments(
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-quic",
                    "--no-first-run",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--disable-dev-shm-usage",
                    "--user-data-dir=" + profile,
                    "--window-size=1440,1000",
                    "--lang=" + acceptLanguages.split(",")[0]);
            options.setExperimentalOption("prefs", Map.of("intl.accept_languages", acceptLanguages));
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(CHROMEDRIVER.toFile())
                    .usingAnyFreePort()
                    .build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
            return new ConsoleBrowser(driver, profile, screenshots);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fails (never skips) when Debian's chromium or chromedriver is not installed. */
    public static void requireBrowser() {
        for (Path p : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!Files.isExecutable(p)) {
                throw new AssertionError("The console's browser tests need " + p + ", which is missing. Install "
                        + "Debian's packages: sudo apt-get install chromium chromium-driver (.ci/run does this), or "
                        + "point -Dtingvakt.chromium / -Dtingvakt.chromedriver at them.");
            }
        }
    }

    public WebDriver driver() {
        return driver;
    }

    public void open(String url) {
        driver.get(url);
    }

    public String url() {
        return driver.getCurrentUrl();
    }

    /** Waits until an element matching the selector is visible. */
    public WebElement await(By by) {
        return new WebDriverWait(driver, WAIT)
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    public WebElement awaitTestId(String testId) {
        return await(byTestId(testId));
    }

    /**
     * Waits until the condition holds (polling), with a description for the failure message. The pages redraw parts of
     * themselves (a reload, a live update), so an element found in one poll may be replaced before it is read: that
     * poll counts as "not yet", not as a failure.
     */
    public <T> T until(String what, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, WAIT)
                .withMessage(what)
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(condition);
    }

    public static By byTestId(String testId) {
        return By.cssSelector("[data-testid='" + testId + "']");
    }

    public List<WebElement> all(By by) {
        return driver.findElements(by);
    }

    /** Types keys where the focus is, as a person at the keyboard would. */
    public void press(CharSequence... keys) {
        new Actions(driver).sendKeys(keys).perform();
    }

    public void pressEnter() {
        press(Keys.ENTER);
    }

    public Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    /** The element that has the focus. */
    public WebElement focused() {
        return driver.switchTo().activeElement();
    }

    /** Saves a PNG of the window as {@code <name>.png}. */
    public Path screenshot(String name) {
        try {
            Path file = screenshots.resolve(name + ".png");
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** axe-core's violations of WCAG 2.0/2.1 A and AA on the page as it is now. */
    public List<Rule> axeViolations() {
        Results results = new AxeBuilder()
                .withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa"))
                .analyze(driver);
        return results.getViolations();
    }

    /** Asserts that axe-core finds no serious or critical violation on the page (named in the failure message). */
    public void assertAccessible(String page) {
        List<Rule> bad = axeViolations().stream()
                .filter(r -> "serious".equals(r.getImpact()) || "critical".equals(r.getImpact()))
                .toList();
        String report = bad.stream()
                .map(r -> r.getImpact() + " " + r.getId() + ": " + r.getHelp() + " at "
                        + r.getNodes().stream()
                                .map(n -> String.valueOf(n.getTarget()))
                                .limit(5)
                                .collect(Collectors.joining(", ")))
                .collect(Collectors.joining("\n  "));
        assertThat(bad).as("axe-core on %s:%n  %s", page, report).isEmpty();
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a temporary profile left behind is harmless
            }
        }
    }
}
