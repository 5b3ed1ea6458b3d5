package dev.ssotauth.core.internal;

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

    /** Identifies the trusted key material without revealing it. */
    String fingerprint();

    /** The public JWK Set JSON of the trusted asymmetric keys; {@code {"keys":[]}} for a secret. */
    String publicJwks();

    /** Stops whatever this resolver runs in the background; a fixed set runs nothing. Idempotent. */
    @Override
    default void close() {
    }
}
