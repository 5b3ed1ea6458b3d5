package dev.ssotauth.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.ssotauth.core.AuthContext;
import dev.ssotauth.core.JwtAuthority;
import dev.ssotauth.core.TokenRequest;
import dev.ssotauth.core.UserContext;
import dev.ssotauth.websocket.internal.ExpiryScheduler;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The per-connection state without a container: a mocked {@link Session} (its interface is large and
 * only properties, {@code isOpen} and {@code close} matter here) and an authority on a clock the test
 * moves, to show that expiry follows the authority's clock.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
final class ConnectionGuardTest {

    /** A clock the test sets; the authority reads it. */
    private static final class TestClock extends Clock {
        private volatile Instant now = Instant.now();

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final TestClock clock = new TestClock();
    private final JwtAuthority authority = JwtAuthority.builder().hmacSecret(secret()).issuer("https://login.test")
            .audience("chat").clock(clock).clockSkew(Duration.ZERO).build();
    private final ScheduledThreadPoolExecutor timers = ExpiryScheduler.create();

    @AfterEach
    void stopTimers() {
        timers.shutdownNow();
    }

    private static byte[] secret() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return secret;
    }

    private UserContext user(String subject, Duration ttl) {
        return authority.verify(authority.issue(TokenRequest.forSubject(subject).ttl(ttl).build()));
    }

    private static Session session() {
        Session session = mock(Session.class);
        Map<String, Object> properties = new HashMap<>();
        when(session.getUserProperties()).thenReturn(properties);
        when(session.isOpen()).thenReturn(true);
        return session;
    }

    private ConnectionGuard installed(Session session, UserContext user) {
        ConnectionGuard guard = new ConnectionGuard(authority, timers, user);
        guard.install(session.getUserProperties());
        return guard;
    }

    /**
     * Waits until the timer pool has run {@code runs} tasks: the positive signal that a timer that could
     * close a connection has had its turn.
     */
    private void awaitTimerRuns(long runs) throws InterruptedException {
        while (timers.getCompletedTaskCount() < runs) {
            Thread.sleep(10); // bounded by the class's @Timeout
        }
    }

    private static CloseReason closeReason(int code, String phrase) {
        return argThat(r -> r.getCloseCode().getCode() == code && r.getReasonPhrase().equals(phrase));
    }

    @Test
    void revokeWhenSessionOrSubjectOfAnOpenConnectionIsRevokedThenClosedWith1008() throws Exception {
        // given two open connections of different users
        Session aliceSession = session();
        Session bobSession = session();
        UserContext alice = authority.verify(authority.issue(TokenRequest.forSubject("alice").sessionId("s-a")
                .ttl(Duration.ofMinutes(5)).build()));
        UserContext bob = user("bob", Duration.ofMinutes(5));
        assertTrue(installed(aliceSession, alice).start(aliceSession));
        ConnectionGuard bobGuard = installed(bobSession, bob);
        assertTrue(bobGuard.start(bobSession));

        // when alice logs out
        authority.revokeSession("s-a");

        // then only her socket closes, with 1008
        verify(aliceSession, timeout(10_000)).close(closeReason(1008, "token revoked"));
        verify(bobSession, never()).close(any(CloseReason.class));

        // and a stopped guard no longer listens
        bobGuard.stop();
        authority.revokeSubject("bob");
        verify(bobSession, never()).close(any(CloseReason.class));
    }

    @Test
    void startWhenTokenExpiredByTheAuthoritysClockThenClosedWith1008() throws Exception {
        // given
        Session session = session();
        UserContext alice = user("alice", Duration.ofMinutes(1));
        ConnectionGuard guard = installed(session, alice);
        clock.now = alice.expiresAt();

        // when
        boolean open = guard.start(session);

        // then
        assertFalse(open);
        verify(session).close(closeReason(1008, "token expired"));
    }

    @Test
    void timerWhenTheAuthoritysClockReachesExpThenClosesAndNotBefore() throws Exception {
        // given a connection 300 ms before exp by the authority's clock, which then stands still
        Session session = session();
        UserContext alice = user("alice", Duration.ofMinutes(1));
        ConnectionGuard guard = installed(session, alice);
        clock.now = alice.expiresAt().minusMillis(300);
        assertTrue(guard.start(session));

        // when the timer has fired at exp by the wall clock, the connection stays open
        awaitTimerRuns(2);
        verify(session, never()).close(any(CloseReason.class));

        // then once the authority's clock reaches exp, the timer closes it
        clock.now = alice.expiresAt();
        verify(session, timeout(10_000)).close(closeReason(1008, "token expired"));
    }

