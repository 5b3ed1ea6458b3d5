package dev.ssotauth.spring.websocket;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;

/**
 * Ties each session to its token: starts the session's {@link SessionGuard} when the session opens
 * (closing it at once with 1008 if the token expired or was revoked during the upgrade), drops and
 * closes with 1008 on a message that arrives after the token's expiry or revocation, and stops the
 * guard when the session closes. It also keeps the session in its own attributes, so that a guard
 * made later (a STOMP {@code CONNECT}) can close it. Sessions without a guard pass through.
 * Thread-safe; applying it twice to one session is harmless.
 */
final class GuardedWebSocketHandler extends WebSocketHandlerDecorator {

    /** Marks a session refused when it opened: the delegate never saw it, so it does not see it close. */
    private static final String REFUSED_ATTRIBUTE = GuardedWebSocketHandler.class.getName() + ".refused";

    GuardedWebSocketHandler(WebSocketHandler delegate) {
        super(delegate);
    }

    /** @return {@code handler}, decorated unless it already is */
    static WebSocketHandler decorate(WebSocketHandler handler) {
        WebSocketHandler current = handler;
        while (current instanceof WebSocketHandlerDecorator decorator) {
            if (decorator instanceof GuardedWebSocketHandler) {
                return handler;
            }
            current = decorator.getDelegate();
        }
        return new GuardedWebSocketHandler(handler);
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) throws Exception {
        session.getAttributes().putIfAbsent(SessionGuard.SESSION_ATTRIBUTE, session);
        SessionGuard guard = SessionGuard.of(session.getAttributes());
        if (guard != null && !guard.start(session)) {
            session.getAttributes().put(REFUSED_ATTRIBUTE, Boolean.TRUE);
            return;
        }
        super.afterConnectionEstablished(session);
    }

    @Override
    public void handleMessage(WebSocketSession session, WebSocketMessage<?> message) throws Exception {
        SessionGuard guard = SessionGuard.of(session.getAttributes());
        if (guard != null && guard.closeIfInvalid(session)) {
            return;
        }
        super.handleMessage(session, message);
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus closeStatus) throws Exception {
        SessionGuard guard = SessionGuard.of(session.getAttributes());
        if (guard != null) {
            guard.stop();
        }
        session.getAttributes().remove(SessionGuard.SESSION_ATTRIBUTE);
        if (session.getAttributes().remove(REFUSED_ATTRIBUTE) != null) {
            return;
        }
        super.afterConnectionClosed(session, closeStatus);
    }
}
