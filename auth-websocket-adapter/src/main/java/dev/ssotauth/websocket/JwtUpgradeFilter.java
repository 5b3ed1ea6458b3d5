package dev.ssotauth.websocket;

import dev.ssotauth.core.JwtAuthority;
import dev.ssotauth.websocket.internal.BearerTokens;
import dev.ssotauth.websocket.internal.Decision;
import dev.ssotauth.websocket.internal.ExpiryScheduler;
import dev.ssotauth.websocket.internal.HttpChallenges;
import dev.ssotauth.websocket.internal.Origins;
import dev.ssotauth.websocket.internal.ServletSource;
import dev.ssotauth.websocket.internal.Transports;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;

import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authenticates a WebSocket handshake <em>before</em> the upgrade and then upgrades it itself with
 * {@link ServerContainer#upgradeHttpToWebSocket}, so that a refused handshake gets a real
 * {@code 401} with {@code WWW-Authenticate} and never a {@code 101}, on every container. (A filter
 * in front of an endpoint the container deployed runs too late on Jetty, whose own upgrade filter
 * comes first, and a configurator cannot answer 401 at all.)
 *
 * <pre>{@code
 * ServerEndpointConfig chat = ServerEndpointConfig.Builder.create(ChatEndpoint.class, "/chat").build();
 * servletContext.addFilter("chat", new JwtUpgradeFilter(authority, chat))
 *         .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/chat");
 * }</pre>
 *
 * <p>Do not also deploy the endpoint with {@code ServerContainer.addEndpoint}: the filter is its only
 * way in. The container's WebSocket support must be enabled for the servlet context.
 *
 * <p>For each WebSocket upgrade request ({@code GET} with {@code Upgrade: websocket}) whose path
 * matches the endpoint's path (with its {@code {parameters}}):
 * <ul>
 * <li>an {@code Origin} outside the allow-list, when one is set → 403;</li>
 * <li>tokens are read from the {@code Authorization} header, the subprotocol pair {@code bearer},
 *     {@code <token>}, the Kubernetes subprotocol form, and the opt-in query parameter and cookie;
 *     none → 401 {@code WWW-Authenticate: Bearer}; a refused one → 401
 *     {@code WWW-Authenticate: Bearer error="invalid_token"}; several → 400
 *     {@code error="invalid_request"}; {@link dev.ssotauth.core.AuthUnavailableException} → 503.
 *     Bodies are fixed JSON without token or exception text;</li>
 * <li>exactly one valid token → the connection is upgraded to the endpoint with the user in its own
 *     {@code userProperties} ({@link WebSocketAuth#userContext}), the negotiated subprotocol is the
 *     endpoint's choice or else exactly {@code bearer}, and the connection is closed with 1008 when
 *     the token expires.</li>
 * </ul>
 * Other requests continue down the chain unchanged.
 *
 * <p>Each connection opened and closed is reported to the authority's {@link dev.ssotauth.core.AuthListener}
 * ({@link dev.ssotauth.core.AuthEvent.WebSocketSession}, with the reason it closed).
 *
 * <p>Immutable and thread-safe; the {@code with…} methods return configured copies, each with its own
 * connections and expiry timer, which {@link #destroy()} closes and stops.
 */
public final class JwtUpgradeFilter implements Filter {

    private static final Logger log = LoggerFactory.getLogger(JwtUpgradeFilter.class);

    private final JwtAuthority authority;
    private final ServerEndpointConfig endpoint;
    private final PathTemplate path;
    private final Transports transports;
    private final Origins origins;
    private final UpgradeConfigurator configurator;
    private final OpenSessions sessions;

    /**
     * A filter that upgrades authenticated handshakes to {@code endpoint}.
     *
     * @param authority the authority that decides
     * @param endpoint  the endpoint to upgrade to; its configurator, subprotocols, extensions, encoders,
     *                  decoders and user properties are honoured
     * @throws NullPointerException if an argument is {@code null}
     */
    public JwtUpgradeFilter(JwtAuthority authority, ServerEndpointConfig endpoint) {
        this(Objects.requireNonNull(authority, "authority"), Objects.requireNonNull(endpoint, "endpoint"),
                Transports.DEFAULT, Origins.ANY);
    }

    private JwtUpgradeFilter(JwtAuthority authority, ServerEndpointConfig endpoint, Transports transports,
            Origins origins) {
        this.authority = authority;
        this.endpoint = endpoint;
        this.path = new PathTemplate(endpoint.getPath());
        this.transports = transports;
        this.origins = origins;
        this.configurator = new UpgradeConfigurator(endpoint.getConfigurator(), origins);
        this.sessions = new OpenSessions(authority, ExpiryScheduler.create());
    }

    /**
     * A copy that answers 403 to handshakes whose {@code Origin} is present and not one of
     * {@code origins}. Required with {@link #withCookie(String)}.
     *
     * @param origins the allowed origins, as {@code scheme://host[:port]}
     * @return the configured copy
     * @throws NullPointerException     if the array or an element is {@code null}
     * @throws IllegalArgumentException if it is empty or an element is not an origin
     * @throws IllegalStateException    if origins are already set
     */
    public JwtUpgradeFilter withAllowedOrigins(String... origins) {
        if (this.origins.restricted()) {
            throw new IllegalStateException("allowedOrigins is already set");
        }
        return new JwtUpgradeFilter(authority, endpoint, transports, Origins.of(origins));
    }

    /**
     * A copy that also accepts the token in the query parameter {@code name}. Query strings end up in
     * access logs (RFC 6750 §2.3); prefer the subprotocol pair. The value is never logged here.
     *
     * @param name the parameter, such as {@code "access_token"}
     * @return the configured copy
     * @throws NullPointerException     if {@code name} is {@code null}
     * @throws IllegalArgumentException if {@code name} is not an HTTP token
     * @throws IllegalStateException    if a query parameter is already enabled
     */
    public JwtUpgradeFilter withQueryParameter(String name) {
        return new JwtUpgradeFilter(authority, endpoint, transports.withQueryParameter(name), origins);
    }

    /**
     * A copy that also accepts the token in the cookie {@code name}. Browsers send cookies on
     * cross-site WebSocket handshakes too, so {@link #init(FilterConfig)} refuses to start without an
     * origin allow-list ({@link #withAllowedOrigins(String...)}).
     *
     * @param name the cookie name
     * @return the configured copy
     * @throws NullPointerException     if {@code name} is {@code null}
     * @throws IllegalArgumentException if {@code name} is not an HTTP token
     * @throws IllegalStateException    if a cookie is already enabled
     */
    public JwtUpgradeFilter withCookie(String name) {
        return new JwtUpgradeFilter(authority, endpoint, transports.withCookie(name), origins);
    }

    /**
     * Checks the options together.
     *
     * @param filterConfig the container's filter configuration
     * @throws ServletException when the cookie transport is enabled without an origin allow-list
     */
    @Override
    public void init(FilterConfig filterConfig) throws ServletException {
        if (misconfigured()) {
            throw new ServletException("JwtUpgradeFilter: the cookie transport needs an origin allow-list "
                    + "(withAllowedOrigins)");
        }
    }

    private boolean misconfigured() {
        return transports.cookie() != null && !origins.restricted();
    }

    /**
     * Authenticates and upgrades a WebSocket handshake for the endpoint's path, or answers it; lets
     * every other request continue down the chain.
     *
     * @param request  the request
     * @param response the response
     * @param chain    the rest of the chain
     * @throws IOException      if the chain, the answer or the upgrade fails
     * @throws ServletException if the chain fails, or the container refuses the endpoint
     */
    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!(request instanceof HttpServletRequest) || !(response instanceof HttpServletResponse)
                || !ServletSource.isWebSocketUpgrade((HttpServletRequest) request)) {
            chain.doFilter(request, response);
            return;
        }
        HttpServletRequest http = (HttpServletRequest) request;
        HttpServletResponse httpResponse = (HttpServletResponse) response;
        Map<String, String> pathParameters = path.match(pathInContext(http));
        if (pathParameters == null) {
            chain.doFilter(request, response);
            return;
        }
        if (misconfigured()) {
            log.error("WebSocket handshake refused: the cookie transport needs an origin allow-list");
            HttpChallenges.misconfigured(httpResponse);
            return;
        }
        if (!origins.allows(http.getHeader("Origin"))) {
            log.debug("WebSocket handshake from an origin that is not allowed: 403");
            HttpChallenges.forbiddenOrigin(httpResponse);
            return;
        }
        BearerTokens.Found found = BearerTokens.find(new ServletSource(http), transports, true);
        Decision decision = Decision.decide(authority, found, log, "WebSocket handshake");
        if (HttpChallenges.refuse(decision, httpResponse)) {
            return;
        }
        ServerContainer container = (ServerContainer) http.getServletContext()
                .getAttribute(ServerContainer.class.getName());
        if (container == null) {
            throw new ServletException("JwtUpgradeFilter: no jakarta.websocket ServerContainer in this servlet "
                    + "context; enable the container's WebSocket support");
        }
        Map<String, Object> properties = new ConcurrentHashMap<>();
        for (Map.Entry<String, Object> property : endpoint.getUserProperties().entrySet()) {
            if (property.getKey() != null && property.getValue() != null) {
                properties.put(property.getKey(), property.getValue());
            }
        }
        ConnectionGuard.clear(properties);
        new ConnectionGuard(authority, sessions, decision.user()).install(properties);
        try {
            container.upgradeHttpToWebSocket(http, httpResponse,
                    new UpgradeEndpointConfig(endpoint, configurator, properties), pathParameters);
        } catch (DeploymentException e) {
            throw new ServletException("JwtUpgradeFilter: the container refused the endpoint "
                    + endpoint.getEndpointClass().getName(), e);
        }
    }

    /**
     * Closes this filter's open connections with 1001 ({@code "server shutting down"}; reported to the
     * authority's listener as {@link dev.ssotauth.core.AuthEvent.CloseReason#SHUTDOWN}), stops their
     * expiry timers and waits up to a second for the timer threads to end.
     */
    @Override
    public void destroy() {
        sessions.shutdown();
    }

    private static String pathInContext(HttpServletRequest request) {
        String servletPath = request.getServletPath();
        String pathInfo = request.getPathInfo();
        return (servletPath == null ? "" : servletPath) + (pathInfo == null ? "" : pathInfo);
    }

    /**
     * A safe description: the endpoint path, transports, origins and the authority's fingerprint.
     *
     * @return the description
     */
    @Override
    public String toString() {
        return "JwtUpgradeFilter[" + endpoint.getPath() + ", " + transports + ", origins " + origins
                + ", authority " + authority + "]";
    }
}
