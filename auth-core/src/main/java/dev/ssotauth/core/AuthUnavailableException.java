package dev.ssotauth.core;

/**
 * The authority cannot decide whether a token is valid right now, for example because a remote key
 * set cannot be reached and nothing usable is cached. This is not a rejection: adapters answer
 * 503 (HTTP) or close with 1011 (WebSocket), never 401.
 */
public final class AuthUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message a safe message, without token or secret
     * @param cause   the underlying failure, or {@code null}
     */
    public AuthUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
