package dev.ssotauth.example;

import static dev.ssotauth.example.Clients.ask;
import static dev.ssotauth.example.Clients.chat;
import static dev.ssotauth.example.Clients.login;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real browser on the chat page: Debian's headless Chromium, driven through Debian's chromedriver,
 * both named by path so that nothing is looked up or downloaded at run time. Whether the page opened
 * a WebSocket is read from Chromium's own DevTools events (the performance log), not from the page.
 */
final class BrowserIT {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static ServiceProcess service;
    private static ChromeDriverService driverService;
    private static WebDriver browser;
    private static Path profile;

    @BeforeAll
    static void start() throws Exception {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            String message = "the browser test needs Debian's Chromium and its driver at " + CHROMIUM + " and "
                    + CHROMEDRIVER + "; install them with: apt-get install chromium chromium-driver (.ci/run does)";
            if ("true".equals(System.getenv("CI"))) {
                fail(message); // CI installs them: missing there is a failure, never a skip
            }
            org.junit.jupiter.api.Assumptions.abort(message + "; skipped outside CI");
        }
        service = ServiceProcess.start(Map.of());
        profile = Files.createTempDirectory("ssot-auth-chromium");
        driverService = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.PERFORMANCE, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        browser = new ChromeDriver(driverService, options);
    }

    @AfterAll
    static void stop() throws IOException {
        try {
            if (browser != null) {
                browser.quit();
            }
        } finally {
            if (driverService != null) {
                driverService.stop();
            }
            if (service != null) {
                service.close();
            }
            if (profile != null) {
                try (Stream<Path> paths = Files.walk(profile)) {
                    paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    @BeforeEach
    void openThePage() {
        browser.get(service.base() + "/");
        webSocketsCreated(); // drains the events of earlier pages
    }

    @Test
    void pageWhenLoggedInThenASentMessageComesBackWithTheSenderAndReachesOtherClients() throws Exception {
        // given: another user, on the JDK's WebSocket client, in the same chat
        try (SocketClient bob = chat(service.client(), login(service.client(), "bob"), SocketClient.Transport.HEADER)) {
            ask(bob, "{\"type\":\"whoami\"}", "whoami");

            // when: alice logs in on the page and sends a message
            logIn("alice", "demo");
            waitForText(By.id("status"), "Connected as alice (roles: admin, user).");
            browser.findElement(By.id("message")).sendKeys("hello from the browser");
            browser.findElement(By.id("send")).click();

            // then: it comes back into #log with her name, and bob hears it from her
            new WebDriverWait(browser, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(By.id("log"),
                    "alice: hello from the browser"));
            List<WebElement> entries = browser.findElements(By.cssSelector("#log li"));
            assertEquals("alice: hello from the browser", entries.get(entries.size() - 1).getText());
            Map<String, Object> said = bob.await("said", WAIT);
            assertNotNull(said, "bob heard nothing");
            assertEquals(Map.of("type", "said", "from", "alice", "text", "hello from the browser"), said);
            List<String> sockets = webSocketsCreated();
            assertEquals(1, sockets.size(), sockets.toString());
            assertTrue(sockets.get(0).contains("\"url\":\"ws://127.0.0.1:" + service.port() + "/chat\""),
                    sockets.get(0));
        }
    }

    @Test
    void pageWhenPasswordWrongThenLoginFailsAndNoSocketIsOpened() throws Exception {
        // when
        logIn("alice", "not-the-password");

        // then
        waitForText(By.id("status"), "Login failed: wrong user name or password.");
        assertFalse(browser.findElement(By.id("message")).isEnabled());
        assertFalse(browser.findElement(By.id("send")).isEnabled());
        assertEquals(0, browser.findElements(By.cssSelector("#log li")).size());

        // and when the right password follows, its socket is the only one: the browser reports events in
        // order, so a socket the failed login had opened would show up before this one
        browser.findElement(By.id("username")).clear();
        browser.findElement(By.id("password")).clear();
        logIn("alice", "demo");
        waitForText(By.id("status"), "Connected as alice (roles: admin, user).");
        List<String> sockets = webSocketsCreated();
        assertEquals(1, sockets.size(), sockets.toString());
    }

    private static void logIn(String user, String password) {
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("login")).click();
    }

    private static void waitForText(By element, String text) {
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(element, text));
    }

    /** The browser's {@code Network.webSocketCreated} events since the last call. */
    private static List<String> webSocketsCreated() {
        return browser.manage().logs().get(LogType.PERFORMANCE).getAll().stream().map(LogEntry::getMessage)
                .filter(message -> message.contains("\"method\":\"Network.webSocketCreated\""))
                .collect(Collectors.toList());
    }
}
