package dev.ssotauth.core;

import dev.ssotauth.core.internal.Events;

import java.util.Objects;

/**
 * Where a WebSocket adapter reports the sessions it authenticated, to the {@link AuthListener} of the
 * authority that vouched for them: so that the one listener registered on the builder hears the
 * sessions too ({@code ssot.auth.websocket.sessions} and {@code ssot.auth.websocket.closes} in module
 * {@code auth-micrometer}), and no adapter needs a listener of its own. Only session events can be
 * reported here: an adapter cannot speak for the authority's decisions.
 *
 * <pre>{@code
 * SessionEvents sessions = SessionEvents.of(authority);   // once per adapter
 * sessions.opened();                                       // a session is open and authenticated
 * sessions.closed(AuthEvent.CloseReason.EXPIRED);          // exactly once for each opened one
 * }</pre>
 *
 * <p>Immutable and thread-safe. Reporting allocates nothing (the events are shared instances) and
 * costs one call when the authority has no listener; a listener's exception is logged and never
 * reaches the adapter.
 */
public final class SessionEvents {

    private final Events events;

    private SessionEvents(Events events) {
        this.events = events;
    }

    /**
     * The session reporting of {@code authority}.
     *
     * @param authority the authority whose listener hears the sessions
     * @return its session reporting
     * @throws NullPointerException if {@code authority} is {@code null}
     */
    public static SessionEvents of(JwtAuthority authority) {
        return new SessionEvents(Objects.requireNonNull(authority, "authority").events());
    }

    /** Reports that an authenticated session opened. */
    public void opened() {
        events.onEvent(AuthEvent.WebSocketSession.ofOpened());
    }

    /**
     * Reports that a session reported {@linkplain #opened() open} closed; once per session, with the
     * first reason that ended it.
     *
     * @param reason why it closed
     * @throws NullPointerException if {@code reason} is {@code null}
     */
    public void closed(AuthEvent.CloseReason reason) {
        events.onEvent(AuthEvent.WebSocketSession.ofClosed(reason));
    }
}
