package dev.polyboot.web;

import dev.polyboot.formats.testing.Tools;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's chromium, headless, driven by Debian's chromedriver (never a downloaded one: Selenium Manager is not
 * used). Missing packages skip the test on a developer machine and fail it under CI=true. Screenshots go to
 * {@code target/screenshots/} (CI keeps target/ as the artifacts).
 */
final class Browser implements AutoCloseable {
    static final Path SCREENSHOTS = Path.of("target/screenshots");
    final ChromeDriver driver;
    private final String test;
    private int shot;

    private Browser(ChromeDriver driver, String test) {
        this.driver = driver;
        this.test = test;
    }

    static Browser start(String test) {
        Tools.require("chromium");
        Tools.require("chromedriver");
        ChromeOptions o = new ChromeOptions();
        o.setBinary(Tools.find("chromium").toFile());
        // --no-sandbox: the suite runs as root in CI, where chromium refuses its sandbox
        o.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1100,3000",
                "--no-first-run", "--disable-extensions", "--disable-background-networking");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(Tools.find("chromedriver").toString())).usingAnyFreePort().build();
        try (var old = Files.exists(SCREENSHOTS) ? Files.list(SCREENSHOTS) : java.util.stream.Stream.<Path>empty()) {
            for (Path p : old.filter(p -> p.getFileName().toString().startsWith(test + "-")).toList()) Files.delete(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return new Browser(startedDriver(service, o), test);
    }

    /**
     * A driver whose renderer answered once (about:blank): headless Chromium under a busy suite now and then loses its
     * first renderer at start ("Unable to receive message from renderer", seen once in ~20 runs), before any page of
     * ours is open. That start is tried once more; a second failure is the test's.
     */
    private static ChromeDriver startedDriver(ChromeDriverService service, ChromeOptions o) {
        ChromeDriver d = new ChromeDriver(service, o);
        try {
            d.get("about:blank");
            return d;
        } catch (org.openqa.selenium.WebDriverException e) {
            System.out.println("BROWSER chromium's first renderer failed at start, starting it again: " + e.getMessage().lines().findFirst().orElse(""));
            d.quit();
        }
        ChromeDriver again = new ChromeDriver(service, o);
        again.get("about:blank");
        return again;
    }

    WebElement el(String id) {
        return driver.findElement(By.id(id));
    }

    <T> T waitFor(Duration d, Function<WebDriver, T> until) {
        // the page re-renders as events come: an element found a moment ago may be gone, look again
        return new WebDriverWait(driver, d, Duration.ofMillis(50)).ignoring(StaleElementReferenceException.class).until(until);
    }

    /** Saves target/screenshots/TEST-NN-NAME.png. */
    Path screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Path to = SCREENSHOTS.resolve(String.format("%s-%02d-%s.png", test, ++shot, name));
        Files.write(to, driver.getScreenshotAs(OutputType.BYTES));
        return to;
    }

    /** The job box of the job whose title is {@code title}, once it exists. */
    WebElement job(String title) {
        return waitFor(Duration.ofSeconds(30), d -> d.findElements(By.cssSelector(".job")).stream()
                .filter(j -> title.equals(j.getAttribute("data-title"))).findFirst().orElse(null));
    }

    @Override
    public void close() {
        driver.quit();
    }
}
