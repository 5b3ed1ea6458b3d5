package dev.ssotauth.core.internal;

import java.nio.charset.StandardCharsets;

/**
 * The member names and header values every token repeats ({@code "iss"}, {@code "exp"},
 * {@code "alg"}, {@code "HS256"}, …), so that {@link Json} returns these constants instead of a new
 * string per token: no allocation, and a hash code already computed for the map lookups that
 * follow. Only exact, escape-free ASCII matches are replaced; the result is equal to the string that
 * would have been made. Stateless and thread-safe.
 */
final class KnownStrings {

    private static final String[] STRINGS = {
        // registered claims (RFC 7519) and this library's own
        "iss", "sub", "aud", "exp", "nbf", "iat", "jti", "roles", "sid",
        // header members (RFC 7515, RFC 7516, RFC 7797)
        "alg", "typ", "kid", "cty", "crit", "enc", "zip", "b64", "jwk", "jku", "x5u", "x5c", "x5t",
        // header values
        "JWT", "HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512",
        "ES256", "ES384", "ES512", "EdDSA",
        // claims many tokens carry
        "scope", "email", "name", "azp", "nonce",
    };
    private static final int MAX_LENGTH = 5;
    /** Indexed by length and first byte: the strings there, and their ASCII bytes. */
    private static final String[][] TABLE = new String[(MAX_LENGTH + 1) * 128][];
    private static final byte[][][] BYTES = new byte[(MAX_LENGTH + 1) * 128][][];

    static {
        for (String s : STRINGS) {
            int slot = s.length() * 128 + s.charAt(0);
            String[] old = TABLE[slot] == null ? new String[0] : TABLE[slot];
            String[] strings = java.util.Arrays.copyOf(old, old.length + 1);
            strings[old.length] = s;
            TABLE[slot] = strings;
            byte[][] bytes = new byte[strings.length][];
            for (int i = 0; i < strings.length; i++) {
                bytes[i] = strings[i].getBytes(StandardCharsets.US_ASCII);
            }
            BYTES[slot] = bytes;
        }
    }

    private KnownStrings() {
    }

    /** The constant equal to the ASCII bytes {@code in[start, start + length)}, or {@code null}. */
    static String find(byte[] in, int start, int length) {
        if (length == 0 || length > MAX_LENGTH || in[start] < 0) {
            return null;
        }
        int slot = length * 128 + in[start];
        byte[][] candidates = BYTES[slot];
        if (candidates == null) {
            return null;
        }
        for (int c = 0; c < candidates.length; c++) {
            byte[] candidate = candidates[c];
            int i = 1;
            while (i < length && candidate[i] == in[start + i]) {
                i++;
            }
            if (i == length) {
                return TABLE[slot][c];
            }
        }
        return null;
    }
}
