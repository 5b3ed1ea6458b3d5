package dev.ssotauth.revocation.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.ssotauth.core.JwtAuthority;
import dev.ssotauth.websocket.JwtUpgradeFilter;
import dev.ssotauth.websocket.WebSocketAuth;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.ContainerProvider;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import org.apache.catalina.core.StandardContext;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.websocket.server.WsSci;

/**
 * One node's WebSocket side: embedded Tomcat on 127.0.0.1 and a free port, with the adapter's
 * {@link JwtUpgradeFilter} over the node's authority in front of {@value #PATH}, whose endpoint greets
 * each connection with {@code open|<subject>} and echoes {@code echo|<subject>|<text>}. Clients are the
 * Jakarta WebSocket client Tomcat ships, sending the token as {@code Authorization: Bearer}.
 */
final class SocketServer implements AutoCloseable {

    static final String PATH = "/chat";

    /** Tomcat logs through java.util.logging; its start and stop lines are noise here. Held, not just set. */
    private static final java.util.logging.Logger TOMCAT_LOG = java.util.logging.Logger.getLogger("org.apache");

    private final Tomcat tomcat;
    private final Connector connector;
    private final Path baseDir;
    private final WebSocketContainer clients;

    private SocketServer(Tomcat tomcat, Connector connector, Path baseDir) {
        this.tomcat = tomcat;
        this.connector = connector;
        this.baseDir = baseDir;
        this.clients = ContainerProvider.getWebSocketContainer();
        clients.setDefaultMaxSessionIdleTimeout(120_000);
    }

    /** Starts Tomcat with the upgrade filter over {@code authority}. */
    static SocketServer start(JwtAuthority authority) {
        TOMCAT_LOG.setLevel(java.util.logging.Level.WARNING);
        try {
            // Under the build directory, not the system temp folder: runs of this suite have left the base
            // directory behind, empty, although it is deleted on stop (cause not pinned down).
            Path baseDir = Files.createTempDirectory(Files.createDirectories(Path.of("target").toAbsolutePath()),
                    "ssot-auth-redis-tomcat");
            Tomcat tomcat = new Tomcat();
            tomcat.setBaseDir(baseDir.toString());
            Connector connector = new Connector("HTTP/1.1");
            connector.setPort(0);
            connector.setProperty("address", "127.0.0.1");
            connector.setThrowOnFailure(true);
            tomcat.getService().addConnector(connector);
            tomcat.setConnector(connector);
            StandardContext context = (StandardContext) tomcat.addContext("", baseDir.toString());
            // Never redeployed: Tomcat's class-loader leak hunting on stop would only warn about JDK internals.
            context.setClearReferencesRmiTargets(false);
            context.setClearReferencesThreadLocals(false);
            context.addServletContainerInitializer(new WsSci(), null);
            context.addServletContainerInitializer((classes, servletContext) -> {
                // Embedded Tomcat runs no filter for a path no servlet is mapped to.
                servletContext.addServlet("none", new HttpServlet() {
                    private static final long serialVersionUID = 1L;
                }).addMapping("/");
                servletContext.addFilter("jwt", new JwtUpgradeFilter(authority,
                        ServerEndpointConfig.Builder.create(Greeting.class, PATH).build()))
                        .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, PATH);
            }, null);
            tomcat.start();
            return new SocketServer(tomcat, connector, baseDir);
        } catch (Exception e) {
            throw new AssertionError("Tomcat did not start", e);
        }
    }

    /** The endpoint: says who it serves, and echoes as that user. */
    public static final class Greeting extends Endpoint {

        /** Created by the container. */
        public Greeting() {
        }

        @Override
        public void onOpen(Session session, EndpointConfig config) {
            String subject = WebSocketAuth.userContext(session).subject();
            send(session, "open|" + subject);
            session.addMessageHandler(new MessageHandler.Whole<String>() {
                @Override
                public void onMessage(String text) {
                    send(session, "echo|" + subject + "|" + text);
                }
            });
        }

        private static void send(Session session, String text) {
            try {
                session.getBasicRemote().sendText(text);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The close a client saw, and when ({@link System#nanoTime()}). */
    record Closed(int code, String reason, long atNanos) {
    }

    /** A client connection. */
    static final class Client implements AutoCloseable {
        private final Session session;
        private final BlockingQueue<String> messages;
        private final CompletableFuture<Closed> closed;

        private Client(Session session, BlockingQueue<String> messages, CompletableFuture<Closed> closed) {
            this.session = session;
            this.messages = messages;
            this.closed = closed;
        }

        /** The next message, or a failure after 20 seconds. */
        String next() throws InterruptedException {
            String message = messages.poll(20, TimeUnit.SECONDS);
            if (message == null) {
                throw new AssertionError("no message within 20 s");
            }
            return message;
        }

        /** Sends {@code text} and returns the echo. */
        String echo(String text) throws IOException, InterruptedException {
            session.getBasicRemote().sendText(text);
            return next();
        }

        /** The close, waiting up to {@code timeout}; a failure when still open. */
        Closed awaitClose(Duration timeout) throws Exception {
            return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        boolean isClosed() {
            return closed.isDone();
        }

        @Override
        public void close() throws IOException {
            if (session.isOpen()) {
                session.close();
            }
        }
    }

    /** Opens {@value #PATH} with {@code token} and waits for the greeting, so the server side is open. */
    Client connect(String token) throws Exception {
        BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        CompletableFuture<Closed> closed = new CompletableFuture<>();
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create()
                .configurator(new ClientEndpointConfig.Configurator() {
                    @Override
                    public void beforeRequest(Map<String, List<String>> headers) {
                        headers.put("Authorization", List.of("Bearer " + token));
                    }
                }).build();
        Session session = clients.connectToServer(new Endpoint() {
            @Override
            public void onOpen(Session opened, EndpointConfig endpointConfig) {
                opened.addMessageHandler(new MessageHandler.Whole<String>() {
                    @Override
                    public void onMessage(String message) {
                        messages.add(message);
                    }
                });
            }

            @Override
            public void onClose(Session ended, CloseReason reason) {
                closed.complete(new Closed(reason.getCloseCode().getCode(), reason.getReasonPhrase(),
                        System.nanoTime()));
            }
        }, config, URI.create("ws://127.0.0.1:" + connector.getLocalPort() + PATH));
        Client client = new Client(session, messages, closed);
        String greeting = client.next();
        if (!greeting.startsWith("open|")) {
            throw new AssertionError("unexpected greeting " + greeting);
        }
        return client;
    }

    /** Whether a handshake with {@code token} is refused (Tomcat's client throws on a non-101 answer). */
    boolean refuses(String token) {
        Client client;
        try {
            client = connect(token);
        } catch (Exception e) {
            return true;
        }
        try {
            client.close();
        } catch (IOException e) {
            // it was open, which is the answer
        }
        return false;
    }

    @Override
    public void close() {
        try {
            tomcat.stop();
            tomcat.destroy();
        } catch (Exception e) {
            // stopping anyway
        }
        try (Stream<Path> paths = Files.walk(baseDir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind
        }
    }
}
