package dev.ssotauth.example.spring;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A foreign STOMP client: the JDK's WebSocket, frames written and read as text by hand, no Spring on the
 * client side. Keeps every frame received and how the server closed the connection.
 */
final class StompSocket implements AutoCloseable {

    /** How long a test waits for an event that must come; only a failure waits it out. */
    static final Duration PATIENCE = Duration.ofSeconds(30);

    /** How the server closed the connection. */
    record Closed(int code, String reason) {
    }

    private final WebSocket socket;
    private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<Closed> closed = new CompletableFuture<>();

    /** Opens a WebSocket to {@code uri}, offering STOMP 1.2; the handshake carries no token. */
    StompSocket(URI uri) {
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(PATIENCE)
                .subprotocols("v12.stomp").buildAsync(uri, new WebSocket.Listener() {
                    private final StringBuilder partial = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        partial.append(data);
                        if (last) {
                            frames.add(partial.toString());
                            partial.setLength(0);
                        }
                        webSocket.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                        closed.complete(new Closed(statusCode, reason));
                        return null;
                    }

                    @Override
                    public void onError(WebSocket webSocket, Throwable error) {
                        closed.completeExceptionally(error);
                    }
                }).join();
    }

    /** A frame: the command, {@code name:value} header lines, a blank line, the body and a NUL. */
    static String frame(String command, String body, String... headers) {
        StringBuilder frame = new StringBuilder(command).append('\n');
        for (String header : headers) {
            frame.append(header).append('\n');
        }
        return frame.append('\n').append(body).append('\0').toString();
    }

    /** A {@code CONNECT} frame with {@code Authorization: Bearer <token>}. */
    static String connect(String token) {
        return frame("CONNECT", "", "accept-version:1.2", "host:localhost", "heart-beat:0,0",
                "Authorization:Bearer " + token);
    }

    /** The command of a frame: its first line. */
    static String command(String frame) {
        return frame.substring(0, frame.indexOf('\n'));
    }

    /** The body of a frame: after the blank line, without the NUL. */
    static String body(String frame) {
        return frame.substring(frame.indexOf("\n\n") + 2, frame.lastIndexOf('\0'));
    }

    /** Sends one frame and waits until it is written. */
    void send(String frame) {
        socket.sendText(frame, true).join();
    }

    /** @return the next frame; an {@link AssertionError} when none comes within the patience */
    String receive() throws InterruptedException {
        String frame = frames.poll(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        if (frame == null) {
            throw new AssertionError("no frame within " + PATIENCE);
        }
        return frame;
    }

    /** @return how the server closed the connection; an {@link AssertionError} when it does not in time */
    Closed awaitClose() throws InterruptedException, ExecutionException {
        try {
            return closed.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("not closed within " + PATIENCE, e);
        }
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").exceptionally(e -> null);
        }
        socket.abort();
    }
}
