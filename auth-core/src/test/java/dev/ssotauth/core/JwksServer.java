package dev.ssotauth.core;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A loopback HTTP server that publishes a JWK Set, counts requests, and can fail on demand. In
 * {@link Mode#HANG} it answers only once closed (or after a minute), so a client that gets an answer
 * before then gave up on its own.
 */
final class JwksServer implements AutoCloseable {

    enum Mode { SERVE, UNAVAILABLE, GARBAGE, HUGE, HANG }

    private final HttpServer server;
    private final AtomicReference<String> body = new AtomicReference<>("{\"keys\":[]}");
    private final AtomicReference<Mode> mode = new AtomicReference<>(Mode.SERVE);
    private final AtomicInteger requests = new AtomicInteger();
    private final ExecutorService executor = Executors.newCachedThreadPool();
    /** Released by {@link #close()}: what a hanging answer waits for. */
    private final CountDownLatch closing = new CountDownLatch(1);

    JwksServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/.well-known/jwks.json", exchange -> {
            requests.incrementAndGet();
            try (exchange) {
                Mode current = mode.get();
                byte[] bytes;
                int status = 200;
                switch (current) {
                    case UNAVAILABLE:
                        status = 503;
                        bytes = "down".getBytes(StandardCharsets.UTF_8);
                        break;
                    case GARBAGE:
                        bytes = "<html>not a key set</html>".getBytes(StandardCharsets.UTF_8);
                        break;
                    case HUGE:
                        bytes = ("{\"keys\":[],\"pad\":\"" + "x".repeat(200_000) + "\"}").getBytes(StandardCharsets.UTF_8);
                        break;
                    case HANG:
                        try {
                            closing.await(1, TimeUnit.MINUTES);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        bytes = body.get().getBytes(StandardCharsets.UTF_8);
                        break;
                    default:
                        bytes = body.get().getBytes(StandardCharsets.UTF_8);
                }
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(status, bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                } catch (IOException ignored) {
                    // the client gave up (timeout or size limit)
                }
            }
        });
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/.well-known/jwks.json");
    }

    void publish(String jwks) {
        body.set(jwks);
    }

    void mode(Mode next) {
        mode.set(next);
    }

    int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
