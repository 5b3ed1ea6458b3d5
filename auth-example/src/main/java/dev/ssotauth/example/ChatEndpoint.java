package dev.ssotauth.example;

import dev.ssotauth.websocket.JwtUpgradeFilter;
import dev.ssotauth.websocket.WebSocketAuth;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebSocket endpoint at {@value #PATH}, reachable only through {@link JwtUpgradeFilter}: every
 * connection is authenticated at the handshake, closed with 1008 when its token expires (the
 * adapter's expiry timer), and each message runs as the connection's user
 * ({@link WebSocketAuth#runAs}, which also checks expiry).
 */
final class ChatEndpoint extends Endpoint {

    static final String PATH = "/chat";

    private static final Logger log = LoggerFactory.getLogger(ChatEndpoint.class);

    private final ChatRoom room;

    ChatEndpoint(ChatRoom room) {
        this.room = room;
    }

    /** The endpoint's configuration: one {@link ChatEndpoint} per connection, all in {@code room}. */
    static ServerEndpointConfig config(ChatRoom room) {
        return ServerEndpointConfig.Builder.create(ChatEndpoint.class, PATH)
                .configurator(new ServerEndpointConfig.Configurator() {
                    @Override
                    public <T> T getEndpointInstance(Class<T> endpointClass) {
                        return endpointClass.cast(new ChatEndpoint(room));
                    }
                }).build();
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        session.setMaxTextMessageBufferSize(ChatRoom.MAX_MESSAGE_BYTES);
        room.join(session);
        session.addMessageHandler(String.class, new MessageHandler.Whole<String>() {
            @Override
            public void onMessage(String text) {
                WebSocketAuth.runAs(session, () -> room.receive(session, text));
            }
        });
    }

    @Override
    public void onClose(Session session, CloseReason closeReason) {
        room.leave(session);
    }

    @Override
    public void onError(Session session, Throwable error) {
        log.debug("chat connection error ({})", error.getClass().getSimpleName());
    }
}
