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

    /** {@link #decodeInto} found a byte outside the alphabet. */
    public static final int OUTSIDE_ALPHABET = -1;
    /** {@link #decodeInto} found only alphabet bytes, but a length or last character no byte string encodes to. */
    public static final int NOT_CANONICAL = -2;

    private static final char[] ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".toCharArray();
    private static final byte[] VALUES = new byte[128];

    /** 1 for every byte value outside the alphabet, 0 inside. */
    private static final byte[] NOT_ALPHABET = new byte[256];
    /** 1 for every byte value outside the alphabet and not a dot, 0 otherwise. */
    private static final byte[] NOT_TOKEN = new byte[256];
    /** Stateless and thread-safe. */
    private static final Base64.Decoder JDK_DECODER = Base64.getUrlDecoder();
    /** Indexed by byte value: its 6-bit value in the alphabet, or -1 outside it. */
    private static final int[] SEXTETS = new int[256];
    /** Stateless and thread-safe; the same alphabet, no padding. */
    private static final Base64.Encoder JDK_ENCODER = Base64.getUrlEncoder().withoutPadding();

    static {
        Arrays.fill(VALUES, (byte) -1);
        Arrays.fill(SEXTETS, -1);
        Arrays.fill(NOT_ALPHABET, (byte) 1);
        for (int i = 0; i < ALPHABET.length; i++) {
            VALUES[ALPHABET[i]] = (byte) i;
            SEXTETS[ALPHABET[i]] = i;
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
        // A character above Latin-1 becomes '?', outside the alphabet like every non-ASCII byte.
        return decode(s.subSequence(from, to).toString().getBytes(StandardCharsets.ISO_8859_1), 0, to - from);
    }

    /**
     * Decodes the ASCII bytes {@code s[from, to)}, with the same rules as
     * {@link #decode(CharSequence, int, int)}.
     *
     * @return the bytes, or {@code null} when the text is not canonical unpadded base64url
     */
    public static byte[] decode(byte[] s, int from, int to) {
        int length = decodedLength(to - from);
        if (length < 0) {
            return null;
        }
        byte[] out = new byte[length];
        return decodeInto(s, from, to, out, 0) == length ? out : null;
    }

    /**
     * How many bytes {@code characters} base64url characters decode to.
     *
     * @return the length, or -1 when no byte string encodes to that many characters ({@code 4n + 1})
     */
    public static int decodedLength(int characters) {
        int remainder = characters & 3;
        return remainder == 1 ? -1 : (characters >> 2) * 3 + (remainder == 0 ? 0 : remainder - 1);
    }

    /**
     * Checks and decodes the ASCII bytes {@code s[from, to)} in one pass, into {@code out} from
     * {@code offset}, which has room for {@link #decodedLength} bytes (or is unused when that is -1).
     * A byte outside the alphabet is reported before anything else; then a length or a last character
     * that no byte string encodes to (the unused low bits must be zero). On a failure {@code out} holds
     * a partial result.
     *
     * @return the number of bytes decoded, {@link #OUTSIDE_ALPHABET} or {@link #NOT_CANONICAL}
     */
    public static int decodeInto(byte[] s, int from, int to, byte[] out, int offset) {
        int length = to - from;
        int remainder = length & 3;
        if (remainder == 1) {
            return isAlphabet(s, from, to) ? NOT_CANONICAL : OUTSIDE_ALPHABET;
        }
        int i = from;
        int o = offset;
        int fullEnd = to - remainder;
        while (i < fullEnd) {
            // A byte outside the alphabet is -1, negative at any of these shifts: one test for four.
            int bits = SEXTETS[s[i] & 0xff] << 18 | SEXTETS[s[i + 1] & 0xff] << 12
                    | SEXTETS[s[i + 2] & 0xff] << 6 | SEXTETS[s[i + 3] & 0xff];
            if (bits < 0) {
                return OUTSIDE_ALPHABET;
            }
            out[o] = (byte) (bits >> 16);
            out[o + 1] = (byte) (bits >> 8);
            out[o + 2] = (byte) bits;
            i += 4;
            o += 3;
        }
        if (remainder == 2) {
            int bits = SEXTETS[s[i] & 0xff] << 6 | SEXTETS[s[i + 1] & 0xff];
            if (bits < 0) {
                return OUTSIDE_ALPHABET;
            }
            if ((bits & 0x0f) != 0) {
                return NOT_CANONICAL;
            }
            out[o++] = (byte) (bits >> 4);
        } else if (remainder == 3) {
            int bits = SEXTETS[s[i] & 0xff] << 12 | SEXTETS[s[i + 1] & 0xff] << 6 | SEXTETS[s[i + 2] & 0xff];
            if (bits < 0) {
                return OUTSIDE_ALPHABET;
            }
            if ((bits & 0x03) != 0) {
                return NOT_CANONICAL;
            }
            out[o] = (byte) (bits >> 10);
            out[o + 1] = (byte) (bits >> 2);
            o += 2;
        }
        return o - offset;
    }

    /**
     * Decodes {@code s[from, to)} with the JDK's decoder, which is vectorised on common processors,
     * into a new array. That decoder also takes {@code '='} padding and ignores the unused low bits;
     * here both make the text refused, like a byte outside the alphabet.
     *
     * @return the bytes, or {@code null} when the text is not canonical unpadded base64url (then
     *         {@link #isAlphabet} tells whether a byte is outside the alphabet)
     */
    public static byte[] decodeUnpadded(byte[] s, int from, int to) {
        int length = to - from;
        int remainder = length & 3;
        if (remainder == 1
                || remainder == 2 && (SEXTETS[s[to - 1] & 0xff] & 0x0f) != 0
                || remainder == 3 && (SEXTETS[s[to - 1] & 0xff] & 0x03) != 0
                || length > 0 && s[to - 1] == '=') {
            return null; // '=' can only be valid padding at the end; before that the decoder refuses it
        }
        ByteBuffer decoded;
        try {
            decoded = JDK_DECODER.decode(ByteBuffer.wrap(s, from, length));
        } catch (IllegalArgumentException e) {
            return null; // a byte outside the alphabet; the message would quote it, so it is dropped
        }
        byte[] array = decoded.array();
        if (decoded.arrayOffset() == 0 && decoded.position() == 0 && decoded.limit() == array.length) {
            return array;
        }
        return Arrays.copyOfRange(array, decoded.arrayOffset() + decoded.position(),
                decoded.arrayOffset() + decoded.limit());
    }

    /** Whether every byte of {@code s[from, to)} is in the base64url alphabet. */
    public static boolean isAlphabet(byte[] s, int from, int to) {
        int outside = 0;
        for (int i = from; i < to; i++) {
            outside |= NOT_ALPHABET[s[i] & 0xff];
        }
        return outside == 0;
    }

    /** Whether every byte of {@code s} is in the base64url alphabet or a dot. Branch-free. */
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

    /** How many characters {@code bytes} bytes encode to, unpadded. */
    public static int encodedLength(int bytes) {
        return (bytes / 3) * 4 + (bytes % 3 == 0 ? 0 : bytes % 3 + 1);
    }

    /**
     * Encodes {@code bytes} as unpadded base64url ASCII into {@code out}, which has room for
     * {@link #encodedLength} bytes.
     *
     * @return the number of bytes written
     */
    public static int encodeInto(byte[] bytes, byte[] out) {
        return JDK_ENCODER.encode(bytes, out);
    }

    /**
     * Whether {@code s[from, to)}, whose bytes are in the alphabet, is a canonical encoding: not
     * {@code 4n + 1} characters long, and the unused low bits of the last character zero.
     */
    public static boolean isCanonical(byte[] s, int from, int to) {
        int remainder = (to - from) & 3;
        return remainder == 0
                || remainder == 2 && (SEXTETS[s[to - 1] & 0xff] & 0x0f) == 0
                || remainder == 3 && (SEXTETS[s[to - 1] & 0xff] & 0x03) == 0;
    }

    /** Encodes {@code bytes} as unpadded base64url, as ASCII bytes. */
    public static byte[] encodeToAscii(byte[] bytes) {
        return JDK_ENCODER.encode(bytes);
    }


}
