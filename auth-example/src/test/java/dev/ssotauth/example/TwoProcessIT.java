package dev.ssotauth.example;

import static dev.ssotauth.example.Clients.ask;
import static dev.ssotauth.example.Clients.chat;
import static dev.ssotauth.example.Clients.login;
import static dev.ssotauth.example.Clients.subjectAt;
import static dev.ssotauth.example.Clients.tokenFrom;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ssotauth.testkit.AuthComponent;
import dev.ssotauth.testkit.FragmentationAssertions;
import dev.ssotauth.testkit.TestTokens;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production layout on one machine: {@code --role login} started with no configuration (an
 * ephemeral P-256 key pair, its public half at {@code /.well-known/jwks.json}, its own URL as issuer
 * and its discovery document at {@code /.well-known/openid-configuration}) and {@code --role chat}
 * configured with {@code JWT_JWKS_URI} pointing at it, or with {@code JWT_ISSUER_URI} and nothing
 * else but the audience: one trust root, no shared secret, and a token from login works on chat —
 * HTTP, WebSocket and agent job.
 */
final class TwoProcessIT {

    private static ServiceProcess login;
    private static ServiceProcess chat;

    @BeforeAll
    static void start() throws Exception {
        login = ServiceProcess.start(Map.of(), "--role", "login");
        chat = ServiceProcess.start(Map.of(
                "JWT_JWKS_URI", login.base() + "/.well-known/jwks.json",
                "JWT_ISSUER", login.base().toString(),
                "JWT_AUDIENCE", AuthoritySetup.DEFAULT_AUDIENCE), "--role", "chat");
    }

    @AfterAll
    static void stop() {
        for (ServiceProcess process : new ServiceProcess[] {chat, login}) {
            if (process != null) {
                process.close();
            }
        }
    }

    @Test
    void loginWhenStartedWithoutConfigurationThenItSaysHowToStartAChatProcess() {
        // when
        String output = login.output();

        // then
        assertTrue(output.contains("keys: an ephemeral P-256 key pair made at start (ES256, kid ephemeral-"), output);
        assertTrue(output.contains("issuer " + login.base() + ", audience chat (defaults;"), output);
        assertTrue(output.contains("    JWT_ISSUER_URI=" + login.base() + " JWT_AUDIENCE=chat java -jar "
                + "auth-example.jar --role chat --port 8081\n"), output);
        assertTrue(output.contains("    JWT_JWKS_URI=" + login.base() + "/.well-known/jwks.json JWT_ISSUER="
                + login.base() + " JWT_AUDIENCE=chat java -jar auth-example.jar --role chat --port 8081"), output);
        assertTrue(chat.output().contains("verifying tokens with the key set from the environment"), chat.output());
    }

    @Test
    void jwksWhenLoginRoleThenPublicKeysWithCacheHeaders() throws Exception {
        // when
        ApiClient.Answer jwks = login.client().get("/.well-known/jwks.json", null);

        // then
        assertEquals(200, jwks.status());
        assertEquals("application/jwk-set+json", jwks.headers().firstValue("Content-Type").orElse(""));
        assertEquals("public, max-age=300", jwks.headers().firstValue("Cache-Control").orElse(""));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> keys = (List<Map<String, Object>>) jwks.json().get("keys");
        assertEquals(1, keys.size());
        assertEquals("EC", keys.get(0).get("kty"));
        assertEquals("P-256", keys.get(0).get("crv"));
        assertFalse(keys.get(0).containsKey("d"), "a private member was published");
    }

    @Test
    void discoveryWhenLoginRoleThenItsUrlIsTheIssuerAndJwksUriItsKeySet() throws Exception {
        // when
        ApiClient.Answer discovery = login.client().get("/.well-known/openid-configuration", null);

        // then
        assertEquals(200, discovery.status(), discovery.body());
        assertEquals("application/json", discovery.headers().firstValue("Content-Type").orElse(""));
        assertEquals(Map.of("issuer", login.base().toString(), "jwks_uri", login.base() + "/.well-known/jwks.json"),
                discovery.json());
        assertTrue(login.output().contains("GET /.well-known/openid-configuration (issuer " + login.base() + ")"),
                login.output());
    }

    @Test
    void chatWhenIssuerUriIsTheLoginUrlThenItDiscoversTheKeysAndAcceptsLoginTokens() throws Exception {
        // given: the first line the login process prints for a chat process (core's discovery, issue 13)
        try (ServiceProcess discovering = ServiceProcess.start(Map.of("JWT_ISSUER_URI", login.base().toString(),
                "JWT_AUDIENCE", AuthoritySetup.DEFAULT_AUDIENCE), "--role", "chat")) {
            String token = login(login.client(), "alice");

            // when
            ApiClient.Answer me = discovering.client().get("/api/me", token);
            Map<String, Object> whoami;
            try (SocketClient socket = chat(discovering.client(), token, SocketClient.Transport.SUBPROTOCOL)) {
                whoami = ask(socket, "{\"type\":\"whoami\"}", "whoami");
            }

            // then
            assertEquals(200, me.status(), me.body());
            assertEquals("alice", me.json().get("subject"));
            assertEquals(login.base().toString(), me.json().get("issuer"));
            assertEquals("alice", whoami.get("subject"));
        }
    }

