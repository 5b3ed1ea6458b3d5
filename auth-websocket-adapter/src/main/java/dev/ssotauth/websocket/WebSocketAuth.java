package dev.ssotauth.websocket;

import dev.ssotauth.core.AuthContext;
import dev.ssotauth.core.UserContext;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;

import java.util.Objects;

/**
 * How WebSocket handler code reads and keeps its connection's authentication, for connections
 * authenticated by {@link JwtEndpointConfigurator} or {@link JwtUpgradeFilter}. The user lives in
 * the connection's own {@code userProperties}, never in a field shared between connections.
 *
 * <pre>{@code
 * @OnOpen
 * public void open(Session session) {
 *     WebSocketAuth.startExpiryTimer(session);              // annotated endpoints only
 * }
 *
 * @OnMessage
 * public void message(Session session, String text) {
 *     if (text.startsWith("reauth ")) {
 *         WebSocketAuth.reauthenticate(session, text.substring(7));
 *         return;
 *     }
 *     WebSocketAuth.runAs(session, () -> chat.post(text));   // expiry checked, AuthContext set
 * }
 *
 * @OnClose
 * public void close(Session session) {
 *     WebSocketAuth.stopExpiryTimer(session);               // annotated endpoints only
 * }
 * }</pre>
 *
 * <p>Programmatic endpoints ({@code Endpoint} subclasses) need neither timer call: the adapters wrap
 * them so that the timer starts on open and stops on close. Every method fails closed: a session
 * without an authenticated user is closed with 1008 or refused with {@link IllegalStateException},
 * never served anonymously. Stateless and thread-safe; all methods reject {@code null} with
 * {@link NullPointerException}.
 */
public final class WebSocketAuth {

    private WebSocketAuth() {
    }

    /**
     * The user of the connection, as of its handshake or its last successful
     * {@linkplain #reauthenticate re-authentication}. Does not check expiry; see
     * {@link #checkExpiry(Session)}.
     *
     * @param session the connection
     * @return the user, never {@code null}
     * @throws IllegalStateException when the connection was not authenticated by this library
     */
    public static UserContext userContext(Session session) {
        return guard(session).user();
    }

    /**
     * Starts the timer that closes the connection with 1008 ({@code "token expired"}) when its
     * token expires: at {@code exp} plus the authority's clock skew, by the authority's clock. Call it
     * from an annotated endpoint's {@code @OnOpen}; idempotent. A connection whose token has already
     * expired, or that was not authenticated, is closed with 1008 at once.
     *
     * @param session the connection
     * @return whether the connection is open and authenticated
     */
    public static boolean startExpiryTimer(Session session) {
        ConnectionGuard guard = guardOrClose(session);
        return guard != null && guard.start(session);
    }

    /**
     * Cancels the expiry timer; call it from an annotated endpoint's {@code @OnClose}. Without it the
     * timer fires at expiry, finds the connection closed and does nothing, but holds the session until
     * then.
     *
     * @param session the connection
     */
    public static void stopExpiryTimer(Session session) {
        ConnectionGuard guard = ConnectionGuard.of(Objects.requireNonNull(session, "session"));
        if (guard != null) {
            guard.stop();
        }
    }

    /**
     * The per-message check: whether the connection's token is still valid by the authority's clock.
     * An expired (or unauthenticated) connection is closed with 1008.
     *
     * @param session the connection
     * @return {@code true} when the message may be handled; {@code false} when the connection is being
     *         closed
     */
    public static boolean checkExpiry(Session session) {
        ConnectionGuard guard = guardOrClose(session);
        return guard != null && !guard.closeIfExpired(session);
    }

    /**
     * Runs handler code as the connection's user: checks expiry as {@link #checkExpiry(Session)} does,
     * then runs {@code action} with the user in {@link AuthContext}, restored afterwards.
     *
     * @param session the connection
     * @param action  the handler code
     * @return whether {@code action} ran; {@code false} when the connection is being closed
     * @throws RuntimeException whatever {@code action} throws
     */
    public static boolean runAs(Session session, Runnable action) {
        Objects.requireNonNull(action, "action");
        if (!checkExpiry(session)) {
            return false;
        }
        AuthContext.runAs(guard(session).user(), action);
        return true;
    }

    /**
     * In-band re-authentication: a fresh token for the <em>same subject</em> replaces the connection's
     * user and moves the expiry timer to the new {@code exp}. A refused token or one for another
     * subject closes the connection with 1008; when the authority cannot decide it is closed with 1011.
     * The token is never logged.
     *
     * @param session the connection
     * @param token   the fresh compact JWS
     * @return whether the connection continues with the fresh token
     * @throws IllegalStateException when the connection was not authenticated by this library
     */
    public static boolean reauthenticate(Session session, String token) {
        Objects.requireNonNull(token, "token");
        return guard(session).reauthenticate(session, token);
    }

    private static ConnectionGuard guard(Session session) {
        ConnectionGuard guard = ConnectionGuard.of(Objects.requireNonNull(session, "session"));
        if (guard == null) {
            throw new IllegalStateException("this WebSocket session was not authenticated by ssot-auth; deploy "
                    + "its endpoint with JwtEndpointConfigurator or behind JwtUpgradeFilter");
        }
        return guard;
    }

    private static ConnectionGuard guardOrClose(Session session) {
        ConnectionGuard guard = ConnectionGuard.of(Objects.requireNonNull(session, "session"));
        if (guard == null) {
            ConnectionGuard.close(session, CloseReason.CloseCodes.VIOLATED_POLICY, "not authenticated");
        }
        return guard;
    }
}
