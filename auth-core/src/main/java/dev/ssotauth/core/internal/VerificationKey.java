package dev.ssotauth.core.internal;

/**
 * One trusted key, bound to one algorithm family. Implementations are immutable and thread-safe.
 */
public interface VerificationKey {

    /** The key id tokens name in {@code kid}, or {@code null} when the key has none. */
    String keyId();

    /** Whether this key may verify tokens signed with {@code algorithm}. */
    boolean supports(JwsAlgorithm algorithm);

    /**
     * Verifies a signature. Only called with an algorithm this key {@linkplain #supports supports}.
     *
     * @param signingInput the ASCII bytes of the token before the second dot
     * @param inputLength  how many bytes of {@code signingInput} are signed
     * @param signature    the decoded signature
     * @return whether the signature is valid; comparisons of MACs take constant time
     */
    boolean verify(JwsAlgorithm algorithm, byte[] signingInput, int inputLength, byte[] signature);

    /**
     * Verifies the signature of a whole token, given as its text: the signature is
     * {@code token[inputLength + 1, token.length)}, for the signing input {@code token[0, inputLength)}.
     * Only the text of a canonical unpadded base64url encoding can verify: a byte outside the alphabet
     * gives {@code false}. This default decodes it and calls
     * {@link #verify(JwsAlgorithm, byte[], int, byte[])}.
     */
    default boolean verifyEncoded(JwsAlgorithm algorithm, byte[] token, int inputLength) {
        byte[] signature = Base64Url.decodeUnpadded(token, inputLength + 1, token.length);
        return signature != null && verify(algorithm, token, inputLength, signature);
    }
}
