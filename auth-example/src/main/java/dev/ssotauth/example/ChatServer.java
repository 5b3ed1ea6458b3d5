package dev.ssotauth.example;

import dev.ssotauth.core.JwtAuthority;
import dev.ssotauth.servlet.DiscoveryServlet;
import dev.ssotauth.servlet.JwksServlet;
import dev.ssotauth.servlet.JwtAuthFilter;
import dev.ssotauth.websocket.JwtUpgradeFilter;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletRegistration;
import jakarta.websocket.CloseReason;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
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
 * The service on embedded Tomcat, wired with the library's adapters. It starts in two steps: {@link #bind}
 * takes the port, so that the process knows its own URL (the issuer of an unconfigured login process);
 * {@link #serve} deploys the application with the authority made for that URL.
 */
final class ChatServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ChatServer.class);

    private final Tomcat tomcat = new Tomcat();
    private final Connector connector = new Connector("HTTP/1.1");
    private final Path baseDir;
    private final Role role;
    private final ChatRoom room;
    private final List<String> routes = new CopyOnWriteArrayList<>();
    private final CountDownLatch done = new CountDownLatch(1);

    private ChatServer(Path baseDir, Role role) {
        this.baseDir = baseDir;
        this.role = role;
        this.room = role.chats() ? new ChatRoom() : null;
    }

    /** Takes the port (0: a free one, see {@link #port()}), serving nothing yet; fails if it is taken. */
    static ChatServer bind(Role role, String bind, int port) throws LifecycleException, IOException {
        ChatServer server = new ChatServer(Files.createTempDirectory("ssot-auth-example"), role);
        server.tomcat.setBaseDir(server.baseDir.toString());
        ((StandardHost) server.tomcat.getHost()).setErrorReportValveClass(HttpJson.ErrorValve.class.getName());
        server.connector.setPort(port);
        server.connector.setProperty("address", bind);
        server.connector.setThrowOnFailure(true); // a taken port fails init() instead of being logged
        server.tomcat.setConnector(server.connector);
        try {
            server.tomcat.init(); // binds the port
        } catch (LifecycleException | RuntimeException e) {
            server.close();
            throw new LifecycleException("cannot listen on " + bind + ":" + port + " (" + rootCause(e) + ")", e);
        }
        return server;
    }

    /** Deploys the service and starts answering. */
    void serve(JwtAuthority authority, boolean publishesKeys, boolean adminStats, PrometheusMeterRegistry metrics)
            throws LifecycleException {
        StandardContext context = (StandardContext) tomcat.addContext("", baseDir.toString());
        // Never redeployed: Tomcat's leak hunting on stop would only warn about JDK internals.
        context.setClearReferencesRmiTargets(false);
        context.setClearReferencesThreadLocals(false);
        context.setClearReferencesStopThreads(false);
        context.setClearReferencesStopTimerThreads(false);
        context.addServletContainerInitializer(new WsSci(), null);
        context.addServletContainerInitializer((classes, servletContext) ->
                deploy(servletContext, authority, publishesKeys, adminStats, metrics), null);
        try {
            tomcat.start();
        } catch (LifecycleException | RuntimeException e) {
            close();
            throw new LifecycleException("the application did not start (" + rootCause(e) + ")", e);
        }
    }

    private void deploy(ServletContext context, JwtAuthority authority, boolean publishesKeys, boolean adminStats,
            PrometheusMeterRegistry metrics) {
        // Closed as the application stops: its key-set threads end before Tomcat looks for threads left behind.
        context.addListener(new ServletContextListener() {
            @Override
            public void contextDestroyed(ServletContextEvent event) {
                authority.close();
            }
        });
        // Embedded Tomcat runs no filter for an unmapped path: "/" takes the page and answers JSON 404s.
        context.addServlet("page", new PageServlet(role.chats())).addMapping("/");
        ServletRegistration api = context.addServlet("api", new ApiServlet(authority));
        api.addMapping("/api/me", "/logout", "/logout-all");
        if (role.logsIn()) {
            api.addMapping("/login");
            routes.add("POST /login");
        }
        context.addFilter("jwt", new JwtAuthFilter(authority)).addMappingForUrlPatterns(null, true, "/api/*",
                "/logout", "/logout-all");
        routes.addAll(List.of("GET /api/me", "POST /logout", "POST /logout-all"));
        if (publishesKeys) {
            context.addServlet("jwks", new JwksServlet(authority)).addMapping(JwksServlet.PATH);
            context.addServlet("discovery", new DiscoveryServlet(authority)).addMapping(DiscoveryServlet.PATH);
            routes.add("GET " + JwksServlet.PATH);
            routes.add("GET " + DiscoveryServlet.PATH + " (issuer " + authority.issuer() + ")");
        }
        if (room != null) {
            context.addFilter("chat", new JwtUpgradeFilter(authority, room.endpoint()))
                    .addMappingForUrlPatterns(null, true, ChatRoom.PATH);
            routes.add("WebSocket " + ChatRoom.PATH + ", GET / (the chat page)");
        }
        AdminServlet admin = new AdminServlet(room, metrics);
        context.addServlet("metrics", admin).addMapping(AdminServlet.METRICS);
        routes.add("GET " + AdminServlet.METRICS + " (Prometheus text, loopback clients only)");
        if (adminStats) {
            context.addServlet("admin-stats", admin).addMapping(AdminServlet.STATS);
            routes.add("GET " + AdminServlet.STATS + " (loopback clients only)");
        }
    }

    private static String rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }

    int port() {
        return connector.getLocalPort();
    }

    List<String> routes() {
        return List.copyOf(routes);
    }

    /** Closes every chat connection with 1001, stops Tomcat, removes its directory. Idempotent. */
    @Override
    public synchronized void close() {
        if (done.getCount() == 0) {
            return;
        }
        try {
            if (room != null) {
                room.close(new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "server shutting down"));
            }
            if (tomcat.getServer().getState() != LifecycleState.INITIALIZED) {
                tomcat.stop(); // bound but never served: nothing to stop, and Tomcat would refuse
            }
            tomcat.destroy();
        } catch (LifecycleException | RuntimeException e) {
            log.warn("Tomcat did not stop cleanly ({})", e.getClass().getSimpleName());
        } finally {
            try (Stream<Path> paths = Files.walk(baseDir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                log.debug("the working directory was not removed ({})", e.getClass().getSimpleName());
            }
            done.countDown();
        }
    }

    /** Waits until {@link #close()} has finished, or this thread is interrupted. */
    void awaitStop() {
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
