package dev.ssotauth.core.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict RFC 8259 JSON reader for token headers and claims (its cursor is {@link JsonReader}), and
 * the writer used to issue them.
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
        JsonReader reader = new JsonReader(utf8);
        reader.skipWhitespace();
        if (reader.peek() != '{') {
            throw new JsonException("not a JSON object");
        }
        Object value = reader.readValue(0);
        reader.endDocument();
        @SuppressWarnings("unchecked")
        Map<String, Object> object = (Map<String, Object>) value;
        return object;
    }

    // ---------------------------------------------------------------- writing

    /**
     * Appends {@code value} as JSON. Accepts {@link String}, {@link Boolean}, {@link Number} (finite),
     * {@link Map} with string keys, {@link Iterable}, and {@link #NULL}.
     *
     * @throws IllegalArgumentException for any other type or a non-finite number
     */
    public static void write(StringBuilder out, Object value) {
        if (value instanceof String s) {
            writeString(out, s);
        } else if (value instanceof Boolean || value instanceof Long || value instanceof Integer
                || value instanceof Short || value instanceof Byte || value instanceof BigInteger) {
            out.append(value);
        } else if (value instanceof BigDecimal decimal) {
            writeDecimal(out, decimal);
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
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getKey() instanceof String key)) {
                    throw new IllegalArgumentException("a claim's map keys must be strings");
                }
                if (!first) {
                    out.append(',');
                }
                first = false;
                writeString(out, key);
                out.append(':');
                write(out, e.getValue());
            }
            out.append('}');
        } else if (value instanceof Iterable<?> iterable) {
            out.append('[');
            boolean first = true;
            for (Object element : iterable) {
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

    /**
     * Appends a decimal in {@link BigDecimal#toString()}'s form, unless that is longer than the
     * {@value JsonReader#MAX_NUMBER_LENGTH} characters the reader takes (it writes {@code 1.<59
     * digits>e-6} as {@code 0.000001<60 digits>}): then as its unscaled digits and exponent, a form
     * never longer than any text the reader took for the same value. Either form reads back as the
     * same value and scale.
     */
    private static void writeDecimal(StringBuilder out, BigDecimal decimal) {
        String canonical = decimal.toString();
        if (canonical.length() <= JsonReader.MAX_NUMBER_LENGTH) {
            out.append(canonical);
        } else {
            out.append(decimal.unscaledValue()).append('E').append(-(long) decimal.scale());
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
