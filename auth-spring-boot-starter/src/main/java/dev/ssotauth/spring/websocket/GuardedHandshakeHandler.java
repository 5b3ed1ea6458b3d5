package dev.ssotauth.spring.websocket;

import jakarta.servlet.ServletContext;

import java.security.Principal;
import java.util.List;
import java.util.Map;

import org.springframework.context.Lifecycle;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.context.ServletContextAware;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeFailureException;
import org.springframework.web.socket.server.HandshakeHandler;
import org.springframework.web.socket.server.support.DefaultHandshakeHandler;

/**
 * The handshake handler that goes with {@link JwtHandshakeInterceptor}: Spring's default handshake,
 * except that a session the interceptor admitted gets the token's subject as its {@link Principal},
 * the subprotocol answer is the handler's choice among the offered application protocols (the
 * {@code bearer} marker and the token after it removed) or else exactly {@code bearer} when the client
 * offered that pair (never the token), and the handler is decorated so that the session closes with
 * 1008 when its token expires or is revoked. Thread-safe.
 */
final class GuardedHandshakeHandler implements HandshakeHandler, Lifecycle, ServletContextAware {

    private final Negotiation delegate = new Negotiation();

    @Override
    public boolean doHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler wsHandler,
            Map<String, Object> attributes) throws HandshakeFailureException {
        WebSocketHandler handler = SessionGuard.of(attributes) == null ? wsHandler
                : GuardedWebSocketHandler.decorate(wsHandler);
        return delegate.doHandshake(request, response, handler, attributes);
    }

    @Override
    public void setServletContext(ServletContext servletContext) {
        delegate.setServletContext(servletContext);
    }

    @Override
    public void start() {
        delegate.start();
    }

    @Override
    public void stop() {
        delegate.stop();
    }

    @Override
    public boolean isRunning() {
        return delegate.isRunning();
    }

    /** Spring's handshake with the principal and the subprotocol answer above. */
    private static final class Negotiation extends DefaultHandshakeHandler {

        @Override
        protected Principal determineUser(ServerHttpRequest request, WebSocketHandler wsHandler,
                Map<String, Object> attributes) {
            SessionGuard guard = SessionGuard.of(attributes);
            return guard != null ? guard.principal() : super.determineUser(request, wsHandler, attributes);
        }

        @Override
        protected String selectProtocol(List<String> requestedProtocols, WebSocketHandler webSocketHandler) {
            String chosen = super.selectProtocol(BearerCredentials.withoutCredentials(requestedProtocols),
                    webSocketHandler);
            if (chosen != null) {
                return chosen;
            }
            return BearerCredentials.offersMarker(requestedProtocols) ? BearerCredentials.MARKER : null;
        }
    }
}
