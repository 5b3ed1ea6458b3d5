package dev.ssotauth.spring.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ssotauth.core.JwtAuthority;
import dev.ssotauth.core.TokenRequest;
import dev.ssotauth.testkit.OffsetClock;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * {@link JwtChannelInterceptor} on embedded Tomcat, spoken to in raw STOMP frames: CONNECT with a good,
 * tampered or missing token, what {@code @MessageMapping} methods see, and the 1008 closes of sessions
 * that send or only receive after their token's end.
 */
@SpringBootTest(classes = WebSocketTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = WebSocketTestApplication.TOMCAT_BASE)
@ExtendWith(OutputCaptureExtension.class)
final class JwtChannelInterceptorIT {

    /** The endpoint whose handshake is open: CONNECT authenticates. */
    private static final String CONNECT_PATH = "/ws/stomp-connect";
    /** The endpoint whose handshake {@link JwtHandshakeInterceptor} authenticates. */
    private static final String HANDSHAKE_PATH = "/ws/stomp";

    @LocalServerPort
    private int port;
    @Autowired
    private JwtAuthority authority;
    @Autowired
    private OffsetClock clock;
    @Autowired
    private BlockingQueue<WebSocketTestApplication.Seen> seen;

    @BeforeEach
    void forgetEarlierMessages() {
        seen.clear();
    }

    private URI uri(String path) {
        return URI.create("ws://127.0.0.1:" + port + path);
    }

    private static String subject() {
        return "user-" + UUID.randomUUID();
    }

    private String token(String subject) {
        return authority.issue(TokenRequest.forSubject(subject).sessionId("sid-" + subject).build());
    }

    private static String connect(String... headers) {
        StringBuilder frame = new StringBuilder("CONNECT\naccept-version:1.2\nhost:localhost\nheart-beat:0,0\n");
        for (String header : headers) {
            frame.append(header).append('\n');
        }
        return frame.append('\n').append('\0').toString();
    }

    private static String send(String destination, String body) {
        return "SEND\ndestination:" + destination + "\ncontent-type:text/plain\n\n" + body + "\0";
    }

    private static String subscribe(String destination) {
        return "SUBSCRIBE\nid:0\ndestination:" + destination + "\n\n\0";
    }

    private static String command(String frame) {
        return frame.substring(0, frame.indexOf('\n'));
    }

