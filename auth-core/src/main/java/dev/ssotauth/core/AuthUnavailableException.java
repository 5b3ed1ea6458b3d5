package dev.ssotauth.core;

import java.util.Objects;

/**
 * The authority cannot decide whether a token is valid right now, for example because a remote key
 * set cannot be reached and nothing usable is cached. This is not a rejection: adapters answer
 * 503 (HTTP) or close with 1011 (WebSocket), never 401.
 */
public final class AuthUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** What could not be consulted: a category for meters and logs, never a value. */
    public enum Source {
        /** The keys: a remote key set or a discovery document cannot be fetched. */
        KEYS,
        /** The token names a key the fetched set lacks and may be newer than that fetch; retry shortly. */
        NEWER_KEY,
        /** The revocation store. */
        REVOCATION_STORE,
        /** A part of the validation failed in a way it never should (logged at ERROR). */
        UNEXPECTED,
        /** Anything else. */
        OTHER
    }

    private final Source source;

    /**
     * Creates the exception, of source {@link Source#OTHER}.
     *
     * @param message a safe message, without token or secret
     * @param cause   the underlying failure, or {@code null}
     */
    public AuthUnavailableException(String message, Throwable cause) {
        this(Source.OTHER, message, cause);
    }

    /**
     * Creates the exception.
     *
     * @param source  what could not be consulted
     * @param message a safe message, without token or secret
     * @param cause   the underlying failure, or {@code null}
     */
    public AuthUnavailableException(Source source, String message, Throwable cause) {
        super(message, cause);
        this.source = Objects.requireNonNull(source, "source");
    }

    /**
     * What could not be consulted.
     *
     * @return the source
     */
    public Source source() {
        return source;
    }
}
