package dev.ssotauth.spring.websocket;

import dev.ssotauth.core.AuthContext;
import dev.ssotauth.core.AuthResult;
import dev.ssotauth.core.AuthUnavailableException;
import dev.ssotauth.core.JwtAuthority;
import dev.ssotauth.core.UserContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ScheduledThreadPoolExecutor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHandler;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ExecutorChannelInterceptor;
import org.springframework.messaging.support.InterceptableChannel;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.messaging.support.MessageHeaderAccessor;
import org.springframework.web.socket.WebSocketSession;

/**
 * Authenticates STOMP sessions on the client inbound channel (the auto-configuration registers it
 * there) and keeps every later frame to the life of the token.
 *
 * <ul>
 * <li>{@code CONNECT}: a session the handshake already admitted ({@link JwtHandshakeInterceptor})
 *     connects as its handshake user. Otherwise the frame's native header
 *     {@code Authorization: Bearer <token>} is authenticated: a valid token makes the token's subject
 *     the session's {@link java.security.Principal} (what {@code @MessageMapping} methods see) and ties
 *     the session to the token; none, several or a refused one, or an authority that cannot decide,
 *     is refused — Spring then sends an {@code ERROR} frame whose {@code message} is {@code unauthorized},
 *     {@code invalid_request}, {@code invalid_token} or {@code temporarily_unavailable} and closes the
 *     session. The {@code Authorization} header is removed from the frame before it travels on, and no
 *     answer or log line carries a token or a claim value.</li>
 * <li>Every other frame but {@code DISCONNECT} and heartbeats ({@code SEND}, {@code SUBSCRIBE}, …):
 *     from a session that is not authenticated it is refused as above; after the token's expiry (by
 *     the authority's clock plus its clock skew) or revocation it is dropped — it never reaches a
 *     handler or the broker — and the session is closed with 1008.</li>
 * </ul>
 *
 * <p>{@code @MessageMapping} methods (and every other handler of the channel) run with the session's
 * user as core's {@code AuthContext.current()}: when this is the channel's only
 * {@link ExecutorChannelInterceptor}, {@link #beforeHandle} hands the message to its handler itself,
 * inside {@code AuthContext.runAs}, and returns {@code null} so that the channel does not hand it over
 * again (Spring logs that at debug level). Beside another executor interceptor it leaves handling to the
 * channel, and {@code AuthContext} stays empty there: Spring tells the others that a message was handled
 * by passing them {@code null} instead of it, which the one that {@code setPreserveReceiveOrder(true)}
 * adds cannot take (the session's next frame would never be released). The {@code UserContext}
 * parameter and the {@code Principal} work either way.
 *
 * <p>Thread-safe. Owns the timers that close {@code CONNECT}-authenticated sessions at expiry;
 * {@link #close()} stops them (a Spring bean is closed with its context).
 */
