package dev.ssotauth.spring.websocket;

import dev.ssotauth.core.AuthEvent;
import dev.ssotauth.core.JwtAuthority;
import dev.ssotauth.core.Revocation;
import dev.ssotauth.core.RevocationStore;
import dev.ssotauth.core.SessionEvents;
import dev.ssotauth.core.UserContext;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;

/**
 * The authentication state of one WebSocket session, kept in the session's own attributes: its user,
 * the authority that vouched for it, the timer that closes the session with 1008 when the token
 * expires (by the authority's clock, plus its clock skew) and the subscription that closes it with
 * 1008 when a revocation, on this node or another, covers the token. One guard per session. The
 * session is reported to the authority's listener ({@link SessionEvents}) when it starts and, once,
 * when it stops, with the reason: expired, revoked, or other (closed by the peer, the application or
 * the container, shutdown included).
 *
 * <p>Thread-safe: handler threads, the timer thread, the revocation listener and the close path may
 * call it at once; the session is closed outside the lock.
 */
final class SessionGuard {

    /** The attribute that holds the guard. */
    static final String ATTRIBUTE = SessionGuard.class.getName();
    /** The attribute that holds the {@link UserContext}, for code that reads attributes directly. */
    static final String USER_ATTRIBUTE = UserContext.class.getName();
    /** The attribute that holds the session itself, so that a guard made later can close it. */
    static final String SESSION_ATTRIBUTE = SessionGuard.class.getName() + ".session";

    static final String EXPIRED = "token expired";
    static final String REVOKED = "token revoked";

    private static final Logger log = LoggerFactory.getLogger(SessionGuard.class);

    private final JwtAuthority authority;
    private final ScheduledExecutorService timers;
    private final UserContext user;
    private final SubjectPrincipal principal;
    private final SessionEvents sessions;
    private final Object lock = new Object();

    /** The session, once bound. Guarded by {@link #lock}. */
    private WebSocketSession session;
    /** Guarded by {@link #lock}. */
    private ScheduledFuture<?> timer;
    /** Guarded by {@link #lock}. */
    private RevocationStore.Subscription revocations;
    /** Guarded by {@link #lock}. */
    private boolean stopped;
    /** Whether the session was reported open. Guarded by {@link #lock}. */
    private boolean reported;
    private volatile boolean revoked;

    SessionGuard(JwtAuthority authority, ScheduledExecutorService timers, UserContext user) {
        this.authority = authority;
        this.timers = timers;
        this.user = user;
        this.principal = new SubjectPrincipal(user);
        this.sessions = SessionEvents.of(authority);
    }

    /** @return the guard in {@code attributes}, or {@code null} when the session was not authenticated */
    static SessionGuard of(Map<String, Object> attributes) {
        return attributes != null && attributes.get(ATTRIBUTE) instanceof SessionGuard guard ? guard : null;
    }

    /** Puts this guard and its user into a session's attributes, replacing what was there. */
    void install(Map<String, Object> attributes) {
        attributes.put(USER_ATTRIBUTE, user);
        attributes.put(ATTRIBUTE, this);
    }

    UserContext user() {
        return user;
    }

    SubjectPrincipal principal() {
        return principal;
    }

    /**
     * Binds the guard to its session, starts the expiry timer and the revocation subscription;
     * idempotent for the same session. A session whose token has expired or was revoked meanwhile, or a
     * second session presenting the same guard, is closed with 1008.
     *
     * @return whether the session is open and authenticated
     */
    boolean start(WebSocketSession opened) {
        boolean other = false;
        synchronized (lock) {
            if (session == null) {
                session = opened;
            } else if (session != opened && !session.getId().equals(opened.getId())) {
                other = true;
            }
            if (!other) {
                if (stopped) {
                    return false;
                }
                if (!reported) {
                    reported = true;
                    sessions.opened(); // under the lock: a concurrent stop reports the close after it
                }
                if (revocations == null) {
                    revocations = authority.onRevocation(this::onRevocation);
                }
                if (timer == null && !expired()) {
                    schedule();
                }
            }
        }
        if (other) {
            log.error("one authenticated WebSocket state was found on two sessions; the second is closed");
            close(opened, "not authenticated");
            return false;
        }
        return !closeIfInvalid(opened);
    }

    /** Cancels the timer and the subscription; the session has closed. */
    void stop() {
        stop(AuthEvent.CloseReason.OTHER);
    }

    /** Cancels the timer and the subscription, and reports the close the first time, for {@code reason}. */
    private void stop(AuthEvent.CloseReason reason) {
        boolean report;
        synchronized (lock) {
            report = reported && !stopped;
            stopped = true;
            if (timer != null) {
                timer.cancel(false);
                timer = null;
            }
            if (revocations != null) {
                revocations.close();
                revocations = null;
            }
        }
        if (report) {
            sessions.closed(reason);
        }
    }

    /** @return whether the token is still good: neither revoked nor past {@code exp} plus the skew */
    boolean valid() {
        return !revoked && !expired();
    }

    /**
     * Closes {@code current} with 1008 unless the token is still good.
     *
     * @return whether it closed the session (the caller drops what it was about to deliver)
     */
    boolean closeIfInvalid(WebSocketSession current) {
        String reason = revoked ? REVOKED : expired() ? EXPIRED : null;
        if (reason == null) {
            return false;
        }
        stop(!current.isOpen() ? AuthEvent.CloseReason.OTHER
                : reason.equals(REVOKED) ? AuthEvent.CloseReason.REVOKED : AuthEvent.CloseReason.EXPIRED);
        log.debug("WebSocket {}: closing with 1008", reason);
        close(current, reason);
        return true;
    }

    private void onRevocation(Revocation revocation) {
        if (!revocation.covers(user)) {
            return;
        }
        revoked = true;
        WebSocketSession current;
        synchronized (lock) {
            if (stopped) {
                return;
            }
            current = session;
        }
        log.debug("WebSocket token revoked ({}): closing with 1008", revocation.kind());
        stop(AuthEvent.CloseReason.REVOKED);
        if (current != null) {
            close(current, REVOKED);
        }
    }

    private boolean expired() {
        return !authority.clock().instant().isBefore(deadline());
    }

    private Instant deadline() {
        return user.expiresAt().plus(authority.clockSkew());
    }

    /** Schedules the timer at the deadline, by the authority's clock. Caller holds the lock. */
    private void schedule() {
        long nanos;
        try {
            nanos = Math.max(0, Duration.between(authority.clock().instant(), deadline()).toNanos());
        } catch (ArithmeticException e) {
            nanos = Long.MAX_VALUE;
        }
        try {
            timer = timers.schedule(this::fire, nanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // Shut down with the application; per-message checks still apply.
            log.debug("WebSocket expiry timer not scheduled: the timers are shut down");
        }
    }

    private void fire() {
        WebSocketSession current;
        synchronized (lock) {
            if (stopped) {
                return;
            }
            timer = null;
            if (!expired()) {
                schedule(); // the authority's clock is behind the timer's: wait for it
                return;
            }
            current = session;
        }
        closeIfInvalid(current);
    }

    private static void close(WebSocketSession session, String reason) {
        try {
            if (session.isOpen()) {
                session.close(CloseStatus.POLICY_VIOLATION.withReason(reason));
            }
        } catch (IOException | RuntimeException e) {
            log.debug("closing a WebSocket session failed with {}", e.getClass().getName());
        }
    }
}
