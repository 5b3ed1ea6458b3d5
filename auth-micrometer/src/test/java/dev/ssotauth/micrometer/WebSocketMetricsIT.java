package dev.ssotauth.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ssotauth.core.JwtAuthority;
import dev.ssotauth.core.TokenRequest;
import dev.ssotauth.websocket.JwtUpgradeFilter;
import dev.ssotauth.websocket.WebSocketAuth;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.websocket.server.WsSci;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every WebSocket meter, and the authentication meters of the handshake, from real connections to
 * the adapter's {@link JwtUpgradeFilter} on embedded Tomcat: refused handshakes count their reason,
 * sessions count while open, and each way a session ends counts its close reason — expiry by the
 * authority's clock, revocation, a refused re-authentication, the peer, the server shutting down.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
final class WebSocketMetricsIT {

    private static final String CANARY = "CANARY9d2b";

    private final TestClock clock = new TestClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    private final AuthMetrics metrics = new AuthMetrics(clock);
    private final MeterRegistry registry = new SimpleMeterRegistry();
    private final JwtAuthority authority = JwtAuthority.builder()
            .hmacSecret((CANARY + "-secret-0123456789-abcdefghijklmnop").getBytes(StandardCharsets.UTF_8))
            .issuer("https://" + CANARY + ".example").audience(CANARY).clock(clock).clockSkew(Duration.ZERO)
            .listener(metrics).build();
    private final HttpClient http = HttpClient.newHttpClient();
    private Tomcat tomcat;
    private Path baseDir;

