package dev.ssotauth.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

final class LoadTestTest {

    /** What one run of the command printed, and its exit code. */
    private record Run(int exitCode, String out, String err) {
    }

    private static Run run(Map<String, String> environment, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = LoadTest.run(environment, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void runWhenHelpThenEveryOptionWithItsDefaultAndExitZero() {
        // when
        Run help = run(Map.of(), "--help");

        // then
        assertEquals(0, help.exitCode());
        for (String option : List.of("--url=URL", "--users=N", "--seconds=S", "--ramp-seconds=S",
                "--clock-skew-seconds=S", "--expiring-share=P", "--message-interval-millis=MS", "--says-per-second=R",
                "--agents-per-second=R", "--storm-threads=N", "--seed=N", "--user-prefix=NAME",
                "--password-env=VARIABLE", "--secret-env=VARIABLE")) {
            assertTrue(help.out().contains(option), option + " in\n" + help.out());
        }
        for (String fallback : List.of("Default: 200", "Default: 30", "Default: 3", "Default: 60", "Default: 0.2",
                "Default: 1000", "Default: 10", "Default: 40", "Default: 2", "Default: load")) {
            assertTrue(help.out().contains(fallback), fallback + " in\n" + help.out());
        }
    }

    @Test
    void runWhenNoUrlThenUsageAndExitTwo() {
        // when
        Run missing = run(Map.of());

        // then
        assertEquals(LoadTest.UNUSABLE, missing.exitCode());
        assertTrue(missing.err().startsWith("Missing required option: '--url=URL'"), missing.err());
    }

    @Test
    void runWhenOptionsOutOfBoundsThenTheBoundAndExitTwo() {
        // when
        Run https = run(Map.of(), "--url", "https://chat.example:8443");
        Run users = run(Map.of(), "--url", "http://127.0.0.1:1", "--users", "0");
        Run ramp = run(Map.of(), "--url", "http://127.0.0.1:1", "--seconds", "10", "--ramp-seconds", "6");
        Run prefix = run(Map.of(), "--url", "http://127.0.0.1:1", "--user-prefix", "Load");
        Run secret = run(Map.of(), "--url", "http://127.0.0.1:1", "--secret-env", "LOAD_TEST_SECRET");

        // then
        assertEquals(List.of(2, 2, 2, 2, 2), List.of(https.exitCode(), users.exitCode(), ramp.exitCode(),
                prefix.exitCode(), secret.exitCode()));
        assertEquals("auth-loadtest: --url must be http://HOST:PORT: https://chat.example:8443\n", https.err());
        assertEquals("auth-loadtest: users must be 1 to 5000: 0\n", users.err());
        assertEquals("auth-loadtest: the ramp must be 0 to half the traffic time: 6 s of 10 s\n", ramp.err());
        assertEquals("auth-loadtest: --user-prefix must be [a-z][a-z0-9-]{0,25}: Load\n", prefix.err());
        assertEquals("auth-loadtest: the environment variable LOAD_TEST_SECRET is not set\n", secret.err());
    }

    @Test
    void runWhenTheServiceRefusesTheLoginThenSaidWithoutThePasswordAndExitTwo() throws IOException {
        // given
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/login", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(401, -1);
            exchange.close();
        });
        server.start();
        try {
            // when
            Run refused = run(Map.of("LOAD_TEST_PASSWORD", "not-the-password"), "--url",
                    "http://127.0.0.1:" + server.getAddress().getPort(), "--password-env", "LOAD_TEST_PASSWORD");

            // then
            assertEquals(LoadTest.UNUSABLE, refused.exitCode());
            assertEquals("auth-loadtest: cannot log in to http://127.0.0.1:" + server.getAddress().getPort()
                    + ": POST /login answered HTTP 401\n", refused.err());
            assertEquals("", refused.out());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void secretWhenPrefixedThenDecodedAsJwtSecretKeyIs() {
        // then
        assertEquals("raw-secret", new String(LoadTest.secret("raw-secret"), StandardCharsets.UTF_8));
        assertEquals("hi?", new String(LoadTest.secret("base64:aGk/"), StandardCharsets.UTF_8));
        assertEquals("hi?", new String(LoadTest.secret("base64url:aGk_"), StandardCharsets.UTF_8));
    }
}
