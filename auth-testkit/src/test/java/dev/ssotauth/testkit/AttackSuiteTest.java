package dev.ssotauth.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ssotauth.core.JwtAuthority;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

final class AttackSuiteTest {

    private static final List<String> ATTACKS = List.of(
            "no token", "a token that is not a JWS", "an expired token", "a token not yet valid",
            "a token issued in the future", "a token from the wrong issuer", "a token for the wrong audience",
            "a token with a tampered signature", "a token with a tampered payload", "an unsecured token (alg none)",
            "a token signed with another key", "a token with an unknown kid", "an oversized token",
            "a token without sub", "a token without iss", "a token without aud", "a token without exp",
            "a token without iat");

    private final TestTokens tokens = TestTokens.create();
    private LoopbackHttpServer api;
    private LoopbackWebSocketServer gateway;

    @BeforeEach
    void startServersTrustingTheTestTokens() {
        JwtAuthority authority = JwtAuthority.fromEnvironment(tokens.environment());
        api = LoopbackHttpServer.protectedBy(authority);
        gateway = LoopbackWebSocketServer.protectedBy(authority);
    }

    @AfterEach
    void stopServers() {
        api.close();
        gateway.close();
    }

    // The suites as a user runs them: every dynamic test must pass.

    @TestFactory
    List<DynamicTest> attackSuiteWhenRunAgainstOwnAuthorityThenEveryAttackRejected() {
        return tokens.attackSuite(tokens.authority());
    }

    @TestFactory
    List<DynamicTest> httpAttackSuiteWhenServerProtectedByCoreThenEveryAttackGets401() {
        return tokens.httpAttackSuite(api.uri("/api/me"));
    }

    @TestFactory
    List<DynamicTest> webSocketAttackSuiteWhenHandshakeProtectedByCoreThenEveryAttackRefused() {
        return tokens.webSocketAttackSuite(gateway.uri("/chat"));
    }

    // The suites judged from outside.

    @Test
    void attackSuiteWhenTargetHasOtherSettingsSameSecretThenAdaptsAndPasses() {
        // given: HS512, another issuer and audience, a fixed clock, a smaller size limit
        byte[] secret = new byte[64];
        java.util.Arrays.fill(secret, (byte) 7);
        secret[0] = 1;
        Clock clock = Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC);
        TestTokens tokens = TestTokens.of(secret, "https://login.test", "test", Clock.systemUTC());
        JwtAuthority target = JwtAuthority.builder().hmacSecret(secret).issuer("https://elsewhere.example")
                .audience("agents").algorithms("HS512").clock(clock).maxTokenBytes(2048).build();

        // when
        Map<String, String> outcomes = DynamicTests.run(tokens.attackSuite(target));

