package dev.ssotauth.websocket;

import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

/**
 * An annotated endpoint that starts no expiry timer and relies on the per-message check alone.
 */
@ServerEndpoint(value = "/ws/per-message", configurator = JwtEndpointConfigurator.class)
public final class PerMessageCheckEndpoint {

    /** Created by the container. */
    public PerMessageCheckEndpoint() {
    }

    @OnOpen
    public void open(Session session) {
        EchoEndpoint.send(session, "open|" + WebSocketAuth.userContext(session).subject() + "|-|-");
    }

    @OnMessage
    public void message(Session session, String message) {
        if (WebSocketAuth.checkExpiry(session)) {
            EchoEndpoint.send(session, "echo|" + WebSocketAuth.userContext(session).subject() + "|-|" + message);
        }
    }
}
