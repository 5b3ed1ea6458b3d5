package dev.ssotauth.spring.websocket;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A JDK WebSocket client on loopback that keeps every text frame it receives and how the connection
 * closed, plus a raw HTTP upgrade for looking at refused handshakes byte for byte.
 */
final class TestSocket implements AutoCloseable {

    /** How long a test waits for an event that must come; generous, since only failure waits it out. */
    static final Duration PATIENCE = Duration.ofSeconds(30);

    /** How the server closed the connection. */
    record Closed(int code, String reason) {
    }

    private final WebSocket socket;
    private final BlockingQueue<String> frames;
    private final CompletableFuture<Closed> closed;

    private TestSocket(WebSocket socket, BlockingQueue<String> frames, CompletableFuture<Closed> closed) {
        this.socket = socket;
        this.frames = frames;
        this.closed = closed;
    }

    /**
     * Opens a WebSocket.
     *
     * @param uri           the {@code ws://} address
     * @param authorization the {@code Authorization} value, or {@code null}
     * @param subprotocols  the subprotocols to offer, most preferred first; may be empty
     * @return the open socket
     * @throws java.util.concurrent.CompletionException with a {@code WebSocketHandshakeException} when refused
     */
    static TestSocket open(URI uri, String authorization, String... subprotocols) {
        BlockingQueue<String> frames = new LinkedBlockingQueue<>();
        CompletableFuture<Closed> closed = new CompletableFuture<>();
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(PATIENCE);
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        if (subprotocols.length > 0) {
            String[] rest = new String[subprotocols.length - 1];
            System.arraycopy(subprotocols, 1, rest, 0, rest.length);
            builder.subprotocols(subprotocols[0], rest);
        }
        WebSocket socket = builder.buildAsync(uri, new WebSocket.Listener() {
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
        return new TestSocket(socket, frames, closed);
    }

    /** @return the subprotocol the server chose; empty for none */
    String subprotocol() {
        return socket.getSubprotocol();
    }

    /** Sends one text frame and waits until it is written. */
    void send(String text) {
        socket.sendText(text, true).join();
    }

    /**
     * @return the next text frame
     * @throws AssertionError when none comes within the patience
     */
    String receive() throws InterruptedException {
        String frame = frames.poll(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        if (frame == null) {
            throw new AssertionError("no frame within " + PATIENCE);
        }
        return frame;
    }

    /** @return a frame already received, or {@code null} */
    String received() {
        return frames.poll();
    }

    /**
     * @return how the server closed the connection
     * @throws AssertionError when it does not within the patience
     */
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

    /**
     * Sends a WebSocket upgrade request on a plain socket and reads the answer's head and body, so that
     * a test sees exactly what a refused handshake returns.
     *
     * @param port         the server's port on loopback
     * @param path         the path
     * @param extraHeaders further header lines, without line ends
     * @return the answer: status line, header lines and body, as text
     */
    static String upgrade(int port, String path, String... extraHeaders) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout((int) PATIENCE.toMillis());
            StringBuilder request = new StringBuilder()
                    .append("GET ").append(path).append(" HTTP/1.1\r\n")
                    .append("Host: 127.0.0.1:").append(port).append("\r\n")
                    .append("Upgrade: websocket\r\nConnection: Upgrade\r\n")
                    .append("Sec-WebSocket-Key: ").append(Base64.getEncoder().encodeToString(new byte[16])).append("\r\n")
                    .append("Sec-WebSocket-Version: 13\r\n");
            for (String header : extraHeaders) {
                request.append(header).append("\r\n");
            }
            request.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            String head = null;
            int contentLength = 0;
            int b;
            while ((b = in.read()) >= 0) {
                answer.write(b);
                String text = answer.toString(StandardCharsets.ISO_8859_1);
                if (head == null && text.endsWith("\r\n\r\n")) {
                    head = text;
                    if (head.startsWith("HTTP/1.1 101")) {
                        return head;
                    }
                    contentLength = contentLength(head);
                }
                if (head != null && answer.size() >= head.length() + contentLength) {
                    break;
                }
            }
            return answer.toString(StandardCharsets.UTF_8);
        }
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("Content-Length")) {
                return Integer.parseInt(line.substring(colon + 1).trim());
            }
        }
        return 0;
    }
}
