package dev.ssotauth.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ssotauth.core.AuthResult;
import dev.ssotauth.core.RejectionReason;
import dev.ssotauth.core.testing.CapturedLogs;

import jakarta.websocket.WebSocketContainer;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * What the adapters must do on a real container, run once per container by {@link TomcatAdapterIT}
 * and {@link JettyAdapterIT} (each on its own test class path). The application is
 * {@link TestApplication}; clients are {@code java.net.http.WebSocket}, the container's Jakarta
 * WebSocket client and a raw socket for exact statuses and header lines. Everything is on 127.0.0.1
 * and a port the system picks; every wait is bounded.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
abstract class AdapterContract {

    /** Paths whose handshakes JwtUpgradeFilter authenticates: 401 with a challenge on failure. */
    private static final List<String> FILTER_PATHS = List.of("/ws/upgrade", "/ws/rooms/lobby", "/ws/app-protocol",
            "/ws/behind");
    /** Paths the container deployed, authenticated by JwtEndpointConfigurator: never 101 on failure. */
    private static final List<String> CONFIGURATOR_PATHS = List.of("/ws/annotated", "/ws/per-message",
            "/ws/programmatic");

    private TestServer server;
    private HttpClient http;
    private WebSocketContainer jakarta;

    /** @return the container under test, started with {@link TestApplication} */
    abstract TestServer startServer() throws Exception;

    @BeforeAll
    void start() throws Exception {
        CapturedLogs.install();
        TestAuthority.AUTHORITY.fingerprint(); // the configuration source is set before the container starts
        server = startServer();
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        jakarta = JakartaClient.container();
    }