    @Test
    void stopWhenConnectionClosesThenTimerIsCancelledAndRemoved() throws Exception {
        // given
        Session session = session();
        UserContext alice = user("alice", Duration.ofMinutes(1));
        ConnectionGuard guard = installed(session, alice);
        clock.now = alice.expiresAt().minusSeconds(10);
        guard.start(session);
        assertEquals(1, timers.getQueue().size());

        // when
        guard.stop();
        clock.now = alice.expiresAt().plusSeconds(1);

        // then: nothing is left that could close it (cancelled timers leave the queue at once)
        assertTrue(timers.getQueue().isEmpty());
        verify(session, never()).close(any(CloseReason.class));
    }

    @Test
    void startWhenTheSameStateIsFoundOnASecondConnectionThenTheSecondIsClosed() throws Exception {
        // given a container that (wrongly) shared userProperties between two connections
        Session first = session();
        Session second = session();
        ConnectionGuard guard = installed(first, user("alice", Duration.ofMinutes(1)));
        assertTrue(guard.start(first));

        // when
        boolean open = guard.start(second);

        // then
        assertFalse(open);
        verify(second).close(closeReason(1008, "not authenticated"));
        verify(first, never()).close(any(CloseReason.class));
    }

    @Test
    void reauthenticateWhenSameSubjectThenUserReplacedAndTimerMoved() throws Exception {
        // given
        Session session = session();
        UserContext first = user("alice", Duration.ofSeconds(30));
        ConnectionGuard guard = installed(session, first);
        guard.start(session);
        String fresh = authority.issue(TokenRequest.forSubject("alice").ttl(Duration.ofMinutes(10)).build());

        // when
        boolean continued = WebSocketAuth.reauthenticate(session, fresh);

        // then
        assertTrue(continued);
        UserContext now = WebSocketAuth.userContext(session);
        assertEquals(authority.verify(fresh), now);
        assertSame(now, session.getUserProperties().get(ConnectionGuard.USER_PROPERTY));
        clock.now = first.expiresAt().plusSeconds(1);
        assertTrue(WebSocketAuth.checkExpiry(session));
        verify(session, never()).close(any(CloseReason.class));
    }

    @Test
    void reauthenticateWhenOtherSubjectOrBadTokenThenClosedWith1008() throws Exception {
        // given
        Session other = session();
        Session bad = session();
        installed(other, user("alice", Duration.ofMinutes(1))).start(other);
        installed(bad, user("alice", Duration.ofMinutes(1))).start(bad);

        // when
        boolean otherContinued = WebSocketAuth.reauthenticate(other,
                authority.issue(TokenRequest.forSubject("mallory").build()));
        boolean badContinued = WebSocketAuth.reauthenticate(bad, "not.a.token");

        // then
        assertFalse(otherContinued);
        assertFalse(badContinued);
        verify(other).close(closeReason(1008, "subject changed"));
        verify(bad).close(closeReason(1008, "token rejected"));
        assertEquals("alice", WebSocketAuth.userContext(other).subject());
    }

    @Test
    void runAsWhenValidThenActionSeesTheUserAndWhenExpiredThenClosedAndNotRun() throws Exception {
        // given
        Session session = session();
        UserContext alice = user("alice", Duration.ofMinutes(1));
        installed(session, alice).start(session);
        AtomicReference<UserContext> seen = new AtomicReference<>();

        // when
        boolean ran = WebSocketAuth.runAs(session, () -> seen.set(AuthContext.require()));
        clock.now = alice.expiresAt();
        boolean ranAfterExpiry = WebSocketAuth.runAs(session, () -> seen.set(null));

        // then
        assertTrue(ran);
        assertFalse(ranAfterExpiry);
        assertSame(alice, seen.get());
        assertTrue(AuthContext.current().isEmpty());
        verify(session).close(closeReason(1008, "token expired"));
    }

    @Test
    void webSocketAuthWhenSessionWasNotAuthenticatedThenFailsClosed() throws Exception {
        // given
        Session session = session();

        // then
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> WebSocketAuth.userContext(session));
        assertEquals("this WebSocket session was not authenticated by ssot-auth; deploy its endpoint with "
                + "JwtEndpointConfigurator or behind JwtUpgradeFilter", e.getMessage());
        assertThrows(IllegalStateException.class, () -> WebSocketAuth.reauthenticate(session, "a.b.c"));
        assertFalse(WebSocketAuth.startExpiryTimer(session));
        assertFalse(WebSocketAuth.checkExpiry(session));
        assertFalse(WebSocketAuth.runAs(session, () -> {
            throw new AssertionError("ran without a user");
        }));
        verify(session, timeout(10_000).times(3)).close(closeReason(1008, "not authenticated"));
    }
}
