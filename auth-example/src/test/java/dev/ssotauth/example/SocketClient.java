package dev.ssotauth.example;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * The tests' chat connection, from the JDK's own WebSocket client ({@code java.net.http}). Messages are
 * read by one thread at a time.
 */
final class SocketClient implements AutoCloseable {

    /** How the token travels on the handshake. */
    enum Transport {
        /** {@code Authorization: Bearer <token>}. */
        HEADER,
        /** The subprotocol pair {@code bearer}, {@code <token>}, as a browser sends it. */
        SUBPROTOCOL
    }

    private final WebSocket socket;
    private final LinkedBlockingQueue<String> received;
    private final CompletableFuture<Integer> closed;
    private final List<Map<String, Object>> pending = new ArrayList<>();

    private SocketClient(WebSocket socket, LinkedBlockingQueue<String> received, CompletableFuture<Integer> closed) {
        this.socket = socket;
        this.received = received;
        this.closed = closed;
    }

    /**
     * Opens a connection; with a {@code null} token, one without any.
     *
     * @throws ExecutionException when the handshake fails; the cause is the client's exception
     *                            ({@code WebSocketHandshakeException} carries the HTTP answer)
     * @throws TimeoutException   when there is no answer within {@code timeout}
     */
    static SocketClient open(HttpClient client, URI uri, String token, Transport transport, Duration timeout)
            throws ExecutionException, TimeoutException, InterruptedException {
        LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
        CompletableFuture<Integer> closed = new CompletableFuture<>();
        WebSocket.Builder builder = client.newWebSocketBuilder().connectTimeout(timeout);
        if (token != null && transport == Transport.HEADER) {
            builder.header("Authorization", "Bearer " + token);
        } else if (token != null) {
            builder.subprotocols("bearer", token);
        }
        WebSocket socket = builder.buildAsync(uri, new Listener(received, closed))
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return new SocketClient(socket, received, closed);
    }

    private static final class Listener implements WebSocket.Listener {
        private final LinkedBlockingQueue<String> received;
        private final CompletableFuture<Integer> closed;
        private final StringBuilder partial = new StringBuilder();

        Listener(LinkedBlockingQueue<String> received, CompletableFuture<Integer> closed) {
            this.received = received;
            this.closed = closed;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                received.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(-1);
        }
    }

    /** The subprotocol the server chose; empty when none. */
    String subprotocol() {
        return socket.getSubprotocol();
    }

    /** Sends one JSON text message and waits until it is handed to the network. */
    synchronized void send(String json) throws ExecutionException, InterruptedException, TimeoutException {
        socket.sendText(json, true).get(10, TimeUnit.SECONDS);
    }

    /**
     * The next message, in arrival order, that {@code matches}; the others are kept for later calls.
     *
     * @return the message, or {@code null} when none came within {@code timeout}
     */
    Map<String, Object> await(Predicate<Map<String, Object>> matches, Duration timeout) throws InterruptedException {
        for (Iterator<Map<String, Object>> it = pending.iterator(); it.hasNext(); ) {
            Map<String, Object> message = it.next();
            if (matches.test(message)) {
                it.remove();
                return message;
            }
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            String text = received.poll(left, TimeUnit.NANOSECONDS);
            if (text == null) {
                return null;
            }
            Map<String, Object> message;
            try {
                message = ApiClient.parse(text);
            } catch (IOException e) {
                message = Map.of("type", "unparseable");
            }
            if (matches.test(message)) {
                return message;
            }
            pending.add(message);
        }
    }

    /** The next message whose {@code type} is {@code type}, or {@code null} after {@code timeout}. */
    Map<String, Object> await(String type, Duration timeout) throws InterruptedException {
        return await(message -> type.equals(message.get("type")), timeout);
    }

    /**
     * The close code the server sent, waiting up to {@code timeout}.
     *
     * @return the code; -1 when the connection failed without a close frame
     * @throws TimeoutException when the connection is still open
     */
    int closeCode(Duration timeout) throws InterruptedException, TimeoutException {
        try {
            return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            return -1;
        }
    }

    /** Whether the server has closed the connection. */
    boolean isClosed() {
        return closed.isDone();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            try {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(2, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                // closing anyway
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        socket.abort();
    }
}
