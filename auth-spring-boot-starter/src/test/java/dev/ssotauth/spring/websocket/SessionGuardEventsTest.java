package dev.ssotauth.spring.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.ssotauth.core.AuthEvent;
import dev.ssotauth.core.JwtAuthority;
import dev.ssotauth.core.TokenRequest;
import dev.ssotauth.testkit.OffsetClock;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledThreadPoolExecutor;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.socket.WebSocketSession;

/**
 * Each Spring WebSocket session is reported to the authority's listener when its guard starts, and
 * once when it stops, with why: expired, revoked, or other. A mocked session (only its id and
 * {@code isOpen} matter); the authority's clock moves by hand.
 */
final class SessionGuardEventsTest {

    private final OffsetClock clock = new OffsetClock();
    private final List<AuthEvent> heard = new CopyOnWriteArrayList<>();
    private final JwtAuthority authority = JwtAuthority.builder()
            .hmacSecret("guard-events-secret-0123456789-abcdefghij".getBytes(StandardCharsets.UTF_8))
            .issuer("https://login.example").audience("chat").clock(clock).clockSkew(Duration.ZERO)
            .listener(event -> {
                if (event instanceof AuthEvent.WebSocketSession) {
                    heard.add(event);
                }
            }).build();
    private final ScheduledThreadPoolExecutor timers = ExpiryTimers.create();

    @AfterEach
    void stop() {
        ExpiryTimers.shutdown(timers);
        authority.close();
    }

    private SessionGuard guard(String subject, Duration ttl) {
        return new SessionGuard(authority, timers, authority.verify(authority.issue(TokenRequest.forSubject(subject)
                .ttl(ttl).build())));
    }

    private static WebSocketSession session(String id) {
        WebSocketSession session = mock(WebSocketSession.class);
        when(session.getId()).thenReturn(id);
        when(session.isOpen()).thenReturn(true);
        return session;
    }

    @Test
    void stopWhenExpiredRevokedOrClosedThenOneOpenAndOneCloseEachWithItsReason() {
        // given
        SessionGuard expiring = guard("alice", Duration.ofMinutes(1));
        SessionGuard revoked = guard("bob", Duration.ofMinutes(10));
        SessionGuard leaving = guard("carol", Duration.ofMinutes(10));
        WebSocketSession aliceSession = session("1");
        expiring.start(aliceSession);
        revoked.start(session("2"));
        leaving.start(session("3"));

        // when
        clock.advance(Duration.ofMinutes(2));
        expiring.closeIfInvalid(aliceSession);
        authority.revokeSubject("bob");
        leaving.stop();
        expiring.stop();
        leaving.stop();

        // then
        AuthEvent opened = new AuthEvent.WebSocketSession(true, null);
        assertEquals(List.of(opened, opened, opened, closed(AuthEvent.CloseReason.EXPIRED),
                closed(AuthEvent.CloseReason.REVOKED), closed(AuthEvent.CloseReason.OTHER)), heard);
    }

    @Test
    void stopWhenNeverStartedThenNothingReported() {
        guard("dave", Duration.ofMinutes(10)).stop();

        assertEquals(List.of(), heard);
    }

    private static AuthEvent closed(AuthEvent.CloseReason reason) {
        return new AuthEvent.WebSocketSession(false, reason);
    }
}
