package dev.ssotauth.example.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The sample's page in a real browser: Debian's headless Chromium through Debian's chromedriver, both
 * named by path so that nothing is looked up or downloaded at run time; the application on a random
 * port with its own authority.
 */
@SpringBootTest(classes = { ChatApplication.class, SampleTests.class },
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { SampleTests.SECRET, SampleTests.TOMCAT_DIR })
final class BrowserIT {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static ChromeDriverService driverService;
    private static WebDriver browser;
    private static Path profile;

    @LocalServerPort
    int port;

    @BeforeAll
    static void startTheBrowser() throws IOException {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            String message = "the browser test needs Debian's Chromium and its driver at " + CHROMIUM + " and "
                    + CHROMEDRIVER + "; install them with: apt-get install chromium chromium-driver (.ci/run does)";
            if ("true".equals(System.getenv("CI"))) {
                fail(message); // CI installs them: missing there is a failure, never a skip
            }
            Assumptions.abort(message + "; skipped outside CI");
        }
        profile = Files.createTempDirectory("ssot-auth-chromium");
        driverService = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile);
        browser = new ChromeDriver(driverService, options);
    }

    @AfterAll
    static void stopTheBrowser() throws IOException {
        try {
            if (browser != null) {
                browser.quit();
            }
        } finally {
            if (driverService != null) {
                driverService.stop();
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
        browser.get("http://127.0.0.1:" + port + "/");
    }

    @Test
    void pageWhenLoggedInThenMeChatAndAgentAllShowTheUser() {
        // when: alice logs in
        logIn("alice", "demo");

        // then: the STOMP session is hers, and so is /api/me
        waitForText(By.id("status"), "Connected as alice.");
        browser.findElement(By.id("me")).click();
        waitForText(By.id("whoami"), "/api/me: alice (roles: admin, user)");

        // and when she says something, it comes back from her
        browser.findElement(By.id("message")).sendKeys("hello from the browser");
        browser.findElement(By.id("send")).click();
        waitForText(By.id("log"), "alice: hello from the browser");

        // and an agent job she starts runs as her, on another thread
        browser.findElement(By.id("message")).sendKeys("summarise the day");
        browser.findElement(By.id("agent")).click();
        waitForText(By.id("log"), "agent job 'summarise the day' ran as alice");
        List<String> log = browser.findElements(By.cssSelector("#log li")).stream().map(WebElement::getText).toList();
        assertEquals(List.of("alice: hello from the browser", "agent job 'summarise the day' ran as alice"), log);
    }

    @Test
    void pageWhenPasswordWrongThenLoginFailsAndNothingOpens() {
        // when
        logIn("alice", "not-the-password");

        // then
        waitForText(By.id("status"), "Login failed: wrong user name or password.");
        assertFalse(browser.findElement(By.id("me")).isEnabled());
        assertFalse(browser.findElement(By.id("send")).isEnabled());
    }

    private static void logIn(String user, String password) {
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("login")).click();
    }

    private static void waitForText(By element, String text) {
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(element, text));
    }
}
