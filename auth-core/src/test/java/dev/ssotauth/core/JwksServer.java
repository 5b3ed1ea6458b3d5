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
 * before then gave up on its own. It is also an identity provider's front door: a discovery document
 * for each issuer path given to {@link #discovery}, in the OpenID Connect form or the RFC 8414 one,
 * naming {@link #uri()} (or another set's address) as its {@code jwks_uri}.
 */
final class JwksServer implements AutoCloseable {

    enum Mode { SERVE, UNAVAILABLE, GARBAGE, HUGE, HANG }

    private final HttpServer server;
    private final AtomicReference<String> body = new AtomicReference<>("{\"keys\":[]}");
    private final AtomicReference<Mode> mode = new AtomicReference<>(Mode.SERVE);
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger discoveryRequests = new AtomicInteger();
    /** Discovery documents by the path they are served at. */
    private final java.util.Map<String, String> documents = new java.util.concurrent.ConcurrentHashMap<>();
    private final AtomicReference<Mode> discoveryMode = new AtomicReference<>(Mode.SERVE);
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
        server.createContext("/", exchange -> {
            discoveryRequests.incrementAndGet();
            try (exchange) {
                String document = documents.get(exchange.getRequestURI().getRawPath());
                int status = discoveryMode.get() == Mode.UNAVAILABLE ? 503 : document == null ? 404 : 200;
                byte[] bytes = (status == 200 ? document : "{}").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(status, bytes.length);
                exchange.getResponseBody().write(bytes);
            }
        });
        server.start();
    }

    /** {@code http://127.0.0.1:<port>} followed by {@code path}. */
    String base(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /**
     * Serves a discovery document for the issuer {@code base(issuerPath)}, naming {@code issuer} and
     * {@code jwksUri}.
     *
     * @param issuerPath the issuer's path ("" or "/realms/a")
     * @param rfc8414    the RFC 8414 form ({@code /.well-known/oauth-authorization-server<path>})
     *                   instead of OpenID Connect's ({@code <path>/.well-known/openid-configuration})
     */
    void discovery(String issuerPath, boolean rfc8414, String issuer, URI jwksUri) {
        String at = rfc8414 ? "/.well-known/oauth-authorization-server" + issuerPath
                : issuerPath + "/.well-known/openid-configuration";
        documents.put(at, "{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + jwksUri
                + "\",\"response_types_supported\":[\"code\"]}");
    }

    /** Serves {@code json} as the OpenID Connect discovery document of {@code issuerPath}. */
    void discoveryDocument(String issuerPath, String json) {
        documents.put(issuerPath + "/.well-known/openid-configuration", json);
    }

    /** SERVE or UNAVAILABLE (503) for discovery documents. */
    void discoveryMode(Mode next) {
        discoveryMode.set(next);
    }

    int discoveryRequests() {
        return discoveryRequests.get();
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
