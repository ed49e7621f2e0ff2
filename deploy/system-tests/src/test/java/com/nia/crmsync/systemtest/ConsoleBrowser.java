package com.nia.crmsync.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.logging.Level;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.json.Json;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.nia.crmsync.infra.ServiceKind;

/**
 * The console's browser for a test class (a JUnit extension, registered as a static field): one
 * headless Chromium (Debian's {@code chromium} through its {@code chromedriver}, driven by Selenium)
 * for the whole class, on the system-test stack's front router. It collects the browser's console
 * log and every failed network request (Chrome's browser and performance logs) and fails a test
 * that left a console warning or error or a failed request behind, unless the test announced it
 * ({@link #expectFailedRequest}); when a test fails it saves a screenshot, the page's HTML and the
 * console log under {@code target/browser/}. It signs in through Keycloak's own login page, typing
 * the demo user's name and password, once per role ({@link #signIn}), and moves by keyboard alone
 * ({@link #tabTo}, {@link #press}).
 *
 * <p>Without the browser the class is skipped with what is missing and how to install it; under
 * {@code CI=true} it fails instead.
 */
final class ConsoleBrowser implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** Where failures (and all screenshots) are written. */
    static final Path OUTPUT = Path.of("target/browser");
    /** The system property naming a folder the documentation's screenshots are copied to (e.g. {@code docs/console}). */
    static final String SCREENSHOTS_PROPERTY = "nia.console.screenshots";
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int MAX_TABS = 600;

    private ChromeDriver driver;
    private String router;
    private ConsoleKeycloak keycloak;
    private String signedInAs;
    private final List<String> consoleLog = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private final List<Predicate<String>> expected = new ArrayList<>();
    private final Map<String, String> requests = new HashMap<>();

    /** What the browser tests need that this machine lacks, if anything. */
    static Optional<String> missing() {
        List<String> lacking = new ArrayList<>();
        for (Path p : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!Files.isExecutable(p)) {
                lacking.add(p.toString());
            }
        }
        return lacking.isEmpty() ? Optional.empty() : Optional.of(String.join(" and ", lacking)
                + " missing: the console's browser tests need Debian's chromium and chromium-driver"
                + " (deploy/setup installs them as root; or apt-get install chromium chromium-driver)");
    }

    /** Whether the browser tests must run (CI): then a missing browser fails them instead of skipping them. */
    static boolean required() {
        return "true".equals(System.getenv("CI"));
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Optional<String> lacking = missing();
        if (lacking.isPresent()) {
            if (required()) {
                throw new IllegalStateException("CI=true and " + lacking.get());
            }
            Assumptions.abort(lacking.get());
        }
        router = SystemStack.get().service(ServiceKind.FRONT_ROUTER).baseUrl();
        keycloak = SystemStack.consoleKeycloak().orElseThrow();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1366,900", "--lang=en-US", "--no-first-run", "--disable-extensions",
                // no request of Chrome's own may leave the machine or count as the console's
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-default-apps", "--disable-features=Translate,OptimizationHints,MediaRouter");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        logs.enable(LogType.PERFORMANCE, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        options.setExperimentalOption("perfLoggingPrefs", Map.of("enableNetwork", true, "enablePage", false));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(WAIT);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (driver != null) {
            driver.quit();
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (driver != null) {
            collect();
            consoleLog.clear();
            problems.clear();
            expected.clear();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (driver == null) {
            return;
        }
        collect();
        List<String> left = List.copyOf(problems);
        boolean failed = context.getExecutionException().isPresent();
        if (failed || !left.isEmpty()) {
            save(context.getRequiredTestClass().getSimpleName() + "-" + context.getRequiredTestMethod().getName());
        }
        if (!failed) {
            assertThat(left).as("console warnings and errors, and failed network requests, of the browser").isEmpty();
        }
    }

    /** The browser (for reading the page; moving around is {@link #tabTo} and {@link #press}). */
    ChromeDriver driver() {
        return driver;
    }

    /** The front router's base URL, the origin the console is served from. */
    String router() {
        return router;
    }

    ConsoleKeycloak keycloak() {
        return keycloak;
    }

    /**
     * Lets this test's failed requests whose line ({@code "<status> <method> <url>"} or
     * {@code "failed <method> <url>: <error>"}) matches, and Chrome's console line about them, pass.
     */
    void expectFailedRequest(Predicate<String> line) {
        expected.add(line);
    }

    /**
     * Signs in as the demo user of {@code role} through Keycloak's login page, typing the name, Tab,
     * the password and Enter; a session of another role is ended first (its cookies and storage
     * cleared). Nothing happens when the role is signed in already: one sign-in per role.
     */
    void signIn(String role) {
        if (role.equals(signedInAs)) {
            return;
        }
        if (signedInAs != null) {
            driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
            driver.executeCdpCommand("Storage.clearDataForOrigin", Map.of("origin", router, "storageTypes", "all"));
            driver.executeCdpCommand("Storage.clearDataForOrigin",
                    Map.of("origin", keycloak.issuer().replaceFirst("(https?://[^/]+).*", "$1"), "storageTypes", "all"));
            signedInAs = null;
        }
        driver.get(router + "/console/");
        WebElement user = waitFor(By.id("username"));
        new WebDriverWait(driver, WAIT).until(d -> user.equals(d.switchTo().activeElement()));
        new Actions(driver).sendKeys(keycloak.user(role)).sendKeys(Keys.TAB).perform();
        assertThat(driver.switchTo().activeElement().getAttribute("id")).as("Tab leads from the user name to the password")
                .isEqualTo("password");
        new Actions(driver).sendKeys(keycloak.password(role)).sendKeys(Keys.ENTER).perform();
        new WebDriverWait(driver, WAIT).until(d -> !d.findElements(By.cssSelector("[data-testid=user-name]")).isEmpty()
                && keycloak.user(role).equals(d.findElement(By.cssSelector("[data-testid=user-name]")).getText().trim()));
        signedInAs = role;
    }

    /** Opens a console route (e.g. {@code conflicts}) and waits until its page ({@code page-<name>}) has loaded. */
    WebElement open(String route, String page) {
        driver.get(router + "/console/#/" + route);
        return ready(page);
    }

    /** Reloads the current route and waits until its page has loaded again. */
    WebElement reload(String page) {
        driver.navigate().refresh();
        return ready(page);
    }

    /** Waits until {@code <main data-testid="page-<name>" data-ready="true">} is there. */
    WebElement ready(String page) {
        return waitFor(By.cssSelector("main[data-testid=page-" + page + "][data-ready=true]"));
    }

    WebElement waitFor(By by) {
        return new WebDriverWait(driver, WAIT).until(d -> {
            List<WebElement> found = d.findElements(by);
            return found.isEmpty() ? null : found.get(0);
        });
    }

    Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    /** Presses Tab (at most {@value #MAX_TABS} times) until {@code target} has the focus: it is reachable by keyboard. */
    void tabTo(WebElement target) {
        for (int i = 0; i < MAX_TABS; i++) {
            if (Boolean.TRUE.equals(script("return document.activeElement === arguments[0]", target))) {
                return;
            }
            new Actions(driver).sendKeys(Keys.TAB).perform();
        }
        throw new AssertionError("Not reachable with Tab in " + MAX_TABS + " presses: " + target.getAttribute("outerHTML"));
    }

    /** Tabs to {@code target} and presses {@code keys} there (Enter, Space, text). */
    void press(WebElement target, CharSequence... keys) {
        tabTo(target);
        new Actions(driver).sendKeys(keys).perform();
    }

    /**
     * The inputs, selects and text areas of the page without a label (a {@code label[for]} or a
     * wrapping label, {@code aria-label}, or {@code aria-labelledby} naming an element): their HTML.
     */
    @SuppressWarnings("unchecked")
    List<String> unlabelledControls() {
        return (List<String>) script("""
                return [...document.querySelectorAll('input, select, textarea')]
                  .filter(e => e.type !== 'hidden')
                  .filter(e => !(e.labels && e.labels.length)
                    && !(e.getAttribute('aria-label') || '').trim()
                    && !(e.getAttribute('aria-labelledby') || '').split(/\\s+/).some(id => id && document.getElementById(id)))
                  .map(e => e.outerHTML.slice(0, 200));""");
    }

    /** A screenshot of the page under {@code target/browser/screenshots/<name>.png}, copied to the documentation's folder when set. */
    void screenshot(String name) {
        try {
            Path file = OUTPUT.resolve("screenshots").resolve(name + ".png");
            Files.createDirectories(file.getParent());
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            String docs = System.getProperty(SCREENSHOTS_PROPERTY, "");
            if (!docs.isBlank()) {
                Path target = Path.of(docs).resolve(name + ".png");
                Files.createDirectories(target.getParent());
                Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads what the browser logged since the last call into the console log and the problems. */
    @SuppressWarnings("unchecked")
    private void collect() {
        Json json = new Json();
        List<String> found = new ArrayList<>();
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            String line = entry.getLevel() + " " + entry.getMessage();
            consoleLog.add(line);
            if (entry.getLevel().intValue() >= Level.WARNING.intValue()) {
                found.add("console " + line);
            }
        }
        for (LogEntry entry : driver.manage().logs().get(LogType.PERFORMANCE)) {
            Map<String, Object> entryJson = json.toType(entry.getMessage(), Map.class);
            Map<String, Object> message = (Map<String, Object>) entryJson.get("message");
            String method = String.valueOf(message.get("method"));
            Map<String, Object> params = (Map<String, Object>) message.get("params");
            if (params == null) {
                continue;
            }
            String id = String.valueOf(params.get("requestId"));
            switch (method) {
                case "Network.requestWillBeSent" -> {
                    Map<String, Object> request = (Map<String, Object>) params.get("request");
                    requests.put(id, request.get("method") + " " + request.get("url"));
                }
                case "Network.responseReceived" -> {
                    Map<String, Object> response = (Map<String, Object>) params.get("response");
                    int status = ((Number) response.get("status")).intValue();
                    if (status >= 400) {
                        found.add(status + " " + requests.getOrDefault(id, "? " + response.get("url")));
                    }
                }
                case "Network.loadingFailed" -> {
                    if (!Boolean.TRUE.equals(params.get("canceled"))) {
                        found.add("failed " + requests.getOrDefault(id, "? ?") + " (" + params.get("type") + "): " + params.get("errorText")
                                + (params.get("blockedReason") == null ? "" : " (" + params.get("blockedReason") + ")"));
                    }
                }
                default -> {
                    // other network events tell nothing about failures
                }
            }
        }
        List<String> allowed = found.stream().filter(l -> expected.stream().anyMatch(p -> p.test(l))).toList();
        for (String line : found) {
            boolean aboutAnAllowedRequest = allowed.stream().anyMatch(a -> a.split(" ").length > 2 && line.contains(a.split(" ")[2]));
            if (!allowed.contains(line) && !aboutAnAllowedRequest) {
                problems.add(line);
            }
        }
    }

    private void save(String name) {
        try {
            Files.createDirectories(OUTPUT);
            Files.write(OUTPUT.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
            Files.writeString(OUTPUT.resolve(name + ".html"), driver.getPageSource());
            List<String> log = new ArrayList<>(List.of("URL " + driver.getCurrentUrl(), "---- problems"));
            log.addAll(problems);
            log.add("---- console");
            log.addAll(consoleLog);
            Files.write(OUTPUT.resolve(name + ".log"), log);
            System.out.println("Browser state of " + name + " saved under " + OUTPUT.toAbsolutePath());
        } catch (IOException | RuntimeException e) {
            System.out.println("Could not save the browser state of " + name + ": " + e);
        }
    }
}
