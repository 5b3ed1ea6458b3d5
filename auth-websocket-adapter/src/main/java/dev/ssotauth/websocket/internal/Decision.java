package dev.ssotauth.websocket.internal;

import dev.ssotauth.core.AuthResult;
import dev.ssotauth.core.AuthUnavailableException;
import dev.ssotauth.core.JwtAuthority;
import dev.ssotauth.core.UserContext;

import org.slf4j.Logger;

/**
 * What the adapters decided about a request's tokens, the one place where they ask the authority.
 * Log lines name the outcome and the rejection reason, never a token or a claim. Immutable.
 *
 * @param outcome the outcome
 * @param user    the user when {@link Outcome#AUTHENTICATED}, else {@code null}
 */
public record Decision(Outcome outcome, UserContext user) {

    /** The possible outcomes. */
    public enum Outcome {
        /** Exactly one token, and it is valid. */
        AUTHENTICATED,
        /** No token at all. */
        MISSING,
        /** More than one token. */
        SEVERAL,
        /** One token, refused. */
        REJECTED,
        /** One token, and the authority cannot decide. */
        UNAVAILABLE
    }

    /**
     * Decides.
     *
     * @param authority the authority
     * @param found     the tokens the request carries
     * @param log       where to log the outcome
     * @param what      what is being authenticated, for the log: "request", "WebSocket handshake"
     * @return the decision
     */
    public static Decision decide(JwtAuthority authority, BearerTokens.Found found, Logger log, String what) {
        if (found.none()) {
            log.debug("{} without a bearer token", what);
            return new Decision(Outcome.MISSING, null);
        }
        if (found.several()) {
            log.debug("{} with {} bearer tokens", what, found.tokens().size());
            return new Decision(Outcome.SEVERAL, null);
        }
        AuthResult result;
        try {
            result = authority.authenticate(found.single());
        } catch (AuthUnavailableException e) {
            log.warn("authority cannot decide a {} ({})", what, e.getClass().getSimpleName());
            return new Decision(Outcome.UNAVAILABLE, null);
        }
        if (result instanceof AuthResult.Rejected rejected) {
            log.debug("{} with a rejected bearer token: {}", what, rejected.reason());
            return new Decision(Outcome.REJECTED, null);
        }
        return new Decision(Outcome.AUTHENTICATED, result.orElseThrow());
    }
}
