package dev.ssotauth.core.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * Strict unpadded base64url (RFC 7515 §2, RFC 4648 §5): the 64-character URL-safe alphabet only, no
 * padding, no whitespace, and the unused low bits of the last character must be zero, so that every
 * byte string has exactly one encoding. Stateless and thread-safe.
 */
public final class Base64Url {

    private static final char[] ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".toCharArray();
    private static final byte[] VALUES = new byte[128];

    /** 1 for every byte value outside the alphabet, 0 inside. */
    private static final byte[] NOT_ALPHABET = new byte[256];
    /** 1 for every byte value outside the alphabet and not a dot, 0 otherwise. */
    private static final byte[] NOT_TOKEN = new byte[256];
    /** Stateless and thread-safe. */
    private static final Base64.Decoder JDK_DECODER = Base64.getUrlDecoder();
    /** Stateless and thread-safe; the same alphabet, no padding. */
    private static final Base64.Encoder JDK_ENCODER = Base64.getUrlEncoder().withoutPadding();

    static {
        Arrays.fill(VALUES, (byte) -1);
        Arrays.fill(NOT_ALPHABET, (byte) 1);
        for (int i = 0; i < ALPHABET.length; i++) {
            VALUES[ALPHABET[i]] = (byte) i;
            NOT_ALPHABET[ALPHABET[i]] = 0;
        }
        System.arraycopy(NOT_ALPHABET, 0, NOT_TOKEN, 0, 256);
        NOT_TOKEN['.'] = 0;
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
        int outside = 0;
        for (int i = from; i < to; i++) {
            outside |= NOT_ALPHABET[s[i] & 0xff];
        }
        return outside == 0 ? decodeAlphabetOnly(s, from, to) : null;
    }

    /**
     * Like {@link #decode(byte[], int, int)} for a range whose bytes the caller has already checked
     * to be in the alphabet (see {@link #isAlphabetOrDot(byte[])}): only the length and the unused
     * low bits are checked here. The JDK's decoder, which has fast paths on common processors, does
     * the rest; with the alphabet checked it cannot throw.
     *
     * @return the bytes, or {@code null} when the text is not canonical unpadded base64url
     */
    public static byte[] decodeAlphabetOnly(byte[] s, int from, int to) {
        int length = to - from;
        int remainder = length & 3;
        if (remainder == 1
                || remainder == 2 && (VALUES[s[to - 1]] & 0x0f) != 0
                || remainder == 3 && (VALUES[s[to - 1]] & 0x03) != 0) {
            return null;
        }
        ByteBuffer decoded = JDK_DECODER.decode(ByteBuffer.wrap(s, from, length));
        byte[] array = decoded.array();
        if (decoded.arrayOffset() == 0 && decoded.position() == 0 && decoded.limit() == array.length) {
            return array;
        }
        return Arrays.copyOfRange(array, decoded.arrayOffset() + decoded.position(),
                decoded.arrayOffset() + decoded.limit());
    }

    /**
     * Whether every byte of {@code s} is in the base64url alphabet or a dot. Branch-free over the
     * whole array, so that a valid token is checked at a few bytes a cycle.
     */
    public static boolean isAlphabetOrDot(byte[] s) {
        int outside = 0;
        for (byte b : s) {
            outside |= NOT_TOKEN[b & 0xff];
        }
        return outside == 0;
    }

    /** Decodes the whole of {@code s}; {@code null} when it is not canonical unpadded base64url. */
    public static byte[] decode(CharSequence s) {
        return decode(s, 0, s.length());
    }

    /** Encodes {@code bytes} as unpadded base64url. */
    public static String encode(byte[] bytes) {
        return new String(JDK_ENCODER.encode(bytes), StandardCharsets.ISO_8859_1);
    }

    /** Encodes {@code bytes} as unpadded base64url, as ASCII bytes. */
    public static byte[] encodeToAscii(byte[] bytes) {
        return JDK_ENCODER.encode(bytes);
    }

    private static int value(char c) {
        return c < 128 ? VALUES[c] : -1;
    }

}
