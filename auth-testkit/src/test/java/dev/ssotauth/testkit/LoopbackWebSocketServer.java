package dev.ssotauth.testkit;

import dev.ssotauth.core.JwtAuthority;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

/**
 * The smallest WebSocket server that authenticates its handshake, for the WebSocket attack suite's
 * own tests: it reads the upgrade request, hands the bearer token (or {@code null}) to a predicate,
 * and answers 401 with a Bearer challenge, or 101 with a proper {@code Sec-WebSocket-Accept} (RFC 6455
 * section 4.2.2). After an upgrade it reads until the client goes away; it never sends frames.
 */
final class LoopbackWebSocketServer implements AutoCloseable {

    private static final String WEBSOCKET_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final int MAX_REQUEST_BYTES = 64 * 1024;

    private final ServerSocket socket;
    private final ExecutorService executor;
    private final Predicate<String> accepts;

    private LoopbackWebSocketServer(Predicate<String> accepts) {
        this.accepts = accepts;
        try {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "loopback-websocket");
            t.setDaemon(true);
            return t;
        });
        executor.execute(this::acceptLoop);
    }

    /** A gateway that upgrades exactly the handshakes whose token {@code authority} accepts. */
    static LoopbackWebSocketServer protectedBy(JwtAuthority authority) {
        return new LoopbackWebSocketServer(token -> authority.authenticate(token).isAuthenticated());
    }

    /** A gateway that decides with {@code accepts}, right or wrong. */
    static LoopbackWebSocketServer deciding(Predicate<String> accepts) {
        return new LoopbackWebSocketServer(accepts);
    }

    URI uri(String path) {
        return URI.create("ws://127.0.0.1:" + socket.getLocalPort() + path);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            executor.shutdownNow();
        }
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket connection = socket.accept();
                executor.execute(() -> serve(connection));
            } catch (SocketException closed) {
                return;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private void serve(Socket connection) {
        try (connection) {
            InputStream in = connection.getInputStream();
            String request = readHead(in);
            if (request == null) {
                return;
            }
            String token = null;
            String key = null;
            for (String line : request.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = line.substring(colon + 1).trim();
                if (name.equals("authorization") && value.startsWith("Bearer ")) {
                    token = value.substring("Bearer ".length());
                } else if (name.equals("sec-websocket-key")) {
                    key = value;
                }
            }
            OutputStream out = connection.getOutputStream();
            if (key == null || !accepts.test(token)) {
                out.write(("HTTP/1.1 401 Unauthorized\r\n"
                        + "WWW-Authenticate: Bearer error=\"invalid_token\"\r\n"
                        + "Content-Length: 0\r\n"
                        + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                return;
            }
            out.write(("HTTP/1.1 101 Switching Protocols\r\n"
                    + "Upgrade: websocket\r\n"
                    + "Connection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + accept(key) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            while (in.read() >= 0) {
                // hold the connection until the client closes it
            }
        } catch (IOException e) {
            // the client went away; nothing to do
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b < 0 || head.size() > MAX_REQUEST_BYTES) {
                return null;
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static String accept(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1")
                    .digest((key + WEBSOCKET_GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
