package dev.ssotauth.spring.websocket;

import dev.ssotauth.core.UserContext;

import org.springframework.core.MethodParameter;
import org.springframework.messaging.Message;
import org.springframework.messaging.handler.invocation.HandlerMethodArgumentResolver;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;

/**
 * Resolves a {@link UserContext} parameter of a {@code @MessageMapping} method to the user of the
 * session the message came from (authenticated at the handshake or by {@code CONNECT}). A message
 * from a session without one fails with an {@link IllegalStateException} with a fixed message. Stateless and thread-safe.
 */
final class UserContextArgumentResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == UserContext.class;
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, Message<?> message) {
        UserContext user = user(message);
        if (user == null) {
            throw new IllegalStateException("no authenticated user for this message");
        }
        return user;
    }

    /** @return the user of the message's session, or {@code null} */
    static UserContext user(Message<?> message) {
        SessionGuard guard = SessionGuard.of(SimpMessageHeaderAccessor.getSessionAttributes(message.getHeaders()));
        if (guard != null) {
            return guard.user();
        }
        return SimpMessageHeaderAccessor.getUser(message.getHeaders()) instanceof SubjectPrincipal principal
                ? principal.user() : null;
    }
}
