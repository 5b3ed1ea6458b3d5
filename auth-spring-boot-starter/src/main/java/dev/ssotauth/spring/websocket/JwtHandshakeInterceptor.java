package dev.ssotauth.spring.websocket;

import dev.ssotauth.core.AuthResult;
import dev.ssotauth.core.AuthUnavailableException;
import dev.ssotauth.core.JwtAuthority;
import dev.ssotauth.core.UserContext;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledThreadPoolExecutor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.config.annotation.StompWebSocketEndpointRegistration;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistration;
import org.springframework.web.socket.server.HandshakeHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * Authenticates a Spring WebSocket handshake with the {@link JwtAuthority} <em>before</em> the upgrade
 * and ties the session it admits to its token. Register it, with its handshake handler, on each
 * endpoint:
 *
 * <pre>{@code
 * public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
 *     jwtHandshakeInterceptor.secure(registry.addHandler(chat, "/chat"));
 * }
 * public void registerStompEndpoints(StompEndpointRegistry registry) {
 *     jwtHandshakeInterceptor.secure(registry.addEndpoint("/stomp"));
 * }
 * }</pre>
 *
 * <p>The token comes from {@code Authorization: Bearer <token>} or from the subprotocol pair
 * {@code Sec-WebSocket-Protocol: bearer, <token>} (for browsers, which cannot set headers). Before any
 * upgrade, a handshake without a token is answered 401 {@code WWW-Authenticate: Bearer}; a refused
 * token 401 {@code WWW-Authenticate: Bearer error="invalid_token"}; more than one token 400
 * {@code error="invalid_request"}; and when the authority cannot decide
 * ({@link AuthUnavailableException}) 503, never 401. Bodies are fixed JSON; no answer carries a token,
 * a claim value or a rejection message.
 *
 * <p>An admitted session has the {@link UserContext} in its attributes (read it with
 * {@link #userContext(WebSocketSession)}) and, with {@link #handshakeHandler()}, a
 * {@link java.security.Principal} whose name is the token's subject; the subprotocol answer is then
 * exactly {@code bearer} when the client offered that pair and the handler chose no other, never the
 * token. The session is closed with 1008 (policy violation) when its token expires, by the
 * authority's clock plus its clock skew, or when a revocation that covers the token is recorded on any
 * node sharing the authority's revocation store; a message that arrives after that is dropped.
 *
 * <p>Thread-safe. Owns the timers that close sessions at expiry; {@link #close()} stops them (a
 * Spring bean is closed with its context).
 */
public final class JwtHandshakeInterceptor implements HandshakeInterceptor, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(JwtHandshakeInterceptor.class);
    private static final String PROTOCOL_HEADER = "Sec-WebSocket-Protocol";

    private final JwtAuthority authority;
    private final ScheduledThreadPoolExecutor timers = ExpiryTimers.create();

    /**
     * An interceptor that asks {@code authority}.
     *
     * @param authority the authority that decides
     * @throws NullPointerException if {@code authority} is {@code null}
     */
    public JwtHandshakeInterceptor(JwtAuthority authority) {
        this.authority = Objects.requireNonNull(authority, "authority");
    }

    /**
     * Adds this interceptor and {@link #handshakeHandler()} to a handler's registration.
     *
     * @param registration the registration, from {@code WebSocketHandlerRegistry.addHandler}
     * @return the same registration, for further settings
     * @throws NullPointerException if {@code registration} is {@code null}
     */
    public WebSocketHandlerRegistration secure(WebSocketHandlerRegistration registration) {
        return registration.setHandshakeHandler(handshakeHandler()).addInterceptors(this);
    }

    /**
     * Adds this interceptor and {@link #handshakeHandler()} to a STOMP endpoint's registration.
     *
     * @param registration the registration, from {@code StompEndpointRegistry.addEndpoint}
     * @return the same registration, for further settings
     * @throws NullPointerException if {@code registration} is {@code null}
     */
    public StompWebSocketEndpointRegistration secure(StompWebSocketEndpointRegistration registration) {
        return registration.setHandshakeHandler(handshakeHandler()).addInterceptors(this);
    }

    /**
     * A new handshake handler to use with this interceptor (what {@code secure} sets): Spring's default
     * handshake, plus the session's {@code Principal}, the {@code bearer} subprotocol answer and the
     * closing at expiry or revocation. Without it an admitted session has no {@code Principal} and is
     * not closed when its token ends.
     *
     * @return the handler; thread-safe
     */
    public HandshakeHandler handshakeHandler() {
        return new GuardedHandshakeHandler();
    }

    /**
     * The user of a session this interceptor (or {@link JwtChannelInterceptor}) admitted.
     *
     * @param session a WebSocket session
     * @return the user, or empty for a session that was not authenticated here
     * @throws NullPointerException if {@code session} is {@code null}
     */
    public static Optional<UserContext> userContext(WebSocketSession session) {
        SessionGuard guard = SessionGuard.of(session.getAttributes());
        return guard == null ? Optional.empty() : Optional.of(guard.user());
    }

    /**
     * Authenticates the handshake, or answers it (401, 400 or 503) and stops it before the upgrade.
     *
     * @param request    the handshake request
     * @param response   the response
     * @param wsHandler  the target handler
     * @param attributes the session's attributes to be; the user is put here
     * @return whether the handshake continues
     * @throws IOException if writing an answer fails
     */
    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler wsHandler,
            Map<String, Object> attributes) throws IOException {
        HttpHeaders headers = request.getHeaders();
        BearerCredentials.Found found = BearerCredentials.find(headers.getOrEmpty(HttpHeaders.AUTHORIZATION),
                headers.getOrEmpty(PROTOCOL_HEADER));
        List<String> tokens = found.tokens();
        if (tokens.isEmpty()) {
            log.debug("WebSocket handshake without a bearer token: 401");
            answer(response, HttpStatus.UNAUTHORIZED, "Bearer", "unauthorized");
            return false;
        }
        if (tokens.size() > 1) {
            log.debug("WebSocket handshake with {} bearer tokens: 400", tokens.size());
            answer(response, HttpStatus.BAD_REQUEST, "Bearer error=\"invalid_request\"", "invalid_request");
            return false;
        }
        AuthResult result;
        try {
            result = authority.authenticate(tokens.get(0));
        } catch (AuthUnavailableException e) {
            log.warn("authority cannot decide a WebSocket handshake ({}): 503", e.getClass().getSimpleName());
            answer(response, HttpStatus.SERVICE_UNAVAILABLE, null, "temporarily_unavailable");
            return false;
        }
        if (result instanceof AuthResult.Rejected rejected) {
            log.debug("WebSocket handshake with a rejected bearer token: {}", rejected.reason());
            answer(response, HttpStatus.UNAUTHORIZED, "Bearer error=\"invalid_token\"", "invalid_token");
            return false;
        }
        new SessionGuard(authority, timers, result.orElseThrow()).install(attributes);
        return true;
    }

    /**
     * Nothing to do after the handshake.
     *
     * @param request   the handshake request
     * @param response  the response
     * @param wsHandler the target handler
     * @param exception what the handshake threw, or {@code null}
     */
    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler wsHandler,
            Exception exception) {
        // The guard starts when the session opens.
    }

    /** Stops the expiry timers (the container closes the sessions themselves); idempotent. */
    @Override
    public void close() {
        ExpiryTimers.shutdown(timers);
    }

    /**
     * A safe description: the authority's, which shows fingerprints only.
     *
     * @return the description
     */
    @Override
    public String toString() {
        return "JwtHandshakeInterceptor[authority " + authority + "]";
    }

    private static void answer(ServerHttpResponse response, HttpStatus status, String challenge, String error)
            throws IOException {
        response.setStatusCode(status);
        HttpHeaders headers = response.getHeaders();
        if (challenge != null) {
            headers.set(HttpHeaders.WWW_AUTHENTICATE, challenge);
        }
        headers.setCacheControl("no-store");
        headers.setContentType(MediaType.APPLICATION_JSON);
        byte[] body = ("{\"error\":\"" + error + "\"}").getBytes(StandardCharsets.UTF_8);
        headers.setContentLength(body.length);
        response.getBody().write(body);
    }
}
