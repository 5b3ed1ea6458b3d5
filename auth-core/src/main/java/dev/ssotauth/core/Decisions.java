package dev.ssotauth.core;

import dev.ssotauth.core.internal.Events;

import java.util.concurrent.atomic.LongAdder;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link JwtAuthority#authenticate}'s answer from the pipeline's, with its event: a user, a rejection,
 * or "cannot decide" — also for an exception the pipeline never should throw, which is logged (its
 * type only: its message may quote input) and answered as {@link AuthUnavailableException.Source#UNEXPECTED}.
 * Immutable and thread-safe.
 */
final class Decisions {

    private static final Logger log = LoggerFactory.getLogger(JwtAuthority.class);

    private final TokenPolicy policy;
    private final Events events;
    /** How often validation threw unexpectedly: tests (and fuzzing) assert it stays at zero. */
    private final LongAdder unexpectedFailures = new LongAdder();

    Decisions(TokenPolicy policy, Events events) {
        this.policy = policy;
        this.events = events;
    }

    long unexpectedFailures() {
        return unexpectedFailures.sum();
    }

    AuthResult decide(String token) {
        try {
            AuthResult accepted = new AuthResult.Authenticated(policy.validate(token));
            events.onEvent(AuthEvent.Authentication.accepted());
            return accepted;
        } catch (Rejection rejection) {
            events.onEvent(AuthEvent.Authentication.rejected(rejection.reason()));
            return rejection.toResult();
        } catch (AuthUnavailableException e) {
            events.onEvent(AuthEvent.Authentication.unavailable(e.source()));
            throw e;
        } catch (RuntimeException e) {
            String type = e.getClass().getName();
            unexpectedFailures.increment();
            log.error("token validation failed unexpectedly with {}; the authority cannot decide", type);
            events.onEvent(AuthEvent.Authentication.unavailable(AuthUnavailableException.Source.UNEXPECTED));
            throw new AuthUnavailableException(AuthUnavailableException.Source.UNEXPECTED,
                    "token validation failed unexpectedly with " + type, null);
        }
    }
}
