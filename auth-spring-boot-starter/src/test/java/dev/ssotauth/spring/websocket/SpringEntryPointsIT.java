package dev.ssotauth.spring.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ssotauth.core.JwtAuthority;
import dev.ssotauth.core.RevocationStore;
import dev.ssotauth.core.TokenRequest;
import dev.ssotauth.revocation.redis.RedisRevocationStore;
import dev.ssotauth.revocation.redis.RedisServer;
import dev.ssotauth.testkit.AuthComponent;
import dev.ssotauth.testkit.FragmentationAssertions;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A Spring app's entry points as a system: HTTP and STOMP accept exactly the tokens the authority
 * does (the testkit's cross-validation), and two nodes on one Redis close each other's STOMP
 * sessions when a user logs out on either.
 */
final class SpringEntryPointsIT {

    private static final String[] PROPERTIES = { "ssot.auth.secret-key=entry-points-secret-0123456789-abcdefghij",
            "ssot.auth.issuer=https://login.ssot-auth.test", "ssot.auth.audience=chat", WebSocketTestApplication.TOMCAT_BASE,
            "server.port=0" };

    private static ConfigurableApplicationContext node(String... more) {
        return new SpringApplicationBuilder(ChatNodeApp.class).properties(PROPERTIES).properties(more).run();
    }

    private static ConfigurableApplicationContext nodeOn(RedisServer redis) {
        return new SpringApplicationBuilder(ChatNodeApp.class, RedisStore.class).properties(PROPERTIES)
                .properties("test.redis.uri=" + redis.uri()).run();
    }

    private static int port(ConfigurableApplicationContext node) {
        return ((WebServerApplicationContext) node).getWebServer().getPort();
    }

    private static String command(String frame) {
        return frame.substring(0, frame.indexOf('\n'));
    }

    /** The subject the node's HTTP entry point reads from {@code token}, or {@code null} when refused. */
    private static String viaHttp(int port, String token) {
        try {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/api/me")).header("Authorization", "Bearer " + token)
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                return null;
            }
            String body = answer.body();
            int at = body.indexOf("\"subject\":\"") + "\"subject\":\"".length();
            return body.substring(at, body.indexOf('"', at));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** An open STOMP session of {@code token}'s user, or {@code null} when the handshake is refused. */
    private static TestSocket stomp(int port, String token) throws InterruptedException {
        TestSocket socket;
        try {
            socket = TestSocket.open(URI.create("ws://127.0.0.1:" + port + "/ws/stomp"), "Bearer " + token);
        } catch (CompletionException refused) {
            return null;
        }
        socket.send("CONNECT\naccept-version:1.2\nhost:localhost\nheart-beat:0,0\n\n\0");
        assertEquals("CONNECTED", command(socket.receive()));
        socket.send("SUBSCRIBE\nid:0\ndestination:/user/queue/whoami\n\n\0");
        return socket;
    }

    /** The subject the node's STOMP entry point reads from {@code token}, or {@code null} when refused. */
    private static String viaStomp(int port, String token) {
        try (TestSocket socket = stomp(port, token)) {
            if (socket == null) {
                return null;
            }
            socket.send("SEND\ndestination:/app/whoami\ncontent-type:text/plain\n\nwho\0");
            String message = socket.receive();
            assertEquals("MESSAGE", command(message));
            return message.substring(message.indexOf("\n\n") + 2, message.indexOf('\0'));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void crossValidationWhenTheAppsHttpAndStompEntryPointsThenEveryPairAgrees() {
        try (ConfigurableApplicationContext node = node()) {
            JwtAuthority authority = node.getBean(JwtAuthority.class);
            int port = port(node);
            java.util.function.Function<String, String> mint = subject -> authority.issue(
                    TokenRequest.forSubject(subject).sessionId("sid-" + subject).build());
            FragmentationAssertions.assertCrossValidation(List.of(AuthComponent.of("authority", authority),
                    AuthComponent.of("spring http", mint, token -> viaHttp(port, token)),
                    AuthComponent.of("spring stomp", mint, token -> viaStomp(port, token))));
        }
    }

    /** Each node's revocation store: one Redis. */
    static class RedisStore {
        @org.springframework.context.annotation.Bean(destroyMethod = "close")
        RedisRevocationStore revocationStore(org.springframework.core.env.Environment environment) {
            return RedisRevocationStore.builder(environment.getRequiredProperty("test.redis.uri")).build();
        }
    }

    @Test
    void logoutWhenTwoNodesShareOneRedisThenTheOtherNodesStompSessionClosesWith1008() throws Exception {
        try (RedisServer redis = RedisServer.start()) {
            try (ConfigurableApplicationContext a = nodeOn(redis);
                 ConfigurableApplicationContext b = nodeOn(redis)) {
                JwtAuthority authority = a.getBean(JwtAuthority.class);
                assertEquals(RedisRevocationStore.class, b.getBean(RevocationStore.class).getClass());
                String token = authority.issue(TokenRequest.forSubject("alice").sessionId("sid-alice").build());
                try (TestSocket onA = stomp(port(a), token)) {
                    // when alice logs out on node B
                    HttpResponse<String> logout = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port(b) + "/api/logout")).header("Authorization",
                            "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()).build(),
                            HttpResponse.BodyHandlers.ofString());
                    assertEquals(200, logout.statusCode(), logout.body());
                    // then her STOMP session on node A closes with 1008, and A refuses the token too
                    assertEquals(1008, onA.awaitClose().code());
                    assertEquals(null, viaHttp(port(a), token));
                }
            }
        }
    }
}
