package dev.ssotauth.websocket;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.ssotauth.core.AuthContext;
import dev.ssotauth.core.AuthUnavailableException;
import dev.ssotauth.core.JwtAuthority;
import dev.ssotauth.core.Revocation;
import dev.ssotauth.core.RevocationStore;
import dev.ssotauth.core.UserContext;
import dev.ssotauth.servlet.JwtAuthFilter;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The application both containers run, deployed through the portable servlet and WebSocket APIs
 * only, so that Tomcat and Jetty are tested on exactly the same wiring.
 */
final class TestApplication {

    static final String ALLOWED_ORIGIN = "https://app.ssot-auth.test";
    /** The remote keys of the running application, for the tests to count fetches. */
    static final AtomicReference<RemoteKeys> REMOTE = new AtomicReference<>();

    private TestApplication() {
    }

    static void deploy(ServletContext context, ServerContainer webSockets) throws ServletException {
        if (webSockets == null) {
            throw new ServletException("WebSocket support is not enabled");
        }
        JwtAuthority authority = TestAuthority.AUTHORITY;
        JwtAuthority unavailable = unavailableAuthority();
        // A real authority whose revocation store fails: it cannot decide, which is a 503 too.
        JwtAuthority broken = JwtAuthority.builder().hmacSecret(TestAuthority.sharedSecret()).issuer(TestAuthority.ISSUER)
                .audience(TestAuthority.AUDIENCE).revocationStore(new BrokenStore()).build();
        // Keys fetched from a published set; the application closes that authority when it stops.
        RemoteKeys remote = new RemoteKeys();
        REMOTE.set(remote);
        context.addListener(new ServletContextListener() {
            @Override
            public void contextDestroyed(ServletContextEvent event) {
                remote.close();
            }
        });

        // Embedded Tomcat answers 404 before any filter runs unless some servlet is mapped at "/".
        context.addServlet("not-found", new NotFoundServlet()).addMapping("/");
        context.addServlet("who-am-i", new WhoAmIServlet()).addMapping("/api/*", "/api-opt/*", "/api-unavailable/*",
                "/api-broken/*", "/api-remote/*");

        filter(context, "api", new JwtAuthFilter(authority), "/api/*");
        filter(context, "api-opt", new JwtAuthFilter(authority).withQueryParameter("access_token")
                .withCookie("access_token"), "/api-opt/*");
        filter(context, "api-unavailable", new JwtAuthFilter(unavailable), "/api-unavailable/*");
        filter(context, "api-broken", new JwtAuthFilter(broken), "/api-broken/*");
        filter(context, "api-remote", new JwtAuthFilter(remote.verifier()), "/api-remote/*");

        // Programmatic endpoints reachable only through JwtUpgradeFilter.
        filter(context, "ws-upgrade", new JwtUpgradeFilter(authority, endpoint("/ws/upgrade", List.of())),
                "/ws/upgrade");
        filter(context, "ws-rooms", new JwtUpgradeFilter(authority, endpoint("/ws/rooms/{room}", List.of())),
                "/ws/rooms/*");
        filter(context, "ws-app-protocol", new JwtUpgradeFilter(authority,
                endpoint("/ws/app-protocol", List.of("chat.v2", "chat.v1"))), "/ws/app-protocol");
        filter(context, "ws-opt", new JwtUpgradeFilter(authority, endpoint("/ws/opt", List.of()))
                .withAllowedOrigins(ALLOWED_ORIGIN).withQueryParameter("access_token").withCookie("access_token"),
                "/ws/opt");
        // The usual whole-application set-up: JwtAuthFilter on everything under /ws/behind, and the
        // upgrade filter after it (the request it receives is JwtAuthFilter's wrapper).
        filter(context, "behind-auth", new JwtAuthFilter(authority), "/ws/behind");
        filter(context, "ws-behind", new JwtUpgradeFilter(authority, endpoint("/ws/behind", List.of())), "/ws/behind");
        filter(context, "ws-unavailable", new JwtUpgradeFilter(unavailable, endpoint("/ws/unavailable", List.of())),
                "/ws/unavailable");
        filter(context, "ws-broken", new JwtUpgradeFilter(broken, endpoint("/ws/broken", List.of())), "/ws/broken");

        // Endpoints the container deploys, authenticated by JwtEndpointConfigurator in modifyHandshake.
        // A naive JwtAuthFilter in front of one of them: Jetty's own upgrade filter runs first
        // (jetty issue 10433); the configurator must still refuse.
        filter(context, "naive", new JwtAuthFilter(authority), "/ws/annotated");
        try {
            webSockets.addEndpoint(AnnotatedEchoEndpoint.class);
            webSockets.addEndpoint(PerMessageCheckEndpoint.class);
            webSockets.addEndpoint(ServerEndpointConfig.Builder.create(EchoEndpoint.class, "/ws/programmatic")
                    .configurator(new JwtEndpointConfigurator(authority)).build());
            webSockets.addEndpoint(ServerEndpointConfig.Builder.create(EchoEndpoint.class, "/ws/programmatic-origin")
                    .configurator(new JwtEndpointConfigurator(authority).withAllowedOrigins(ALLOWED_ORIGIN)
                            .withCookie("access_token"))
                    .build());
        } catch (DeploymentException e) {
            throw new ServletException(e);
        }
    }

    private static ServerEndpointConfig endpoint(String path, List<String> subprotocols) {
        return ServerEndpointConfig.Builder.create(EchoEndpoint.class, path).subprotocols(subprotocols).build();
    }

    private static void filter(ServletContext context, String name, Filter filter, String path) {
        context.addFilter(name, filter).addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, path);
    }

    /** An authority that cannot decide, as one whose remote key set is down would be. */
    private static JwtAuthority unavailableAuthority() {
        JwtAuthority authority = mock(JwtAuthority.class);
        when(authority.authenticate(any())).thenThrow(new AuthUnavailableException("key set unreachable", null));
        when(authority.fingerprint()).thenReturn("0000000000000000");
        return authority;
    }

    /** A revocation store that fails unexpectedly, as a broken custom one would. */
    static final class BrokenStore implements RevocationStore {
        @Override
        public void revoke(Revocation revocation) {
        }

        @Override
        public boolean isRevoked(UserContext user) {
            throw new IllegalStateException("store exploded");
        }

        @Override
        public Subscription subscribe(Consumer<Revocation> listener) {
            return () -> { };
        }
    }

    /** Answers who the request runs as: {@code subject|principal|AuthContext subject|admin?}. */
    static final class WhoAmIServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            UserContext user = (UserContext) request.getAttribute(JwtAuthFilter.USER_CONTEXT_ATTRIBUTE);
            String body = user.subject() + "|" + request.getUserPrincipal().getName() + "|"
                    + AuthContext.require().subject() + "|" + request.isUserInRole("admin") + "|"
                    + request.getAuthType();
            response.setContentType("text/plain;charset=UTF-8");
            response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The servlet at "/". */
    static final class NotFoundServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            response.setContentType("text/plain;charset=UTF-8");
            response.getOutputStream().write("not found".getBytes(StandardCharsets.UTF_8));
        }
    }
}
