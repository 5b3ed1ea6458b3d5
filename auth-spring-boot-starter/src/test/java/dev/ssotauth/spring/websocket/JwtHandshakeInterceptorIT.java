package dev.ssotauth.spring.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ssotauth.core.JwtAuthority;
import dev.ssotauth.core.TokenRequest;
import dev.ssotauth.testkit.OffsetClock;

import java.net.URI;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * {@link JwtHandshakeInterceptor} on embedded Tomcat with a raw {@code WebSocketHandler}: refusals
 * before the upgrade, both token transports, the session's user, and the 1008 closes at expiry and on
 * revocation.
 */
@SpringBootTest(classes = WebSocketTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = WebSocketTestApplication.TOMCAT_BASE)
@ExtendWith(OutputCaptureExtension.class)
final class JwtHandshakeInterceptorIT {

    private static final String PATH = "/ws/echo";

    @LocalServerPort
    private int port;
    @Autowired
    private JwtAuthority authority;
    @Autowired
    private OffsetClock clock;

    private URI uri() {
        return URI.create("ws://127.0.0.1:" + port + PATH);
    }

    private static String subject() {
        return "user-" + UUID.randomUUID();
    }

    private String token(String subject) {
        return authority.issue(TokenRequest.forSubject(subject).sessionId("sid-" + subject).build());
    }

    private static String tampered(String token) {
        char last = token.charAt(token.length() - 2);
        return token.substring(0, token.length() - 2) + (last == 'A' ? 'B' : 'A') + token.charAt(token.length() - 1);
    }

    @Test
    void handshakeWhenNoTokenThen401BearerChallengeBeforeAnyUpgrade() throws Exception {
        // when
        String answer = TestSocket.upgrade(port, PATH);

        // then
        assertTrue(answer.startsWith("HTTP/1.1 401"), answer);
        assertTrue(answer.contains("\r\nWWW-Authenticate: Bearer\r\n"), answer);
        assertTrue(answer.endsWith("{\"error\":\"unauthorized\"}"), answer);
        assertFalse(answer.toLowerCase().contains("upgrade: websocket"), answer);
    }

    @Test
    void handshakeWhenTokenTamperedOrExpiredThen401InvalidTokenWithoutTokenOrClaim(CapturedOutput output)
            throws Exception {
        // given
        String subject = subject();
        String tampered = tampered(token(subject));
        String expired = token(subject);
        clock.advance(authority.tokenTtl().plusMinutes(1));

        for (String token : List.of(tampered, expired, "not-a-jwt")) {
            // when
            String byHeader = TestSocket.upgrade(port, PATH, "Authorization: Bearer " + token);
            String bySubprotocol = TestSocket.upgrade(port, PATH, "Sec-WebSocket-Protocol: bearer, " + token);

            // then
            for (String answer : List.of(byHeader, bySubprotocol)) {
                assertTrue(answer.startsWith("HTTP/1.1 401"), answer);
                assertTrue(answer.contains("\r\nWWW-Authenticate: Bearer error=\"invalid_token\"\r\n"), answer);
                assertTrue(answer.endsWith("{\"error\":\"invalid_token\"}"), answer);
                assertFalse(answer.contains(token), answer);
                assertFalse(answer.contains(subject), answer);
            }
        }
        assertFalse(output.getAll().contains(tampered));
        assertFalse(output.getAll().contains(expired));
        assertFalse(output.getAll().contains(subject));
    }

    @Test
    void handshakeWhenTokenInHeaderAndSubprotocolThen400InvalidRequest() throws Exception {
        // given
        String token = token(subject());

        // when
        String answer = TestSocket.upgrade(port, PATH, "Authorization: Bearer " + token,
                "Sec-WebSocket-Protocol: bearer, " + token);

        // then
        assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
        assertTrue(answer.contains("\r\nWWW-Authenticate: Bearer error=\"invalid_request\"\r\n"), answer);
        assertFalse(answer.contains(token), answer);
    }

    @Test
    void handshakeWhenAuthorityCannotDecideThen503NeverA401() throws Exception {
        // given: the revocation store cannot answer for this subject
        String token = token(WebSocketTestApplication.STORE_DOWN);

        // when
        String answer = TestSocket.upgrade(port, PATH, "Authorization: Bearer " + token);

        // then
        assertTrue(answer.startsWith("HTTP/1.1 503"), answer);
        assertFalse(answer.contains("WWW-Authenticate"), answer);
        assertTrue(answer.endsWith("{\"error\":\"temporarily_unavailable\"}"), answer);
    }

