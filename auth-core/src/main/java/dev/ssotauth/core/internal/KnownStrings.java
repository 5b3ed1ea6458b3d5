package dev.ssotauth.core.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
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
    /** Reads eight bytes of an array at any index as a {@code long}, first byte lowest. */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    /** Open addressing, at most half full: the bytes of each string packed by {@link #pack}, and the string. */
    private static final int SLOTS = 128;
    private static final long[] KEYS = new long[SLOTS];
    private static final String[] VALUES = new String[SLOTS];

    static {
        for (String s : STRINGS) {
            byte[] bytes = s.getBytes(StandardCharsets.US_ASCII);
            long key = pack(bytes, 0, bytes.length);
            int slot = slot(key);
            while (KEYS[slot] != 0) {
                slot = (slot + 1) & (SLOTS - 1);
            }
            KEYS[slot] = key;
            VALUES[slot] = s;
        }
    }

    private KnownStrings() {
    }

    /** The constant equal to the ASCII bytes {@code in[start, start + length)}, or {@code null}. */
    static String find(byte[] in, int start, int length) {
        if (length == 0 || length > MAX_LENGTH) {
            return null;
        }
        long key = pack(in, start, length);
        for (int slot = slot(key); KEYS[slot] != 0; slot = (slot + 1) & (SLOTS - 1)) {
            if (KEYS[slot] == key) {
                return VALUES[slot];
            }
        }
        return null;
    }

    /**
     * One to five bytes and their count in one number, never 0 (first byte lowest, the count above
     * them); a byte outside ASCII makes a key no constant has. Read as one masked {@code long} when
     * eight bytes are there to read.
     */
    private static long pack(byte[] in, int start, int length) {
        long bytes;
        if (start + 8 <= in.length) {
            bytes = (long) LONGS.get(in, start) & ((1L << (8 * length)) - 1);
        } else {
            bytes = 0;
            for (int i = length - 1; i >= 0; i--) {
                bytes = bytes << 8 | (in[start + i] & 0xff);
            }
        }
        return (long) length << 40 | bytes;
    }

    private static int slot(long key) {
        return (int) ((key * 0x9E3779B97F4A7C15L) >>> (64 - 7)); // 7 bits: SLOTS
    }
}
