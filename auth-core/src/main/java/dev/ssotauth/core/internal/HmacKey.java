package dev.ssotauth.core.internal;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

/**
 * A shared HMAC secret, usable for the HMAC algorithms of the allow-list. The JCA key is made once;
 * each thread keeps its own initialised {@link Mac} per algorithm, and a buffer for the MAC it
 * computes, so verification allocates nothing. Immutable (the secret is copied) and thread-safe.
 */
public final class HmacKey implements VerificationKey, SigningKey {

    private final String keyId;
    private final JwsAlgorithm signingAlgorithm;
    private final Set<JwsAlgorithm> algorithms;
    private final Map<JwsAlgorithm, ThreadLocal<Engine>> engines = new EnumMap<>(JwsAlgorithm.class);

    /** One thread's MAC engine, and the buffers verification computes the expected MAC and its text into. */
    private static final class Engine {
        final Mac mac;
        final byte[] expected;
        final byte[] expectedText;

        Engine(Mac mac) {
            this.mac = mac;
            this.expected = new byte[mac.getMacLength()];
            this.expectedText = new byte[Base64Url.encodedLength(expected.length)];
        }

        /** Computes the MAC of {@code input[0, length)} into {@link #expected}, and resets the engine. */
        void compute(byte[] input, int length) {
            mac.update(input, 0, length);
            try {
                mac.doFinal(expected, 0);
            } catch (ShortBufferException e) {
                throw new IllegalStateException("the buffer has the MAC's length", e);
            }
        }
    }

    /**
     * @param secret           the secret; copied
     * @param keyId            the {@code kid}, or {@code null} for a key without one
     * @param signingAlgorithm the algorithm tokens are issued with
     * @param algorithms       the HMAC algorithms accepted for verification
     */
    public HmacKey(byte[] secret, String keyId, JwsAlgorithm signingAlgorithm, Set<JwsAlgorithm> algorithms) {
        this.keyId = keyId;
        this.signingAlgorithm = signingAlgorithm;
        this.algorithms = Set.copyOf(algorithms);
        for (JwsAlgorithm algorithm : this.algorithms) {
            if (algorithm.family() != JwsAlgorithm.Family.HMAC) {
                throw new IllegalArgumentException(algorithm + " is not an HMAC algorithm");
            }
            SecretKeySpec key = new SecretKeySpec(secret, algorithm.jcaName());
            newMac(algorithm, key); // fail at build time, not on the first token
            engines.put(algorithm, ThreadLocal.withInitial(() -> new Engine(newMac(algorithm, key))));
        }
    }

    private static Mac newMac(JwsAlgorithm algorithm, SecretKeySpec key) {
        try {
            Mac mac = Mac.getInstance(algorithm.jcaName());
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm.jcaName() + " is not available in this JVM", e);
        }
    }

    @Override
    public String keyId() {
        return keyId;
    }

    @Override
    public boolean supports(JwsAlgorithm algorithm) {
        return algorithms.contains(algorithm);
    }

    @Override
    public boolean verify(JwsAlgorithm algorithm, byte[] signingInput, int inputLength, byte[] signature) {
        Engine engine = engines.get(algorithm).get();
        engine.compute(signingInput, inputLength);
        return MessageDigest.isEqual(engine.expected, signature); // constant time for equal lengths
    }

    /**
     * Compares the text of the expected MAC with the token's signature text, in constant time for equal
     * lengths, instead of decoding the signature: both are canonical, so equal texts are equal MACs.
     */
    @Override
    public boolean verifyEncoded(JwsAlgorithm algorithm, byte[] token, int inputLength) {
        Engine engine = engines.get(algorithm).get();
        engine.compute(token, inputLength);
        Base64Url.encodeInto(engine.expected, engine.expectedText);
        byte[] expected = engine.expectedText;
        int from = inputLength + 1;
        if (token.length - from != expected.length) {
            return false;
        }
        int difference = 0;
        for (int i = 0; i < expected.length; i++) {
            difference |= expected[i] ^ token[from + i];
        }
        return difference == 0;
    }

    @Override
    public JwsAlgorithm algorithm() {
        return signingAlgorithm;
    }

    @Override
    public byte[] sign(byte[] signingInput) {
        return engines.get(signingAlgorithm).get().mac.doFinal(signingInput);
    }
}
