package dev.ssotauth.websocket;

import dev.ssotauth.core.AuthContext;

import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A programmatic endpoint that reports who it serves: on open {@code open|<session user>|<AuthContext
 * user>|<room>}, for each message {@code echo|<session user>|<AuthContext user>|<message>}, and
 * {@code reauth <token>} re-authenticates in band.
 */
public final class EchoEndpoint extends Endpoint {

    /** Created by the container. */
    public EchoEndpoint() {
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        String room = session.getPathParameters().getOrDefault("room", "-");
        send(session, "open|" + WebSocketAuth.userContext(session).subject() + "|" + AuthContext.require().subject()
                + "|" + room);
        session.addMessageHandler(new MessageHandler.Whole<String>() {
            @Override
            public void onMessage(String message) {
                handle(session, message);
            }
        });
    }

    static void handle(Session session, String message) {
        if (message.startsWith("reauth ")) {
            if (WebSocketAuth.reauthenticate(session, message.substring("reauth ".length()))) {
                send(session, "reauth|" + WebSocketAuth.userContext(session).subject());
            }
            return;
        }
        WebSocketAuth.runAs(session, () -> send(session, "echo|" + WebSocketAuth.userContext(session).subject()
                + "|" + AuthContext.require().subject() + "|" + message));
    }

    static void send(Session session, String text) {
        try {
            session.getBasicRemote().sendText(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
