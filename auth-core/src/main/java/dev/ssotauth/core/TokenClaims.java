package dev.ssotauth.core;

import static dev.ssotauth.core.RejectionReason.INVALID_CLAIM;
import static dev.ssotauth.core.RejectionReason.MALFORMED;
import static dev.ssotauth.core.RejectionReason.MISSING_CLAIM;

import dev.ssotauth.core.internal.Json;
import dev.ssotauth.core.internal.JsonReader;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The claims of one token payload, read in one pass straight into what the claims policy and
 * {@link UserContext} need: the registered claims into their own fields (integers unboxed, the
 * expected issuer and audience as the configured strings, arrays of strings as arrays), every other
 * claim into one array of names and values, instead of a general map that is then looked up and
 * copied.
 *
 * <p>The payload is read to its end before any claim is looked at, with the rules of
 * {@link Json#parseObject} (the same documents are refused, duplicate members included), so a payload
 * that is not acceptable JSON is {@code MALFORMED} whatever its claims. Then the accessors check the
 * claims one by one, each with the same rejection as before; {@link TokenPolicy} calls them in the
 * documented order. One instance per token, on one thread.
 */
final class TokenClaims {

    /** The value of an array that holds something other than strings. */
    private static final Object MIXED_ARRAY = new Object();
    /** Up to this many further claims, duplicates are looked for by comparing names; then in a set. */
    private static final int MAX_SCANNED_NAMES = 8;
    private static final long MAX_EPOCH_SECONDS = 253_402_300_799L; // 9999-12-31T23:59:59Z
    private static final BigDecimal MAX_EPOCH_DECIMAL = BigDecimal.valueOf(MAX_EPOCH_SECONDS);

    // Each registered claim as read: null when absent, Json.NULL for a JSON null, JsonReader.INTEGER
    // for an integer held in the matching long, a String[] (its strings, then nulls) for an array of
    // strings, MIXED_ARRAY for another array, else the value.
    private Object iss;
    private Object sub;
    private Object aud;
    private Object exp;
    private Object iat;
    private Object nbf;
    private Object jti;
    private Object sid;
    private Object roles;
    private long expInteger;
    private long iatInteger;
    private long nbfInteger;
    /** Further claims: names at even indexes, each followed by its value (JSON nulls included). */
    private Object[] extra;
    private int extraCount;
    /** The further claims' names, once there are more than {@link #MAX_SCANNED_NAMES}. */
    private Set<String> extraNames;

    private TokenClaims() {
    }

    /**
     * Reads a payload.
     *
     * @param issuer    the configured issuer: an equal {@code iss} is this instance
     * @param audiences the configured audiences: with one, an equal {@code aud} string is that instance
     * @throws Rejection {@code MALFORMED} when the payload is not one acceptable JSON object
     */
    static TokenClaims read(byte[] payload, String issuer, Set<String> audiences) throws Rejection {
        TokenClaims claims = new TokenClaims();
        try {
            claims.readObject(new JsonReader(payload), issuer, audiences);
        } catch (Json.JsonException e) {
            throw malformed();
        }
        return claims;
    }

    private static Rejection malformed() {
        return new Rejection(MALFORMED, "token payload is not a valid JSON object");
    }

    private void readObject(JsonReader reader, String issuer, Set<String> audiences)
            throws Json.JsonException, Rejection {
        reader.skipWhitespace();
        if (reader.peek() != '{') {
            throw malformed();
        }
        if (reader.beginObject(1)) {
            do {
                String name = reader.readName();
                reader.skipWhitespace();
                // Registered names have at most five characters: longer ones need no lookup.
                if (name.length() > 5 || !readRegistered(reader, name, issuer, audiences)) {
                    addExtra(name, reader.readValue(1));
                }
            } while (reader.nextMember());
        }
        reader.endDocument();
    }

    /** Reads the value of a registered claim into its field; {@code false} for any other name. */
    private boolean readRegistered(JsonReader reader, String name, String issuer, Set<String> audiences)
            throws Json.JsonException, Rejection {
        switch (name) {
            case "iss":
                iss = once(iss, reader.peek() == '"' ? reader.readString(issuer) : reader.readValue(1));
                return true;
            case "sub":
                sub = once(sub, reader.readValue(1));
                return true;
            case "aud":
                aud = once(aud, reader.peek() == '"'
                        ? reader.readString(audiences.size() == 1 ? audiences.iterator().next() : null)
                        : readArrayOfStrings(reader));
                return true;
            case "exp":
                exp = once(exp, readNumber(reader));
                expInteger = reader.integer();
                return true;
            case "iat":
                iat = once(iat, readNumber(reader));
                iatInteger = reader.integer();
                return true;
            case "nbf":
                nbf = once(nbf, readNumber(reader));
                nbfInteger = reader.integer();
                return true;
            case "jti":
                jti = once(jti, reader.readValue(1));
                return true;
            case "sid":
                sid = once(sid, reader.readValue(1));
                return true;
            case "roles":
                roles = once(roles, readArrayOfStrings(reader));
                return true;
            default:
                return false;
        }
    }

    /** {@code value}, after checking that the claim was not read before. */
    private static Object once(Object previous, Object value) throws Rejection {
        if (previous != null) {
            throw malformed(); // a duplicate member
        }
        return value;
    }

    private static Object readNumber(JsonReader reader) throws Json.JsonException {
        int c = reader.peek();
        return c == '-' || (c >= '0' && c <= '9') ? reader.readNumberOrInteger() : reader.readValue(1);
    }

    /**
     * An array of strings as a {@code String[]} (the strings in order, then {@code null}s), another
     * array as {@link #MIXED_ARRAY}, else the value.
     */
    private static Object readArrayOfStrings(JsonReader reader) throws Json.JsonException {
        if (reader.peek() != '[') {
            return reader.readValue(1);
        }
        String[] values = new String[4];
        int count = 0;
        boolean mixed = false;
        if (reader.beginArray(2)) {
            do {
                reader.skipWhitespace();
                if (reader.peek() == '"' && !mixed) {
                    if (count == values.length) {
                        values = Arrays.copyOf(values, 2 * count);
                    }
                    values[count++] = reader.readString(null);
                } else {
                    reader.readValue(2);
                    mixed = true;
                }
            } while (reader.nextElement());
        }
        return mixed ? MIXED_ARRAY : values;
    }

    private void addExtra(String name, Object value) throws Rejection {
        if (extraCount < MAX_SCANNED_NAMES) {
            for (int i = 0; i < extraCount; i++) {
                if (extra[2 * i].equals(name)) {
                    throw malformed();
                }
            }
        } else {
            if (extraNames == null) {
                extraNames = new HashSet<>();
                for (int i = 0; i < extraCount; i++) {
                    extraNames.add((String) extra[2 * i]);
                }
            }
            if (!extraNames.add(name)) {
                throw malformed();
            }
        }
        if (extra == null) {
            extra = new Object[2 * 4];
        } else if (2 * extraCount == extra.length) {
            extra = Arrays.copyOf(extra, 2 * extra.length);
        }
        extra[2 * extraCount] = name;
        extra[2 * extraCount + 1] = value;
        extraCount++;
    }

    // ------------------------------------------------------------ checks, in the order TokenPolicy calls them

    /**
     * {@code MISSING_CLAIM} for the first of {@code iss}, {@code sub}, {@code aud}, {@code exp} and
     * {@code iat} that is absent or null.
     */
    void requireRegistered() throws Rejection {
        required("iss", iss);
        required("sub", sub);
        required("aud", aud);
        required("exp", exp);
        required("iat", iat);
    }

    private static void required(String name, Object value) throws Rejection {
        if (value == null || value == Json.NULL) {
            throw new Rejection(MISSING_CLAIM, "required claim '" + name + "' is missing");
        }
    }

    String issuer() throws Rejection {
        return string(iss, "iss");
    }

    String subject() throws Rejection {
        String subject = string(sub, "sub");
        if (subject.isEmpty()) {
            throw new Rejection(INVALID_CLAIM, "claim 'sub' must not be empty");
        }
        return subject;
    }

    /** The audience as an unmodifiable set in token order without duplicates. */
    Set<String> audience() throws Rejection {
        if (aud instanceof String single) {
            return Collections.singleton(single);
        }
        if (aud == MIXED_ARRAY) {
            throw new Rejection(INVALID_CLAIM, "claim 'aud' must be a string or an array of strings");
        }
        if (aud instanceof String[] strings && strings[0] != null) {
            return SmallOrderedSet.of(strings, count(strings));
        }
        throw new Rejection(INVALID_CLAIM, "claim 'aud' must be a string or a non-empty array of strings");
    }

    Instant expiresAt() throws Rejection {
        return numericDate(exp, expInteger, "exp");
    }

    Instant issuedAt() throws Rejection {
        return numericDate(iat, iatInteger, "iat");
    }

    /** The {@code nbf} claim, or {@code null} when absent; a JSON null is not a number. */
    Instant notBefore() throws Rejection {
        return nbf == null ? null : numericDate(nbf, nbfInteger, "nbf");
    }

    String tokenId() throws Rejection {
        return optionalString(jti, "jti");
    }

    String sessionId() throws Rejection {
        return optionalString(sid, "sid");
    }

    /**
     * The {@code roles} claim as an unmodifiable set in token order without duplicates: an array of
     * strings, or one string of space-separated values; empty when absent or null; {@code null} when
     * it is of another type (the caller warns, and takes no roles from it).
     */
    Set<String> rolesOrNull() {
        if (roles == null || roles == Json.NULL) {
            return Collections.emptySet();
        }
        if (roles instanceof String[] strings) {
            return SmallOrderedSet.of(strings, count(strings));
        }
        if (roles instanceof String text) {
            return spaceSeparated(text);
        }
        return null;
    }

    /** The values of a space-separated string, in order, without duplicates or empty ones. */
    static Set<String> spaceSeparated(String text) {
        String[] parts = text.strip().split("\\s+");
        return parts.length == 1 && parts[0].isEmpty() ? Collections.emptySet()
                : SmallOrderedSet.of(parts, parts.length);
    }

    /**
     * A claim without its own field, as read (not frozen), before {@link #extraClaims()} takes over
     * the array.
     *
     * @return the value, or {@code null} when absent
     */
    Object extra(String name) {
        for (int i = 0; i < extraCount; i++) {
            if (extra[2 * i].equals(name)) {
                return extra[2 * i + 1];
            }
        }
        return null;
    }

    /** How many strings an array read by {@link #readArrayOfStrings} holds. */
    private static int count(String[] strings) {
        int count = 0;
        while (count < strings.length && strings[count] != null) {
            count++;
        }
        return count;
    }

    /**
     * Every claim without its own accessor on {@link UserContext}, in token order, frozen, JSON nulls
     * left out. Call once: the map takes over this reader's array.
     */
    Map<String, Object> extraClaims() {
        int kept = 0;
        for (int i = 0; i < extraCount; i++) {
            Object value = extra[2 * i + 1];
            if (value != Json.NULL) {
                extra[2 * kept] = extra[2 * i];
                // Only objects and arrays need a frozen copy; a string (the usual claim) is its own.
                extra[2 * kept + 1] = value instanceof String ? value : Json.freeze(value);
                kept++;
            }
        }
        return SmallOrderedMap.of(extra, kept);
    }

    private static String string(Object value, String name) throws Rejection {
        if (!(value instanceof String)) {
            throw new Rejection(INVALID_CLAIM, "claim '" + name + "' must be a string");
        }
        return (String) value;
    }

    private static String optionalString(Object value, String name) throws Rejection {
        if (value == null || value == Json.NULL) {
            return null;
        }
        return string(value, name);
    }

    /**
     * A NumericDate: whole seconds as read, a fraction kept to the nanosecond (truncated), and only
     * between year -9999 and 9999 (so that arithmetic on it cannot overflow).
     */
    private static Instant numericDate(Object value, long integer, String name) throws Rejection {
        long seconds;
        if (value == JsonReader.INTEGER) {
            seconds = integer;
        } else if (value instanceof Long whole) {
            seconds = whole;
        } else if (value instanceof BigDecimal decimal) {
            return decimalDate(decimal, name);
        } else if (value instanceof BigInteger) {
            throw new Rejection(INVALID_CLAIM, "claim '" + name + "' is out of range");
        } else {
            throw new Rejection(INVALID_CLAIM, "claim '" + name + "' must be a number (seconds since the epoch)");
        }
        if (seconds > MAX_EPOCH_SECONDS || seconds < -MAX_EPOCH_SECONDS) {
            throw new Rejection(INVALID_CLAIM, "claim '" + name + "' is out of range");
        }
        return Instant.ofEpochSecond(seconds);
    }

    /**
     * A NumericDate written with a fraction or an exponent. Its range is judged from its digits and
     * its scale alone, before any arithmetic: the scale of {@code 1e-999999999} is near the end of the
     * {@code int} range (rounding it throws {@link ArithmeticException}), and that of
     * {@code 1e-1000000} takes seconds to round. What is left has at most 74 digits after the point
     * (a number has at most 64 characters). A value below a nanosecond is the epoch, or the
     * nanosecond before it when negative (the fraction is truncated towards the past, as for any
     * other value).
     */
    private static Instant decimalDate(BigDecimal decimal, String name) throws Rejection {
        if (decimal.signum() == 0) {
            return Instant.EPOCH;
        }
        // The decimal exponent of the leading digit: |decimal| lies in [10^leading, 10^(leading + 1)).
        long leading = (long) decimal.precision() - decimal.scale() - 1;
        if (leading > 11 || leading >= 11 && decimal.abs().compareTo(MAX_EPOCH_DECIMAL) > 0) {
            throw new Rejection(INVALID_CLAIM, "claim '" + name + "' is out of range");
        }
        if (leading < -10) { // below 10^-10: no nanosecond in it
            return decimal.signum() > 0 ? Instant.EPOCH : Instant.ofEpochSecond(-1, 999_999_999);
        }
        BigDecimal floor = decimal.setScale(0, RoundingMode.FLOOR);
        long seconds = floor.longValueExact();
        int nanos = decimal.subtract(floor).movePointRight(9).intValue();
        return Instant.ofEpochSecond(seconds, nanos);
    }
}
