package dev.ssotauth.core.internal;

import dev.ssotauth.core.internal.Json.JsonException;

import java.nio.charset.StandardCharsets;

/**
 * The slow path of {@link JsonReader#readString}: the rest of a string after its plain-ASCII start,
 * with escapes (escaped surrogates must come in pairs) and UTF-8 (shortest form, no
 * surrogates, at most U+10FFFF) decoded and checked. One instance per string; not thread-safe.
 */
final class JsonStringTail {

    private final byte[] in;
    /** Where the string's text starts, after its opening quote. */
    private final int start;
    private int position;

    /**
     * @param start    where the string's text starts
     * @param position the first byte that is not plain ASCII, after {@code start}
     */
    JsonStringTail(byte[] in, int start, int position) {
        this.in = in;
        this.start = start;
        this.position = position;
    }

    /** The cursor after {@link #read()}: past the closing quote. */
    int position() {
        return position;
    }

    /**
     * Reads the rest of the string.
     *
     * @return the whole string, from {@code start}
     * @throws JsonException when the rest is not well-formed
     */
    String read() throws JsonException {
        StringBuilder sb = new StringBuilder(position - start + 16);
        sb.append(new String(in, start, position - start, StandardCharsets.ISO_8859_1));
        while (true) {
            if (position >= in.length) {
                throw new JsonException("unterminated string");
            }
            int b = in[position] & 0xff;
            if (b == '"') {
                position++;
                return sb.toString();
            }
            if (b == '\\') {
                position++;
                readEscape(sb);
            } else if (b < 0x20) {
                throw new JsonException("control character in string");
            } else if (b < 0x80) {
                sb.append((char) b);
                position++;
            } else {
                readUtf8(sb, b);
            }
        }
    }


    private void readEscape(StringBuilder sb) throws JsonException {
        if (position >= in.length) {
            throw new JsonException("unterminated escape");
        }
        int c = in[position++];
        switch (c) {
            case '"': sb.append('"'); break;
            case '\\': sb.append('\\'); break;
            case '/': sb.append('/'); break;
            case 'b': sb.append('\b'); break;
            case 'f': sb.append('\f'); break;
            case 'n': sb.append('\n'); break;
            case 'r': sb.append('\r'); break;
            case 't': sb.append('\t'); break;
            case 'u': {
                char unit = readHex4();
                if (Character.isHighSurrogate(unit)) {
                    if (position + 6 > in.length || in[position] != '\\' || in[position + 1] != 'u') {
                        throw new JsonException("lone surrogate");
                    }
                    position += 2;
                    char low = readHex4();
                    if (!Character.isLowSurrogate(low)) {
                        throw new JsonException("lone surrogate");
                    }
                    sb.append(unit).append(low);
                } else if (Character.isLowSurrogate(unit)) {
                    throw new JsonException("lone surrogate");
                } else {
                    sb.append(unit);
                }
                break;
            }
            default:
                throw new JsonException("invalid escape");
        }
    }

    private char readHex4() throws JsonException {
        if (position + 4 > in.length) {
            throw new JsonException("truncated escape");
        }
        int value = 0;
        for (int i = 0; i < 4; i++) {
            int c = in[position++];
            int digit = Character.digit(c, 16);
            if (digit < 0 || c > 'f') {
                throw new JsonException("invalid escape");
            }
            value = value << 4 | digit;
        }
        return (char) value;
    }

    private void readUtf8(StringBuilder sb, int first) throws JsonException {
        int needed;
        int codePoint;
        int min;
        if (first >= 0xc2 && first <= 0xdf) {
            needed = 1;
            codePoint = first & 0x1f;
            min = 0x80;
        } else if (first >= 0xe0 && first <= 0xef) {
            needed = 2;
            codePoint = first & 0x0f;
            min = 0x800;
        } else if (first >= 0xf0 && first <= 0xf4) {
            needed = 3;
            codePoint = first & 0x07;
            min = 0x10000;
        } else {
            throw new JsonException("invalid UTF-8");
        }
        if (position + needed >= in.length) {
            throw new JsonException("invalid UTF-8");
        }
        for (int i = 1; i <= needed; i++) {
            int b = in[position + i] & 0xff;
            if ((b & 0xc0) != 0x80) {
                throw new JsonException("invalid UTF-8");
            }
            codePoint = codePoint << 6 | (b & 0x3f);
        }
        if (codePoint < min || codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff)) {
            throw new JsonException("invalid UTF-8");
        }
        sb.appendCodePoint(codePoint);
        position += needed + 1;
    }

}
