package dev.ssotauth.example;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The little JSON this service speaks: its HTTP bodies and chat messages are small objects of
 * strings, numbers, booleans and lists of strings. Reading is strict (RFC 8259, one value, no
 * duplicate member names, bounded nesting); writing escapes everything a browser could misread.
 * Objects read as {@code Map<String, Object>} in document order, arrays as {@code List<Object>},
 * numbers as {@link BigDecimal}. Stateless.
 */
final class Json {

    private static final int MAX_DEPTH = 16;

    private Json() {
    }

    /** Thrown for text that is not one well-formed JSON value; the message never quotes the input. */
    static final class MalformedException extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedException(String message) {
            super(message);
        }
    }

    /**
     * Reads one JSON object.
     *
     * @param text the document
     * @return its members, in document order
     * @throws MalformedException when the text is not exactly one JSON object
     */
    static Map<String, Object> parseObject(String text) throws MalformedException {
        Object value = parse(text);
        if (!(value instanceof Map)) {
            throw new MalformedException("expected a JSON object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> object = (Map<String, Object>) value;
        return object;
    }

    /**
     * Reads one JSON value.
     *
     * @param text the document
     * @return the value: a map, list, string, {@link BigDecimal}, boolean or {@link #NULL}
     * @throws MalformedException when the text is not exactly one JSON value
     */
    static Object parse(String text) throws MalformedException {
        if (text == null) {
            throw new MalformedException("no JSON text");
        }
        Reader reader = new Reader(text);
        reader.skipWhitespace();
        Object value = reader.value(0);
        reader.skipWhitespace();
        if (reader.pos != text.length()) {
            throw new MalformedException("unexpected text after the JSON value at offset " + reader.pos);
        }
        return value;
    }

    /** The JSON {@code null}, distinct from a missing member. */
    static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    /** A JSON object writer that keeps insertion order. Not thread-safe. */
    static final class ObjectWriter {
        private final StringBuilder out = new StringBuilder(128).append('{');
        private boolean first = true;

        ObjectWriter put(String name, Object value) {
            if (!first) {
                out.append(',');
            }
            first = false;
            writeString(out, name);
            out.append(':');
            write(out, value);
            return this;
        }

        @Override
        public String toString() {
            return out + "}";
        }
    }

    /**
     * Starts an object.
     *
     * @return a writer
     */
    static ObjectWriter object() {
        return new ObjectWriter();
    }

    /**
     * Writes {@code value}: a string, number, boolean, {@code null} / {@link #NULL}, a collection
     * (as an array) or a map with string keys (as an object).
     */
    static void write(StringBuilder out, Object value) {
        if (value == null || value == NULL) {
            out.append("null");
        } else if (value instanceof String) {
            writeString(out, (String) value);
        } else if (value instanceof Boolean || value instanceof Integer || value instanceof Long
                || value instanceof BigDecimal) {
            out.append(value);
        } else if (value instanceof Collection) {
            out.append('[');
            boolean firstElement = true;
            for (Object element : (Collection<?>) value) {
                if (!firstElement) {
                    out.append(',');
                }
                firstElement = false;
                write(out, element);
            }
            out.append(']');
        } else if (value instanceof Map) {
            out.append('{');
            boolean firstMember = true;
            for (Map.Entry<?, ?> member : ((Map<?, ?>) value).entrySet()) {
                if (!firstMember) {
                    out.append(',');
                }
                firstMember = false;
                writeString(out, (String) member.getKey());
                out.append(':');
                write(out, member.getValue());
            }
            out.append('}');
        } else {
            throw new IllegalArgumentException("cannot write a " + value.getClass().getName() + " as JSON");
        }
    }

    /**
     * Writes a JSON string. Besides what JSON requires, {@code <}, {@code >}, {@code &}, U+2028 and
     * U+2029 are escaped, so the output is safe inside HTML and JavaScript too.
     */
    static void writeString(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"':
                    out.append("\\\"");
                    break;
                case '\\':
                    out.append("\\\\");
                    break;
                case '\n':
                    out.append("\\n");
                    break;
                case '\r':
                    out.append("\\r");
                    break;
                case '\t':
                    out.append("\\t");
                    break;
                case '\b':
                    out.append("\\b");
                    break;
                case '\f':
                    out.append("\\f");
                    break;
                default:
                    if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
            }
        }
        out.append('"');
    }

    private static final class Reader {
        private final String text;
        private int pos;

        Reader(String text) {
            this.text = text;
        }

        void skipWhitespace() {
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                    return;
                }
                pos++;
            }
        }

        Object value(int depth) throws MalformedException {
            if (pos >= text.length()) {
                throw new MalformedException("unexpected end of JSON text");
            }
            char c = text.charAt(pos);
            switch (c) {
                case '{':
                    return object(depth + 1);
                case '[':
                    return array(depth + 1);
                case '"':
                    return string();
                case 't':
                    literal("true");
                    return Boolean.TRUE;
                case 'f':
                    literal("false");
                    return Boolean.FALSE;
                case 'n':
                    literal("null");
                    return NULL;
                default:
                    if (c == '-' || (c >= '0' && c <= '9')) {
                        return number();
                    }
                    throw new MalformedException("unexpected character at offset " + pos);
            }
        }

        private Map<String, Object> object(int depth) throws MalformedException {
            if (depth > MAX_DEPTH) {
                throw new MalformedException("JSON nested deeper than " + MAX_DEPTH + " levels");
            }
            pos++; // {
            Map<String, Object> members = new LinkedHashMap<>();
            skipWhitespace();
            if (peek() == '}') {
                pos++;
                return members;
            }
            while (true) {
                skipWhitespace();
                if (peek() != '"') {
                    throw new MalformedException("expected a member name at offset " + pos);
                }
                String name = string();
                skipWhitespace();
                expect(':');
                skipWhitespace();
                Object value = value(depth);
                if (members.put(name, value) != null) {
                    throw new MalformedException("duplicate member name in a JSON object");
                }
                skipWhitespace();
                char c = next();
                if (c == '}') {
                    return members;
                }
                if (c != ',') {
                    throw new MalformedException("expected ',' or '}' at offset " + (pos - 1));
                }
            }
        }

        private List<Object> array(int depth) throws MalformedException {
            if (depth > MAX_DEPTH) {
                throw new MalformedException("JSON nested deeper than " + MAX_DEPTH + " levels");
            }
            pos++; // [
            List<Object> elements = new ArrayList<>();
            skipWhitespace();
            if (peek() == ']') {
                pos++;
                return Collections.unmodifiableList(elements);
            }
            while (true) {
                skipWhitespace();
                elements.add(value(depth));
                skipWhitespace();
                char c = next();
                if (c == ']') {
                    return Collections.unmodifiableList(elements);
                }
                if (c != ',') {
                    throw new MalformedException("expected ',' or ']' at offset " + (pos - 1));
                }
            }
        }

        private String string() throws MalformedException {
            pos++; // opening quote
            StringBuilder out = new StringBuilder();
            while (true) {
                if (pos >= text.length()) {
                    throw new MalformedException("unterminated string");
                }
                char c = text.charAt(pos++);
                if (c == '"') {
                    return out.toString();
                }
                if (c < 0x20) {
                    throw new MalformedException("control character in a string at offset " + (pos - 1));
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                char escape = next();
                switch (escape) {
                    case '"':
                    case '\\':
                    case '/':
                        out.append(escape);
                        break;
                    case 'b':
                        out.append('\b');
                        break;
                    case 'f':
                        out.append('\f');
                        break;
                    case 'n':
                        out.append('\n');
                        break;
                    case 'r':
                        out.append('\r');
                        break;
                    case 't':
                        out.append('\t');
                        break;
                    case 'u':
                        if (pos + 4 > text.length()) {
                            throw new MalformedException("unterminated \\u escape");
                        }
                        int code = 0;
                        for (int i = 0; i < 4; i++) {
                            int digit = Character.digit(text.charAt(pos++), 16);
                            if (digit < 0) {
                                throw new MalformedException("invalid \\u escape at offset " + (pos - 1));
                            }
                            code = code * 16 + digit;
                        }
                        out.append((char) code);
                        break;
                    default:
                        throw new MalformedException("invalid escape at offset " + (pos - 1));
                }
            }
        }

        private BigDecimal number() throws MalformedException {
            int start = pos;
            if (peek() == '-') {
                pos++;
            }
            if (peek() == '0') {
                pos++;
            } else if (isDigit(peek())) {
                digits();
            } else {
                throw new MalformedException("invalid number at offset " + start);
            }
            if (peek() == '.') {
                pos++;
                if (!isDigit(peek())) {
                    throw new MalformedException("invalid number at offset " + start);
                }
                digits();
            }
            if (peek() == 'e' || peek() == 'E') {
                pos++;
                if (peek() == '+' || peek() == '-') {
                    pos++;
                }
                if (!isDigit(peek())) {
                    throw new MalformedException("invalid number at offset " + start);
                }
                digits();
            }
            if (pos - start > 64) {
                throw new MalformedException("number longer than 64 characters at offset " + start);
            }
            try {
                return new BigDecimal(text.substring(start, pos));
            } catch (NumberFormatException e) {
                throw new MalformedException("number out of range at offset " + start);
            }
        }

        private void digits() {
            while (isDigit(peek())) {
                pos++;
            }
        }

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }

        private void literal(String word) throws MalformedException {
            if (!text.startsWith(word, pos)) {
                throw new MalformedException("unexpected character at offset " + pos);
            }
            pos += word.length();
        }

        private void expect(char c) throws MalformedException {
            if (next() != c) {
                throw new MalformedException("expected '" + c + "' at offset " + (pos - 1));
            }
        }

        private char peek() {
            return pos < text.length() ? text.charAt(pos) : '\0';
        }

        private char next() throws MalformedException {
            if (pos >= text.length()) {
                throw new MalformedException("unexpected end of JSON text");
            }
            return text.charAt(pos++);
        }
    }
}