public final class JwtChannelInterceptor implements ExecutorChannelInterceptor, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(JwtChannelInterceptor.class);
    private static final String AUTHORIZATION = "Authorization";

    private final JwtAuthority authority;
    private final ScheduledThreadPoolExecutor timers = ExpiryTimers.create();

    /**
     * An interceptor that asks {@code authority}.
     *
     * @param authority the authority that decides
     * @throws NullPointerException if {@code authority} is {@code null}
     */
    public JwtChannelInterceptor(JwtAuthority authority) {
        this.authority = Objects.requireNonNull(authority, "authority");
    }

    /**
     * Authenticates a {@code CONNECT}, checks every other frame as described above.
     *
     * @param message the inbound message
     * @param channel the client inbound channel
     * @return the message to deliver, or {@code null} to drop it
     * @throws org.springframework.messaging.MessagingException to refuse the frame (an {@code ERROR} frame
     *                                                          follows); its message is a fixed error code
     */
    @Override
    public Message<?> preSend(Message<?> message, MessageChannel channel) {
        SimpMessageType type = SimpMessageHeaderAccessor.getMessageType(message.getHeaders());
        if (type == null || type == SimpMessageType.HEARTBEAT || type == SimpMessageType.DISCONNECT
                || type == SimpMessageType.DISCONNECT_ACK || type == SimpMessageType.CONNECT_ACK) {
            return message;
        }
        Map<String, Object> attributes = SimpMessageHeaderAccessor.getSessionAttributes(message.getHeaders());
        if (type == SimpMessageType.CONNECT) {
            return connect(message, attributes);
        }
        SessionGuard guard = SessionGuard.of(attributes);
        if (guard == null) {
            log.debug("STOMP {} frame from a session that is not authenticated: refused", type);
            throw new StompRefusal("unauthorized");
        }
        if (!guard.valid()) {
            WebSocketSession session = session(attributes);
            if (session != null) {
                guard.closeIfInvalid(session);
            }
            log.debug("STOMP {} frame after the token's end: dropped", type);
            return null;
        }
        return message;
    }

    /**
     * Runs the message's handler as the session's user ({@code AuthContext}), when this is the channel's
     * last executor interceptor; see the class description.
     *
     * @param message the message
     * @param channel the channel
     * @param handler the handler about to get it
     * @return {@code null} when the handler got the message here, else {@code message}
     * @throws org.springframework.messaging.MessagingException whatever the handler throws
     */
    @Override
    public Message<?> beforeHandle(Message<?> message, MessageChannel channel, MessageHandler handler) {
        UserContext user = UserContextArgumentResolver.user(message);
        if (user == null || !onlyExecutorInterceptor(channel)) {
            return message;
        }
        AuthContext.runAs(user, () -> handler.handleMessage(message));
        return null;
    }

    private boolean onlyExecutorInterceptor(MessageChannel channel) {
        return channel instanceof InterceptableChannel interceptable && interceptable.getInterceptors().stream()
                .filter(ExecutorChannelInterceptor.class::isInstance).allMatch(interceptor -> interceptor == this);
    }

    private Message<?> connect(Message<?> message, Map<String, Object> attributes) {
        StompHeaderAccessor accessor = MessageHeaderAccessor.getAccessor(message, StompHeaderAccessor.class);
        boolean copy = accessor == null || !accessor.isMutable();
        if (copy) {
            accessor = StompHeaderAccessor.wrap(message);
        }
        List<String> authorizations = removeAuthorization(accessor);
        SessionGuard guard = SessionGuard.of(attributes);
        if (guard == null) {
            guard = authenticate(authorizations, attributes);
        } else if (!guard.valid()) {
            log.debug("STOMP CONNECT after the handshake token's end: refused");
            throw new StompRefusal("invalid_token");
        }
        accessor.setUser(guard.principal());
        return copy ? MessageBuilder.createMessage(message.getPayload(), accessor.getMessageHeaders()) : message;
    }

    private SessionGuard authenticate(List<String> authorizations, Map<String, Object> attributes) {
        List<String> tokens = BearerCredentials.find(authorizations, List.of()).tokens();
        if (tokens.isEmpty()) {
            log.debug("STOMP CONNECT without a bearer token: refused");
            throw new StompRefusal("unauthorized");
        }
        if (tokens.size() > 1) {
            log.debug("STOMP CONNECT with {} bearer tokens: refused", tokens.size());
            throw new StompRefusal("invalid_request");
        }
        AuthResult result;
        try {
            result = authority.authenticate(tokens.get(0));
        } catch (AuthUnavailableException e) {
            log.warn("authority cannot decide a STOMP CONNECT ({}): refused", e.getClass().getSimpleName());
            throw new StompRefusal("temporarily_unavailable");
        }
        if (result instanceof AuthResult.Rejected rejected) {
            log.debug("STOMP CONNECT with a rejected bearer token: {}", rejected.reason());
            throw new StompRefusal("invalid_token");
        }
        SessionGuard guard = new SessionGuard(authority, timers, result.orElseThrow());
        if (attributes == null) {
            log.warn("STOMP CONNECT without session attributes: the session cannot be closed at the token's end");
            return guard;
        }
        guard.install(attributes);
        WebSocketSession session = session(attributes);
        if (session == null) {
            log.warn("STOMP session without the ssot-auth transport decorator: it is not closed at the token's end; "
                    + "frames after it are still dropped");
        } else if (!guard.start(session)) {
            throw new StompRefusal("invalid_token");
        }
        return guard;
    }

    /** Removes every {@code Authorization} native header (any letter case) and returns their values. */
    private static List<String> removeAuthorization(StompHeaderAccessor accessor) {
        Map<String, List<String>> nativeHeaders = accessor.toNativeHeaderMap();
        List<String> values = new ArrayList<>(1);
        for (Map.Entry<String, List<String>> header : nativeHeaders.entrySet()) {
            if (header.getKey().equalsIgnoreCase(AUTHORIZATION)) {
                values.addAll(header.getValue());
                accessor.removeNativeHeader(header.getKey());
            }
        }
        return values;
    }

    private static WebSocketSession session(Map<String, Object> attributes) {
        return attributes != null && attributes.get(SessionGuard.SESSION_ATTRIBUTE) instanceof WebSocketSession session
                ? session : null;
    }

    /** Stops the expiry timers; idempotent. */
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
        return "JwtChannelInterceptor[authority " + authority + "]";
    }
}
