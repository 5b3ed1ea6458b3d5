package dev.ssotauth.core.internal;

/** The key an authority signs with. Implementations are immutable and thread-safe. */
public interface SigningKey {

    /** The algorithm every token is signed with. */
    JwsAlgorithm algorithm();

    /** The {@code kid} written into tokens, or {@code null}. */
    String keyId();

    /** Signs the ASCII signing input. */
    byte[] sign(byte[] signingInput);
}
