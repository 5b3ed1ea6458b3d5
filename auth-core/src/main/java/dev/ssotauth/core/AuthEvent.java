package dev.ssotauth.core;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * What an authority tells its {@link AuthListener}: outcomes, key-set fetches, revocations and
 * configuration warnings; and, reported by the WebSocket adapters through {@link SessionEvents}, the
 * sessions they keep open. An event never holds a token, a secret or a claim value: its fields are
 * fixed categories (safe as meter tags, with bounded cardinality), counts, durations, and a key set's
 * address without credentials. Immutable.
 */
public sealed interface AuthEvent permits AuthEvent.Authentication, AuthEvent.KeySetFetch, AuthEvent.Revoked,
        AuthEvent.ConfigurationWarning, AuthEvent.WebSocketSession {

    /** How an authentication ended. */
    enum Outcome {
        /** The token was accepted. */
        ACCEPTED,
        /** The token was rejected, for {@link Authentication#reason()}. */
        REJECTED,
        /** The authority could not decide, because of {@link Authentication#unavailable()}. */
        UNAVAILABLE
    }

    /** Why a key-set fetch failed. */
    enum FetchFailure {
        /** No answer within the timeout. */
        TIMEOUT,
        /** No connection, or it broke. */
        CONNECTION,
        /** An HTTP status other than 200. */
        HTTP_STATUS,
        /** A response over the size bound. */
        TOO_LARGE,
        /** A document that is not a trustworthy JWK Set or discovery document. */
        INVALID,
        /** A discovery document naming another issuer. */
        ISSUER_MISMATCH,
        /** The authority is closed. */
        CLOSED
    }

    /**
     * One call of {@link JwtAuthority#authenticate} (or {@code verify}).
     *
     * @param outcome     accepted, rejected or undecided
     * @param reason      the rejection's reason, or {@code null} unless rejected
     * @param unavailable what could not be consulted, or {@code null} unless undecided
     */
    record Authentication(Outcome outcome, RejectionReason reason, AuthUnavailableException.Source unavailable)
            implements AuthEvent {

        private static final Authentication ACCEPTED = new Authentication(Outcome.ACCEPTED, null, null);
        private static final Map<RejectionReason, Authentication> REJECTED = new EnumMap<>(RejectionReason.class);
        private static final Map<AuthUnavailableException.Source, Authentication> UNAVAILABLE =
                new EnumMap<>(AuthUnavailableException.Source.class);

        static {
            for (RejectionReason reason : RejectionReason.values()) {
                REJECTED.put(reason, new Authentication(Outcome.REJECTED, reason, null));
            }
            for (AuthUnavailableException.Source source : AuthUnavailableException.Source.values()) {
                UNAVAILABLE.put(source, new Authentication(Outcome.UNAVAILABLE, null, source));
            }
        }

        /**
         * Checks that the fields fit the outcome.
         *
         * @throws IllegalArgumentException when a reason or a source is missing or out of place
         */
        public Authentication {
            Objects.requireNonNull(outcome, "outcome");
            if ((reason != null) != (outcome == Outcome.REJECTED)
                    || (unavailable != null) != (outcome == Outcome.UNAVAILABLE)) {
                throw new IllegalArgumentException("a reason exactly when rejected, a source exactly when unavailable");
            }
        }

        /** @return the accepted event (one shared instance) */
        static Authentication accepted() {
            return ACCEPTED;
        }

        /** @return the rejected event for {@code reason} (one shared instance per reason) */
        static Authentication rejected(RejectionReason reason) {
            return REJECTED.get(reason);
        }

        /** @return the undecided event for {@code source} (one shared instance per source) */
        static Authentication unavailable(AuthUnavailableException.Source source) {
            return UNAVAILABLE.get(source);
        }
    }

    /**
     * One fetch of a remote key set or of an identity provider's discovery document. With the times it
     * carries, a listener can tell the age of the keys in use and whether they still serve, without
     * asking the authority.
     *
     * @param source      where: scheme, host, port and path, never credentials or a query
     * @param failure     why it failed, or {@code null} when it succeeded
     * @param keys        the keys the set in use holds (after a failure, the last good set's; 0 if none)
     * @param added       the keys the fetch added (by thumbprint); 0 after a failure
     * @param removed     the keys it removed; 0 after a failure
     * @param duration    how long the fetch took
     * @param fetchedAt   when the set in use was fetched (the authority's clock), or {@code null} if none
     * @param usableUntil until when the set in use serves (its freshness plus the outage tolerance), or
     *                    {@code null} if none; past it, the authority cannot decide
     */
    record KeySetFetch(String source, FetchFailure failure, int keys, int added, int removed, Duration duration,
            Instant fetchedAt, Instant usableUntil) implements AuthEvent {

        /** @throws NullPointerException if {@code source} or {@code duration} is {@code null} */
        public KeySetFetch {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(duration, "duration");
        }

        /**
         * Whether the fetch succeeded.
         *
         * @return {@code failure() == null}
         */
        public boolean succeeded() {
            return failure == null;
        }
    }

    /**
     * A revocation made through this authority.
     *
     * @param kind a token, a session or a subject
     */
    record Revoked(Revocation.Kind kind) implements AuthEvent {
        /** @throws NullPointerException if {@code kind} is {@code null} */
        public Revoked {
            Objects.requireNonNull(kind, "kind");
        }
    }

    /**
     * A configuration warning, as it is logged (it names variables and fingerprints, never values).
     *
     * @param message the warning
     */
    record ConfigurationWarning(String message) implements AuthEvent {
        /** @throws NullPointerException if {@code message} is {@code null} */
        public ConfigurationWarning {
            Objects.requireNonNull(message, "message");
        }
    }

    /** Why an authenticated WebSocket session ended. */
    enum CloseReason {
        /** Its token expired (closed with 1008). */
        EXPIRED,
        /** Its token, session or subject was revoked (closed with 1008). */
        REVOKED,
        /** An in-band re-authentication was refused or named another subject (closed with 1008). */
        REAUTH_REFUSED,
        /** An in-band re-authentication could not be decided (closed with 1011). */
        UNAVAILABLE,
        /** The adapter was shut down with its application (closed with 1001). */
        SHUTDOWN,
        /** Closed by the peer, the application or the network, not by the authentication. */
        OTHER
    }

    /**
     * An authenticated WebSocket session opened or closed, as an adapter reports it: every session
     * reported open is reported closed once, with the first reason that ended it.
     *
     * @param opened whether it opened ({@code true}) or closed
     * @param reason why it closed, or {@code null} when it opened
     */
    record WebSocketSession(boolean opened, CloseReason reason) implements AuthEvent {

        private static final WebSocketSession OPENED = new WebSocketSession(true, null);
        private static final Map<CloseReason, WebSocketSession> CLOSED = new EnumMap<>(CloseReason.class);

        static {
            for (CloseReason reason : CloseReason.values()) {
                CLOSED.put(reason, new WebSocketSession(false, reason));
            }
        }

        /** @throws IllegalArgumentException when a reason is missing or out of place */
        public WebSocketSession {
            if ((reason == null) != opened) {
                throw new IllegalArgumentException("a reason exactly when closed");
            }
        }

        /** @return the opened event (one shared instance) */
        static WebSocketSession ofOpened() {
            return OPENED;
        }

        /** @return the closed event for {@code reason} (one shared instance per reason) */
        static WebSocketSession ofClosed(CloseReason reason) {
            return CLOSED.get(Objects.requireNonNull(reason, "reason"));
        }
    }
}
