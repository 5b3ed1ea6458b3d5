package dev.ssotauth.core.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A fixed set of trusted keys. Keys come only from configuration, never from a token: header
 * members such as {@code jwk}, {@code jku}, {@code x5u} and {@code x5c} are never consulted.
 * Immutable and thread-safe.
 */
public final class KeySet implements KeyResolver {

    private final List<VerificationKey> keys;
    private final String fingerprint;
    private final String publicJwks;

    /**
     * @param keys        the trusted keys, not empty
     * @param fingerprint identifies the key material; see {@link Fingerprints}
     * @param publicJwks  the JWK Set to publish
     */
    public KeySet(List<? extends VerificationKey> keys, String fingerprint, String publicJwks) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("a key set needs at least one key");
        }
        this.keys = List.copyOf(keys);
        this.fingerprint = Objects.requireNonNull(fingerprint);
        this.publicJwks = Objects.requireNonNull(publicJwks);
    }

    /** A key set of asymmetric keys, with its fingerprint and public JWK Set derived from them. */
    public static KeySet ofAsymmetric(List<AsymmetricKey> keys) {
        String thumbprints = keys.stream().map(k -> k.jwk().thumbprint()).sorted().collect(Collectors.joining(","));
        String fingerprint;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(thumbprints.getBytes(StandardCharsets.US_ASCII));
            StringBuilder hex = new StringBuilder(16);
            for (int i = 0; i < 8; i++) {
                hex.append(Character.forDigit(digest[i] >> 4 & 0xf, 16)).append(Character.forDigit(digest[i] & 0xf, 16));
            }
            fingerprint = hex.toString();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
        StringBuilder json = new StringBuilder("{\"keys\":[");
        for (int i = 0; i < keys.size(); i++) {
            if (i > 0) {
                json.append(',');
            }
            json.append('{');
            boolean first = true;
            for (Map.Entry<String, String> member : keys.get(i).jwk().publicMembers().entrySet()) {
                if (!first) {
                    json.append(',');
                }
                first = false;
                Json.writeString(json, member.getKey());
                json.append(':');
                Json.writeString(json, member.getValue());
            }
            json.append('}');
        }
        json.append("]}");
        return new KeySet(keys, fingerprint, json.toString());
    }

    /**
     * Selects the key for a token. With a {@code kid}, only a key of that id qualifies; without one,
     * the key must be the only key that supports the algorithm.
     */
    @Override
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

    /** Whether a key with this id is in the set. */
    public boolean containsKeyId(String keyId) {
        for (VerificationKey key : keys) {
            if (keyId.equals(key.keyId())) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String fingerprint() {
        return fingerprint;
    }

    @Override
    public String publicJwks() {
        return publicJwks;
    }
}
