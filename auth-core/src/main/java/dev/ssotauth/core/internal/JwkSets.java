package dev.ssotauth.core.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a JWK Set (RFC 7517 §5) into trusted keys. The whole set is refused when any key in it is
 * unsafe, when a public set carries private members, when a kid repeats, or when no key can verify
 * an allowed algorithm; keys meant for encryption are passed over. Stateless.
 */
public final class JwkSets {

    private JwkSets() {
    }

    /** Why a JWK Set cannot be used; the message names members and key ids, never key material. */
    public static final class InvalidSetException extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidSetException(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * @param json        the JWK Set document
     * @param withPrivate whether every key must carry its private part (signing keys) or none may
     * @param allowed     the algorithm allow-list
     * @param provider    BouncyCastle for EC and Ed25519, or {@code null}
     * @return the usable keys, in document order
     * @throws InvalidSetException when the set cannot be trusted
     */
    public static List<AsymmetricKey> parse(byte[] json, boolean withPrivate, Set<JwsAlgorithm> allowed,
            Provider provider) throws InvalidSetException {
        Map<String, Object> document;
        try {
            document = Json.parseObject(json);
        } catch (Json.JsonException e) {
            throw new InvalidSetException("the JWK Set is not a valid JSON object");
        }
        Object keys = document.get("keys");
        if (!(keys instanceof List)) {
            throw new InvalidSetException("the JWK Set has no keys array");
        }
        List<AsymmetricKey> usable = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        int index = 0;
        for (Object element : (List<?>) keys) {
            String where = "key #" + index++;
            if (!(element instanceof Map)) {
                throw new InvalidSetException(where + " is not a JSON object");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> key = (Map<String, Object>) element;
            if (!withPrivate && Jwk.hasPrivateMembers(key)) {
                throw new InvalidSetException(where + ": a private key was given where only public keys are expected");
            }
            if ("oct".equals(key.get("kty"))) {
                throw new InvalidSetException(where + ": symmetric (oct) keys are never taken from a JWK Set; "
                        + "configure an HMAC secret as JWT_SECRET_KEY instead");
            }
            if (!Jwk.isForSignatures(key, withPrivate)) {
                continue; // an encryption key published beside the signing keys
            }
            Jwk jwk;
            try {
                jwk = Jwk.parse(key, withPrivate);
            } catch (Jwk.InvalidKeyException e) {
                throw new InvalidSetException(where + ": " + e.getMessage());
            }
            if (!ids.add(jwk.keyId())) {
                throw new InvalidSetException("two keys share one kid; each key needs its own");
            }
            AsymmetricKey asymmetric;
            try {
                asymmetric = new AsymmetricKey(jwk, allowed, provider);
            } catch (GeneralSecurityException e) {
                throw new InvalidSetException(where + " cannot be used in this JVM");
            }
            if (withPrivate && !allowed.contains(jwk.signingAlgorithm())) {
                throw new InvalidSetException(where + " signs with " + jwk.signingAlgorithm()
                        + ", which is not in the algorithm allow-list");
            }
            boolean verifiesSomething = false;
            for (JwsAlgorithm algorithm : allowed) {
                verifiesSomething |= asymmetric.supports(algorithm);
            }
            if (verifiesSomething) {
                usable.add(asymmetric);
            }
        }
        if (usable.isEmpty()) {
            throw new InvalidSetException("the JWK Set has no signature key for the allowed algorithms");
        }
        return usable;
    }

    /** {@link #parse(byte[], boolean, Set, Provider)} of a string. */
    public static List<AsymmetricKey> parse(String json, boolean withPrivate, Set<JwsAlgorithm> allowed,
            Provider provider) throws InvalidSetException {
        return parse(json.getBytes(StandardCharsets.UTF_8), withPrivate, allowed, provider);
    }
}
