package dev.ssotauth.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.ssotauth.core.AuthResult;
import dev.ssotauth.core.JwtAuthority;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A protected HTTP endpoint on the loopback interface for the HTTP attack suite's own tests: it reads
 * {@code Authorization: Bearer}, hands the token (or {@code null}) to a handler and writes its answer.
 */
final class LoopbackHttpServer implements AutoCloseable {

    /** An answer to write. */
    static final class Answer {
        final int status;
        final Map<String, String> headers;
        final String body;

        Answer(int status, Map<String, String> headers, String body) {
            this.status = status;
            this.headers = headers;
            this.body = body;
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;

    private LoopbackHttpServer(Function<String, Answer> handler) {
        executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "loopback-http");
            t.setDaemon(true);
            return t;
        });
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", exchange -> handle(exchange, handler));
        server.start();
    }

    static LoopbackHttpServer start(Function<String, Answer> handler) {
        return new LoopbackHttpServer(handler);
    }

    /** An endpoint that answers as a correct resource server protected by {@code authority} does. */
    static LoopbackHttpServer protectedBy(JwtAuthority authority) {
        return start(token -> {
            AuthResult result = authority.authenticate(token);
            if (result instanceof AuthResult.Authenticated) {
                return new Answer(200, Map.of("Content-Type", "text/plain"),
                        "hello " + ((AuthResult.Authenticated) result).user().subject());
            }
            return unauthorized();
        });
    }

    static Answer unauthorized() {
        return new Answer(401, Map.of("WWW-Authenticate", "Bearer error=\"invalid_token\""),
                "{\"error\":\"invalid_token\"}");
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private static void handle(HttpExchange exchange, Function<String, Answer> handler) throws IOException {
        try (exchange) {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            String token = authorization != null && authorization.startsWith("Bearer ")
                    ? authorization.substring("Bearer ".length()) : null;
            Answer answer = handler.apply(token);
            answer.headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
            byte[] body = answer.body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer.status, body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }
}
