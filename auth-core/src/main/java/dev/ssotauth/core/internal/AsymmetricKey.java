package dev.ssotauth.core.internal;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * An RSA, EC or Ed25519 key from a JWK Set, bound to the algorithms of its family (and curve) that
 * are in the allow-list. Converted once: with BouncyCastle present, EC and Ed25519 public keys are
 * turned into BouncyCastle's own key objects here, not per call. Each thread keeps its own
 * initialised {@link Signature} per algorithm. ECDSA signatures with R or S outside [1, n-1] are
 * refused before any provider sees them. Immutable and thread-safe.
 */
public final class AsymmetricKey implements VerificationKey, SigningKey {

    private final Jwk jwk;
    private final Set<JwsAlgorithm> algorithms;
    private final BigInteger ecOrder;
    private final Map<JwsAlgorithm, ThreadLocal<Signature>> verifiers = new EnumMap<>(JwsAlgorithm.class);
    private final ThreadLocal<Signature> signer;

    /**
     * @param jwk      the checked key
     * @param allowed  the allow-list; the key verifies only algorithms in both
     * @param provider a provider for EC and Ed25519, or {@code null} for the JDK's
     * @throws GeneralSecurityException when the JVM lacks an algorithm
     */
    public AsymmetricKey(Jwk jwk, Set<JwsAlgorithm> allowed, Provider provider) throws GeneralSecurityException {
        this.jwk = jwk;
        Set<JwsAlgorithm> usable = java.util.EnumSet.noneOf(JwsAlgorithm.class);
        for (JwsAlgorithm algorithm : jwk.algorithms()) {
            if (allowed.contains(algorithm)) {
                usable.add(algorithm);
            }
        }
        this.algorithms = Set.copyOf(usable);
        this.ecOrder = jwk.ecOrder();
        boolean native_ = provider != null && jwk.family() != JwsAlgorithm.Family.RSA;
        PublicKey publicKey = native_ ? nativeKey(jwk, provider) : jwk.publicKey();
        for (JwsAlgorithm algorithm : this.algorithms) {
            Provider chosen = native_ ? provider : null;
            newVerifier(algorithm, publicKey, chosen); // fail now, not on the first token
            verifiers.put(algorithm, ThreadLocal.withInitial(() -> newVerifier(algorithm, publicKey, chosen)));
        }
        PrivateKey privateKey = jwk.privateKey();
        if (privateKey != null) {
            JwsAlgorithm signing = jwk.signingAlgorithm();
            this.signer = ThreadLocal.withInitial(() -> newSigner(signing, privateKey));
            this.signer.get();
        } else {
            this.signer = null;
        }
    }

    private static PublicKey nativeKey(Jwk jwk, Provider provider) throws GeneralSecurityException {
        String type = jwk.family() == JwsAlgorithm.Family.EC ? "EC" : "Ed25519";
        return KeyFactory.getInstance(type, provider).generatePublic(new X509EncodedKeySpec(jwk.publicKey().getEncoded()));
    }

    private static String providerName(JwsAlgorithm algorithm, Provider provider) {
        if (provider == null) {
            return algorithm.jcaName();
        }
        switch (algorithm) {
            case ES256:
                return "SHA256withPLAIN-ECDSA";
            case ES384:
                return "SHA384withPLAIN-ECDSA";
            case ES512:
                return "SHA512withPLAIN-ECDSA";
            default:
                return algorithm.jcaName();
        }
    }

    private static Signature newVerifier(JwsAlgorithm algorithm, PublicKey key, Provider provider) {
        try {
            String name = providerName(algorithm, provider);
            Signature signature = provider == null ? Signature.getInstance(name) : Signature.getInstance(name, provider);
            if (algorithm.parameters() != null) {
                signature.setParameter(algorithm.parameters());
            }
            signature.initVerify(key);
            return signature;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm.jcaName() + " cannot verify with this key in this JVM", e);
        }
    }

    private static Signature newSigner(JwsAlgorithm algorithm, PrivateKey key) {
        try {
            Signature signature = Signature.getInstance(algorithm.jcaName());
            if (algorithm.parameters() != null) {
                signature.setParameter(algorithm.parameters());
            }
            signature.initSign(key);
            return signature;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm.jcaName() + " cannot sign with this key in this JVM", e);
        }
    }

    /** The checked JWK behind this key. */
    public Jwk jwk() {
        return jwk;
    }

    @Override
    public String keyId() {
        return jwk.keyId();
    }

    @Override
    public boolean supports(JwsAlgorithm algorithm) {
        return algorithms.contains(algorithm);
    }

    @Override
    public boolean verify(JwsAlgorithm algorithm, byte[] signingInput, int inputLength, byte[] signature) {
        if (algorithm.family() == JwsAlgorithm.Family.EC && !inRange(algorithm, signature)) {
            return false;
        }
        if (algorithm == JwsAlgorithm.EdDSA && signature.length != 64) {
            return false;
        }
        Signature verifier = verifiers.get(algorithm).get();
        try {
            verifier.update(signingInput, 0, inputLength);
            return verifier.verify(signature);
        } catch (java.security.SignatureException e) {
            resetAfterFailure(algorithm);
            return false;
        }
    }

    private void resetAfterFailure(JwsAlgorithm algorithm) {
        // A provider may leave the engine in an unknown state after throwing; start afresh.
        verifiers.get(algorithm).remove();
    }

    private boolean inRange(JwsAlgorithm algorithm, byte[] signature) {
        int half = algorithm.coordinateBytes();
        if (signature.length != 2 * half) {
            return false;
        }
        BigInteger r = new BigInteger(1, java.util.Arrays.copyOfRange(signature, 0, half));
        BigInteger s = new BigInteger(1, java.util.Arrays.copyOfRange(signature, half, 2 * half));
        return r.signum() > 0 && s.signum() > 0 && r.compareTo(ecOrder) < 0 && s.compareTo(ecOrder) < 0;
    }

    @Override
    public JwsAlgorithm algorithm() {
        return jwk.signingAlgorithm();
    }

    @Override
    public byte[] sign(byte[] signingInput) {
        if (signer == null) {
            throw new IllegalStateException("this key has no private part");
        }
        Signature signature = signer.get();
        try {
            signature.update(signingInput);
            return signature.sign();
        } catch (java.security.SignatureException e) {
            signer.remove();
            throw new IllegalStateException("signing failed", e);
        }
    }
}
