package dev.ssotauth.spring.websocket;

import org.springframework.messaging.MessagingException;

/**
 * A STOMP frame refused by {@link JwtChannelInterceptor}. Spring answers it with an {@code ERROR} frame
 * whose {@code message} header is this exception's message, then closes the session. The message is a
 * fixed RFC 6750 error code; the exception holds no failed message, so neither its text nor its
 * {@code toString()} (which Spring logs) can carry the frame's headers and thus the token.
 */
final class StompRefusal extends MessagingException {

    private static final long serialVersionUID = 1L;

    StompRefusal(String error) {
        super(error);
    }
}
