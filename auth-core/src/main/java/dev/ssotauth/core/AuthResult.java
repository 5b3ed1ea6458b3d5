package dev.ssotauth.core;

import java.util.Objects;

/**
 * The outcome of {@link JwtAuthority#authenticate(String)}: either the verified user or the reason
 * the token was refused. A rejected token is an expected outcome, so it is a value, not an exception.
 *
 * <pre>{@code
 * AuthResult result = authority.authenticate(token);
 * if (result instanceof AuthResult.Authenticated ok) {
 *     serve(ok.user());
 * } else if (result instanceof AuthResult.Rejected rejected) {
 *     log.info("token rejected: {}", rejected.reason());   // never the token
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public sealed interface AuthResult permits AuthResult.Authenticated, AuthResult.Rejected {

    /**
     * Whether the token was accepted.
     *
     * @return {@code true} for {@link Authenticated}
     */
    boolean isAuthenticated();

    /**
     * The verified user, or the refusal as an exception, like {@link JwtAuthority#verify(String)}.
     *
     * @return the user of an {@link Authenticated} outcome
     * @throws TokenRejectedException for a {@link Rejected} one, carrying its reason
     */
    UserContext orElseThrow();

    /**
     * The token was valid.
     *
     * @param user the verified user, never {@code null}
     */
    record Authenticated(UserContext user) implements AuthResult {
        /**
         * Creates the outcome.
         *
         * @param user the verified user
         * @throws NullPointerException if {@code user} is {@code null}
         */
        public Authenticated {
            Objects.requireNonNull(user, "user");
        }

        @Override
        public boolean isAuthenticated() {
            return true;
        }

        @Override
        public UserContext orElseThrow() {
            return user;
        }
    }

    /**
     * The token was refused.
     *
     * @param reason  the stable reason, never {@code null}
     * @param message a safe, deterministic sentence: a fixed phrase plus at most claim <em>names</em>
     *                and configured limits; never any part of the token, a secret or a claim value
     */
    record Rejected(RejectionReason reason, String message) implements AuthResult {
        /**
         * Creates the outcome.
         *
         * @param reason  the reason
         * @param message the safe message
         * @throws NullPointerException if either is {@code null}
         */
        public Rejected {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
        }

        @Override
        public boolean isAuthenticated() {
            return false;
        }

        @Override
        public UserContext orElseThrow() {
            throw new TokenRejectedException(this);
        }
    }
}
