package dev.ssotauth.core.internal;

import dev.ssotauth.core.internal.Json.JsonException;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reading half of {@link Json}: a cursor over UTF-8 bytes that refuses what {@link Json}
 * describes (anything RFC 8259 does not allow, duplicate members, nesting deeper than
 * {@value Json#MAX_DEPTH}, invalid UTF-8, lone surrogates), and returns the same values.
 *
 * <p>{@link Json#parseObject} reads whole documents with {@link #readValue}; the token path walks the
 * claims object member by member ({@link #beginObject}, {@link #readName}, {@link #nextMember}) so
 * that each claim goes straight to where it is used, reads integers without boxing them
 * ({@link #readNumberOrInteger}) and strings it expects without copying them
 * ({@link #readString(String)}). One reader per document; not thread-safe.
 */
public final class JsonReader {

    /** Returned by {@link #readNumberOrInteger()} for an integer whose value is {@link #integer()}. */
    public static final Object INTEGER = new Object() {
        @Override
        public String toString() {
            return "integer";
        }
    };

    /** Reads eight bytes of an array at any index as a {@code long}, first byte lowest. */
    /** The longest number accepted, in characters: longer ones could cost time to convert. */
    static final int MAX_NUMBER_LENGTH = 64;

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final byte[] in;
    private int position;
    /** The value of the last integer read by {@link #readNumberOrInteger()}. */
    private long integer;

    /** A reader at the start of {@code utf8}, which it does not copy. */
    public JsonReader(byte[] utf8) {
        this.in = utf8;
    }

    /** The byte at the cursor (0 to 255), or -1 at the end. */
    public int peek() {
        return position < in.length ? in[position] & 0xff : -1;
    }

    /** Moves the cursor past spaces, tabs, line feeds and carriage returns. */
    public void skipWhitespace() {
        while (position < in.length) {
            byte b = in[position];
            if (b == ' ' || b == '\t' || b == '\n' || b == '\r') {
                position++;
            } else {
                return;
            }
        }
    }

    /**
     * Checks that only whitespace is left.
     *
     * @throws JsonException when something else follows
     */
    public void endDocument() throws JsonException {
        skipWhitespace();
        if (position != in.length) {
            throw new JsonException("trailing data after the JSON object");
        }
    }

    /**
     * Reads the {@code '{'} at the cursor (the caller has seen it) and, when the object is empty, its
     * {@code '}'}.
     *
     * @param depth the object's depth, 1 for the document itself
     * @return whether members follow: then {@link #readName()}, a value, {@link #nextMember()}
     * @throws JsonException when the object is nested too deeply
     */
    public boolean beginObject(int depth) throws JsonException {
        if (depth > Json.MAX_DEPTH) {
            throw new JsonException("nested too deeply");
        }
        position++; // '{'
        skipWhitespace();
        if (peek() == '}') {
            position++;
            return false;
        }
        return true;
    }

    /**
     * Reads a member name and the {@code ':'} after it.
     *
     * @throws JsonException when there is no well-formed name and colon
     */
    public String readName() throws JsonException {
        skipWhitespace();
        if (peek() != '"') {
            throw new JsonException("object member name expected");
        }
        String name = readString(null);
        skipWhitespace();
        if (peek() != ':') {
            throw new JsonException("':' expected");
        }
        position++;
        return name;
    }

    /**
     * Reads what follows a member's value.
     *
     * @return {@code true} after a {@code ','} (another member follows), {@code false} after the {@code '}'}
     * @throws JsonException for anything else
     */
    public boolean nextMember() throws JsonException {
        return next('}', "',' or '}' expected");
    }

    /**
     * Reads the {@code '['} at the cursor (the caller has seen it) and, when the array is empty, its
     * {@code ']'}.
     *
     * @param depth the array's depth
     * @return whether elements follow: then a value, {@link #nextElement()}
     * @throws JsonException when the array is nested too deeply
     */
    public boolean beginArray(int depth) throws JsonException {
        if (depth > Json.MAX_DEPTH) {
            throw new JsonException("nested too deeply");
        }
        position++; // '['
        skipWhitespace();
        if (peek() == ']') {
            position++;
            return false;
        }
        return true;
    }

    /**
     * Reads what follows an element.
     *
     * @return {@code true} after a {@code ','}, {@code false} after the {@code ']'}
     * @throws JsonException for anything else
     */
    public boolean nextElement() throws JsonException {
        return next(']', "',' or ']' expected");
    }

    private boolean next(char close, String message) throws JsonException {
        skipWhitespace();
        int c = peek();
        position++;
        if (c == close) {
            return false;
        }
        if (c != ',') {
            throw new JsonException(message);
        }
        return true;
    }

    /**
     * Reads any value, after optional whitespace: objects become insertion-ordered maps, arrays lists,
     * and so on as {@link Json} describes.
     *
     * @param depth the depth of the object or array the value is in (0 for a document)
     * @throws JsonException when the value is not well-formed
     */
    public Object readValue(int depth) throws JsonException {
        skipWhitespace();
        int c = peek();
        switch (c) {
            case '{':
                return readObject(depth + 1);
            case '[':
                return readArray(depth + 1);
            case '"':
                return readString(null);
            case 't':
                expectLiteral("true");
                return Boolean.TRUE;
            case 'f':
                expectLiteral("false");
                return Boolean.FALSE;
            case 'n':
                expectLiteral("null");
                return Json.NULL;
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    Object number = readNumberOrInteger();
                    return number == INTEGER ? (Object) integer : number;
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
        Map<String, Object> members = new LinkedHashMap<>();
        if (beginObject(depth)) {
            do {
                String name = readName();
                if (members.put(name, readValue(depth)) != null) {
                    throw new JsonException("duplicate object member");
                }
            } while (nextMember());
        }
        return members;
    }

    private List<Object> readArray(int depth) throws JsonException {
        List<Object> elements = new ArrayList<>();
        if (beginArray(depth)) {
            do {
                elements.add(readValue(depth));
            } while (nextElement());
        }
        return elements;
    }

    /**
     * Reads the string at the cursor (the caller has seen its {@code '"'}).
     *
     * @param expected a string the caller expects, or {@code null}: when the text is exactly its
     *                 characters, without escapes, that instance is returned instead of a copy
     * @return the string; well-known names and values are shared constants
     * @throws JsonException when the string is not well-formed
     */
    public String readString(String expected) throws JsonException {
        position++; // opening quote
        int start = position;
        // Fast path: printable ASCII without escapes, eight bytes at a time up to the first byte that
        // may end it (the lowest flagged one: flags above a special byte can be false, below it never),
        // then byte by byte.
        while (position + 8 <= in.length) {
            long special = specialBytes((long) LONGS.get(in, position));
            if (special != 0) {
                position += Long.numberOfTrailingZeros(special) >>> 3;
                break;
            }
            position += 8;
        }
        while (position < in.length) {
            byte b = in[position];
            if (b == '"') {
                int length = position - start;
                String s = isText(expected, start, length) ? expected : KnownStrings.find(in, start, length);
                if (s == null) {
                    s = new String(in, start, length, StandardCharsets.ISO_8859_1);
                }
                position++;
                return s;
            }
            if (b == '\\' || b < 0x20) { // also true for every non-ASCII byte (negative)
                break;
            }
            position++;
        }
        JsonStringTail tail = new JsonStringTail(in, start, position);
        String s = tail.read();
        position = tail.position();
        return s;
    }

    /**
     * The high bit of each of the eight bytes packed in {@code word} (first byte lowest) that may end
     * the fast path of a string: a {@code '"'}, a backslash, a control character, a byte outside
     * ASCII; 0 when there is none. For bytes below 0x80, {@code (v - 0x0101..) & ~v} flags the zero
     * bytes of {@code v} and {@code (v - 0x2020..) & ~v} the bytes below 0x20 ("Bit Twiddling Hacks"):
     * exactly, except that a borrow can also flag bytes above a flagged one; the last term flags the
     * bytes of 0x80 and above.
     */
    private static long specialBytes(long word) {
        long quotes = word ^ 0x2222_2222_2222_2222L;
        long backslashes = word ^ 0x5C5C_5C5C_5C5C_5C5CL;
        long found = (quotes - 0x0101_0101_0101_0101L) & ~quotes
                | (backslashes - 0x0101_0101_0101_0101L) & ~backslashes
                | (word - 0x2020_2020_2020_2020L) & ~word
                | word;
        return found & 0x8080_8080_8080_8080L;
    }

    /** Whether the printable ASCII bytes {@code in[start, start + length)} are the characters of {@code s}. */
    private boolean isText(String s, int start, int length) {
        if (s == null || s.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (in[start + i] != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Reads the number at the cursor (the caller has seen a {@code '-'} or a digit).
     *
     * @return {@link #INTEGER} for an integer of at most 18 characters, whose value is then
     *         {@link #integer()}; otherwise what {@link #readValue} returns for it: a {@link Long} or
     *         {@link BigInteger} for a longer integer, a {@link BigDecimal} for any other number
     * @throws JsonException when the number is not well-formed or longer than 64 characters
     */
    public Object readNumberOrInteger() throws JsonException {
        // Fast path: an integer of at most 18 characters, its value taken as its digits are read.
        int start = position;
        boolean negative = position < in.length && in[position] == '-';
        int digits = negative ? position + 1 : position;
        int end = digits;
        long value = 0;
        while (end < in.length && end - start < 18 && isDigit(in[end])) {
            value = value * 10 + (in[end++] - '0');
        }
        int next = end < in.length ? in[end] : -1;
        if (end > digits && (in[digits] != '0' || end == digits + 1) && !isDigit(next) && next != '.' && next != 'e'
                && next != 'E') {
            position = end;
            integer = negative ? -value : value;
            return INTEGER;
        }
        return readNumber();
    }

    /** The general path of {@link #readNumberOrInteger()}, from the cursor. */
    private Object readNumber() throws JsonException {
        int start = position;
        boolean isInteger = true;
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
            isInteger = false;
            position++;
            if (!isDigit(peek())) {
                throw new JsonException("invalid number");
            }
            skipDigits();
        }
        c = peek();
        if (c == 'e' || c == 'E') {
            isInteger = false;
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
        if (length > MAX_NUMBER_LENGTH) {
            throw new JsonException("number too long");
        }
        if (isInteger && length <= 18) { // at most 18 digits: always fits a long
            boolean negative = in[start] == '-';
            long value = 0;
            for (int i = negative ? start + 1 : start; i < position; i++) {
                value = value * 10 + (in[i] - '0');
            }
            integer = negative ? -value : value;
            return INTEGER;
        }
        String text = new String(in, start, length, StandardCharsets.ISO_8859_1);
        if (isInteger) {
            BigInteger big = new BigInteger(text);
            return big.bitLength() < 64 ? (Object) big.longValue() : big;
        }
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new JsonException("invalid number");
        }
    }

    /** The value of the integer that {@link #readNumberOrInteger()} last answered {@link #INTEGER} for. */
    public long integer() {
        return integer;
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
