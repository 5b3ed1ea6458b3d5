package dev.ssotauth.example.spring;

import static dev.ssotauth.example.spring.StompSocket.body;
import static dev.ssotauth.example.spring.StompSocket.command;
import static dev.ssotauth.example.spring.StompSocket.connect;
import static dev.ssotauth.example.spring.StompSocket.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ssotauth.core.JwtAuthority;
import dev.ssotauth.core.TokenRequest;
import dev.ssotauth.testkit.OffsetClock;

import java.net.URI;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.json.JsonMapper;

/**
 * A client that knows nothing of Spring: the JDK's WebSocket speaking STOMP frames by hand against the
 * sample's {@code /chat}, with tokens from the sample's own authority, whose clock the test moves. A
 * refused {@code CONNECT} gets an {@code ERROR} frame and Spring's close for a STOMP error (1002); a
 * connected session is closed with 1008 when its token ends.
 */
@SpringBootTest(classes = { ChatApplication.class, SampleTests.class },
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { SampleTests.SECRET, SampleTests.TOMCAT_DIR })
@ExtendWith(OutputCaptureExtension.class)
final class ForeignStompClientIT {

    @LocalServerPort
    int port;

    @Autowired
    JwtAuthority authority;

    @Autowired
    OffsetClock clock;

    @Autowired
    JsonMapper json;

    private StompSocket open() {
        return new StompSocket(URI.create("ws://127.0.0.1:" + port + "/chat"));
    }

    private String token(String subject) {
        return authority.issue(TokenRequest.forSubject(subject).roles("user").build());
    }

    /** The instant from which the authority refuses {@code token}: its exp plus the clock skew. */
    private Instant end(String token) {
        return authority.verify(token).expiresAt().plus(authority.clockSkew());
    }

    @Test
    void connectWhenTokenGoodThenConnectedAsItsSubjectWhoChatsAndRunsAnAgentAsHimself() throws Exception {
        try (StompSocket carol = open()) {
            // when
            carol.send(connect(token("carol")));

            // then
            String connected = carol.receive();
            assertEquals("CONNECTED", command(connected), connected);
            assertTrue(connected.contains("\nuser-name:carol\n"), connected);

            // and the chat and the agent answer as carol
            carol.send(frame("SUBSCRIBE", "", "id:chat", "destination:/topic/chat"));
            carol.send(frame("SUBSCRIBE", "", "id:agent", "destination:/user/queue/agent"));
            carol.send(frame("SEND", "hello", "destination:/app/say", "content-type:text/plain"));
            String said = carol.receive();
            assertEquals("MESSAGE", command(said), said);
            assertEquals(Map.of("from", "carol", "text", "hello"), json.readValue(body(said), Map.class));
            carol.send(frame("SEND", "count the stars", "destination:/app/agent", "content-type:text/plain"));
            String agent = carol.receive();
            assertEquals(Map.of("task", "count the stars", "ranAs", "carol"), json.readValue(body(agent), Map.class));
        }
    }

    @Test
    void connectWhenTokenTamperedThenErrorWithoutTheTokenAndClosed(CapturedOutput output) throws Exception {
        String token = token("mallory");
        char last = token.charAt(token.length() - 2);
        String tampered = token.substring(0, token.length() - 2) + (last == 'A' ? 'B' : 'A')
                + token.charAt(token.length() - 1);
        try (StompSocket mallory = open()) {
            // when
            mallory.send(connect(tampered));

            // then
            String error = mallory.receive();
            assertEquals("ERROR", command(error), error);
            assertTrue(error.contains("\nmessage:invalid_token\n"), error);
            assertFalse(error.contains(tampered) || error.contains("mallory"), error);
            assertEquals(1002, mallory.awaitClose().code());
        }
        assertFalse(output.getAll().contains(tampered) || output.getAll().contains(token), "a token was logged");
    }

    @Test
    void connectWhenTokenExpiredThenErrorAndClosed() throws Exception {
        // given: a token the authority's clock has gone past
        String token = token("dave");
        clock.advanceTo(end(token));

        try (StompSocket dave = open()) {
            // when
            dave.send(connect(token));

            // then
            String error = dave.receive();
            assertEquals("ERROR", command(error), error);
            assertTrue(error.contains("\nmessage:invalid_token\n"), error);
            assertEquals(1002, dave.awaitClose().code());
        }
    }

    @Test
    void liveSessionWhenItsTokenExpiresThenClosedWith1008() throws Exception {
        // given: a session connected and subscribed with three seconds left on its token's clock
        String token = token("erin");
        Instant end = end(token);
        clock.advanceTo(end.minusSeconds(3));
        try (StompSocket erin = open()) {
            erin.send(connect(token));
            assertEquals("CONNECTED", command(erin.receive()));
            erin.send(frame("SUBSCRIBE", "", "id:chat", "destination:/topic/chat"));

            // when: it only listens, so only the starter's expiry timer can end it
            StompSocket.Closed closed = erin.awaitClose();

            // then
            assertEquals(new StompSocket.Closed(1008, "token expired"), closed);
            assertFalse(clock.instant().isBefore(end), "closed before the token's end");
        }
    }
}
