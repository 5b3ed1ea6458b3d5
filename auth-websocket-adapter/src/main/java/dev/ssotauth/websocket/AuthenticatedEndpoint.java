package dev.ssotauth.websocket;

import dev.ssotauth.core.AuthContext;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;

/**
 * Wraps an application's programmatic {@link Endpoint}: on open it checks that the connection was
 * authenticated (closing it with 1008 otherwise) and starts the expiry timer; on close it cancels
 * the timer. The application's {@code onOpen}, {@code onClose} and {@code onError} run with the
 * connection's user in {@link AuthContext}. One instance per connection, as the container asks.
 */
final class AuthenticatedEndpoint extends Endpoint {

    private final Endpoint delegate;

    AuthenticatedEndpoint(Endpoint delegate) {
        this.delegate = delegate;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        ConnectionGuard guard = ConnectionGuard.of(session);
        if (guard == null) {
            ConnectionGuard.close(session, CloseReason.CloseCodes.VIOLATED_POLICY, "not authenticated");
            return;
        }
        if (!guard.start(session)) {
            return;
        }
        AuthContext.runAs(guard.user(), () -> delegate.onOpen(session, config));
    }

    @Override
    public void onClose(Session session, CloseReason closeReason) {
        ConnectionGuard guard = ConnectionGuard.of(session);
        if (guard == null) {
            delegate.onClose(session, closeReason);
            return;
        }
        guard.stop();
        AuthContext.runAs(guard.user(), () -> delegate.onClose(session, closeReason));
    }

    @Override
    public void onError(Session session, Throwable thr) {
        ConnectionGuard guard = ConnectionGuard.of(session);
        if (guard == null) {
            delegate.onError(session, thr);
            return;
        }
        AuthContext.runAs(guard.user(), () -> delegate.onError(session, thr));
    }

    @Override
    public String toString() {
        return "AuthenticatedEndpoint[" + delegate.getClass().getName() + "]";
    }
}
