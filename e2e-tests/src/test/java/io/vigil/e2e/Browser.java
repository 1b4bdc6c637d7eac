package io.vigil.e2e;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A headless Debian Chromium driven through Debian's chromedriver (no Selenium Manager, no browser
 * download), with a fresh profile directory that is deleted on close. Install both with
 * {@code infra/browser/chromium.sh}.
 */
final class Browser implements AutoCloseable {

    static final String CHROMIUM = System.getProperty("vigil.chromium", "/usr/bin/chromium");
    static final String CHROMEDRIVER = System.getProperty("vigil.chromedriver", "/usr/bin/chromedriver");

    final ChromeDriver driver;
    private final Path profile;

    Browser(String name) {
        for (String binary : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!new File(binary).canExecute()) {
                throw new IllegalStateException(
                        binary + " is missing: install Chromium and its driver with infra/browser/chromium.sh");
            }
        }
        try {
            profile = Files.createTempDirectory("vigil-chromium-" + name + "-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--window-size=1440,1000",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    void open(String url) {
        driver.get(url);
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    // Panels re-render by replacing elements, so a WebElement found in one call can be stale in the
    // next: reads go through one script call each, clicks retry on a stale element.

    /** An attribute of the first element matching, or null (read atomically in the page). */
    String attribute(String css, String name) {
        return (String) script(
                "const e = document.querySelector(arguments[0]); return e ? e.getAttribute(arguments[1]) : null;",
                css,
                name);
    }

    /** The rendered text of the first element matching, or null. */
    String text(String css) {
        return (String) script("const e = document.querySelector(arguments[0]); return e ? e.innerText : null;", css);
    }

    /** How many elements match. */
    long count(String css) {
        return (Long) script("return document.querySelectorAll(arguments[0]).length;", css);
    }

    /** An attribute of every element matching, in document order. */
    @SuppressWarnings("unchecked")
    List<String> attributes(String css, String name) {
        return (List<String>) script(
                "return [...document.querySelectorAll(arguments[0])].map(e => e.getAttribute(arguments[1]));",
                css,
                name);
    }

    /** Clicks the first element matching, again if it was replaced in between. */
    void click(String css) {
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .ignoreExceptionsInstanceOf(org.openqa.selenium.StaleElementReferenceException.class)
                .untilAsserted(() -> find(css).click());
    }

    Object script(String js, Object... args) {
        return driver.executeScript(js, args);
    }

    /** Opens the dashboard at {@code baseUrl}, signs in with the demo form and waits until it is live. */
    void signInAt(String baseUrl, String user, String tenant, String role, Duration wait) {
        open(baseUrl + "/");
        org.awaitility.Awaitility.await()
                .atMost(wait)
                .until(() -> find("#sign-in-form").isDisplayed());
        signIn(user, tenant, role);
        org.awaitility.Awaitility.await()
                .atMost(wait)
                .until(() -> "live".equals(attribute("#connection", "data-state")));
    }

    void signOut(Duration wait) {
        click("#sign-out");
        org.awaitility.Awaitility.await()
                .atMost(wait)
                .until(() -> find("#sign-in-form").isDisplayed());
    }

    /** Runs a script from the test resources asynchronously and returns what it hands to its callback. */
    Object runAsyncResource(String path) {
        try (var in = Browser.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + path);
            }
            return driver.executeAsyncScript(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Fills the demo sign-in form and submits it. */
    void signIn(String user, String tenant, String role) {
        find("#user").clear();
        find("#user").sendKeys(user);
        find("#tenant").clear();
        find("#tenant").sendKeys(tenant);
        new org.openqa.selenium.support.ui.Select(find("#role")).selectByValue(role);
        find("#sign-in-button").click();
    }

    Path screenshot(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a leftover temp profile is harmless; the test result does not depend on it
            }
        }
    }
}