        // then
        assertEquals(19, outcomes.size());
        assertEquals(List.of(), failures(outcomes));
        assertEquals("accepts a valid token (control)", outcomes.keySet().iterator().next());
    }

    @Test
    void attackSuiteWhenTargetTrustsAnotherKeyThenIllegalArgumentWithFingerprints() {
        // given
        TestTokens tokens = TestTokens.of(
                "tokens-secret-for-tests-0123456789abcdef0123".getBytes(StandardCharsets.UTF_8),
                "https://login.example", "chat", Clock.systemUTC());
        JwtAuthority target = Authorities.authority("other");

        // when
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
                () -> tokens.attackSuite(target));

        // then
        assertEquals("the target authority trusts the key with fingerprint 1572f0ff7f7688e5, but these test tokens "
                + "are signed with the key with fingerprint 66d938c35f7ce939; make them with TestTokens.of(the "
                + "target's secret, ...)", wrong.getMessage());
    }

    @Test
    void httpAttackSuiteWhenServerAcceptsAnythingThenEveryAttackFailsWithReason() {
        // given
        try (LoopbackHttpServer lax = LoopbackHttpServer.start(
                token -> new LoopbackHttpServer.Answer(200, Map.of(), "welcome"))) {

            // when
            Map<String, String> outcomes = DynamicTests.run(tokens.httpAttackSuite(lax.uri("/api/me")));

            // then
            assertEquals("passed", outcomes.get("HTTP 2xx for a valid token (control)"));
            assertEquals("no token: expected HTTP 401, but HTTP 200: the server accepted it",
                    outcomes.get("HTTP 401 for no token"));
            assertEquals("an expired token: expected HTTP 401, but HTTP 200: the server accepted it",
                    outcomes.get("HTTP 401 for an expired token"));
            assertEquals("an oversized token: expected HTTP 401 (or 400, 413, 431), but HTTP 200: the server "
                    + "accepted it", outcomes.get("HTTP 401 for an oversized token"));
            assertEquals(ATTACKS.size(), failures(outcomes).size());
        }
    }

    @Test
    void httpAttackSuiteWhenServerAnswers403ThenEveryAttackFailsAsNot401() {
        // given
        JwtAuthority authority = tokens.authority();
        try (LoopbackHttpServer forbidding = LoopbackHttpServer.start(token -> authority.authenticate(token)
                .isAuthenticated() ? new LoopbackHttpServer.Answer(200, Map.of(), "ok")
                : new LoopbackHttpServer.Answer(403, Map.of(), "forbidden"))) {

            // when
            Map<String, String> outcomes = DynamicTests.run(tokens.httpAttackSuite(forbidding.uri("/")));

            // then
            assertEquals("a token with an unknown kid: expected HTTP 401, but HTTP 403",
                    outcomes.get("HTTP 401 for a token with an unknown kid"));
            assertEquals(ATTACKS.size(), failures(outcomes).size());
        }
    }

    @Test
    void httpAttackSuiteWhenChallengeMissingOrTokenEchoedThenThoseAttacksFail() {
        // given
        JwtAuthority authority = tokens.authority();
        try (LoopbackHttpServer sloppy = LoopbackHttpServer.start(token -> {
            if (authority.authenticate(token).isAuthenticated()) {
                return new LoopbackHttpServer.Answer(200, Map.of(), "ok");
            }
            if (token == null) {
                return new LoopbackHttpServer.Answer(401, Map.of(), "");
            }
            return new LoopbackHttpServer.Answer(401, Map.of("WWW-Authenticate", "Bearer"), "bad token: " + token);
        })) {

            // when
            Map<String, String> outcomes = DynamicTests.run(tokens.httpAttackSuite(sloppy.uri("/")));

            // then
            assertEquals("no token: the 401 answer has no WWW-Authenticate: Bearer challenge (RFC 6750 section 3)",
                    outcomes.get("HTTP 401 for no token"));
            assertEquals("a token from the wrong issuer: the answer echoes the token; never put a token in a "
                    + "response, a log line or an error message", outcomes.get("HTTP 401 for a token from the wrong issuer"));
            assertEquals(ATTACKS.size(), failures(outcomes).size());
        }
    }

    @Test
    void httpAttackSuiteWhenOversizedRefusedForSizeThenThatAttackPasses() {
        // given
        JwtAuthority authority = tokens.authority();
        try (LoopbackHttpServer sizeLimited = LoopbackHttpServer.start(token -> {
            if (token != null && token.length() > 4096) {
                return new LoopbackHttpServer.Answer(431, Map.of(), "");
            }
            return authority.authenticate(token).isAuthenticated() ? new LoopbackHttpServer.Answer(200, Map.of(), "ok")
                    : LoopbackHttpServer.unauthorized();
        })) {

            // when
            Map<String, String> outcomes = DynamicTests.run(tokens.httpAttackSuite(sizeLimited.uri("/")));

            // then
            assertEquals(List.of(), failures(outcomes));
        }
    }

    @Test
    void httpAttackSuiteWhenServerTrustsAnotherKeyThenControlFailsWithAdvice() {
        // given
        try (LoopbackHttpServer stranger = LoopbackHttpServer.protectedBy(Authorities.authority("other"))) {

            // when
            Map<String, String> outcomes = DynamicTests.run(tokens.httpAttackSuite(stranger.uri("/api/me")));

            // then
            assertEquals("a valid token (control): expected a 2xx answer from " + stranger.uri("/api/me")
                    + ", got HTTP 401; configure the server with TestTokens.environment() so that it trusts these "
                    + "tokens", outcomes.get("HTTP 2xx for a valid token (control)"));
        }
    }

    @Test
    void webSocketAttackSuiteWhenGatewayUpgradesEveryoneThenEveryAttackFails() {
        // given
        try (LoopbackWebSocketServer lax = LoopbackWebSocketServer.deciding(token -> true)) {

            // when
            Map<String, String> outcomes = DynamicTests.run(tokens.webSocketAttackSuite(lax.uri("/chat")));

            // then
            assertEquals("passed", outcomes.get("handshake upgraded for a valid token (control)"));
            assertEquals("an unsecured token (alg none): expected the WebSocket handshake to be refused with HTTP "
                    + "401, but the connection was upgraded (101)",
                    outcomes.get("handshake refused with 401 for an unsecured token (alg none)"));
            assertEquals(ATTACKS.size(), failures(outcomes).size());
        }
    }

    @Test
    void webSocketAttackSuiteWhenGatewayRefusesEveryoneThenOnlyControlFails() {
        // given
        try (LoopbackWebSocketServer closed = LoopbackWebSocketServer.deciding(token -> false)) {

            // when
            Map<String, String> outcomes = DynamicTests.run(tokens.webSocketAttackSuite(closed.uri("/chat")));

            // then
            assertEquals(List.of("handshake upgraded for a valid token (control)"), failures(outcomes));
            assertEquals("a valid token (control): expected the WebSocket handshake with " + closed.uri("/chat")
                    + " to succeed (101), got HTTP 401; configure the server with TestTokens.environment() so that "
                    + "it trusts these tokens", outcomes.get("handshake upgraded for a valid token (control)"));
        }
    }

    @Test
    void suitesWhenUrlHasWrongSchemeThenIllegalArgument() {
        // given / when
        IllegalArgumentException http = assertThrows(IllegalArgumentException.class,
                () -> tokens.httpAttackSuite(java.net.URI.create("ws://127.0.0.1:1/")));
        IllegalArgumentException ws = assertThrows(IllegalArgumentException.class,
                () -> tokens.webSocketAttackSuite(java.net.URI.create("http://127.0.0.1:1/")));

        // then
        assertEquals("url must use http or https; got ws", http.getMessage());
        assertEquals("url must use ws or wss; got http", ws.getMessage());
    }

    private static List<String> failures(Map<String, String> outcomes) {
        List<String> failed = new ArrayList<>();
        outcomes.forEach((name, outcome) -> {
            if (!outcome.equals("passed")) {
                failed.add(name);
            }
        });
        return failed.stream().collect(Collectors.toList());
    }
}
