package dev.ssotauth.core;

import dev.ssotauth.core.internal.Json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * The documented cases where this library and Nimbus (the interoperability oracle) decide a validly
 * signed token differently, each with its reason. The differential fuzz target accepts a difference
 * only when it falls in one of them.
 *
 * <p>Where this library is stricter (it refuses, Nimbus accepts), by design and covered by
 * {@code TokenValidationTest}, {@code TokenClaimsTest} and {@code NimbusInteropTest}:
 * <ul>
 * <li>non-canonical base64url (non-zero unused bits, padding) in any segment: one token, one text;</li>
 * <li>duplicate members in the header or the payload: two readers could see two values;</li>
 * <li>lone surrogates, invalid UTF-8, nesting deeper than {@value Json#MAX_DEPTH}, numbers longer than
 *     64 characters or with an exponent beyond the {@code int} range;</li>
 * <li>required claims ({@code iss sub aud exp iat}) missing or JSON null, registered claims of the
 *     wrong type, an empty {@code sub}, times beyond year 9999;</li>
 * <li>{@code typ} other than {@code JWT} / {@code at+jwt}, any {@code crit}, {@code b64}, ID and
 *     refresh tokens.</li>
 * </ul>
 *
 * <p>Where Nimbus is stricter (it refuses, this library accepts):
 * <ul>
 * <li>a number that a {@code double} cannot hold ({@code 1e400}, a 400-digit integer) in a claim
 *     this library does not interpret: Nimbus's JSON reader refuses infinities and so the whole
 *     payload; this library keeps the number exactly as a {@link BigDecimal} or {@link BigInteger}
 *     in {@link UserContext#claims()}. In a time claim such a number is {@code INVALID_CLAIM}.</li>
 * </ul>
 */
final class NimbusDifferences {

    private NimbusDifferences() {
    }

    /** Whether the payload is a JSON object holding a number beyond the range of a {@code double}. */
    static boolean beyondDouble(byte[] payload) {
        try {
            return beyondDouble(Json.parseObject(payload));
        } catch (Json.JsonException unreadable) {
            return false;
        }
    }

    private static boolean beyondDouble(Object value) {
        if (value instanceof BigDecimal decimal) {
            return Double.isInfinite(decimal.doubleValue());
        }
        if (value instanceof BigInteger integer) {
            return Double.isInfinite(integer.doubleValue());
        }
        if (value instanceof Map<?, ?> map) {
            return map.values().stream().anyMatch(NimbusDifferences::beyondDouble);
        }
        if (value instanceof List<?> list) {
            return list.stream().anyMatch(NimbusDifferences::beyondDouble);
        }
        return false;
    }
}