    @Test
    void tokenWhenIssuedByLoginThenChatAcceptsItOverHttpWebSocketAndAgent() throws Exception {
        // given
        String token = login(login.client(), "alice");

        // when
        ApiClient.Answer me = chat.client().get("/api/me", token);
        Map<String, Object> whoami;
        Map<String, Object> agent;
        try (SocketClient socket = chat(chat.client(), token, SocketClient.Transport.SUBPROTOCOL)) {
            whoami = ask(socket, "{\"type\":\"whoami\"}", "whoami");
            agent = ask(socket, "{\"type\":\"agent\",\"task\":\"plan\"}", "agent-done");
        }

        // then
        assertEquals(200, me.status(), me.body());
        assertEquals("alice", me.json().get("subject"));
        assertEquals(List.of("admin", "user"), me.json().get("roles"));
        assertEquals("alice", whoami.get("subject"));
        assertEquals("alice", agent.get("subject"));
    }

    @Test
    void rolesWhenSplitThenEachProcessServesOnlyItsPart() throws Exception {
        // when
        ApiClient.Answer loginOnChat = chat.client().postLogin("alice", "demo");
        ApiClient.Answer jwksOnChat = chat.client().get("/.well-known/jwks.json", null);
        ApiClient.Answer discoveryOnChat = chat.client().get("/.well-known/openid-configuration", null);
        ApiClient.Answer pageOnLogin = login.client().get("/", null);
        ApiClient.Answer chatOnLogin = login.client().get("/chat", null);

        // then
        assertEquals(404, loginOnChat.status());
        assertEquals(404, jwksOnChat.status());
        assertEquals(404, discoveryOnChat.status());
        assertEquals(404, pageOnLogin.status());
        assertEquals(404, chatOnLogin.status());
    }

    @Test
    void chatWhenTokenFromAnotherTrustRootThen401() throws Exception {
        // given: a well-formed token for the right issuer and audience, signed with an HMAC secret
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        String foreign = TestTokens.of(secret, login.base().toString(), AuthoritySetup.DEFAULT_AUDIENCE,
                Clock.systemUTC()).valid("alice");

        // when
        ApiClient.Answer me = chat.client().get("/api/me", foreign);

        // then
        assertEquals(401, me.status());
    }

    @Test
    void loginWhenSigningKeysFileConfiguredThenItPublishesThoseKeysAndSignsWithThem(@TempDir Path dir)
            throws Exception {
        // given
        Path keys = Files.writeString(dir.resolve("signing-keys.json"),
                AuthoritySetup.signingKeySet("prod-key-1", new SecureRandom()));
        try (ServiceProcess configured = ServiceProcess.start(Map.of("JWT_SIGNING_KEYS_FILE", keys.toString(),
                "JWT_ISSUER", AuthoritySetup.DEFAULT_ISSUER, "JWT_AUDIENCE", AuthoritySetup.DEFAULT_AUDIENCE),
                "--role", "login")) {
            // when
            ApiClient.Answer jwks = configured.client().get("/.well-known/jwks.json", null);
            String token = login(configured.client(), "alice");

            // then
            assertEquals(200, jwks.status());
            assertTrue(jwks.body().contains("\"kid\":\"prod-key-1\""), jwks.body());
            assertFalse(jwks.body().contains("\"d\""), jwks.body());
            String header = new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))),
                    StandardCharsets.UTF_8);
            assertTrue(header.contains("\"kid\":\"prod-key-1\""), header);
            assertTrue(configured.output().contains("keys: from the environment (JWT_SIGNING_KEYS_FILE, "
                    + "fingerprint "), configured.output());
            // the chat process trusts the other login process's key set only: never accepted (503 while
            // the token is newer than the chat process's last fetch, since its key might be too; then 401)
            int status = chat.client().get("/api/me", token).status();
            for (long end = System.nanoTime() + 10_000_000_000L; status == 503 && System.nanoTime() < end; ) {
                Thread.sleep(200);
                status = chat.client().get("/api/me", token).status();
            }
            assertEquals(401, status);
        }
    }

    @Test
    void fragmentationWhenLoginAndChatProcessesThenGoldenPathAndCrossValidationHold() {
        // given
        Function<String, String> mint = subject -> tokenFrom(login, subject);
        AuthComponent loginComponent = AuthComponent.of("login", mint, token -> subjectAt(login, token));
        AuthComponent chatApi = AuthComponent.of("chat-api", mint, token -> subjectAt(chat, token));
        AuthComponent chatWebSocket = AuthComponent.of("chat-websocket", mint,
                token -> chatAnswer(token, "{\"type\":\"whoami\"}", "whoami"));
        AuthComponent agent = AuthComponent.of("agent", mint,
                token -> chatAnswer(token, "{\"type\":\"agent\",\"task\":\"t\"}", "agent-done"));

        // then
        FragmentationAssertions.assertGoldenPath(loginComponent, List.of(chatApi, chatWebSocket, agent), 3);
        FragmentationAssertions.assertCrossValidation(List.of(loginComponent, chatApi, chatWebSocket, agent));
        FragmentationAssertions.assertContextIsolation(agent, 4, 2);
    }

    private static String chatAnswer(String token, String message, String type) {
        try (SocketClient socket = SocketClient.open(chat.client().http(), chat.client().ws(ChatRoom.PATH), token,
                SocketClient.Transport.HEADER, Duration.ofSeconds(20))) {
            return (String) ask(socket, message, type).get("subject");
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return null; // refused
        }
    }
}
