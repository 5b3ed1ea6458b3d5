package dev.ssotauth.core.internal;

import java.util.List;
import java.util.Objects;

/**
 * The keys an authority trusts. Keys come only from configuration, never from a token: header
 * members such as {@code jwk}, {@code jku}, {@code x5u} and {@code x5c} are never consulted.
 * Immutable and thread-safe.
 */
public final class KeySet {

    private final List<VerificationKey> keys;
    private final String fingerprint;

    /**
     * @param keys        the trusted keys, not empty
     * @param fingerprint identifies the key material; see {@link Fingerprints}
     */
    public KeySet(List<VerificationKey> keys, String fingerprint) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("a key set needs at least one key");
        }
        this.keys = List.copyOf(keys);
        this.fingerprint = Objects.requireNonNull(fingerprint);
    }

    /**
     * Selects the key for a token. With a {@code kid}, only a key of that id qualifies; without one,
     * the key must be the only key that supports the algorithm.
     *
     * @return the key, or {@code null} when none qualifies
     */
    public VerificationKey select(String keyId, JwsAlgorithm algorithm) {
        VerificationKey found = null;
        for (VerificationKey key : keys) {
            if (!key.supports(algorithm)) {
                continue;
            }
            if (keyId != null) {
                if (keyId.equals(key.keyId())) {
                    return key;
                }
            } else {
                if (found != null) {
                    return null; // ambiguous without a kid
                }
                found = key;
            }
        }
        return found;
    }

    /** Identifies the trusted key material without revealing it. */
    public String fingerprint() {
        return fingerprint;
    }
}
