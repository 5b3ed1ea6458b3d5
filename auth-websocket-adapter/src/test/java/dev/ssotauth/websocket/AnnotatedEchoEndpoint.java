package dev.ssotauth.websocket;

import dev.ssotauth.core.AuthContext;

import jakarta.websocket.OnClose;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

/**
 * The annotated twin of {@link EchoEndpoint}, deployed the usual way with the no-argument
 * {@link JwtEndpointConfigurator}, which takes the process's authority from the configuration source.
 */
@ServerEndpoint(value = "/ws/annotated", configurator = JwtEndpointConfigurator.class)
public final class AnnotatedEchoEndpoint {

    /** Created by the container. */
    public AnnotatedEchoEndpoint() {
    }

    @OnOpen
    public void open(Session session) {
        if (WebSocketAuth.startExpiryTimer(session)) {
            WebSocketAuth.runAs(session, () -> EchoEndpoint.send(session, "open|"
                    + WebSocketAuth.userContext(session).subject() + "|" + AuthContext.require().subject() + "|-"));
        }
    }

    @OnMessage
    public void message(Session session, String message) {
        EchoEndpoint.handle(session, message);
    }

    @OnClose
    public void close(Session session) {
        WebSocketAuth.stopExpiryTimer(session);
    }
}
