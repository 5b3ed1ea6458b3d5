package dev.ssotauth.websocket;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** One {@link java.net.http.WebSocket} connection with its received messages and its close. */
final class JdkWebSocket implements WebSocket.Listener, AutoCloseable {

    /** How the server closed the connection, and when the client saw it. */
    record Closed(int code, String reason, Instant at) {
    }

    /** The handshake did not give 101. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        final int status;

        Refused(int status) {
            super("handshake refused with " + status);
            this.status = status;
        }
    }

    private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    private final CompletableFuture<Closed> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    private JdkWebSocket() {
    }

    /**
     * Opens a connection.
     *
     * @param headers      extra handshake headers
     * @param subprotocols offered subprotocols, most preferred first; may be empty
     * @throws Refused when the server does not switch protocols
     */
    static JdkWebSocket open(HttpClient client, URI uri, Map<String, String> headers, List<String> subprotocols)
            throws Refused, InterruptedException, TimeoutException {
        JdkWebSocket connection = new JdkWebSocket();
        WebSocket.Builder builder = client.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        headers.forEach(builder::header);
        if (!subprotocols.isEmpty()) {
            builder.subprotocols(subprotocols.get(0), subprotocols.subList(1, subprotocols.size()).toArray(new String[0]));
        }
        try {
            connection.socket = builder.buildAsync(uri, connection).get(20, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException) {
                throw new Refused(((WebSocketHandshakeException) e.getCause()).getResponse().statusCode());
            }
            throw new IllegalStateException("WebSocket connection failed", e.getCause());
        }
        return connection;
    }

    String subprotocol() {
        return socket.getSubprotocol();
    }

    void send(String text) throws InterruptedException, ExecutionException, TimeoutException {
        socket.sendText(text, true).get(10, TimeUnit.SECONDS);
    }

    /** @return the next message, waiting up to 20 seconds */
    String next() throws InterruptedException {
        String message = messages.poll(20, TimeUnit.SECONDS);
        if (message == null) {
            throw new AssertionError("no message within 20 s" + (closed.isDone() ? "; closed: " + closed.join() : ""));
        }
        return message;
    }

    /** @return the messages received and not taken yet */
    List<String> pending() {
        return List.copyOf(messages);
    }

    /** @return how the server closed the connection, waiting up to {@code seconds} */
    Closed awaitClose(int seconds) throws InterruptedException, ExecutionException, TimeoutException {
        return closed.get(seconds, TimeUnit.SECONDS);
    }

    boolean isClosed() {
        return closed.isDone();
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            messages.add(partial.toString());
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(new Closed(statusCode, reason, Instant.now()));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.completeExceptionally(error);
    }

    @Override
    public void close() {
        if (socket == null) {
            return;
        }
        try {
            if (!socket.isOutputClosed()) {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // closing anyway
        } finally {
            socket.abort();
        }
    }
}
