package dev.ssotauth.websocket;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.ContainerProvider;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The second client: the Jakarta WebSocket client of the container on the class path (Tomcat's
 * WsWebSocketContainer or Jetty's, which sends each subprotocol on its own header line).
 */
final class JakartaClient {

    /** An open connection. */
    static final class Connection {
        final Session session;
        final BlockingQueue<String> messages;
        final CompletableFuture<CloseReason> closed;
        final Map<String, List<String>> responseHeaders;

        Connection(Session session, BlockingQueue<String> messages, CompletableFuture<CloseReason> closed,
                Map<String, List<String>> responseHeaders) {
            this.session = session;
            this.messages = messages;
            this.closed = closed;
            this.responseHeaders = responseHeaders;
        }

        String next() throws InterruptedException {
            String message = messages.poll(20, TimeUnit.SECONDS);
            if (message == null) {
                throw new AssertionError("no message within 20 s");
            }
            return message;
        }
    }

    private JakartaClient() {
    }

    static WebSocketContainer container() {
        WebSocketContainer container = ContainerProvider.getWebSocketContainer();
        container.setDefaultMaxSessionIdleTimeout(60_000);
        return container;
    }

    static Connection connect(WebSocketContainer container, URI uri, List<String> subprotocols,
            Map<String, String> headers) throws Exception {
        BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        CompletableFuture<CloseReason> closed = new CompletableFuture<>();
        CompletableFuture<Map<String, List<String>>> responseHeaders = new CompletableFuture<>();
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create()
                .preferredSubprotocols(subprotocols)
                .configurator(new ClientEndpointConfig.Configurator() {
                    @Override
                    public void beforeRequest(Map<String, List<String>> requestHeaders) {
                        headers.forEach((name, value) -> requestHeaders.put(name, List.of(value)));
                    }

                    @Override
                    public void afterResponse(HandshakeResponse response) {
                        responseHeaders.complete(response.getHeaders());
                    }
                })
                .build();
        Endpoint endpoint = new Endpoint() {
            @Override
            public void onOpen(Session session, EndpointConfig endpointConfig) {
                session.addMessageHandler(new MessageHandler.Whole<String>() {
                    @Override
                    public void onMessage(String message) {
                        messages.add(message);
                    }
                });
            }

            @Override
            public void onClose(Session session, CloseReason closeReason) {
                closed.complete(closeReason);
            }
        };
        Session session = container.connectToServer(endpoint, config, uri);
        return new Connection(session, messages, closed, responseHeaders.getNow(Map.of()));
    }
}
