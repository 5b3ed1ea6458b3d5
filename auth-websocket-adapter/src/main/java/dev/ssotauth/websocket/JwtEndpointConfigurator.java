package dev.ssotauth.websocket;

import dev.ssotauth.core.JwtAuthority;
import dev.ssotauth.websocket.internal.BearerTokens;
import dev.ssotauth.websocket.internal.Decision;
import dev.ssotauth.websocket.internal.ExpiryScheduler;
import dev.ssotauth.websocket.internal.HandshakeSource;
import dev.ssotauth.websocket.internal.Origins;
import dev.ssotauth.websocket.internal.ProcessAuthority;
import dev.ssotauth.websocket.internal.Transports;

import jakarta.websocket.Endpoint;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authenticates the handshakes of an endpoint deployed the usual way, by annotation or by
 * {@code ServerContainer.addEndpoint}, with one {@link JwtAuthority}.
 *
 * <pre>{@code
 * @ServerEndpoint(value = "/chat", configurator = JwtEndpointConfigurator.class)
 * public final class ChatEndpoint {
 *     @OnOpen
 *     public void open(Session session) {
 *         WebSocketAuth.startExpiryTimer(session);
 *     }
 *
 *     @OnMessage
 *     public void message(Session session, String text) {
 *         WebSocketAuth.runAs(session, () -> chat.post(text));
 *     }
 *
 *     @OnClose
 *     public void close(Session session) {
 *         WebSocketAuth.stopExpiryTimer(session);
 *     }
 * }
 * }</pre>
 *
 * <p>In {@link #modifyHandshake modifyHandshake} the token is read from the {@code Authorization}
 * header, the subprotocol pair {@code bearer}, {@code <token>} (what a browser can send:
 * {@code new WebSocket(url, ["bearer", token])}), the Kubernetes subprotocol form
 * {@code base64url.bearer.authorization.k8s.io.<base64url token>}, and — only when enabled — a query
 * parameter or a cookie. Exactly one valid token stores the user in the connection's own
 * {@code userProperties}, where {@link WebSocketAuth} finds it. Anything else stops the handshake by
 * throwing an exception without a message: the container then answers with an error status (500
 * on Tomcat and Jetty), never 101. A configurator cannot answer 401; put {@link JwtUpgradeFilter} in
 * front when clients need a proper {@code 401} with {@code WWW-Authenticate}.
 *
 * <p>Subprotocols: when the client offered the {@code bearer} pair and the endpoint's own
 * subprotocols match nothing else offered, the answer is exactly {@code bearer}; the token is never
 * echoed. Programmatic endpoints ({@link Endpoint} subclasses) are wrapped so that the expiry timer
 * starts and stops by itself and their callbacks run with the user in
 * {@link dev.ssotauth.core.AuthContext}; annotated endpoints call {@link WebSocketAuth}.
 *
 * <p>The container creates one configurator per endpoint and uses it for every connection; this one
 * keeps no per-connection state in fields and is thread-safe. Created by the container with the
 * no-argument constructor, it uses the process's authority, {@link JwtAuthority#fromEnvironment()},
 * built once. Options for annotated use go through a subclass:
 *
 * <pre>{@code
 * public final class ChatConfigurator extends JwtEndpointConfigurator {
 *     public ChatConfigurator() {
 *         super(new JwtEndpointConfigurator().withAllowedOrigins("https://chat.example"));
 *     }
 * }
 * }</pre>
 *
 * <p>Each connection opened (for an annotated endpoint: by {@link WebSocketAuth#startExpiryTimer}) and
 * closed is reported to the authority's {@link dev.ssotauth.core.AuthListener}
 * ({@link dev.ssotauth.core.AuthEvent.WebSocketSession}, with the reason it closed).
 *
 * <p>Subclasses must not override the handshake methods (they are {@code final}); to create
 * endpoint instances another way, override {@link #createEndpointInstance(Class)}.
 */
public class JwtEndpointConfigurator extends ServerEndpointConfig.Configurator {

    private static final Logger log = LoggerFactory.getLogger(JwtEndpointConfigurator.class);

    private final JwtAuthority authority;
    private final Transports transports;
    private final Origins origins;
    private final OpenSessions sessions;

    /**
     * A configurator over the process's authority, {@link JwtAuthority#fromEnvironment()}, built once
     * per class loader and shared with every other adapter created this way. This is the constructor
     * a container calls for {@code @ServerEndpoint(configurator = JwtEndpointConfigurator.class)}.
     *
     * @throws dev.ssotauth.core.AuthConfigurationException when that configuration is missing, weak or
     *                                                      conflicting
     */
    public JwtEndpointConfigurator() {
        this(ProcessAuthority.get(), Transports.DEFAULT, Origins.ANY);
    }

    /**
     * A configurator over {@code authority}, for programmatic deployment.
     *
     * @param authority the authority that decides
     * @throws NullPointerException if {@code authority} is {@code null}
     */
    public JwtEndpointConfigurator(JwtAuthority authority) {
        this(Objects.requireNonNull(authority, "authority"), Transports.DEFAULT, Origins.ANY);
    }

    /**
     * A configurator with the authority and options of {@code settings}, for subclasses that a
     * container creates with their own no-argument constructor (see the class description).
     *
     * @param settings the configurator to copy
     * @throws NullPointerException if {@code settings} is {@code null}
     */
    protected JwtEndpointConfigurator(JwtEndpointConfigurator settings) {
        this(Objects.requireNonNull(settings, "settings").authority, settings.transports, settings.origins,
                settings.sessions);
    }

    private JwtEndpointConfigurator(JwtAuthority authority, Transports transports, Origins origins) {
        this(authority, transports, origins, new OpenSessions(authority, ExpiryScheduler.create()));
    }

    private JwtEndpointConfigurator(JwtAuthority authority, Transports transports, Origins origins,
            OpenSessions sessions) {
        this.authority = authority;
        this.transports = transports;
        this.origins = origins;
        this.sessions = sessions;
    }

    /**
     * A copy that refuses handshakes whose {@code Origin} is present and not one of {@code origins}
     * (the container answers 403). Required with {@link #withCookie(String)}.
     *
     * @param origins the allowed origins, as {@code scheme://host[:port]}
     * @return the configured copy
     * @throws NullPointerException     if the array or an element is {@code null}
     * @throws IllegalArgumentException if it is empty or an element is not an origin
     * @throws IllegalStateException    if origins are already set
     */
    public JwtEndpointConfigurator withAllowedOrigins(String... origins) {
        if (this.origins.restricted()) {
            throw new IllegalStateException("allowedOrigins is already set");
        }
        return new JwtEndpointConfigurator(authority, transports, Origins.of(origins), sessions);
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
    public JwtEndpointConfigurator withQueryParameter(String name) {
        return new JwtEndpointConfigurator(authority, transports.withQueryParameter(name), origins, sessions);
    }

    /**
     * A copy that also accepts the token in the cookie {@code name}. A browser sends cookies on
     * cross-site WebSocket handshakes too, so handshakes are refused until an origin allow-list is set
     * with {@link #withAllowedOrigins(String...)}.
     *
     * @param name the cookie name
     * @return the configured copy
     * @throws NullPointerException     if {@code name} is {@code null}
     * @throws IllegalArgumentException if {@code name} is not an HTTP token
     * @throws IllegalStateException    if a cookie is already enabled
     */
    public JwtEndpointConfigurator withCookie(String name) {
        return new JwtEndpointConfigurator(authority, transports.withCookie(name), origins, sessions);
    }

    /**
     * Allows the handshake when the origin allow-list (if any) and the container's default allow it.
     *
     * @param originHeaderValue the {@code Origin} header, or {@code null}
     * @return whether the handshake may proceed
     */
    @Override
    public final boolean checkOrigin(String originHeaderValue) {
        return origins.allows(originHeaderValue) && super.checkOrigin(originHeaderValue);
    }

    /**
     * Chooses the subprotocol: the container's default choice among the offered application
     * subprotocols (credentials removed), else {@code bearer} when the client offered the
     * {@code bearer} pair, else none.
     *
     * @param supported the endpoint's subprotocols
     * @param requested the client's subprotocols
     * @return the chosen subprotocol, or {@code ""}; never a token
     */
    @Override
    public final String getNegotiatedSubprotocol(List<String> supported, List<String> requested) {
        return Subprotocols.negotiate(supported, requested, super::getNegotiatedSubprotocol);
    }

    /**
     * Authenticates the handshake and stores the user in {@code sec}'s user properties, which the
     * container copies for each connection (WebSocket 2.1+).
     *
     * @param sec      this connection's endpoint configuration
     * @param request  the handshake request
     * @param response the handshake response
     * @throws RuntimeException (a private type without message) when the handshake does not
     *                          authenticate, so that the container refuses it
     */
    @Override
    public final void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request, HandshakeResponse response) {
        Map<String, Object> properties = sec.getUserProperties();
        ConnectionGuard.clear(properties);
        if (transports.cookie() != null && !origins.restricted()) {
            log.error("WebSocket handshake refused: the cookie transport needs an origin allow-list "
                    + "(withAllowedOrigins)");
            throw new HandshakeRefusedException();
        }
        if (!origins.allows(first(new HandshakeSource(request).headers("Origin")))) {
            log.debug("WebSocket handshake from an origin that is not allowed");
            throw new HandshakeRefusedException();
        }
        BearerTokens.Found found = BearerTokens.find(new HandshakeSource(request), transports, true);
        Decision decision = Decision.decide(authority, found, log, "WebSocket handshake");
        if (decision.outcome() != Decision.Outcome.AUTHENTICATED) {
            throw new HandshakeRefusedException();
        }
        new ConnectionGuard(authority, sessions, decision.user()).install(properties);
        super.modifyHandshake(sec, request, response);
    }

    /**
     * Creates the endpoint with {@link #createEndpointInstance(Class)}; a programmatic
     * {@link Endpoint} is returned wrapped, so that the expiry timer runs and its callbacks see the
     * user in {@link dev.ssotauth.core.AuthContext}.
     *
     * @param <T>           the endpoint type
     * @param endpointClass the endpoint class
     * @return the endpoint instance for one connection
     * @throws InstantiationException if the endpoint cannot be created
     */
    @Override
    public final <T> T getEndpointInstance(Class<T> endpointClass) throws InstantiationException {
        return Endpoints.authenticated(createEndpointInstance(endpointClass));
    }

    /**
     * Creates one endpoint instance; by default the container's way (a public no-argument
     * constructor). Override to take endpoints from a dependency-injection container.
     *
     * @param <T>           the endpoint type
     * @param endpointClass the endpoint class
     * @return a new endpoint instance
     * @throws InstantiationException if the endpoint cannot be created
     */
    protected <T> T createEndpointInstance(Class<T> endpointClass) throws InstantiationException {
        return super.getEndpointInstance(endpointClass);
    }

    private static String first(List<String> values) {
        return values.isEmpty() ? null : values.get(0);
    }

    /**
     * A safe description: the enabled transports, origins and the authority's fingerprint.
     *
     * @return the description
     */
    @Override
    public String toString() {
        return "JwtEndpointConfigurator[" + transports + ", origins " + origins + ", authority "
                + authority + "]";
    }
}
