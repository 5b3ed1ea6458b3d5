package dev.ssotauth.example;

import static dev.ssotauth.example.Clients.ask;
import static dev.ssotauth.example.Clients.chat;
import static dev.ssotauth.example.Clients.login;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ssotauth.testkit.TestTokens;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/**
 * {@code GET /metrics} of the running service counts what real traffic did: a forged token as
 * {@code BAD_SIGNATURE}, an expired one as {@code EXPIRED}, a chat connection closed at its token's
 * expiry as {@code closes{reason="expired"}}; in Prometheus's text format, with nothing of a user in it.
 */
final class MetricsIT {

    private static final String AUTHENTICATIONS = "ssot_auth_authentications_total";

    @Test
    void metricsWhenForgedAndExpiredTokensAndAnExpiringChatThenEachCountedByReason() throws Exception {
        // given
        TestTokens tokens = TestTokens.create();
        Map<String, String> environment = new HashMap<>(tokens.environment());
        environment.put("JWT_ACCESS_TOKEN_TTL", "3s");
        environment.put("JWT_CLOCK_SKEW", "0s");
        try (ServiceProcess service = ServiceProcess.start(environment)) {
            ApiClient client = service.client();
            String token = login(client, "bob");

            // when
            assertEquals(401, client.get("/api/me", tokens.tamperedSignature("mallory")).status());
            assertEquals(401, client.get("/api/me", tokens.expired("mallory")).status());
            try (SocketClient socket = chat(client, token, SocketClient.Transport.HEADER)) {
                assertEquals("bob", ask(socket, "{\"type\":\"whoami\"}", "whoami").get("subject"));
                assertEquals(1008, socket.closeCode(Duration.ofSeconds(15)));
            }
            Map<String, Double> metrics = settled(service);

            // then
            ApiClient.Answer scrape = client.get("/metrics", null);
            assertTrue(scrape.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
            System.out.println("[metrics] " + scrape.body().lines().filter(line -> line.startsWith("ssot_auth"))
                    .collect(Collectors.joining("\n[metrics] ")));
            assertEquals(1, metrics.get(AUTHENTICATIONS + "{outcome=\"rejected\",reason=\"BAD_SIGNATURE\"}"));
            assertEquals(1, metrics.get(AUTHENTICATIONS + "{outcome=\"rejected\",reason=\"EXPIRED\"}"));
            assertTrue(metrics.get(AUTHENTICATIONS + "{outcome=\"accepted\",reason=\"none\"}") >= 1, metrics::toString);
            assertEquals(1, metrics.get("ssot_auth_websocket_closes_total{reason=\"expired\"}"));
            assertEquals(0, metrics.get("ssot_auth_websocket_sessions"));
            assertFalse(scrape.body().contains("bob") || scrape.body().contains("mallory"), scrape.body());
        }
    }

    /** The scrape once the closed connection has left the gauge (the server reports it as it closes). */
    private static Map<String, Double> settled(ServiceProcess service) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        Map<String, Double> metrics = service.metrics();
        while (metrics.getOrDefault("ssot_auth_websocket_sessions", -1.0) != 0
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
            metrics = service.metrics();
        }
        return metrics;
    }
}
