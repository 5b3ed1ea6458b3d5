package dev.ssotauth.core;

import java.util.Objects;

/**
 * Thrown by {@link JwtAuthority#verify(String)} for a token that is not valid. Its message is the
 * safe message of the rejection: it never contains the token, a secret or a claim value.
 */
public final class TokenRejectedException extends RuntimeException {

    /** Serialisation version. */
    private static final long serialVersionUID = 1L;

    private final RejectionReason reason;

    /**
     * Creates the exception from a rejection.
     *
     * @param rejected the rejection it reports
     * @throws NullPointerException if {@code rejected} is {@code null}
     */
    public TokenRejectedException(AuthResult.Rejected rejected) {
        super(Objects.requireNonNull(rejected, "rejected").message());
        this.reason = rejected.reason();
    }

    /**
     * Why the token was rejected.
     *
     * @return the reason, never {@code null}
     */
    public RejectionReason reason() {
        return reason;
    }
}
