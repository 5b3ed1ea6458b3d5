package dev.ssotauth.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A JWK Set server on the loopback interface for tests of key-set clients: it serves whatever JWK Set
 * JSON it is given at {@link #uri()} ({@code http://127.0.0.1:<port>/.well-known/jwks.json}), counts
 * the requests it receives, and has switches for what a real key server does: rotate to another set,
 * answer 503, refuse connections, answer slowly.
 *
 * <p>It is also an issuer that can be discovered without an identity provider: its base URL,
 * {@link #issuer()} ({@code http://127.0.0.1:<port>}), serves the discovery document
 * {@code {"issuer":"<issuer>","jwks_uri":"<uri()>"}} at {@value #DISCOVERY_PATH} (OpenID Connect
 * Discovery) and at {@value #AUTHORIZATION_SERVER_PATH} (RFC 8414), counted apart in
 * {@link #discoveryRequests()}. {@link #discoveryIssuer(String)} makes the document name another
 * issuer, as a misconfigured identity provider does; every other switch applies to the document as
 * it does to the key set.
 *
 * <pre>{@code
 * try (JwksTestServer jwks = JwksTestServer.start(keySetJson)) {
 *     JwtAuthority authority = JwtAuthority.builder().jwksUri(jwks.uri())...build();
 *     jwks.failWith503();                          // outage: the authority must use its cache or be unavailable
 *     assertEquals(1, jwks.requests());
 * }
 * }</pre>
 *
 * <p>Thread-safe: switches may be thrown while requests are in flight. The server binds to
 * {@code 127.0.0.1} only, on a free port, and keeps that port until {@link #close()}.
 */
public final class JwksTestServer implements AutoCloseable {

    /** The path the key set is served at. */
    public static final String PATH = "/.well-known/jwks.json";

    /** The path the OpenID Connect discovery document is served at: {@code /.well-known/openid-configuration}. */
    public static final String DISCOVERY_PATH = "/.well-known/openid-configuration";

    /**
     * The path the same document is served at in the RFC 8414 form, for an issuer without a path:
     * {@code /.well-known/oauth-authorization-server}.
     */
    public static final String AUTHORIZATION_SERVER_PATH = "/.well-known/oauth-authorization-server";

    private final int port;
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger discoveryRequests = new AtomicInteger();
    private final ExecutorService executor;
    private volatile String jwkSet;
    private volatile String discoveryIssuer;
    private volatile boolean unavailable;
    private volatile Duration delay = Duration.ZERO;
    private HttpServer server; // guarded by this; null while connections are refused
    private boolean closed;    // guarded by this

    private JwksTestServer(String jwkSet) {
        this.jwkSet = jwkSet;
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "ssot-testkit-jwks");
            t.setDaemon(true);
            return t;
        });
        this.server = bind(0);
        this.port = server.getAddress().getPort();
        this.discoveryIssuer = issuer();
    }

    /**
     * Starts a server serving {@code jwkSetJson}.
     *
     * @param jwkSetJson the JWK Set document, served as it is
     * @return the running server
     * @throws NullPointerException if {@code jwkSetJson} is {@code null}
     * @throws UncheckedIOException if no loopback port can be bound
     */
    public static JwksTestServer start(String jwkSetJson) {
        Objects.requireNonNull(jwkSetJson, "jwkSetJson");
        return new JwksTestServer(jwkSetJson);
    }

    /**
     * Where the key set is served.
     *
     * @return {@code http://127.0.0.1:<port>/.well-known/jwks.json}
     */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + port + PATH);
    }

    /**
     * The issuer this server stands for: its base URL, without a trailing slash. Configure a
     * discovering verifier with it; the discovery document names it unless
     * {@link #discoveryIssuer(String)} says otherwise.
     *
     * @return {@code http://127.0.0.1:<port>}
     */
    public String issuer() {
        return "http://127.0.0.1:" + port;
    }

    /**
     * Where the discovery document is served in the OpenID Connect form.
     *
     * @return {@code http://127.0.0.1:<port>/.well-known/openid-configuration}
     */
    public URI discoveryUri() {
        return URI.create(issuer() + DISCOVERY_PATH);
    }

    /**
     * How many requests for the key set reached the server so far, whatever they were answered
     * (including 503s); refused connections and requests for the discovery document
     * ({@link #discoveryRequests()}) are not counted.
     *
     * @return the count
     */
    public int requests() {
        return requests.get();
    }

    /**
     * How many requests for the discovery document, at either of its paths, reached the server so
     * far, whatever they were answered (including 503s); refused connections are not counted.
     *
     * @return the count
     */
    public int discoveryRequests() {
        return discoveryRequests.get();
    }

    /**
     * Makes the discovery document name {@code issuer} from now on instead of {@link #issuer()}, as an
     * identity provider behind a wrong public URL does; {@code discoveryIssuer(issuer())} undoes it.
     * The key set and {@link #issuer()} are unchanged, and {@link #restore()} does not undo it.
     *
     * @param issuer the {@code issuer} member the document publishes, any string
     * @throws NullPointerException if {@code issuer} is {@code null}
     */
    public void discoveryIssuer(String issuer) {
        this.discoveryIssuer = Objects.requireNonNull(issuer, "issuer");
    }

    /**
     * Serves {@code jwkSetJson} from now on, as after a key rotation.
     *
     * @param jwkSetJson the new JWK Set document
     * @throws NullPointerException if {@code jwkSetJson} is {@code null}
     */
    public void rotateTo(String jwkSetJson) {
        this.jwkSet = Objects.requireNonNull(jwkSetJson, "jwkSetJson");
    }

    /**
     * Answers every request, for the key set and for the discovery document, with
     * {@code 503 Service Unavailable} (and {@code Retry-After: 1}) until
     * {@link #restore()}.
     */
    public void failWith503() {
        unavailable = true;
    }

    /**
     * Stops listening, so that connections are refused, until {@link #restore()}; the port stays
     * reserved for this server in the sense that it binds to it again on restore.
     *
     * @throws IllegalStateException if the server is closed
     */
    public synchronized void refuseConnections() {
        requireOpen();
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    /**
     * Delays every answer, the discovery document's too, by {@code delay} (zero for none), as a slow
     * key server does.
     *
     * @param delay the delay, zero or positive
     * @throws NullPointerException     if {@code delay} is {@code null}
     * @throws IllegalArgumentException if it is negative
     */
    public void delayResponses(Duration delay) {
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative; got " + delay);
        }
        this.delay = delay;
    }

    /**
     * Ends every outage and delay: answers 200 with the current key set and discovery document again,
     * listening on the same port. The issuer set by {@link #discoveryIssuer(String)} stays.
     *
     * @throws IllegalStateException if the server is closed
     * @throws UncheckedIOException  if the port cannot be bound again
     */
    public synchronized void restore() {
        requireOpen();
        unavailable = false;
        delay = Duration.ZERO;
        if (server == null) {
            server = bind(port);
        }
    }

    /** Stops the server and its threads. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (server != null) {
            server.stop(0);
            server = null;
        }
        executor.shutdownNow();
    }

    /**
     * A safe description: the URI and the request counts.
     *
     * @return the description
     */
    @Override
    public String toString() {
        return "JwksTestServer[" + uri() + ", requests=" + requests() + ", discoveryRequests="
                + discoveryRequests() + "]";
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the JWK Set test server is closed");
        }
    }

    private HttpServer bind(int onPort) {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort), 0);
            http.setExecutor(executor);
            http.createContext("/", this::handle);
            http.start();
            return http;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the JWK Set test server to a loopback port", e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath();
            boolean discovery = DISCOVERY_PATH.equals(path) || AUTHORIZATION_SERVER_PATH.equals(path);
            if (!discovery && !PATH.equals(path)) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            (discovery ? discoveryRequests : requests).incrementAndGet();
            Duration wait = delay;
            if (!wait.isZero()) {
                try {
                    Thread.sleep(wait.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            if (unavailable) {
                exchange.getResponseHeaders().set("Retry-After", "1");
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "GET");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] body = (discovery ? discoveryDocument() : jwkSet).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type",
                    discovery ? "application/json" : "application/jwk-set+json");
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private String discoveryDocument() {
        return "{\"issuer\":" + jsonString(discoveryIssuer) + ",\"jwks_uri\":"
                + jsonString(uri().toString()) + "}";
    }

    /** {@code text} as a JSON string literal (RFC 8259 §7). */
    private static String jsonString(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
