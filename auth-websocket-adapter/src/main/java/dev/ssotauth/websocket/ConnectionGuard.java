package dev.ssotauth.websocket;

import dev.ssotauth.core.AuthEvent;
import dev.ssotauth.core.AuthResult;
import dev.ssotauth.core.AuthUnavailableException;
import dev.ssotauth.core.JwtAuthority;
import dev.ssotauth.core.Revocation;
import dev.ssotauth.core.RevocationStore;
import dev.ssotauth.core.UserContext;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;

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

/**
 * The authentication state of one WebSocket connection, kept in that connection's own
 * {@code userProperties}: its user, the authority that vouched for it, and the timer that closes the
 * connection with 1008 when the token expires. One guard per handshake, never shared.
 *
 * <p>Thread-safe: handler threads, the timer thread and the container's close path may call it at
 * once; the session is closed outside the lock.
 */
final class ConnectionGuard {

    /** The property that holds the guard. */
    static final String PROPERTY = ConnectionGuard.class.getName();
    /** The property that holds the {@link UserContext}, for code that reads the properties directly. */
    static final String USER_PROPERTY = UserContext.class.getName();

    static final String EXPIRED = "token expired";

    static final String REVOKED = "token revoked";

    static final String SHUTDOWN = "server shutting down";

    private static final Logger log = LoggerFactory.getLogger(ConnectionGuard.class);

    private final JwtAuthority authority;
    private final OpenSessions sessions;
    private final ScheduledExecutorService timers;
    private final Object lock = new Object();

    private volatile UserContext user;
    /** The connection, once its endpoint has opened. Guarded by {@link #lock}. */
    private Session session;
    /** The pending expiry timer. Guarded by {@link #lock}. */
    private ScheduledFuture<?> timer;
    /** The subscription that closes this connection when its token is revoked. Guarded by {@link #lock}. */
    private RevocationStore.Subscription revocations;
    /** Which timer is the current one; a timer already running when it was replaced stands down. */
    private long generation;
    /** Whether the connection has closed. Guarded by {@link #lock}. */
    private boolean stopped;

    ConnectionGuard(JwtAuthority authority, ScheduledExecutorService timers, UserContext user) {
        this(authority, new OpenSessions(authority, timers), user);
    }

    ConnectionGuard(JwtAuthority authority, OpenSessions sessions, UserContext user) {
        this.authority = authority;
        this.sessions = sessions;
        this.timers = sessions.timers();
        this.user = user;
    }

    /** Removes whatever a previous guard left in {@code properties}. */
    static void clear(Map<String, Object> properties) {
        properties.remove(PROPERTY);
        properties.remove(USER_PROPERTY);
    }

    /** Puts this guard and its user into a connection's properties. */
    void install(Map<String, Object> properties) {
        properties.put(USER_PROPERTY, user);
        properties.put(PROPERTY, this);
    }

    /** @return the guard of {@code session}, or {@code null} when it was not authenticated here */
    static ConnectionGuard of(Session session) {
        Object guard = session.getUserProperties().get(PROPERTY);
        return guard instanceof ConnectionGuard ? (ConnectionGuard) guard : null;
    }

    UserContext user() {
        return user;
    }

    /**
     * Binds the guard to its connection and starts the expiry timer; idempotent. A connection whose
     * token has already expired, or a guard that is found on a second connection (a container that
     * shares {@code userProperties} between connections), is closed with 1008.
     *
     * @return whether the connection is open and authenticated
     */
    boolean start(Session opened) {
        boolean shared = false;
        synchronized (lock) {
            if (session == null) {
                session = opened;
            } else if (session != opened) {
                shared = true;
            }
            if (!shared) {
                if (stopped) {
                    return false;
                }
                sessions.opened(this); // under the lock: a concurrent stop reports the close after it
                if (timer == null && !expired()) {
                    schedule();
                }
                if (revocations == null) {
                    revocations = authority.onRevocation(this::onRevocation);
                }
            }
        }
        if (shared) {
            log.error("one authenticated WebSocket state was found on two connections; the container shares "
                    + "userProperties between connections; the second connection is closed");
            close(opened, CloseReason.CloseCodes.VIOLATED_POLICY, "not authenticated");
            return false;
        }
        return !closeIfExpired(opened);
    }

    /** Cancels the timer; the connection has closed (by the peer, the application or the network). */
    void stop() {
        stop(AuthEvent.CloseReason.OTHER);
    }

    /** Cancels the timer and reports the close, the first time, for {@code reason}. */
    private void stop(AuthEvent.CloseReason reason) {
        boolean first;
        synchronized (lock) {
            first = !stopped;
            stopped = true;
            cancel();
            if (revocations != null) {
                revocations.close();
                revocations = null;
            }
        }
        if (first) {
            sessions.closed(this, reason);
        }
    }

