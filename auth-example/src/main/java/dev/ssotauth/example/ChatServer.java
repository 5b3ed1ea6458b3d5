package dev.ssotauth.example;

import dev.ssotauth.core.JwtAuthority;
import dev.ssotauth.servlet.DiscoveryServlet;
import dev.ssotauth.servlet.JwksServlet;
import dev.ssotauth.servlet.JwtAuthFilter;
import dev.ssotauth.websocket.JwtUpgradeFilter;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.websocket.CloseReason;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import org.apache.catalina.LifecycleException;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.core.StandardContext;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.websocket.server.WsSci;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service on embedded Tomcat: what a role serves, wired through the portable servlet and
 * WebSocket APIs and the library's exported adapters only.
 *
 * <pre>
 * role   POST /login  GET /.well-known/jwks.json  GET /api/me  POST /logout(-all)  WS /chat  GET /
 *                     and /openid-configuration
 * all    yes          with asymmetric keys        yes          yes                 yes       yes
 * login  yes          with asymmetric keys        yes          yes                 -         -
 * chat   -            -                           yes          yes                 yes       yes
 * </pre>
 *
 * <p>It starts in two steps: {@link #bind} takes the port, so that the process knows its own URL
 * (the issuer of a login process started without configuration), and {@link #serve} deploys the
 * application with the authority made for that URL.
 *
 * <p>With {@code --admin-stats}, any role also serves {@code GET /admin/stats} to loopback clients
 * ({@link AdminStatsServlet}).
 */
final class ChatServer {

    private static final Logger log = LoggerFactory.getLogger(ChatServer.class);

    private final Tomcat tomcat;
    private final Connector connector;
    private final Path baseDir;
    private final Options.Role role;
    private final ChatRoom room;
    private final List<String> routes = new CopyOnWriteArrayList<>();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final CountDownLatch done = new CountDownLatch(1);

    private ChatServer(Tomcat tomcat, Connector connector, Path baseDir, Options.Role role) {
        this.tomcat = tomcat;
        this.connector = connector;
        this.baseDir = baseDir;
        this.role = role;
        this.room = role.chats() ? new ChatRoom() : null;
    }

    /**
     * Takes the port, serving nothing yet; {@link #port()} is known from here on.
     *
     * @param role what this process will serve
     * @param bind the address to listen on
     * @param port the port; 0 picks a free one
     * @return the bound server
     * @throws IOException        when the working directory cannot be made
     * @throws LifecycleException when the port cannot be bound (for example, it is taken)
     */
    static ChatServer bind(Options.Role role, String bind, int port) throws IOException, LifecycleException {
        Path baseDir = Files.createTempDirectory("ssot-auth-example");
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(baseDir.toString());
        ((StandardHost) tomcat.getHost()).setErrorReportValveClass(JsonErrorValve.class.getName());
        Connector connector = new Connector("HTTP/1.1");
        connector.setPort(port);
        connector.setProperty("address", bind);
        connector.setThrowOnFailure(true); // a taken port fails init() instead of being logged and ignored
        tomcat.getService().addConnector(connector);
        tomcat.setConnector(connector);
        ChatServer server = new ChatServer(tomcat, connector, baseDir, role);
        try {
            tomcat.init(); // binds the connector's port
        } catch (LifecycleException | RuntimeException e) {
            server.stop();
            throw new LifecycleException("cannot listen on " + bind + ":" + port + " (" + rootCause(e) + ")", e);
        }
        if (connector.getLocalPort() <= 0) {
            server.stop();
            throw new LifecycleException("the HTTP connector did not bind to " + bind + ":" + port);
        }
        return server;
    }

    /**
     * Deploys the service and starts answering.
     *
     * @param authority     the process's one authority
     * @param publishesKeys whether to serve the public JWK Set and the discovery document
     * @param users         who may log in; {@code null} for a role that does not log in
     * @param adminStats    whether to serve {@code GET /admin/stats} to loopback clients
     * @param metrics       the meters to serve at {@code GET /metrics} to loopback clients, or {@code null}
     * @throws LifecycleException when Tomcat cannot start the application; the server is stopped
     */
    void serve(JwtAuthority authority, boolean publishesKeys, Users users, boolean adminStats,
            PrometheusMeterRegistry metrics) throws LifecycleException {
        StandardContext context = (StandardContext) tomcat.addContext("", baseDir.toString());
        // One application for the life of the JVM, never redeployed: Tomcat's class-loader leak
        // hunting on stop has nothing to find, and would only print warnings about JDK internals.
        context.setClearReferencesRmiTargets(false);
        context.setClearReferencesThreadLocals(false);
        context.setClearReferencesStopThreads(false);
        context.setClearReferencesStopTimerThreads(false);
        context.addServletContainerInitializer(new WsSci(), null);
        context.addServletContainerInitializer((classes, servletContext) ->
                deploy(servletContext, role, authority, publishesKeys, users, room, adminStats, metrics, routes), null);
        try {
            tomcat.start();
        } catch (LifecycleException | RuntimeException e) {
            stop();
            throw new LifecycleException("the application did not start (" + rootCause(e) + ")", e);
        }
    }

    private static String rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }

    private static void deploy(ServletContext context, Options.Role role, JwtAuthority authority,
            boolean publishesKeys, Users users, ChatRoom room, boolean adminStats, PrometheusMeterRegistry metrics,
            List<String> routes) {
        // The application owns its authority: closing it as the application stops ends its key-set
        // fetching threads before Tomcat looks for threads left behind.
        context.addListener(new ServletContextListener() {
            @Override
            public void contextDestroyed(ServletContextEvent event) {
                authority.close();
            }
        });
        // Embedded Tomcat runs no filter for a path that no servlet is mapped to: the page servlet
        // takes "/" and answers JSON 404 for anything unknown.
        context.addServlet("page", new PageServlet(role.chats(), role.chats() ? ChatEndpoint.PATH : null))
                .addMapping("/");
        if (role.logsIn()) {
            context.addServlet("login", new LoginServlet(authority, users)).addMapping("/login");
            routes.add("POST /login");
        }
        if (publishesKeys) {
            context.addServlet("jwks", new JwksServlet(authority)).addMapping(JwksServlet.PATH);
            context.addServlet("discovery", new DiscoveryServlet(authority)).addMapping(DiscoveryServlet.PATH);
            routes.add("GET " + JwksServlet.PATH);
            routes.add("GET " + DiscoveryServlet.PATH + " (issuer " + authority.issuer() + ")");
        }
        context.addServlet("me", new MeServlet()).addMapping("/api/me");
        context.addServlet("logout", new LogoutServlet(authority, LogoutServlet.Scope.SESSION)).addMapping("/logout");
        context.addServlet("logout-all", new LogoutServlet(authority, LogoutServlet.Scope.SUBJECT))
                .addMapping("/logout-all");
        context.addFilter("jwt", new JwtAuthFilter(authority)).addMappingForUrlPatterns(
                EnumSet.of(DispatcherType.REQUEST), true, "/api/*", "/logout", "/logout-all");
        routes.add("GET /api/me");
        routes.add("POST /logout");
        routes.add("POST /logout-all");
        if (room != null) {
            context.addFilter("chat", new JwtUpgradeFilter(authority, ChatEndpoint.config(room)))
                    .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, ChatEndpoint.PATH);
            routes.add("WebSocket " + ChatEndpoint.PATH);
            routes.add("GET / (the chat page)");
        }
        if (adminStats) {
            context.addServlet("admin-stats", new AdminStatsServlet(room)).addMapping(AdminStatsServlet.PATH);
            routes.add("GET " + AdminStatsServlet.PATH + " (loopback clients only)");
        }
        if (metrics != null) {
            context.addServlet("metrics", new MetricsServlet(metrics)).addMapping(MetricsServlet.PATH);
            routes.add("GET " + MetricsServlet.PATH + " (Prometheus text, loopback clients only)");
        }
    }

    /** The bound port. */
    int port() {
        return connector.getLocalPort();
    }

    /** What this process serves, for the banner. */
    List<String> routes() {
        return List.copyOf(routes);
    }

    /**
     * Closes every chat connection with 1001 (going away), stops Tomcat and removes its working
     * directory. Idempotent; safe from a shutdown hook.
     */
    void stop() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        try {
            if (room != null) {
                room.close(new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "server shutting down"));
            }
            if (tomcat.getServer().getState() != LifecycleState.INITIALIZED) {
                tomcat.stop(); // bound but never served: there is nothing to stop, and Tomcat would refuse
            }
            tomcat.destroy();
        } catch (LifecycleException | RuntimeException e) {
            log.warn("Tomcat did not stop cleanly ({})", e.getClass().getSimpleName());
        } finally {
            delete(baseDir);
            done.countDown();
        }
    }

    /** Waits until {@link #stop()} has finished. */
    void awaitStop() throws InterruptedException {
        done.await();
    }

    private static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            log.debug("the working directory was not removed ({})", e.getClass().getSimpleName());
        }
    }
}