    @AfterAll
    void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
    }

    // ---------------------------------------------------------------- HTTP: JwtAuthFilter

    @Test
    void authFilterWhenValidBearerThenRequestRunsAsTheUser() throws Exception {
        // when
        HttpResponse<String> response = get("/api/me", "Authorization", "Bearer " + TestAuthority.token("alice"));
        HttpResponse<String> admin = get("/api/me", "Authorization", "Bearer " + TestAuthority.adminToken("root"));

        // then: attribute, principal, AuthContext, role and auth type all name the token's user
        assertEquals(200, response.statusCode());
        assertEquals("alice|alice|alice|false|Bearer", response.body());
        assertEquals("root|root|root|true|Bearer", admin.body());
    }

    @Test
    void authFilterWhenSchemeHasOtherCaseThenAccepted() throws Exception {
        // when
        HttpResponse<String> response = get("/api/me", "Authorization", "bEaReR " + TestAuthority.token("alice"));

        // then
        assertEquals(200, response.statusCode());
    }

    @Test
    void authFilterWhenNoTokenThen401WithBareBearerChallenge() throws Exception {
        // when
        RawHttp.Response response = RawHttp.plain(server, "/api/me");
        RawHttp.Response basic = RawHttp.plain(server, "/api/me", "Authorization: Basic YWxpY2U6c2VjcmV0");

        // then: RFC 6750 §3.1, no error code for a request without authentication
        for (RawHttp.Response r : List.of(response, basic)) {
            assertEquals(401, r.status());
            assertEquals(List.of("Bearer"), r.headers("WWW-Authenticate"));
            assertEquals("{\"error\":\"unauthorized\"}", r.body());
            assertEquals("no-store", r.header("Cache-Control"));
        }
    }

    @Test
    void authFilterWhenTokenTamperedOrExpiredThen401InvalidToken() throws Exception {
        for (String token : List.of(TestAuthority.tampered("mallory"), TestAuthority.expired("alice"), "not-a-jwt")) {
            // when
            RawHttp.Response response = RawHttp.plain(server, "/api/me", "Authorization: Bearer " + token);

            // then
            assertEquals(401, response.status());
            assertEquals(List.of("Bearer error=\"invalid_token\""), response.headers("WWW-Authenticate"));
            assertEquals("{\"error\":\"invalid_token\"}", response.body());
        }
    }

    @Test
    void authFilterWhenTwoTokensThen400InvalidRequest() throws Exception {
        // given
        String alice = TestAuthority.token("alice");

        // when: two Authorization lines; a header and a query parameter; a header and a cookie
        RawHttp.Response twoHeaders = RawHttp.plain(server, "/api/me", "Authorization: Bearer " + alice,
                "Authorization: Bearer " + TestAuthority.token("bob"));
        RawHttp.Response headerAndQuery = RawHttp.plain(server, "/api-opt/me?access_token=" + alice,
                "Authorization: Bearer " + alice);
        RawHttp.Response headerAndCookie = RawHttp.plain(server, "/api-opt/me", "Authorization: Bearer " + alice,
                "Cookie: access_token=" + alice);

        // then
        for (RawHttp.Response r : List.of(twoHeaders, headerAndQuery, headerAndCookie)) {
            assertEquals(400, r.status());
            assertEquals(List.of("Bearer error=\"invalid_request\""), r.headers("WWW-Authenticate"));
            assertEquals("{\"error\":\"invalid_request\"}", r.body());
        }
    }

    @Test
    void authFilterWhenQueryOrCookieTransportNotEnabledThen401AndWhenEnabledThen200() throws Exception {
        // given
        String alice = TestAuthority.token("alice");

        // when
        RawHttp.Response queryOff = RawHttp.plain(server, "/api/me?access_token=" + alice);
        RawHttp.Response cookieOff = RawHttp.plain(server, "/api/me", "Cookie: access_token=" + alice);
        RawHttp.Response queryOn = RawHttp.plain(server, "/api-opt/me?x=1&access_token=" + alice);
        RawHttp.Response cookieOn = RawHttp.plain(server, "/api-opt/me", "Cookie: theme=dark; access_token=" + alice);

        // then
        assertEquals(401, queryOff.status());
        assertEquals(401, cookieOff.status());
        assertEquals(200, queryOn.status());
        assertEquals("alice|alice|alice|false|Bearer", queryOn.body());
        assertEquals(200, cookieOn.status());
    }

    @Test
    void authFilterWhenAuthorityUnavailableThen503NotA401() throws Exception {
        // when
        RawHttp.Response response = RawHttp.plain(server, "/api-unavailable/me",
                "Authorization: Bearer " + TestAuthority.token("alice"));

        // then
        assertEquals(503, response.status());
        assertTrue(response.headers("WWW-Authenticate").isEmpty());
        assertEquals("{\"error\":\"temporarily_unavailable\"}", response.body());
    }

    @Test
    void authFilterWhenRevocationStoreFailsUnexpectedlyThen503NotA401() throws Exception {
        // when: the token is good, but the authority cannot decide
        RawHttp.Response response = RawHttp.plain(server, "/api-broken/me",
                "Authorization: Bearer " + TestAuthority.token("alice"));

        // then
        assertEquals(503, response.status());
        assertTrue(response.headers("WWW-Authenticate").isEmpty());
        assertEquals("{\"error\":\"temporarily_unavailable\"}", response.body());
    }

    @Test
    void authFilterWhenKeysComeFromAPublishedSetThenRequestRunsAsTheUser() throws Exception {
        RawHttp.Response response = RawHttp.plain(server, "/api-remote/me",
                "Authorization: Bearer " + RemoteKeys.token("alice"));
        assertEquals(200, response.status());
        assertEquals("alice|alice|alice|false|Bearer", response.body());
        assertEquals(401, RawHttp.plain(server, "/api-remote/me", "Authorization: Bearer " + TestAuthority.token("alice"))
                .status());
    }

    // ------------------------------------------------------- WebSocket: successful handshakes

    @Test
    void upgradeFilterWhenAuthorizationHeaderThen101AndEndpointSeesTheSubject() throws Exception {
        // when
        try (JdkWebSocket ws = JdkWebSocket.open(http, server.ws("/ws/upgrade"),
                Map.of("Authorization", "Bearer " + TestAuthority.token("alice")), List.of())) {

            // then: the session's user and the AuthContext of onOpen and of the handler are alice
            assertEquals("open|alice|alice|-", ws.next());
            ws.send("hello");
            assertEquals("echo|alice|alice|hello", ws.next());
            assertEquals("", ws.subprotocol());
        }
    }

    @Test
    void upgradeFilterWhenSubprotocolPairThenEchoIsExactlyBearer() throws Exception {
        // given
        String token = TestAuthority.token("alice");

        // when: as a browser does it, new WebSocket(url, ["bearer", token])
        try (JdkWebSocket ws = JdkWebSocket.open(http, server.ws("/ws/upgrade"), Map.of(), List.of("bearer", token))) {
            // then
            assertEquals("bearer", ws.subprotocol());
            assertEquals("open|alice|alice|-", ws.next());
        }
        RawHttp.Response raw = RawHttp.upgrade(server, "/ws/upgrade", "Sec-WebSocket-Protocol: bearer, " + token);
        assertEquals(101, raw.status());
        assertEquals(List.of("bearer"), raw.headers("Sec-WebSocket-Protocol"));
    }

    @Test
    void upgradeFilterWhenEachSubprotocolOnItsOwnHeaderLineThenAccepted() throws Exception {
        // given
        String token = TestAuthority.token("alice");

        // when: one line per subprotocol, as Jetty's client sends them
        RawHttp.Response raw = RawHttp.upgrade(server, "/ws/upgrade", "Sec-WebSocket-Protocol: bearer",
                "Sec-WebSocket-Protocol: " + token);

        // then
        assertEquals(101, raw.status());
        assertEquals(List.of("bearer"), raw.headers("Sec-WebSocket-Protocol"));
    }

    @Test
    void jakartaClientWhenSubprotocolPairThenAcceptedOnEveryKindOfEndpoint() throws Exception {
        for (String path : List.of("/ws/upgrade", "/ws/behind", "/ws/annotated", "/ws/programmatic")) {
            // when: the container's own client
            JakartaClient.Connection connection = JakartaClient.connect(jakarta, server.ws(path),
                    List.of("bearer", TestAuthority.token("carol")), Map.of());
            try {
                // then
                assertEquals("bearer", connection.session.getNegotiatedSubprotocol(), path);
                assertEquals("open|carol|carol|-", connection.next(), path);
                connection.session.getBasicRemote().sendText("hi");
                assertEquals("echo|carol|carol|hi", connection.next(), path);
            } finally {
                connection.session.close();
            }
        }
    }

    @Test
    void upgradeFilterWhenApplicationSubprotocolOfferedThenItIsChosenAndNeverTheToken() throws Exception {
        // given
        String token = TestAuthority.token("dave");
        String kubernetes = "base64url.bearer.authorization.k8s.io."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(token.getBytes(StandardCharsets.US_ASCII));

        // when
        try (JdkWebSocket pair = JdkWebSocket.open(http, server.ws("/ws/app-protocol"), Map.of(),
                List.of("chat.v1", "bearer", token));
                JdkWebSocket k8s = JdkWebSocket.open(http, server.ws("/ws/app-protocol"), Map.of(),
                        List.of(kubernetes, "chat.v1"))) {

            // then
            assertEquals("chat.v1", pair.subprotocol());
            assertEquals("open|dave|dave|-", pair.next());
            assertEquals("chat.v1", k8s.subprotocol());
            assertEquals("open|dave|dave|-", k8s.next());
        }
    }

    @Test
    void upgradeFilterWhenEndpointPathHasParametersThenTheyReachTheEndpoint() throws Exception {
        // when
        try (JdkWebSocket ws = JdkWebSocket.open(http, server.ws("/ws/rooms/lobby"),
                Map.of("Authorization", "Bearer " + TestAuthority.token("erin")), List.of())) {
            // then
            assertEquals("open|erin|erin|lobby", ws.next());
        }
    }

    @Test
    void configuratorWhenAnnotatedOrProgrammaticEndpointThen101AndEndpointSeesTheSubject() throws Exception {
        for (String path : CONFIGURATOR_PATHS) {
            // when
            try (JdkWebSocket ws = JdkWebSocket.open(http, server.ws(path), Map.of(),
                    List.of("bearer", TestAuthority.token("frank")))) {
                // then
                assertEquals("bearer", ws.subprotocol(), path);
                assertTrue(ws.next().startsWith("open|frank|"), path);
                ws.send("x");
                assertTrue(ws.next().startsWith("echo|frank|"), path);
            }
        }
    }

    // --------------------------------------------------------- WebSocket: refused handshakes

    @Test
    void upgradeFilterWhenMissingTamperedOrExpiredThen401WithChallengeAndNever101() throws Exception {
        for (String path : FILTER_PATHS) {
            // when
            RawHttp.Response missing = RawHttp.upgrade(server, path);
            RawHttp.Response tampered = RawHttp.upgrade(server, path,
                    "Sec-WebSocket-Protocol: bearer, " + TestAuthority.tampered("mallory"));
            RawHttp.Response expired = RawHttp.upgrade(server, path,
                    "Authorization: Bearer " + TestAuthority.expired("alice"));

            // then
            assertEquals(401, missing.status(), path);
            assertEquals(List.of("Bearer"), missing.headers("WWW-Authenticate"), path);
            for (RawHttp.Response refused : List.of(tampered, expired)) {
                assertEquals(401, refused.status(), path);
                assertEquals(List.of("Bearer error=\"invalid_token\""), refused.headers("WWW-Authenticate"), path);
                assertEquals("{\"error\":\"invalid_token\"}", refused.body(), path);
            }
        }
    }

    @Test
    void configuratorWhenMissingTamperedOrExpiredThenNever101() throws Exception {
        for (String path : CONFIGURATOR_PATHS) {
            for (String offer : List.of("", "Sec-WebSocket-Protocol: bearer, " + TestAuthority.tampered("mallory"),
                    "Authorization: Bearer " + TestAuthority.expired("alice"), "Sec-WebSocket-Protocol: bearer")) {
                // when: a configurator cannot answer 401; the container turns the refusal into an error
                RawHttp.Response response = offer.isEmpty() ? RawHttp.upgrade(server, path)
                        : RawHttp.upgrade(server, path, offer);

                // then
                assertNotEquals(101, response.status(), path + " " + offer);
                assertTrue(response.status() >= 400, path + " answered " + response.status());
                assertNoToken(response.body());
            }
        }
    }

    @Test
    void jdkClientWhenRefusedThenHandshakeFailsOnEveryPath() {
        List<String> all = new ArrayList<>(FILTER_PATHS);
        all.addAll(CONFIGURATOR_PATHS);
        for (String path : all) {
            // when
            JdkWebSocket.Refused refused = assertThrows(JdkWebSocket.Refused.class, () -> JdkWebSocket.open(http,
                    server.ws(path), Map.of(), List.of("bearer", TestAuthority.tampered("mallory"))));

            // then
            assertNotEquals(101, refused.status, path);
            if (FILTER_PATHS.contains(path)) {
                assertEquals(401, refused.status, path);
            }
        }
    }

    @Test
    void upgradeFilterWhenTwoTokensThen400InvalidRequest() throws Exception {
        // when
        RawHttp.Response response = RawHttp.upgrade(server, "/ws/upgrade",
                "Authorization: Bearer " + TestAuthority.token("alice"),
                "Sec-WebSocket-Protocol: bearer, " + TestAuthority.token("bob"));

        // then
        assertEquals(400, response.status());
        assertEquals(List.of("Bearer error=\"invalid_request\""), response.headers("WWW-Authenticate"));
    }

    @Test
    void upgradeFilterWhenHandshakeHeadersAreIncompleteThenRefusedWithout101() throws Exception {
        // given a valid token but no Sec-WebSocket-Key
        String token = TestAuthority.token("alice");

        // when
        RawHttp.Response response = RawHttp.plain(server, "/ws/upgrade", "Upgrade: websocket",
                "Sec-WebSocket-Version: 13", "Authorization: Bearer " + token);

        // then
        assertEquals(400, response.status());
        assertNoToken(response.body());
    }

    @Test
    void upgradeFilterWhenAuthorityUnavailableThen503() throws Exception {
        // when
        RawHttp.Response response = RawHttp.upgrade(server, "/ws/unavailable",
                "Authorization: Bearer " + TestAuthority.token("alice"));

        // then
        assertEquals(503, response.status());
        assertTrue(response.headers("WWW-Authenticate").isEmpty());
    }

    @Test
    void upgradeFilterWhenRevocationStoreFailsUnexpectedlyThen503AndNo101() throws Exception {
        // when
        RawHttp.Response response = RawHttp.upgrade(server, "/ws/broken",
                "Authorization: Bearer " + TestAuthority.token("alice"));

        // then
        assertEquals(503, response.status());
        assertTrue(response.headers("WWW-Authenticate").isEmpty());
    }

    @Test
    void originAllowListWhenOtherOriginThen403AndWhenAllowedThenCookieAndQueryWork() throws Exception {
        // given
        String token = TestAuthority.token("grace");

        // when
        RawHttp.Response evilFilter = RawHttp.upgrade(server, "/ws/opt", "Origin: https://evil.example",
                "Cookie: access_token=" + token);
        RawHttp.Response evilConfigurator = RawHttp.upgrade(server, "/ws/programmatic-origin",
                "Origin: https://evil.example", "Cookie: access_token=" + token);
        RawHttp.Response cookie = RawHttp.upgrade(server, "/ws/opt", "Origin: " + TestApplication.ALLOWED_ORIGIN,
                "Cookie: access_token=" + token);
        RawHttp.Response query = RawHttp.upgrade(server, "/ws/opt?access_token=" + token,
                "Origin: " + TestApplication.ALLOWED_ORIGIN);
        RawHttp.Response cookieConfigurator = RawHttp.upgrade(server, "/ws/programmatic-origin",
                "Origin: " + TestApplication.ALLOWED_ORIGIN, "Cookie: access_token=" + token);
        RawHttp.Response queryNotEnabled = RawHttp.upgrade(server, "/ws/upgrade?access_token=" + token);

        // then
        assertEquals(403, evilFilter.status());
        assertEquals(403, evilConfigurator.status());
        assertEquals(101, cookie.status());
        assertEquals(101, query.status());
        assertEquals(101, cookieConfigurator.status());
        assertEquals(401, queryNotEnabled.status());
    }

    // -------------------------------------------------------------- isolation under load

    @Test
    void upgradeFilterWhen200UsersAtOnceThenEachSeesOnlyItsOwnIdentity() throws Exception {
        assertIsolation("/ws/upgrade");
    }

    @Test
    void configuratorWhen200UsersAtOnceThenEachSeesOnlyItsOwnIdentity() throws Exception {
        assertIsolation("/ws/annotated");
    }

    private void assertIsolation(String path) throws Exception {
        // given 200 distinct users, each with a connection, each sending 50 messages concurrently
        int users = 200;
        int messages = 50;
        Set<String> mixUps = ConcurrentHashMap.newKeySet();
        ExecutorService clients = Executors.newFixedThreadPool(users);
        List<JdkWebSocket> connections = new ArrayList<>();
        try {
            List<Future<JdkWebSocket>> opening = new ArrayList<>();
            for (int i = 0; i < users; i++) {
                String user = "user-" + i;
                opening.add(clients.submit(() -> JdkWebSocket.open(http, server.ws(path), Map.of(),
                        List.of("bearer", TestAuthority.token(user)))));
            }
            for (Future<JdkWebSocket> f : opening) {
                connections.add(f.get(60, TimeUnit.SECONDS));
            }

            // when
            List<Future<Integer>> done = new ArrayList<>();
            for (int i = 0; i < users; i++) {
                String user = "user-" + i;
                JdkWebSocket ws = connections.get(i);
                done.add(clients.submit(() -> {
                    int seen = 0;
                    check(ws.next(), "open|" + user + "|" + user + "|-", mixUps);
                    for (int m = 0; m < messages; m++) {
                        ws.send("m" + m);
                        check(ws.next(), "echo|" + user + "|" + user + "|m" + m, mixUps);
                        seen++;
                    }
                    return seen;
                }));
            }
            int total = 0;
            for (Future<Integer> f : done) {
                total += f.get(60, TimeUnit.SECONDS);
            }

            // then
            assertEquals(Set.of(), mixUps);
            assertEquals(users * messages, total);
        } finally {
            for (JdkWebSocket ws : connections) {
                ws.close();
            }
            clients.shutdownNow();
        }
    }

    private static void check(String actual, String expected, Set<String> mixUps) {
        if (!actual.equals(expected)) {
            mixUps.add("expected " + expected + " got " + actual);
        }
    }

    // ------------------------------------------------------------------- long-lived sessions

    @Test
    void upgradeFilterWhenTokenExpiresThenClosedWith1008AtExp() throws Exception {
        assertClosedAtExpiry("/ws/upgrade");
    }

    @Test
    void configuratorWhenTokenExpiresThenClosedWith1008AtExp() throws Exception {
        assertClosedAtExpiry("/ws/annotated");
    }

    private void assertClosedAtExpiry(String path) throws Exception {
        // given a token that lives two to three seconds (the authority's clock skew is zero)
        String token = TestAuthority.token("heidi", Duration.ofSeconds(3));
        Instant exp = TestAuthority.AUTHORITY.verify(token).expiresAt();

        // when: nothing is sent, so only the expiry timer can close it
        try (JdkWebSocket ws = JdkWebSocket.open(http, server.ws(path), Map.of(), List.of("bearer", token))) {
            assertEquals("open|heidi|heidi|-", ws.next());
            JdkWebSocket.Closed closed = ws.awaitClose(20);

            // then: closed by policy, not before exp (how long after is a figure, printed)
            assertEquals(1008, closed.code());
            assertEquals("token expired", closed.reason());
            Duration late = Duration.between(exp, closed.at());
            assertFalse(late.isNegative(), "closed " + late.negated() + " before exp");
            System.out.printf("[measured] %s %s: closed with 1008 %d ms after exp%n", getClass().getSimpleName(), path,
                    late.toMillis());
        }
    }

    @Test
    void upgradeFilterWhenSessionIsRevokedThenOpenSocketClosedWith1008() throws Exception {
        assertClosedAtRevocation("/ws/upgrade");
    }

    @Test
    void configuratorWhenSubjectIsRevokedThenOpenSocketClosedWith1008() throws Exception {
        assertClosedAtRevocation("/ws/annotated");
    }

    private void assertClosedAtRevocation(String path) throws Exception {
        // given an open socket of a user with a login session, and one of another user
        String subject = "rev-" + path.hashCode();
        String session = "sid-" + System.nanoTime();
        String token = TestAuthority.remember(TestAuthority.AUTHORITY.issue(
                dev.ssotauth.core.TokenRequest.forSubject(subject).sessionId(session).build()));
        String other = TestAuthority.token("bystander");
        try (JdkWebSocket ws = JdkWebSocket.open(http, server.ws(path), Map.of(), List.of("bearer", token));
                JdkWebSocket bystander = JdkWebSocket.open(http, server.ws(path), Map.of(), List.of("bearer", other))) {
            assertEquals("open|" + subject + "|" + subject + "|-", ws.next());
            assertEquals("open|bystander|bystander|-", bystander.next());

            // when the session (upgrade filter) or the subject (configurator) is revoked
            Instant revokedAt = Instant.now();
            if (path.equals("/ws/upgrade")) {
                TestAuthority.AUTHORITY.revokeSession(session);
            } else {
                TestAuthority.AUTHORITY.revokeSubject(subject);
            }
            JdkWebSocket.Closed closed = ws.awaitClose(10);

            // then that socket closes by policy, and the other, told of the same revocation, stays open
            assertEquals(1008, closed.code());
            assertEquals("token revoked", closed.reason());
            bystander.send("still here");
            assertEquals("echo|bystander|bystander|still here", bystander.next());
            System.out.printf("[measured] %s %s: closed with 1008 %d ms after the revocation%n",
                    getClass().getSimpleName(), path, Duration.between(revokedAt, closed.at()).toMillis());
        }
    }

    @Test
    void checkExpiryWhenMessageArrivesAfterExpThenClosedWith1008AndNotHandled() throws Exception {
        // given an endpoint that starts no timer, and a token that lives two to three seconds
        String token = TestAuthority.token("ivan", Duration.ofSeconds(3));
        try (JdkWebSocket ws = JdkWebSocket.open(http, server.ws("/ws/per-message"), Map.of(),
                List.of("bearer", token))) {
            assertEquals("open|ivan|-|-", ws.next());
            awaitExpired(token);

            // when
            ws.send("late");

            // then
            JdkWebSocket.Closed closed = ws.awaitClose(20);
            assertEquals(1008, closed.code());
            assertEquals("token expired", closed.reason());
            assertEquals(List.of(), ws.pending());
        }
    }

    @Test
    void reauthenticateWhenFreshTokenForSameSubjectThenSessionOutlivesTheFirstToken() throws Exception {
        // given a socket, and beside it a control socket whose token expires no earlier (issued after it)
        String first = TestAuthority.token("judy", Duration.ofSeconds(3));
        String control = TestAuthority.token("judy", Duration.ofSeconds(3));
        try (JdkWebSocket ws = JdkWebSocket.open(http, server.ws("/ws/upgrade"), Map.of(), List.of("bearer", first));
                JdkWebSocket unrefreshed = JdkWebSocket.open(http, server.ws("/ws/upgrade"), Map.of(),
                        List.of("bearer", control))) {
            assertEquals("open|judy|judy|-", ws.next());
            assertEquals("open|judy|judy|-", unrefreshed.next());

            // when one re-authenticates, and the control is closed at its exp (when the first token's had come)
            ws.send("reauth " + TestAuthority.token("judy", Duration.ofMinutes(5)));
            assertEquals("reauth|judy", ws.next());
            JdkWebSocket.Closed controlClosed = unrefreshed.awaitClose(20);

            // then
            assertEquals("token expired", controlClosed.reason());
            assertFalse(ws.isClosed());
            ws.send("still here");
            assertEquals("echo|judy|judy|still here", ws.next());
        }
    }

    @Test
    void reauthenticateWhenOtherSubjectOrBadTokenThenClosedWith1008() throws Exception {
        for (String path : List.of("/ws/upgrade", "/ws/annotated")) {
            // given
            try (JdkWebSocket other = JdkWebSocket.open(http, server.ws(path), Map.of(),
                    List.of("bearer", TestAuthority.token("kim")));
                    JdkWebSocket tampered = JdkWebSocket.open(http, server.ws(path), Map.of(),
                            List.of("bearer", TestAuthority.token("kim")))) {
                other.next();
                tampered.next();

                // when
                other.send("reauth " + TestAuthority.token("mallory"));
                tampered.send("reauth " + TestAuthority.tampered("kim"));

                // then
                JdkWebSocket.Closed otherClosed = other.awaitClose(20);
                assertEquals(1008, otherClosed.code(), path);
                assertEquals("subject changed", otherClosed.reason(), path);
                JdkWebSocket.Closed tamperedClosed = tampered.awaitClose(20);
                assertEquals(1008, tamperedClosed.code(), path);
                assertEquals("token rejected", tamperedClosed.reason(), path);
            }
        }
    }

    // --------------------------------------------------------------------------- no leaks

    @Test
    @Order(Integer.MAX_VALUE)
    void stopWhenEveryTestHasRunThenNoSsotAuthThreadIsLeftAndTheContainerWarnsOfNone() throws Exception {
        // given: the application's remote key set was fetched, on ssot-auth threads of the application
        assertTrue(TestApplication.REMOTE.get().fetches() > 0, "the remote key set was never fetched");

        // when: the container stops the application, which closes its authority
        server.stop();
        server = null;

        // then: no thread of ours is left (idle expiry timers end within seconds), and the container saw
        // none to complain about
        java.util.function.Supplier<List<String>> left = () -> Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive).map(Thread::getName).filter(name -> name.startsWith("ssot-auth")).toList();
        Instant deadline = Instant.now().plusSeconds(20);
        while (!left.get().isEmpty() && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        assertEquals(List.of(), left.get());
        for (String line : CapturedLogs.lines()) {
            assertFalse(line.contains("failed to stop it"), line);
        }
    }

    @Test
    @Order(Integer.MAX_VALUE - 1)
    void logsWhenEveryTestHasRunThenNoLineContainsAToken() {
        // given every token handed out in this JVM, and every captured log line
        Set<String> tokens = TestAuthority.issued();
        List<String> lines = CapturedLogs.lines();

        // then: the capture saw this library's debug lines and the container's lines, and neither a
        // whole token nor its signature appears in any of them
        assertTrue(tokens.size() > 400, "tokens issued: " + tokens.size());
        assertTrue(lines.stream().anyMatch(l -> l.contains("with a rejected bearer token: BAD_SIGNATURE")), "no debug lines");
        assertTrue(lines.stream().anyMatch(l -> l.contains("HandshakeRefusedException")), "no container lines");
        for (String line : lines) {
            assertNoToken(line);
        }
    }

    private static void assertNoToken(String text) {
        for (String token : TestAuthority.issued()) {
            String signature = token.substring(token.lastIndexOf('.') + 1);
            assertFalse(text.contains(signature), "a token appears in: " + text);
        }
    }

    private HttpResponse<String> get(String path, String header, String value) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(server.http(path)).timeout(Duration.ofSeconds(20))
                .header(header, value).GET().build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertNoToken(response.body());
        return response;
    }

    /** Waits until the process's authority, the one the server uses, refuses {@code token} as expired. */
    private static void awaitExpired(String token) throws InterruptedException {
        while (!(TestAuthority.AUTHORITY.authenticate(token) instanceof AuthResult.Rejected rejected
                && rejected.reason() == RejectionReason.EXPIRED)) {
            Thread.sleep(20); // bounded by the class's @Timeout
        }
    }
}