    @Test
    void handshakeWhenTokenInHeaderThen101AndPrincipalIsSubject() throws Exception {
        // given
        String subject = subject();

        // when
        try (TestSocket socket = TestSocket.open(uri(), "Bearer " + token(subject))) {
            socket.send("who am I");

            // then
            assertEquals(subject + "|" + subject, socket.receive());
            assertEquals("", socket.subprotocol());
        }
    }

    @Test
    void handshakeWhenTokenInSubprotocolThen101EchoingOnlyBearer() throws Exception {
        // given
        String subject = subject();
        String token = token(subject);

        // when
        String answer = TestSocket.upgrade(port, PATH, "Sec-WebSocket-Protocol: bearer, " + token);
        try (TestSocket socket = TestSocket.open(uri(), null, "bearer", token)) {
            socket.send("who am I");

            // then
            assertEquals(subject + "|" + subject, socket.receive());
            assertEquals("bearer", socket.subprotocol());
        }
        assertTrue(answer.startsWith("HTTP/1.1 101"), answer);
        assertTrue(answer.contains("\r\nSec-WebSocket-Protocol: bearer\r\n"), answer);
        assertFalse(answer.contains(token), answer);
    }

    @Test
    void handshakeWhenRefusedThenJdkClientSeesStatus() {
        // when
        CompletionException refused = assertThrows(CompletionException.class, () -> TestSocket.open(uri(), null));

        // then
        WebSocketHandshakeException cause = assertInstanceOf(WebSocketHandshakeException.class, refused.getCause());
        assertEquals(401, cause.getResponse().statusCode());
    }

    @Test
    void sessionWhenTokenExpiresThenClosedWith1008AtExpiry() throws Exception {
        // given a token with three seconds left by the authority's clock (the skew is zero)
        String subject = subject();
        String token = token(subject);
        Instant exp = authority.verify(token).expiresAt();
        clock.advanceTo(exp.minusSeconds(3));

        try (TestSocket socket = TestSocket.open(uri(), "Bearer " + token)) {
            socket.send("who am I");
            assertEquals(subject + "|" + subject, socket.receive());

            // when: nothing more is sent, so only the expiry timer can close it
            TestSocket.Closed closed = socket.awaitClose();

            // then
            assertEquals(new TestSocket.Closed(1008, "token expired"), closed);
            assertFalse(clock.instant().isBefore(exp), "closed before exp");
        }
    }

    @Test
    void sessionWhenItsLoginSessionIsRevokedThenClosedWith1008() throws Exception {
        // given
        String subject = subject();
        String other = subject();
        try (TestSocket socket = TestSocket.open(uri(), "Bearer " + token(subject));
                TestSocket control = TestSocket.open(uri(), "Bearer " + token(other))) {
            socket.send("who am I");
            assertEquals(subject + "|" + subject, socket.receive());

            // when
            authority.revokeSession("sid-" + subject);

            // then
            assertEquals(new TestSocket.Closed(1008, "token revoked"), socket.awaitClose());
            control.send("still open?");
            assertEquals(other + "|" + other, control.receive());
        }
    }

    @Test
    void sessionWhenTokenExpiredBeforeAMessageThenClosedWith1008AndMessageNotHandled() throws Exception {
        // given
        String subject = subject();
        try (TestSocket socket = TestSocket.open(uri(), "Bearer " + token(subject))) {
            socket.send("who am I");
            assertEquals(subject + "|" + subject, socket.receive());

            // when: the authority's clock passes exp (the timer is set for real time, far ahead)
            clock.advance(authority.tokenTtl());
            socket.send("after exp");

            // then
            assertEquals(new TestSocket.Closed(1008, "token expired"), socket.awaitClose());
            assertEquals(null, socket.received());
        }
    }

    @Test
    void interceptorWhenBeanThenFromAutoConfiguration(@Autowired JwtHandshakeInterceptor interceptor) {
        assertTrue(interceptor.toString().startsWith("JwtHandshakeInterceptor[authority "), interceptor.toString());
        assertEquals(Duration.ZERO, authority.clockSkew());
    }
}