    /** Echoes text as the connection's user; {@code reauth <token>} re-authenticates in band. */
    public static final class Echo extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(String.class, (MessageHandler.Whole<String>) text -> {
                if (text.startsWith("reauth ")) {
                    if (WebSocketAuth.reauthenticate(session, text.substring("reauth ".length()))) {
                        session.getAsyncRemote().sendText("reauthenticated");
                    }
                    return;
                }
                WebSocketAuth.runAs(session, () -> session.getAsyncRemote().sendText(text));
            });
        }
    }

    /** A client connection and how it ended. */
    private static final class Client implements WebSocket.Listener {
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        final CompletableFuture<String> echoed = new CompletableFuture<>();
        WebSocket socket;

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            echoed.complete(data.toString());
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.completeExceptionally(error);
        }

        int closeCode() throws Exception {
            return closed.get(20, TimeUnit.SECONDS);
        }
    }

    @AfterEach
    void stop() throws Exception {
        if (tomcat != null) {
            stopTomcat();
        }
        authority.close();
    }

    private void startTomcat() throws Exception {
        baseDir = Files.createTempDirectory(Files.createDirectories(Path.of("target").toAbsolutePath()), "tomcat");
        tomcat = new Tomcat();
        tomcat.setBaseDir(baseDir.toString());
        Connector connector = new Connector("HTTP/1.1");
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        tomcat.getService().addConnector(connector);
        tomcat.setConnector(connector);
        Context context = tomcat.addContext("", baseDir.toString());
        context.addServletContainerInitializer(new WsSci(), null);
        context.addServletContainerInitializer((classes, servletContext) -> {
            // Embedded Tomcat answers 404 before any filter runs unless some servlet is mapped at "/".
            servletContext.addServlet("not-found", new HttpServlet() {
                private static final long serialVersionUID = 1L;

                @Override
                protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
                    response.sendError(404);
                }
            }).addMapping("/");
            servletContext.addFilter("chat", new JwtUpgradeFilter(authority,
                    ServerEndpointConfig.Builder.create(Echo.class, "/chat").build()))
                    .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/chat");
        }, null);
        tomcat.start();
    }

    private void stopTomcat() throws Exception {
        try {
            tomcat.stop();
            tomcat.destroy();
        } finally {
            tomcat = null;
            try (Stream<Path> paths = Files.walk(baseDir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
            for (String property : List.of("catalina.home", "catalina.base")) {
                if (baseDir.toString().equals(System.getProperty(property))) {
                    System.clearProperty(property);
                }
            }
        }
    }

    private URI chat() {
        return URI.create("ws://127.0.0.1:" + tomcat.getConnector().getLocalPort() + "/chat");
    }

    private String token(String subject, Duration ttl) {
        return authority.issue(TokenRequest.forSubject(subject).sessionId(CANARY + "-" + subject).ttl(ttl).build());
    }

    private Client connect(String token) throws Exception {
        Client client = new Client();
        client.socket = http.newWebSocketBuilder().header("Authorization", "Bearer " + token)
                .buildAsync(chat(), client).get(20, TimeUnit.SECONDS);
        return client;
    }

    private double count(String name, String... tags) {
        return registry.get(name).tags(tags).functionCounter().count();
    }

    private double openSessions() {
        return registry.get("ssot.auth.websocket.sessions").gauge().value();
    }

    /** Waits for what the server reports after the client has seen its side (onOpen may trail the 101). */
    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("never: " + what);
            }
            Thread.sleep(10);
        }
    }

    @Test
    void handshakesWhenForgedOrExpiredThenRejectedByReason() throws Exception {
        // given
        metrics.bindTo(registry);
        startTomcat();
        String expired = token("alice", Duration.ofMinutes(1));
        clock.advance(Duration.ofMinutes(2));
        String forged;
        try (JwtAuthority forger = JwtAuthority.builder().hmacSecret("another-secret-0123456789-abcdefghijklmnop"
                .getBytes(StandardCharsets.UTF_8)).issuer("https://" + CANARY + ".example").audience(CANARY)
                .clock(clock).build()) {
            forged = forger.issue(TokenRequest.forSubject("mallory").build());
        }

        // when
        for (String refused : List.of(forged, expired, "not-a-token")) { // 401 before any upgrade
            ExecutionException e = assertThrows(ExecutionException.class, () -> connect(refused));
            assertInstanceOf(WebSocketHandshakeException.class, e.getCause());
            assertEquals(401, ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode());
        }
        Client good = connect(token("bob", Duration.ofMinutes(5)));

        // then
        assertEquals(1, count("ssot.auth.authentications", "outcome", "rejected", "reason", "BAD_SIGNATURE"));
        assertEquals(1, count("ssot.auth.authentications", "outcome", "rejected", "reason", "EXPIRED"));
        assertEquals(1, count("ssot.auth.authentications", "outcome", "rejected", "reason", "MALFORMED"));
        assertEquals(1, count("ssot.auth.authentications", "outcome", "accepted", "reason", "none"));
        awaitTrue(() -> openSessions() == 1, "one session open");
        good.socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        good.closeCode();
    }

    @Test
    void sessionsWhenTheyEndEveryWayThenOpenSessionsAndClosesByReason() throws Exception {
        // given: five users connected
        metrics.bindTo(registry);
        startTomcat();
        Client expiring = connect(token("alice", Duration.ofMinutes(1)));
        Client revoked = connect(token("bob", Duration.ofMinutes(10)));
        Client reauth = connect(token("carol", Duration.ofMinutes(10)));
        Client leaving = connect(token("dave", Duration.ofMinutes(10)));
        Client staying = connect(token("erin", Duration.ofMinutes(10)));
        awaitTrue(() -> openSessions() == 5, "five sessions open");

        // when: alice's token expires by the authority's clock, and she sends a message
        clock.advance(Duration.ofMinutes(2));
        expiring.socket.sendText("hello", true);
        // bob is logged out everywhere
        authority.revokeSubject("bob");
        // carol re-authenticates with a token for someone else
        reauth.socket.sendText("reauth " + token("mallory", Duration.ofMinutes(5)), true);
        // dave leaves
        leaving.socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");

        // then
        assertEquals(List.of(1008, 1008, 1008, 1000), List.of(expiring.closeCode(), revoked.closeCode(),
                reauth.closeCode(), leaving.closeCode()));
        awaitTrue(() -> count("ssot.auth.websocket.closes", "reason", "other") == 1, "dave's close counted");
        assertEquals(1, count("ssot.auth.websocket.closes", "reason", "expired"));
        assertEquals(1, count("ssot.auth.websocket.closes", "reason", "revoked"));
        assertEquals(1, count("ssot.auth.websocket.closes", "reason", "reauth-refused"));
        assertEquals(1, count("ssot.auth.revocations", "kind", "subject"));
        assertEquals(1, openSessions());

        // when: the server shuts down with erin still connected
        stopTomcat();

        // then
        assertEquals(1001, staying.closeCode());
        assertEquals(1, count("ssot.auth.websocket.closes", "reason", "shutdown"));
        assertEquals(0, count("ssot.auth.websocket.closes", "reason", "unavailable"));
        assertEquals(0, openSessions());
        StringBuilder ids = new StringBuilder();
        registry.getMeters().forEach(meter -> ids.append(meter.getId()));
        assertFalse(ids.toString().contains(CANARY), ids::toString);
    }
}