    /** Closes the connection with 1001: the adapter shuts down. */
    void shutdown() {
        Session current;
        synchronized (lock) {
            if (stopped) {
                return;
            }
            current = session;
        }
        stop(AuthEvent.CloseReason.SHUTDOWN);
        if (current != null) {
            close(current, CloseReason.CloseCodes.GOING_AWAY, SHUTDOWN);
        }
    }

    /** Closes this connection with 1008 when a revocation (on this node or another) covers its token. */
    private void onRevocation(Revocation revocation) {
        if (!revocation.covers(user)) {
            return;
        }
        Session current;
        synchronized (lock) {
            if (stopped) {
                return;
            }
            current = session;
        }
        stop(AuthEvent.CloseReason.REVOKED);
        log.debug("WebSocket token revoked ({}): closing with 1008", revocation.kind());
        if (current != null) {
            close(current, CloseReason.CloseCodes.VIOLATED_POLICY, REVOKED);
        }
    }

    /** @return whether the token is past {@code exp} plus the authority's clock skew, by its clock */
    boolean expired() {
        return !authority.clock().instant().isBefore(deadline());
    }

    /** Closes {@code current} with 1008 when the token has expired; @return whether it did */
    boolean closeIfExpired(Session current) {
        if (!expired()) {
            return false;
        }
        stop(current.isOpen() ? AuthEvent.CloseReason.EXPIRED : AuthEvent.CloseReason.OTHER);
        log.debug("WebSocket token expired: closing with 1008");
        close(current, CloseReason.CloseCodes.VIOLATED_POLICY, EXPIRED);
        return true;
    }

    /**
     * Replaces the user with the one of a fresh token for the same subject and moves the timer to the
     * new expiry. Any other outcome closes the connection: 1008 for a refused token or another
     * subject, 1011 when the authority cannot decide.
     */
    boolean reauthenticate(Session current, String token) {
        AuthResult result;
        try {
            result = authority.authenticate(token);
        } catch (AuthUnavailableException e) {
            log.warn("authority cannot decide a WebSocket re-authentication ({}): closing with 1011",
                    e.getClass().getSimpleName());
            stop(AuthEvent.CloseReason.UNAVAILABLE);
            close(current, CloseReason.CloseCodes.UNEXPECTED_CONDITION, "authentication unavailable");
            return false;
        }
        if (result instanceof AuthResult.Rejected rejected) {
            log.debug("WebSocket re-authentication rejected: {}", rejected.reason());
            stop(AuthEvent.CloseReason.REAUTH_REFUSED);
            close(current, CloseReason.CloseCodes.VIOLATED_POLICY, "token rejected");
            return false;
        }
        UserContext fresh = result.orElseThrow();
        if (!fresh.subject().equals(user.subject())) {
            log.info("WebSocket re-authentication with a token for another subject: closing with 1008");
            stop(AuthEvent.CloseReason.REAUTH_REFUSED);
            close(current, CloseReason.CloseCodes.VIOLATED_POLICY, "subject changed");
            return false;
        }
        synchronized (lock) {
            user = fresh;
            current.getUserProperties().put(USER_PROPERTY, fresh);
            if (session != null && !stopped) {
                cancel();
                schedule();
            }
        }
        return true;
    }

    private Instant deadline() {
        return user.expiresAt().plus(authority.clockSkew());
    }

    /** Schedules the timer at the deadline, by the authority's clock. Caller holds the lock. */
    private void schedule() {
        Duration left = Duration.between(authority.clock().instant(), deadline());
        long nanos;
        try {
            nanos = Math.max(0, left.toNanos());
        } catch (ArithmeticException e) {
            nanos = Long.MAX_VALUE;
        }
        long current = ++generation;
        try {
            timer = timers.schedule(() -> fire(current), nanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // The adapter is being destroyed with the application; per-message checks still apply.
            log.debug("WebSocket expiry timer not scheduled: the adapter is shut down");
        }
    }

    /** Caller holds the lock. */
    private void cancel() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void fire(long scheduled) {
        Session current;
        synchronized (lock) {
            if (stopped || scheduled != generation) {
                return;
            }
            timer = null;
            if (!expired()) {
                schedule(); // the authority's clock is behind the timer's; wait for it
                return;
            }
            current = session;
        }
        closeIfExpired(current);
    }

    static void close(Session session, CloseReason.CloseCode code, String reason) {
        try {
            if (session.isOpen()) {
                session.close(new CloseReason(code, reason));
            }
        } catch (IOException | RuntimeException e) {
            log.debug("closing a WebSocket session failed with {}", e.getClass().getName());
        }
    }
}