    private WebSocketTestApplication.Seen nextSeen() throws InterruptedException {
        WebSocketTestApplication.Seen next = seen.poll(TestSocket.PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        if (next == null) {
            throw new AssertionError("no message reached the @MessageMapping method");
        }
        return next;
    }

    @Test
    void connectWhenAuthorizationHeaderValidThenMessageMappingSeesPrincipalUserContextAndAuthContext()
            throws Exception {
        // given
        String subject = subject();
        try (TestSocket socket = TestSocket.open(uri(CONNECT_PATH), null)) {
            socket.send(connect("Authorization:Bearer " + token(subject)));
            assertEquals("CONNECTED", command(socket.receive()));

            // when
            socket.send(send("/app/whoami", "hello"));

            // then
            assertEquals(new WebSocketTestApplication.Seen("hello", subject, subject, subject), nextSeen());
        }
    }

    @Test
    void connectWhenHandshakeAuthenticatedThenMessageMappingSeesTheHandshakeUser() throws Exception {
        // given
        String subject = subject();
        try (TestSocket socket = TestSocket.open(uri(HANDSHAKE_PATH), "Bearer " + token(subject))) {
            socket.send(connect());
            assertEquals("CONNECTED", command(socket.receive()));

            // when
            socket.send(send("/app/whoami", "hello"));

            // then
            assertEquals(new WebSocketTestApplication.Seen("hello", subject, subject, subject), nextSeen());
        }
    }

    @Test
    void connectWhenTokenTamperedOrMissingThenErrorFrameWithoutTokenAndSessionClosed(CapturedOutput output)
            throws Exception {
        String subject = subject();
        String token = token(subject);
        char last = token.charAt(token.length() - 2);
        String tampered = token.substring(0, token.length() - 2) + (last == 'A' ? 'B' : 'A')
                + token.charAt(token.length() - 1);
        record Case(String connect, String error) {
        }
        for (Case refused : List.of(new Case(connect("Authorization:Bearer " + tampered), "invalid_token"),
                new Case(connect(), "unauthorized"),
                new Case(connect("Authorization:Bearer " + tampered, "Authorization:Bearer " + token),
                        "invalid_request"))) {
            try (TestSocket socket = TestSocket.open(uri(CONNECT_PATH), null)) {
                // when
                socket.send(refused.connect());

                // then
                String frame = socket.receive();
                assertEquals("ERROR", command(frame), frame);
                assertTrue(frame.contains("\nmessage:" + refused.error() + "\n"), frame);
                assertFalse(frame.contains(tampered), frame);
                assertFalse(frame.contains(token), frame);
                assertFalse(frame.contains(subject), frame);
                socket.awaitClose();
            }
        }
        assertFalse(output.getAll().contains(tampered));
        assertFalse(output.getAll().contains(token));
        assertFalse(output.getAll().contains(subject));
    }

    @Test
    void connectWhenAuthorityCannotDecideThenErrorTemporarilyUnavailable() throws Exception {
        try (TestSocket socket = TestSocket.open(uri(CONNECT_PATH), null)) {
            // when
            socket.send(connect("Authorization:Bearer " + token(WebSocketTestApplication.STORE_DOWN)));

            // then
            String frame = socket.receive();
            assertEquals("ERROR", command(frame), frame);
            assertTrue(frame.contains("\nmessage:temporarily_unavailable\n"), frame);
            socket.awaitClose();
        }
    }

    @Test
    void subscribeWhenNotConnectedThenErrorFrameAndSessionClosed() throws Exception {
        try (TestSocket socket = TestSocket.open(uri(CONNECT_PATH), null)) {
            // when
            socket.send(subscribe("/topic/news"));

            // then
            String frame = socket.receive();
            assertEquals("ERROR", command(frame), frame);
            socket.awaitClose();
        }
    }

    @Test
    void sendWhenTokenExpiredThenNeverReachesHandlerAndSessionClosedWith1008() throws Exception {
        // given a connected session whose first message was handled
        String subject = subject();
        try (TestSocket socket = TestSocket.open(uri(CONNECT_PATH), null)) {
            socket.send(connect("Authorization:Bearer " + token(subject)));
            assertEquals("CONNECTED", command(socket.receive()));
            socket.send(send("/app/whoami", "before exp"));
            assertEquals("before exp", nextSeen().body());

            // when: the authority's clock passes exp (the timer is set for real time, far ahead)
            clock.advance(authority.tokenTtl());
            socket.send(send("/app/whoami", "after exp"));

            // then: the close comes from the check that dropped the frame
            assertEquals(new TestSocket.Closed(1008, "token expired"), socket.awaitClose());
            assertNull(seen.poll());
        }
    }

    @Test
    void connectAuthenticatedSessionThatOnlyReceivesWhenTokenExpiresThenClosedWith1008AtExpiry() throws Exception {
        // given a token with three seconds left by the authority's clock (the skew is zero)
        String subject = subject();
        String token = token(subject);
        Instant exp = authority.verify(token).expiresAt();
        clock.advanceTo(exp.minusSeconds(3));
        try (TestSocket socket = TestSocket.open(uri(CONNECT_PATH), null)) {
            socket.send(connect("Authorization:Bearer " + token));
            assertEquals("CONNECTED", command(socket.receive()));
            socket.send(subscribe("/topic/news"));

            // when: the session only receives, so only the expiry timer can close it
            TestSocket.Closed closed = socket.awaitClose();

            // then
            assertEquals(new TestSocket.Closed(1008, "token expired"), closed);
            assertFalse(clock.instant().isBefore(exp), "closed before exp");
        }
    }

    @Test
    void handshakeAuthenticatedSessionThatOnlyReceivesWhenSubjectRevokedThenClosedWith1008() throws Exception {
        // given
        String subject = subject();
        try (TestSocket socket = TestSocket.open(uri(HANDSHAKE_PATH), "Bearer " + token(subject))) {
            socket.send(connect());
            assertEquals("CONNECTED", command(socket.receive()));
            socket.send(subscribe("/topic/news"));
            socket.send(send("/app/whoami", "subscribed"));
            assertEquals("subscribed", nextSeen().body());

            // when
            authority.revokeSubject(subject);

            // then
            assertEquals(new TestSocket.Closed(1008, "token revoked"), socket.awaitClose());
        }
    }
}
