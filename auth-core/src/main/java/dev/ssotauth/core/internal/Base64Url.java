package dev.ssotauth.core.internal;

import java.util.Arrays;

/**
 * Strict unpadded base64url (RFC 7515 §2, RFC 4648 §5): the 64-character URL-safe alphabet only, no
 * padding, no whitespace, and the unused low bits of the last character must be zero, so that every
 * byte string has exactly one encoding. Stateless and thread-safe.
 */
public final class Base64Url {

    private static final char[] ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".toCharArray();
    private static final byte[] VALUES = new byte[128];

    static {
        Arrays.fill(VALUES, (byte) -1);
        for (int i = 0; i < ALPHABET.length; i++) {
            VALUES[ALPHABET[i]] = (byte) i;
        }
    }

    private Base64Url() {
    }

    /** Whether {@code c} belongs to the base64url alphabet. */
    public static boolean isAlphabet(char c) {
        return c < 128 && VALUES[c] >= 0;
    }

    /**
     * Decodes {@code s[from, to)}.
     *
     * @return the bytes, or {@code null} when the text is not canonical unpadded base64url
     */
    public static byte[] decode(CharSequence s, int from, int to) {
        int length = to - from;
        int remainder = length & 3;
        if (remainder == 1) {
            return null;
        }
        byte[] out = new byte[(length >> 2) * 3 + (remainder == 0 ? 0 : remainder - 1)];
        int i = from;
        int o = 0;
        int fullEnd = from + (length & ~3);
        while (i < fullEnd) {
            int a = value(s.charAt(i));
            int b = value(s.charAt(i + 1));
            int c = value(s.charAt(i + 2));
            int d = value(s.charAt(i + 3));
            if ((a | b | c | d) < 0) {
                return null;
            }
            int bits = a << 18 | b << 12 | c << 6 | d;
            out[o] = (byte) (bits >> 16);
            out[o + 1] = (byte) (bits >> 8);
            out[o + 2] = (byte) bits;
            i += 4;
            o += 3;
        }
        if (remainder == 2) {
            int a = value(s.charAt(i));
            int b = value(s.charAt(i + 1));
            if ((a | b) < 0 || (b & 0x0f) != 0) {
                return null;
            }
            out[o] = (byte) (a << 2 | b >> 4);
        } else if (remainder == 3) {
            int a = value(s.charAt(i));
            int b = value(s.charAt(i + 1));
            int c = value(s.charAt(i + 2));
            if ((a | b | c) < 0 || (c & 0x03) != 0) {
                return null;
            }
            int bits = a << 12 | b << 6 | c;
            out[o] = (byte) (bits >> 10);
            out[o + 1] = (byte) (bits >> 2);
        }
        return out;
    }

    /**
     * Decodes the ASCII bytes {@code s[from, to)}, with the same rules as
     * {@link #decode(CharSequence, int, int)}; the token path decodes from the token's bytes.
     *
     * @return the bytes, or {@code null} when the text is not canonical unpadded base64url
     */
    public static byte[] decode(byte[] s, int from, int to) {
        int length = to - from;
        int remainder = length & 3;
        if (remainder == 1) {
            return null;
        }
        byte[] out = new byte[(length >> 2) * 3 + (remainder == 0 ? 0 : remainder - 1)];
        int i = from;
        int o = 0;
        int fullEnd = from + (length & ~3);
        while (i < fullEnd) {
            int bits = VALUES[s[i] & 0x7f] << 18 | VALUES[s[i + 1] & 0x7f] << 12 | VALUES[s[i + 2] & 0x7f] << 6
                    | VALUES[s[i + 3] & 0x7f];
            if ((bits | s[i] | s[i + 1] | s[i + 2] | s[i + 3]) < 0) {
                return null; // a value of -1 (not in the alphabet), or a byte above 0x7f
            }
            out[o] = (byte) (bits >> 16);
            out[o + 1] = (byte) (bits >> 8);
            out[o + 2] = (byte) bits;
            i += 4;
            o += 3;
        }
        if (remainder == 2) {
            int a = value(s[i]);
            int b = value(s[i + 1]);
            if ((a | b) < 0 || (b & 0x0f) != 0) {
                return null;
            }
            out[o] = (byte) (a << 2 | b >> 4);
        } else if (remainder == 3) {
            int a = value(s[i]);
            int b = value(s[i + 1]);
            int c = value(s[i + 2]);
            if ((a | b | c) < 0 || (c & 0x03) != 0) {
                return null;
            }
            int bits = a << 12 | b << 6 | c;
            out[o] = (byte) (bits >> 10);
            out[o + 1] = (byte) (bits >> 2);
        }
        return out;
    }

    /** Whether the byte {@code b} belongs to the base64url alphabet. */
    public static boolean isAlphabet(byte b) {
        return b >= 0 && VALUES[b] >= 0;
    }

    /** Decodes the whole of {@code s}; {@code null} when it is not canonical unpadded base64url. */
    public static byte[] decode(CharSequence s) {
        return decode(s, 0, s.length());
    }

    /** Encodes {@code bytes} as unpadded base64url. */
    public static String encode(byte[] bytes) {
        int full = bytes.length / 3 * 3;
        int remainder = bytes.length - full;
        char[] out = new char[bytes.length / 3 * 4 + (remainder == 0 ? 0 : remainder + 1)];
        int o = 0;
        for (int i = 0; i < full; i += 3) {
            int bits = (bytes[i] & 0xff) << 16 | (bytes[i + 1] & 0xff) << 8 | bytes[i + 2] & 0xff;
            out[o++] = ALPHABET[bits >>> 18 & 0x3f];
            out[o++] = ALPHABET[bits >>> 12 & 0x3f];
            out[o++] = ALPHABET[bits >>> 6 & 0x3f];
            out[o++] = ALPHABET[bits & 0x3f];
        }
        if (remainder == 1) {
            int bits = bytes[full] & 0xff;
            out[o++] = ALPHABET[bits >>> 2];
            out[o] = ALPHABET[bits << 4 & 0x3f];
        } else if (remainder == 2) {
            int bits = (bytes[full] & 0xff) << 8 | bytes[full + 1] & 0xff;
            out[o++] = ALPHABET[bits >>> 10];
            out[o++] = ALPHABET[bits >>> 4 & 0x3f];
            out[o] = ALPHABET[bits << 2 & 0x3f];
        }
        return new String(out);
    }

    private static int value(char c) {
        return c < 128 ? VALUES[c] : -1;
    }

    private static int value(byte b) {
        return b >= 0 ? VALUES[b] : -1;
    }
}
