package dev.ssotauth.core.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict RFC 8259 JSON reader for token headers and claims, and the writer used to issue them.
 *
 * <p>Reading works on UTF-8 bytes and refuses anything RFC 8259 does not allow, plus what is unsafe
 * in a token: duplicate object members (RFC 7515 §5.2 lets us reject them, and an attacker can use
 * them to make two parsers disagree), nesting deeper than {@value #MAX_DEPTH}, invalid UTF-8 and
 * lone surrogates. Objects become insertion-ordered maps, arrays lists, strings {@link String},
 * {@code true}/{@code false} {@link Boolean}, integers {@link Long} (or {@link BigInteger} when
 * larger), other numbers {@link BigDecimal}, and {@code null} the {@link #NULL} marker, so that no
 * Java {@code null} ever appears inside a result. Stateless and thread-safe.
 */
public final class Json {

    /** The deepest nesting of arrays and objects accepted. */
    public static final int MAX_DEPTH = 32;

    /** Stands for a JSON {@code null}. */
    public static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    private Json() {
    }

    /** Thrown when the input is not acceptable JSON; carries no input text. */
    public static final class JsonException extends Exception {
        private static final long serialVersionUID = 1L;

        JsonException(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Parses a JSON object.
     *
     * @return the members in document order
     * @throws JsonException when the bytes are not one well-formed JSON object
     */
    public static Map<String, Object> parseObject(byte[] utf8) throws JsonException {
        Reader reader = new Reader(utf8);
        reader.skipWhitespace();
        if (reader.peek() != '{') {
            throw new JsonException("not a JSON object");
        }
        Object value = reader.readValue(0);
        reader.skipWhitespace();
        if (reader.position != utf8.length) {
            throw new JsonException("trailing data after the JSON object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> object = (Map<String, Object>) value;
        return object;
    }

    private static final class Reader {
        private final byte[] in;
        private int position;

        Reader(byte[] in) {
            this.in = in;
        }

        int peek() {
            return position < in.length ? in[position] & 0xff : -1;
        }

        void skipWhitespace() {
            while (position < in.length) {
                byte b = in[position];
                if (b == ' ' || b == '\t' || b == '\n' || b == '\r') {
                    position++;
                } else {
                    return;
                }
            }
        }

        Object readValue(int depth) throws JsonException {
            skipWhitespace();
            int c = peek();
            switch (c) {
                case '{':
                    return readObject(depth + 1);
                case '[':
                    return readArray(depth + 1);
                case '"':
                    return readString();
                case 't':
                    expectLiteral("true");
                    return Boolean.TRUE;
                case 'f':
                    expectLiteral("false");
                    return Boolean.FALSE;
                case 'n':
                    expectLiteral("null");
                    return NULL;
                default:
                    if (c == '-' || (c >= '0' && c <= '9')) {
                        return readNumber();
                    }
                    throw new JsonException("unexpected character");
            }
        }

        private void expectLiteral(String literal) throws JsonException {
            int end = position + literal.length();
            if (end > in.length) {
                throw new JsonException("truncated literal");
            }
            for (int i = 0; i < literal.length(); i++) {
                if (in[position + i] != literal.charAt(i)) {
                    throw new JsonException("unexpected literal");
                }
            }
            position = end;
        }

        private Map<String, Object> readObject(int depth) throws JsonException {
            if (depth > MAX_DEPTH) {
                throw new JsonException("nested too deeply");
            }
            position++; // '{'
            Map<String, Object> members = new LinkedHashMap<>();
            skipWhitespace();
            if (peek() == '}') {
                position++;
                return members;
            }
            while (true) {
                skipWhitespace();
                if (peek() != '"') {
                    throw new JsonException("object member name expected");
                }
                String name = readString();
                skipWhitespace();
                if (peek() != ':') {
                    throw new JsonException("':' expected");
                }
                position++;
                Object value = readValue(depth);
                if (members.put(name, value) != null) {
                    throw new JsonException("duplicate object member");
                }
                skipWhitespace();
                int c = peek();
                position++;
                if (c == '}') {
                    return members;
                }
                if (c != ',') {
                    throw new JsonException("',' or '}' expected");
                }
            }
        }

        private List<Object> readArray(int depth) throws JsonException {
            if (depth > MAX_DEPTH) {
                throw new JsonException("nested too deeply");
            }
            position++; // '['
            List<Object> elements = new ArrayList<>();
            skipWhitespace();
            if (peek() == ']') {
                position++;
                return elements;
            }
            while (true) {
                elements.add(readValue(depth));
                skipWhitespace();
                int c = peek();
                position++;
                if (c == ']') {
                    return elements;
                }
                if (c != ',') {
                    throw new JsonException("',' or ']' expected");
                }
            }
        }

        private String readString() throws JsonException {
            position++; // opening quote
            int start = position;
            // Fast path: printable ASCII without escapes.
            while (position < in.length) {
                byte b = in[position];
                if (b == '"') {
                    String s = KnownStrings.find(in, start, position - start);
                    if (s == null) {
                        s = new String(in, start, position - start, StandardCharsets.ISO_8859_1);
                    }
                    position++;
                    return s;
                }
                if (b == '\\' || b < 0x20) { // also true for every non-ASCII byte (negative)
                    break;
                }
                position++;
            }
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

        private Object readNumber() throws JsonException {
            int start = position;
            boolean integer = true;
            if (peek() == '-') {
                position++;
            }
            int c = peek();
            if (c == '0') {
                position++;
            } else if (c >= '1' && c <= '9') {
                skipDigits();
            } else {
                throw new JsonException("invalid number");
            }
            if (peek() == '.') {
                integer = false;
                position++;
                if (!isDigit(peek())) {
                    throw new JsonException("invalid number");
                }
                skipDigits();
            }
            c = peek();
            if (c == 'e' || c == 'E') {
                integer = false;
                position++;
                c = peek();
                if (c == '+' || c == '-') {
                    position++;
                }
                if (!isDigit(peek())) {
                    throw new JsonException("invalid number");
                }
                skipDigits();
            }
            int length = position - start;
            if (length > 64) {
                throw new JsonException("number too long");
            }
            if (integer && length <= 18) { // at most 18 digits: always fits a long
                boolean negative = in[start] == '-';
                long value = 0;
                for (int i = negative ? start + 1 : start; i < position; i++) {
                    value = value * 10 + (in[i] - '0');
                }
                return negative ? -value : value;
            }
            String text = new String(in, start, length, StandardCharsets.ISO_8859_1);
            if (integer) {
                BigInteger big = new BigInteger(text);
                return big.bitLength() < 64 ? (Object) big.longValue() : big;
            }
            try {
                return new BigDecimal(text);
            } catch (NumberFormatException e) {
                throw new JsonException("invalid number");
            }
        }

        private void skipDigits() {
            while (isDigit(peek())) {
                position++;
            }
        }

        private static boolean isDigit(int c) {
            return c >= '0' && c <= '9';
        }
    }

    // ---------------------------------------------------------------- writing

    /**
     * Appends {@code value} as JSON. Accepts {@link String}, {@link Boolean}, {@link Number} (finite),
     * {@link Map} with string keys, {@link Iterable}, and {@link #NULL}.
     *
     * @throws IllegalArgumentException for any other type or a non-finite number
     */
    public static void write(StringBuilder out, Object value) {
        if (value instanceof String) {
            writeString(out, (String) value);
        } else if (value instanceof Boolean || value instanceof Long || value instanceof Integer
                || value instanceof Short || value instanceof Byte || value instanceof BigInteger) {
            out.append(value);
        } else if (value instanceof BigDecimal) {
            out.append(((BigDecimal) value).toString());
        } else if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException("a claim value must be a finite number");
            }
            if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                out.append((long) d);
            } else {
                out.append(d);
            }
        } else if (value instanceof Map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                if (!(e.getKey() instanceof String)) {
                    throw new IllegalArgumentException("a claim's map keys must be strings");
                }
                if (!first) {
                    out.append(',');
                }
                first = false;
                writeString(out, (String) e.getKey());
                out.append(':');
                write(out, e.getValue());
            }
            out.append('}');
        } else if (value instanceof Iterable) {
            out.append('[');
            boolean first = true;
            for (Object element : (Iterable<?>) value) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                write(out, element);
            }
            out.append(']');
        } else if (value == NULL) {
            out.append("null");
        } else {
            throw new IllegalArgumentException("a claim value must be a String, Boolean, Number, Map, "
                    + "Collection or array of those; got " + (value == null ? "null" : value.getClass().getName()));
        }
    }

    /** Appends {@code s} as a JSON string literal. */
    public static void writeString(StringBuilder out, String s) {
        if (needsNoEscape(s)) {
            out.append('"').append(s).append('"');
            return;
        }
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': out.append("\\\""); break;
                case '\\': out.append("\\\\"); break;
                case '\n': out.append("\\n"); break;
                case '\r': out.append("\\r"); break;
                case '\t': out.append("\\t"); break;
                case '\b': out.append("\\b"); break;
                case '\f': out.append("\\f"); break;
                default:
                    if (c < 0x20 || Character.isSurrogate(c) && !validSurrogateAt(s, i)) {
                        if (Character.isSurrogate(c)) {
                            throw new IllegalArgumentException("a string contains a lone surrogate");
                        }
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
            }
        }
        out.append('"');
    }

    /** Whether every character is written as itself: no quote, backslash, control or surrogate. */
    private static boolean needsNoEscape(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\' || Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private static boolean validSurrogateAt(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }

    /**
     * Returns an immutable deep copy of a parsed JSON value for callers: JSON {@code null} members and
     * elements are left out, so that no {@code null} and no {@link #NULL} marker appears inside.
     */
    public static Object freeze(Object value) {
        if (value instanceof Map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                if (e.getValue() != NULL) {
                    copy.put((String) e.getKey(), freeze(e.getValue()));
                }
            }
            return Collections.unmodifiableMap(copy);
        }
        if (value instanceof List) {
            List<Object> copy = new ArrayList<>(((List<?>) value).size());
            for (Object element : (List<?>) value) {
                if (element != NULL) {
                    copy.add(freeze(element));
                }
            }
            return Collections.unmodifiableList(copy);
        }
        return value;
    }
}
