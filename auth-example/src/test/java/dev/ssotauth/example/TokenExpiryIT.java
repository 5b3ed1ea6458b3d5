package dev.ssotauth.example;

import static dev.ssotauth.example.Clients.ask;
import static dev.ssotauth.example.Clients.chat;
import static dev.ssotauth.example.Clients.handshakeStatus;
import static dev.ssotauth.example.Clients.login;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A short-lived configuration through the single configuration source ({@code JWT_ACCESS_TOKEN_TTL=3s},
 * {@code JWT_CLOCK_SKEW=0s}): an open chat connection is closed with 1008 when its token expires, and
 * the expired token is refused everywhere after; a fresh token sent in-band ({@code reauth}) before
 * the expiry keeps it open until the fresh token's own expiry.
 */
final class TokenExpiryIT {

    private static ServiceProcess service;

    @BeforeAll
    static void start() throws Exception {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        service = ServiceProcess.start(Map.of(
                "JWT_SECRET_KEY", "base64url:" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret),
                "JWT_ISSUER", "https://login.expiry.test",
                "JWT_AUDIENCE", "chat",
                "JWT_ACCESS_TOKEN_TTL", "3s",
                "JWT_CLOCK_SKEW", "0s"));
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void chatWhenTokenExpiresThenClosedWith1008AndTheTokenIsRefusedAfter() throws Exception {
        // given
        ApiClient client = service.client();
        ApiClient.Answer answer = client.postLogin("bob", "demo");
        String token = (String) answer.json().get("access_token");
        Instant expiresAt = Instant.parse((String) client.get("/api/me", token).json().get("expiresAt"));

        try (SocketClient socket = chat(client, token, SocketClient.Transport.SUBPROTOCOL)) {
            assertEquals("bob", ask(socket, "{\"type\":\"whoami\"}", "whoami").get("subject"));

            // when
            int code = socket.closeCode(Duration.ofSeconds(15));
            Instant closedAt = Instant.now();

            // then: closed by policy, not before exp (how long after is a figure, printed)
            assertEquals(1008, code);
            assertTrue(!closedAt.isBefore(expiresAt.minusMillis(200)), "closed before the token expired");
            System.out.printf("[measured] TokenExpiryIT: closed with 1008 %d ms after exp%n",
                    Duration.between(expiresAt, closedAt).toMillis());
        }
        assertEquals("3", String.valueOf(answer.json().get("expires_in")));
        assertEquals(401, client.get("/api/me", token).status());
        assertEquals(401, handshakeStatus(client, token, SocketClient.Transport.HEADER));
        assertEquals(200, client.get("/api/me", login(client, "bob")).status());
    }

    @Test
    void chatWhenReauthenticatedInBandBeforeExpiryThenStaysOpenPastTheFirstExpiryUntilTheSecond() throws Exception {
        // given
        ApiClient client = service.client();
        String first = login(client, "carol");
        Instant firstExpiry = Instant.parse((String) client.get("/api/me", first).json().get("expiresAt"));

        try (SocketClient socket = chat(client, first, SocketClient.Transport.HEADER)) {
            assertEquals("carol", ask(socket, "{\"type\":\"whoami\"}", "whoami").get("subject"));
            // issue times are whole seconds: a token with a later exp is one issued in a later second
            String second = login(client, "carol");
            Instant secondExpiry = expiresAt(client, second);
            for (int tries = 0; !secondExpiry.isAfter(firstExpiry) && tries < 200; tries++) {
                Thread.sleep(50);
                second = login(client, "carol");
                secondExpiry = expiresAt(client, second);
            }

            // when it re-authenticates, and the service has reached the first token's exp (it refuses it)
            Map<String, Object> reauthed = ask(socket, HttpJson.write(Map.of("type", "reauth", "token", second)),
                    "reauthed");
            awaitStatus(client, first, 401);

            // then: open past the first expiry, as the second token
            assertTrue(secondExpiry.isAfter(firstExpiry), secondExpiry + " after " + firstExpiry);
            assertEquals(secondExpiry.toString(), reauthed.get("expiresAt"));
            Map<String, Object> whoami = ask(socket, "{\"type\":\"whoami\"}", "whoami");
            assertEquals(secondExpiry.toString(), whoami.get("expiresAt"));
            assertFalse(socket.isClosed());
            // and closed when the second token expires
            assertEquals(1008, socket.closeCode(Duration.ofSeconds(15)));
            assertFalse(Instant.now().isBefore(secondExpiry.minusMillis(200)), "closed before the second expiry");
        }
    }

    private static Instant expiresAt(ApiClient client, String token) throws Exception {
        return Instant.parse((String) client.get("/api/me", token).json().get("expiresAt"));
    }

    /** Polls {@code GET /api/me} with {@code token} until it answers {@code status}. */
    private static void awaitStatus(ApiClient client, String token, int status) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        int last;
        while ((last = client.get("/api/me", token).status()) != status) {
            assertTrue(System.nanoTime() < deadline, "GET /api/me still answers " + last + ", not " + status);
            Thread.sleep(20);
        }
    }

    @Test
    void startWhenShortLivedConfigurationThenTheBannerSaysSo() {
        // when
        String output = service.output();

        // then
        assertTrue(output.contains("tokens live 3 s, clock skew 0 s"), output);
        assertTrue(output.contains("keys: from the environment (JWT_SECRET_KEY, fingerprint "), output);
    }
}
