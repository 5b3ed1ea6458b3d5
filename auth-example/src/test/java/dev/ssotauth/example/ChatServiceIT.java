package dev.ssotauth.example;

import static dev.ssotauth.example.Clients.ask;
import static dev.ssotauth.example.Clients.chat;
import static dev.ssotauth.example.Clients.handshakeStatus;
import static dev.ssotauth.example.Clients.login;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The jar started with no configuration at all ({@code java -jar auth-example.jar --port 0}), driven
 * from outside by the JDK's HTTP and WebSocket clients: the README's promise, checked.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
final class ChatServiceIT {

    private static ServiceProcess service;
    private static ApiClient client;
    /** Every token the service issued to these tests: none may ever appear in its output. */
    private static final List<String> TOKENS = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        service = ServiceProcess.start(Map.of());
        client = service.client();
    }

    @AfterAll
    static void stop() throws Exception {
        if (service != null) {
            service.close();
        }
    }

    private static String loginAs(String user) throws Exception {
        String token = login(client, user);
        TOKENS.add(token);
        return token;
    }

    @Test
    void startWhenNothingConfiguredThenEphemeralSecretAndDemoUsersAnnounced() {
        // when
        String output = service.output();

        // then
        assertAll(
                () -> assertTrue(output.contains("keys: an ephemeral random HMAC secret made at start (fingerprint "),
                        output),
                () -> assertTrue(output.contains("never printed): tokens die with this process"), output),
                () -> assertTrue(output.contains("demo users: any name matching [a-z][a-z0-9-]{0,31} logs in with "
                        + "password 'demo' and gets role user; alice also gets admin"), output),
                () -> assertTrue(output.contains("issuer ssot-auth-example, audience chat"), output),
                () -> assertTrue(output.contains("listening on http://127.0.0.1:" + service.port()), output));
    }

    @Test
    void loginWhenDemoPasswordThenBearerToken() throws Exception {
        // when
        ApiClient.Answer answer = client.postLogin("bob", "demo");

        // then
        Map<String, Object> body = answer.json();
        assertEquals(200, answer.status(), answer.body());
        assertEquals("Bearer", body.get("token_type"));
        assertEquals("900", String.valueOf(body.get("expires_in")));
        assertTrue(body.get("access_token") instanceof String);
        assertEquals("no-store", answer.headers().firstValue("Cache-Control").orElse(""));
        TOKENS.add((String) body.get("access_token"));
    }

    @ParameterizedTest
    @CsvSource({"bob,wrong", "bob,''", "Bob,demo", "-bob,demo", "a-name-that-is-longer-than-32-chars,demo"})
    void loginWhenWrongCredentialsThen401WithoutToken(String user, String password) throws Exception {
        // when
        ApiClient.Answer answer = client.postLogin(user, password);

        // then
        assertEquals(401, answer.status());
        assertEquals(Map.of("error", "invalid_credentials", "message", "wrong user name or password"), answer.json());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "POST | application/json | not json                              | 400 | invalid_request",
        "POST | application/json | []                                    | 400 | invalid_request",
        "POST | application/json | {\"username\":\"bob\"}                | 400 | invalid_request",
        "POST | application/json | {\"username\":1,\"password\":\"demo\"} | 400 | invalid_request",
        "POST | application/json | {\"username\":\"a\",\"username\":\"b\",\"password\":\"demo\"} | 400 | invalid_request",
        "POST | text/plain       | {}                                    | 415 | unsupported_media_type",
        "GET  |                  |                                       | 405 | method_not_allowed",
        "PUT  | application/json | {}                                    | 405 | method_not_allowed"})
    void loginWhenBadRequestThen4xxJsonWithoutDetails(String method, String contentType, String body, int status,
            String error) throws Exception {
        // when
        ApiClient.Answer answer = client.send(method, "/login", null, contentType, body);

        // then
        assertEquals(status, answer.status(), answer.body());
        assertEquals(error, answer.json().get("error"), answer.body());
        assertFalse(answer.body().contains("Exception") || answer.body().contains("\tat "), answer.body());
    }

    @Test
    void loginWhenBodyTooLargeThen413() throws Exception {
        // given
        String body = "{\"username\":\"bob\",\"password\":\"" + "x".repeat(5000) + "\"}";

        // when
        ApiClient.Answer answer = client.send("POST", "/login", null, "application/json", body);

        // then
        assertEquals(413, answer.status());
        assertEquals("request_too_large", answer.json().get("error"));
    }

    @Test
    void meWhenAliceThenHerVerifiedUserContext() throws Exception {
        // given
        String token = loginAs("alice");

        // when
        ApiClient.Answer answer = client.get("/api/me", token);

        // then
        Map<String, Object> me = answer.json();
        assertEquals(200, answer.status(), answer.body());
        assertEquals("alice", me.get("subject"));
        assertEquals(List.of("admin", "user"), me.get("roles"));
        assertEquals("ssot-auth-example", me.get("issuer"));
        assertEquals(List.of("chat"), me.get("audience"));
        assertTrue(me.get("sessionId") instanceof String);
        Instant expiresAt = Instant.parse((String) me.get("expiresAt"));
        Instant issuedAt = Instant.parse((String) me.get("issuedAt"));
        assertEquals(Duration.ofMinutes(15), Duration.between(issuedAt, expiresAt));
    }

    @Test
    void meWhenNoTokenThen401WithChallenge() throws Exception {
        // when
        ApiClient.Answer answer = client.get("/api/me", null);

        // then
        assertEquals(401, answer.status());
        assertEquals("Bearer", answer.headers().firstValue("WWW-Authenticate").orElse(""));
        assertEquals("{\"error\":\"unauthorized\"}", answer.body());
    }

    @Test
    void meWhenTokenTamperedThen401InvalidToken() throws Exception {
        // given
        String token = loginAs("bob");
        String tampered = token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");

        // when
        ApiClient.Answer answer = client.get("/api/me", tampered);

        // then
        assertEquals(401, answer.status());
        assertEquals("Bearer error=\"invalid_token\"", answer.headers().firstValue("WWW-Authenticate").orElse(""));
        assertFalse(answer.body().contains(Clients.signature(tampered)));
    }

    @Test
    void getWhenUnknownPathOrNoPublishedKeysOrNoAdminStatsThen404Json() throws Exception {
        // when
        ApiClient.Answer unknown = client.get("/nothing/here", null);
        ApiClient.Answer jwks = client.get("/.well-known/jwks.json", null);
        ApiClient.Answer stats = client.get("/admin/stats", null);

        // then: nothing published for an HMAC secret, no statistics without --admin-stats
        assertEquals(404, unknown.status());
        assertEquals("not_found", unknown.json().get("error"));
        assertEquals(404, jwks.status());
        assertEquals(404, stats.status());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "GET /%zz HTTP/1.1          | 400 | {\"error\":\"invalid_request\",\"message\":\"the request cannot be understood\"}",
        "GET /../../etc/passwd HTTP/1.1 | 400 | {\"error\":\"invalid_request\",\"message\":\"the request cannot be understood\"}",
        "TRACE / HTTP/1.1           | 405 | {\"error\":\"method_not_allowed\",\"message\":\"this resource does not take this method\"}"})
    void requestWhenTheContainerRefusesItThenJsonNeverAnHtmlReport(String requestLine, int status, String body)
            throws Exception {
        // when
        String response = raw(requestLine + "\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");

        // then
        assertTrue(response.startsWith("HTTP/1.1 " + status + " "), response);
        assertTrue(response.endsWith("\r\n\r\n" + body), response);
        assertFalse(response.contains("Apache Tomcat"), response);
    }

    private static String raw(String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", service.port())) {
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void pageWhenRequestedThenPlainHtmlWithTheElementsAndTheScript() throws Exception {
        // when
        ApiClient.Answer page = client.get("/", null);
        ApiClient.Answer script = client.get("/chat.js", null);

        // then
        assertEquals(200, page.status());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertEquals(PageServlet.CONTENT_SECURITY_POLICY,
                page.headers().firstValue("Content-Security-Policy").orElse(""));
        for (String id : List.of("username", "password", "login", "message", "send", "log")) {
            assertTrue(page.body().contains("id=\"" + id + "\""), "no element with id " + id);
        }
        assertEquals(200, script.status());
        assertTrue(script.body().contains("new WebSocket(url, [\"bearer\", token])"), script.body());
        assertTrue(script.body().contains("fetch(\"/login\""), script.body());
    }

    @Test
    void chatWhenTokenInSubprotocolThenBearerEchoedAndWhoamiIsTheUser() throws Exception {
        // given
        String token = loginAs("alice");

        // when
        try (SocketClient socket = chat(client, token, SocketClient.Transport.SUBPROTOCOL)) {
            Map<String, Object> whoami = ask(socket, "{\"type\":\"whoami\"}", "whoami");

            // then
            assertEquals("bearer", socket.subprotocol());
            assertEquals("alice", whoami.get("subject"));
            assertEquals(List.of("admin", "user"), whoami.get("roles"));
        }
    }

    @Test
    void chatWhenTokenInHeaderThenWhoamiIsTheUser() throws Exception {
        // given
        String token = loginAs("carol");

        // when
        try (SocketClient socket = chat(client, token, SocketClient.Transport.HEADER)) {
            Map<String, Object> whoami = ask(socket, "{\"type\":\"whoami\"}", "whoami");

            // then
            assertEquals("carol", whoami.get("subject"));
            assertEquals(List.of("user"), whoami.get("roles"));
        }
    }

    @Test
    void chatWhenTokenMissingOrTamperedThen401BeforeUpgrade() throws Exception {
        // given
        String token = loginAs("dave");
        String tampered = token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");

        // when / then
        assertEquals(401, handshakeStatus(client, null, SocketClient.Transport.HEADER));
        assertEquals(401, handshakeStatus(client, tampered, SocketClient.Transport.HEADER));
        assertEquals(401, handshakeStatus(client, tampered, SocketClient.Transport.SUBPROTOCOL));
        assertEquals(401, handshakeStatus(client, "not-a-token", SocketClient.Transport.HEADER));
    }

    @Test
    void sayWhenTwoUsersChatThenBothHearTheVerifiedSenderNeverAClaimedOne() throws Exception {
        // given
        try (SocketClient erin = chat(client, loginAs("erin"), SocketClient.Transport.HEADER);
             SocketClient frank = chat(client, loginAs("frank"), SocketClient.Transport.SUBPROTOCOL)) {
            ask(erin, "{\"type\":\"whoami\"}", "whoami");
            ask(frank, "{\"type\":\"whoami\"}", "whoami");

            // when: erin claims to be alice
            erin.send("{\"type\":\"say\",\"text\":\"hello frank\",\"from\":\"alice\"}");

            // then
            for (SocketClient socket : List.of(erin, frank)) {
                Map<String, Object> said = socket.await("said", Clients.STEP);
                assertNotNull(said);
                assertEquals(Map.of("type", "said", "from", "erin", "text", "hello frank"), said);
            }
        }
    }

    @Test
    void agentWhenAskedThenTheJobSeesTheUserWhoAskedOnItsOwnThread() throws Exception {
        // given
        try (SocketClient socket = chat(client, loginAs("grace"), SocketClient.Transport.HEADER)) {
            // when
            Map<String, Object> done = ask(socket, "{\"type\":\"agent\",\"task\":\"summarise my day\"}",
                    "agent-done");

            // then
            assertEquals(Map.of("type", "agent-done", "subject", "grace", "task", "summarise my day"), done);
        }
    }

    @Test
    void reauthWhenFreshTokenOfTheSameUserThenReauthedWithItsExpiryAndTheConnectionGoesOn() throws Exception {
        // given
        try (SocketClient socket = chat(client, loginAs("kate"), SocketClient.Transport.HEADER)) {
            ask(socket, "{\"type\":\"whoami\"}", "whoami");
            String fresh = loginAs("kate");
            String freshExpiry = (String) client.get("/api/me", fresh).json().get("expiresAt");

            // when
            Map<String, Object> reauthed = ask(socket, HttpJson.write(Map.of("type", "reauth", "token", fresh)),
                    "reauthed");

            // then
            assertEquals(Map.of("type", "reauthed", "expiresAt", freshExpiry), reauthed);
            Map<String, Object> whoami = ask(socket, "{\"type\":\"whoami\"}", "whoami");
            assertEquals("kate", whoami.get("subject"));
            assertEquals(freshExpiry, whoami.get("expiresAt"));
            assertFalse(socket.isClosed());
        }
    }

    @ParameterizedTest
    @CsvSource({"another user", "tampered", "garbage"})
    void reauthWhenTokenOfAnotherUserOrRefusedThenClosedWith1008(String which) throws Exception {
        // given
        String own = loginAs("liam");
        String other = loginAs("mia");
        String token = which.equals("another user") ? other
                : which.equals("tampered") ? own.substring(0, own.length() - 4) + (own.endsWith("AAAA") ? "BBBB" : "AAAA")
                : "not-a-token";
        try (SocketClient socket = chat(client, own, SocketClient.Transport.SUBPROTOCOL)) {
            ask(socket, "{\"type\":\"whoami\"}", "whoami");

            // when
            socket.send(HttpJson.write(Map.of("type", "reauth", "token", token)));

            // then
            assertEquals(1008, socket.closeCode(Clients.STEP));
        }
        assertEquals(200, client.get("/api/me", own).status(), "the refused reauth revoked nothing");
    }

    @Test
    void chatWhenMessageMalformedThenErrorAndTheConnectionStays() throws Exception {
        // given
        try (SocketClient socket = chat(client, loginAs("heidi"), SocketClient.Transport.HEADER)) {
            List<String> malformed = List.of("not json", "[]", "{}", "{\"type\":\"dance\"}", "{\"type\":\"say\"}",
                    "{\"type\":\"say\",\"text\":\"\"}", "{\"type\":\"say\",\"text\":\"" + "x".repeat(1001) + "\"}",
                    "{\"type\":\"agent\",\"task\":7}", "{\"type\":\"reauth\"}", "{\"type\":\"reauth\",\"token\":\"\"}");
            List<String> errors = new ArrayList<>();

            // when
            for (String message : malformed) {
                errors.add((String) ask(socket, message, "error").get("error"));
            }

            // then
            assertEquals(List.of("malformed_message", "malformed_message", "unknown_type", "unknown_type",
                    "invalid_message", "invalid_message", "invalid_message", "invalid_message", "invalid_message",
                    "invalid_message"), errors);
            assertEquals("heidi", ask(socket, "{\"type\":\"whoami\"}", "whoami").get("subject"));
            assertFalse(socket.isClosed());
        }
    }

    @Test
    void chatWhenFiftyUsersInterleaveThenNobodyEverSeesAnotherIdentity() throws Exception {
        // given
        int users = 50;
        int rounds = 3;
        CyclicBarrier barrier = new CyclicBarrier(users);
        ExecutorService threads = Executors.newFixedThreadPool(users);
        List<Future<List<String>>> results = new ArrayList<>();

        // when: every user logs in, checks /api/me, connects (half by header, half by subprotocol), and
        // then all users go through the rounds in step: whoami, an agent job and a message each round
        try {
            for (int i = 0; i < users; i++) {
                String name = "mix-" + i;
                SocketClient.Transport transport = i % 2 == 0 ? SocketClient.Transport.HEADER
                        : SocketClient.Transport.SUBPROTOCOL;
                results.add(threads.submit(() -> walk(name, transport, users, rounds, barrier)));
            }

            // then
            List<String> problems = new ArrayList<>();
            for (Future<List<String>> result : results) {
                problems.addAll(result.get(3, TimeUnit.MINUTES));
            }
            assertEquals(List.of(), problems);
        } finally {
            threads.shutdownNow();
        }
    }

    private static List<String> walk(String name, SocketClient.Transport transport, int users, int rounds,
            CyclicBarrier barrier) throws Exception {
        List<String> problems = new ArrayList<>();
        String token = loginAs(name);
        Object me = client.get("/api/me", token).json().get("subject");
        if (!name.equals(me)) {
            problems.add(name + ": /api/me said " + me);
        }
        try (SocketClient socket = chat(client, token, transport)) {
            // The client may see the upgrade before the server's onOpen has joined this connection to
            // the room; a first answer proves it has, so nobody's first message can miss it.
            socket.send("{\"type\":\"whoami\"}");
            awaitField(socket, m -> "whoami".equals(m.get("type")), "subject");
            barrier.await(60, TimeUnit.SECONDS);
            for (int round = 0; round < rounds; round++) {
                String task = name + " task " + round;
                socket.send("{\"type\":\"whoami\"}");
                socket.send(HttpJson.write(Map.of("type", "agent", "task", task)));
                socket.send(HttpJson.write(Map.of("type", "say", "text", name + "#" + round)));
                Object whoami = awaitField(socket, m -> "whoami".equals(m.get("type")), "subject");
                Object agent = awaitField(socket, m -> "agent-done".equals(m.get("type")) && task.equals(m.get("task")),
                        "subject");
                if (!name.equals(whoami)) {
                    problems.add(name + ": whoami said " + whoami + " in round " + round);
                }
                if (!name.equals(agent)) {
                    problems.add(name + ": the agent job saw " + agent + " in round " + round);
                }
                barrier.await(60, TimeUnit.SECONDS);
            }
            int heard = 0;
            while (heard < users * rounds) {
                Map<String, Object> said = socket.await("said", Clients.STEP);
                if (said == null) {
                    problems.add(name + ": heard " + heard + " of " + users * rounds + " messages");
                    break;
                }
                String author = ((String) said.get("text")).split("#")[0];
                if (!author.equals(said.get("from"))) {
                    problems.add(name + ": a message of " + author + " arrived as from " + said.get("from"));
                }
                heard++;
            }
        }
        return problems;
    }

    private static Object awaitField(SocketClient socket, Predicate<Map<String, Object>> which,
            String field) throws InterruptedException {
        Map<String, Object> message = socket.await(which, Clients.STEP);
        return message == null ? "(nothing)" : message.get(field);
    }

    @Test
    void logoutWhenCalledThenThisSessionIsRefusedEverywhereAndAnotherSessionStillWorks() throws Exception {
        // given: ivan logged in twice (two sessions)
        String first = loginAs("ivan");
        String second = loginAs("ivan");

        // when
        ApiClient.Answer logout = client.post("/logout", first);

        // then
        assertEquals(200, logout.status(), logout.body());
        assertEquals(Map.of("status", "logged_out", "revoked", "session"), logout.json());
        assertEquals(401, client.get("/api/me", first).status());
        assertEquals(401, handshakeStatus(client, first, SocketClient.Transport.SUBPROTOCOL));
        assertEquals(200, client.get("/api/me", second).status());
    }

    @Test
    void logoutAllWhenCalledThenEveryTokenOfTheUserIsRefused() throws Exception {
        // given
        String first = loginAs("judy");
        String second = loginAs("judy");
        String other = loginAs("mallory");

        // when
        ApiClient.Answer logout = client.post("/logout-all", second);

        // then
        assertEquals(200, logout.status(), logout.body());
        assertEquals(Map.of("status", "logged_out", "revoked", "subject"), logout.json());
        assertEquals(401, client.get("/api/me", first).status());
        assertEquals(401, client.get("/api/me", second).status());
        assertEquals(200, client.get("/api/me", other).status());
    }

    @Test
    void logoutWhenNoTokenOrWrongMethodThenRefused() throws Exception {
        // when
        ApiClient.Answer anonymous = client.post("/logout", null);
        ApiClient.Answer get = client.get("/logout", loginAs("oscar"));

        // then
        assertEquals(401, anonymous.status());
        assertEquals(405, get.status());
        assertEquals("POST", get.headers().firstValue("Allow").orElse(""));
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void outputWhenEverythingAboveRanThenNoTokenWasEverPrinted() {
        // given
        String output = service.output();

        // then
        assertFalse(TOKENS.isEmpty());
        for (String token : TOKENS) {
            assertFalse(output.contains(Clients.signature(token)), "a token appeared in the service's output");
        }
        assertFalse(output.contains("Exception"), output);
    }
}
