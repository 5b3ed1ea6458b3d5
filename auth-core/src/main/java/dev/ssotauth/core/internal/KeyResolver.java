package dev.ssotauth.core.internal;

import java.time.Instant;

/**
 * Where an authority finds the key for a token: a fixed {@link KeySet}, or a {@link RemoteKeySet}
 * that fetches a published JWK Set. Implementations are thread-safe.
 */
public interface KeyResolver extends AutoCloseable {

    /**
     * Selects the key for a token's {@code kid} and algorithm.
     *
     * @return the key, or {@code null} when no trusted key qualifies
     * @throws dev.ssotauth.core.AuthUnavailableException when the keys cannot be known right now
     */
    VerificationKey select(String keyId, JwsAlgorithm algorithm);

    /**
     * When the keys this resolver looked in were fetched, if they do not hold {@code keyId}: a token
     * issued after that may be signed by a key published since, which a later fetch would find.
     *
     * @return the time of the fetch, or {@code null} when the key id is known or the keys never change
     */
    default Instant unknownSince(String keyId) {
        return null;
    }

    /**
     * Whether keys are bound to issuers: then a token's {@code iss} is read first, and its key is
     * selected from {@link #forIssuer}.
     */
    default boolean bindsIssuers() {
        return false;
    }

    /**
     * The keys of the tokens of {@code issuer}.
     *
     * @return this resolver when keys are not bound to issuers (the issuer is checked with the other
     *         claims); else that issuer's keys, or {@code null} when it is not trusted
     */
    default KeyResolver forIssuer(String issuer) {
        return this;
    }

    /** Identifies the trusted key material without revealing it. */
    String fingerprint();

    /** The public JWK Set JSON of the trusted asymmetric keys; {@code {"keys":[]}} for a secret. */
    String publicJwks();

    /** Stops whatever this resolver runs in the background; a fixed set runs nothing. Idempotent. */
    @Override
    default void close() {
    }
}
