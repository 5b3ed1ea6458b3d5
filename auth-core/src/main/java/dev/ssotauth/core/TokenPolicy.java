package dev.ssotauth.core;

import static dev.ssotauth.core.RejectionReason.BAD_SIGNATURE;
import static dev.ssotauth.core.RejectionReason.EXPIRED;
import static dev.ssotauth.core.RejectionReason.INVALID_CLAIM;
import static dev.ssotauth.core.RejectionReason.ISSUED_IN_FUTURE;
import static dev.ssotauth.core.RejectionReason.LIFETIME_TOO_LONG;
import static dev.ssotauth.core.RejectionReason.MALFORMED;
import static dev.ssotauth.core.RejectionReason.MISSING_CLAIM;
import static dev.ssotauth.core.RejectionReason.NOT_YET_VALID;
import static dev.ssotauth.core.RejectionReason.TOO_LARGE;
import static dev.ssotauth.core.RejectionReason.UNKNOWN_KEY;
import static dev.ssotauth.core.RejectionReason.UNSUPPORTED_ALGORITHM;
import static dev.ssotauth.core.RejectionReason.UNSUPPORTED_CRITICAL_HEADER;
import static dev.ssotauth.core.RejectionReason.WRONG_AUDIENCE;
import static dev.ssotauth.core.RejectionReason.WRONG_ISSUER;
import static dev.ssotauth.core.RejectionReason.WRONG_TYPE;

import dev.ssotauth.core.internal.AuthoritySettings;
import dev.ssotauth.core.internal.Base64Url;
import dev.ssotauth.core.internal.Json;
import dev.ssotauth.core.internal.JwsAlgorithm;
import dev.ssotauth.core.internal.KeyResolver;
import dev.ssotauth.core.internal.VerificationKey;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The validation pipeline of one authority: strict pre-parse, header policy, signature, claims
 * policy. Immutable and thread-safe. The order of checks, and so which reason a token with several
 * faults gets, is fixed and documented on {@link JwtAuthority#authenticate(String)}.
 */
final class TokenPolicy {

    /** Claims that have their own accessor on {@link UserContext}. */
    private static final Set<String> MAPPED_CLAIMS =
            Set.of("iss", "sub", "aud", "exp", "nbf", "iat", "jti", "roles", "sid");
    /** Far enough for any real date, near enough that arithmetic on it cannot overflow. */
    private static final long MAX_EPOCH_SECONDS = 253_402_300_799L; // 9999-12-31T23:59:59Z

    private final KeyResolver keys;
    private final Set<JwsAlgorithm> algorithms;
    private final String issuer;
    private final Set<String> audiences;
    private final Clock clock;
    private final Duration skew;
    private final Duration maxLifetime;
    private final int maxTokenBytes;
    private final RevocationStore revocations;
    /** Verified tokens, or {@code null} when the authority has no cache. */
    private final VerifiedTokenCache cache;
    /** Headers that passed {@link #checkHeader}, by their text. */
    private final CheckedHeaders checkedHeaders = new CheckedHeaders();

    /**
     * @param settings    the authority's settings: issuer, audiences, algorithms, clock, skew, limits
     *                    and the verified-token cache
     * @param keys        the trusted keys
     * @param revocations the revocation store
     */
    TokenPolicy(AuthoritySettings settings, KeyResolver keys, RevocationStore revocations) {
        this.cache = settings.cacheEntries() == 0 ? null
                : new VerifiedTokenCache(settings.cacheEntries(), settings.cacheBytes());
        this.revocations = revocations;
        this.keys = keys;
        this.algorithms = settings.allowed();
        this.issuer = settings.issuer();
        this.audiences = Set.copyOf(settings.audiences());
        this.clock = settings.clock();
        this.skew = settings.clockSkew();
        this.maxLifetime = settings.maxTokenLifetime();
        this.maxTokenBytes = settings.maxTokenBytes();
    }

    /** A token whose structure, header and signature passed; the payload is not parsed yet. */
    static final class VerifiedJws {
        final Map<String, Object> header;
        final byte[] payload;
        final VerificationKey key;
        final String keyId;
        final JwsAlgorithm algorithm;

        VerifiedJws(Map<String, Object> header, byte[] payload, VerificationKey key, String keyId,
                JwsAlgorithm algorithm) {
            this.header = header;
            this.payload = payload;
            this.key = key;
            this.keyId = keyId;
            this.algorithm = algorithm;
        }
    }

    UserContext validate(String token) throws Rejection {
        if (cache != null && token != null) {
            VerifiedTokenCache.Entry hit = cache.get(token);
            if (hit != null) {
                if (keys.select(hit.keyId, hit.algorithm) == hit.verifiedBy) {
                    return revalidate(hit);
                }
                cache.remove(hit); // the key was removed or replaced: verify afresh
            }
        }
        VerifiedJws jws = verifyJws(token);
        Map<String, Object> claims;
        try {
            claims = Json.parseObject(jws.payload);
        } catch (Json.JsonException e) {
            throw new Rejection(MALFORMED, "token payload is not a valid JSON object");
        }
        UserContext user = checkClaims(claims);
        if (cache != null) {
            cache.put(token, user, jws.key, jws.keyId, jws.algorithm, jws.payload.length);
        }
        return user;
    }

    /**
     * A cache hit: what can change since the token was verified is checked again, the same way and
     * in the same order as on the full path (times against the clock, then revocation).
     */
    private UserContext revalidate(VerifiedTokenCache.Entry hit) throws Rejection {
        UserContext user = hit.user;
        try {
            checkTimes(user.issuedAt(), user.expiresAt(), user.notBefore().orElse(null));
            checkRevoked(user);
        } catch (Rejection rejection) {
            cache.remove(hit);
            throw rejection;
        }
        return user;
    }

    /**
     * The JWS-level path: structure, header policy and signature, without looking at claims.
     */
    VerifiedJws verifyJws(String token) throws Rejection {
        if (token == null) {
            throw new Rejection(MALFORMED, "token is missing");
        }
        int length = token.length();
        if (length > maxTokenBytes) {
            throw new Rejection(TOO_LARGE, "token is longer than " + maxTokenBytes + " bytes");
        }
        // One copy of the text, checked, decoded in place and MACed as is. A character that is not
        // Latin-1 becomes '?' (a surrogate pair one '?', so the copy is shorter): outside the alphabet.
        byte[] ascii = token.getBytes(StandardCharsets.ISO_8859_1);
        if (ascii.length != length || !Base64Url.isAlphabetOrDot(ascii)) {
            throw firstCharacterProblem(token);
        }
        int firstDot = token.indexOf('.');
        int secondDot = firstDot < 0 ? -1 : token.indexOf('.', firstDot + 1);
        if (secondDot < 0 || token.indexOf('.', secondDot + 1) >= 0) {
            throw new Rejection(MALFORMED, "token must have exactly three segments");
        }
        if (firstDot == 0) {
            throw new Rejection(MALFORMED, "token has an empty header segment");
        }

        CheckedHeaders.Checked checked = checkedHeaders.find(ascii, firstDot);
        if (checked == null) {
            checked = checkHeaderText(ascii, firstDot);
        }
        JwsAlgorithm algorithm = checked.algorithm;
        String kid = checked.keyId;
        VerificationKey key = keys.select(kid, algorithm);
        if (key == null) {
            throw new Rejection(UNKNOWN_KEY, kid == null ? "no trusted key without a kid fits the token algorithm"
                    : "token kid names no trusted key for its algorithm");
        }

        byte[] signature = Base64Url.decodeAlphabetOnly(ascii, secondDot + 1, length);
        if (signature == null) {
            throw new Rejection(MALFORMED, "token signature is not canonical base64url");
        }
        if (!key.verify(algorithm, ascii, secondDot, signature)) {
            throw new Rejection(BAD_SIGNATURE);
        }
        byte[] payload = Base64Url.decodeAlphabetOnly(ascii, firstDot + 1, secondDot);
        if (payload == null) {
            throw new Rejection(MALFORMED, "token payload is not canonical base64url");
        }
        return new VerifiedJws(checked.header, payload, key, kid, algorithm);
    }

    /** Decodes, parses and checks a header not seen before; remembers it when it passes. */
    private CheckedHeaders.Checked checkHeaderText(byte[] ascii, int firstDot) throws Rejection {
        byte[] headerBytes = Base64Url.decodeAlphabetOnly(ascii, 0, firstDot);
        if (headerBytes == null) {
            throw new Rejection(MALFORMED, "token header is not canonical base64url");
        }
        Map<String, Object> header;
        try {
            header = Json.parseObject(headerBytes);
        } catch (Json.JsonException e) {
            throw new Rejection(MALFORMED, "token header is not a valid JSON object");
        }
        JwsAlgorithm algorithm = checkHeader(header);

        Object kid = header.get("kid");
        if (kid != null && !(kid instanceof String)) {
            throw new Rejection(MALFORMED, "token header kid must be a string");
        }
        return checkedHeaders.remember(ascii, firstDot, header, algorithm, (String) kid);
    }

    /**
     * For a token with a character outside the alphabet and the dots: the rejection for the first
     * problem from the left, a third dot or that character, as a scan in order finds it.
     */
    private static Rejection firstCharacterProblem(String token) {
        int dots = 0;
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c == '.') {
                if (++dots == 3) {
                    return new Rejection(MALFORMED, "token must have exactly three segments");
                }
            } else if (!Base64Url.isAlphabet(c)) {
                break;
            }
        }
        return new Rejection(MALFORMED, "token contains a character outside unpadded base64url");
    }

    private JwsAlgorithm checkHeader(Map<String, Object> header) throws Rejection {
        Object alg = header.get("alg");
        if (alg == null) {
            throw new Rejection(MALFORMED, "token header has no alg");
        }
        if (!(alg instanceof String)) {
            throw new Rejection(MALFORMED, "token header alg must be a string");
        }
        if (JwsAlgorithm.isNone((String) alg)) {
            throw new Rejection(UNSUPPORTED_ALGORITHM, "unsecured tokens (alg none) are never accepted");
        }
        JwsAlgorithm algorithm = JwsAlgorithm.fromJwsName((String) alg);
        if (algorithm == null || !algorithms.contains(algorithm)) {
            throw new Rejection(UNSUPPORTED_ALGORITHM, "token algorithm is not in the allow-list "
                    + JwtAuthority.names(algorithms));
        }
        if (header.containsKey("enc") || header.containsKey("zip")) {
            throw new Rejection(MALFORMED, "encrypted tokens (JWE) are not accepted");
        }
        if (header.containsKey("crit")) {
            throw new Rejection(UNSUPPORTED_CRITICAL_HEADER, critMessage(header.get("crit")));
        }
        if (header.containsKey("b64")) {
            throw new Rejection(UNSUPPORTED_CRITICAL_HEADER, "the b64 header (unencoded payload) is not supported");
        }
        Object typ = header.get("typ");
        if (typ != null && !(typ instanceof String && isJwtType((String) typ))) {
            throw new Rejection(WRONG_TYPE, "token typ must be JWT when present");
        }
        if (header.containsKey("cty")) {
            throw new Rejection(WRONG_TYPE, "token cty is not accepted (nested tokens are not supported)");
        }
        return algorithm;
    }

    private static String critMessage(Object crit) {
        if (!(crit instanceof List) || ((List<?>) crit).isEmpty()) {
            return "token crit must be a non-empty array, and no extension is supported";
        }
        return "token crit names an extension that is not supported";
    }

    private static boolean isJwtType(String typ) {
        return typ.equalsIgnoreCase("JWT") || typ.equalsIgnoreCase("application/jwt");
    }

    private UserContext checkClaims(Map<String, Object> claims) throws Rejection {
        // Each claim is looked up once; the checks keep their order.
        Object issValue = claims.get("iss");
        Object subValue = claims.get("sub");
        Object audValue = claims.get("aud");
        Object expValue = claims.get("exp");
        Object iatValue = claims.get("iat");
        required("iss", issValue);
        required("sub", subValue);
        required("aud", audValue);
        required("exp", expValue);
        required("iat", iatValue);
        String iss = string(issValue, "iss");
        String sub = string(subValue, "sub");
        if (sub.isEmpty()) {
            throw new Rejection(INVALID_CLAIM, "claim 'sub' must not be empty");
        }
        Set<String> aud = audience(audValue);
        Instant exp = numericDate(expValue, "exp");
        Instant iat = numericDate(iatValue, "iat");
        Object nbfValue = claims.get("nbf");
        Instant nbf = nbfValue != null ? numericDate(nbfValue, "nbf") : null;
        String jti = optionalString(claims.get("jti"), "jti");
        String sid = optionalString(claims.get("sid"), "sid");
        List<String> roles = roles(claims.get("roles"));
        if (exp.isBefore(iat)) {
            throw new Rejection(INVALID_CLAIM, "claim 'exp' is before 'iat'");
        }

        if (!issuer.equals(iss)) {
            throw new Rejection(WRONG_ISSUER);
        }
        if (Collections.disjoint(aud, audiences)) {
            throw new Rejection(WRONG_AUDIENCE);
        }
        checkTimes(iat, exp, nbf);

        Map<String, Object> extra = null;
        for (Map.Entry<String, Object> e : claims.entrySet()) {
            if (!MAPPED_CLAIMS.contains(e.getKey()) && e.getValue() != Json.NULL) {
                if (extra == null) {
                    extra = new LinkedHashMap<>();
                }
                extra.put(e.getKey(), Json.freeze(e.getValue()));
            }
        }
        UserContext user = new UserContext(sub, roles, sid, jti, iss, aud, iat, exp, nbf,
                extra == null ? Collections.emptyMap() : Collections.unmodifiableMap(extra));
        checkRevoked(user);
        return user;
    }

    /** {@code EXPIRED}, {@code NOT_YET_VALID}, {@code ISSUED_IN_FUTURE}, {@code LIFETIME_TOO_LONG}. */
    private void checkTimes(Instant iat, Instant exp, Instant nbf) throws Rejection {
        Instant now = clock.instant();
        if (!now.isBefore(exp.plus(skew))) {
            throw new Rejection(EXPIRED);
        }
        if (nbf != null && now.isBefore(nbf.minus(skew))) {
            throw new Rejection(NOT_YET_VALID);
        }
        if (iat.isAfter(now.plus(skew))) {
            throw new Rejection(ISSUED_IN_FUTURE);
        }
        if (Duration.between(iat, exp).compareTo(maxLifetime) > 0) {
            throw new Rejection(LIFETIME_TOO_LONG, "token lifetime (exp - iat) exceeds the maximum of " + maxLifetime);
        }
    }

    private void checkRevoked(UserContext user) throws Rejection {
        if (revocations.isRevoked(user)) {
            throw new Rejection(RejectionReason.REVOKED);
        }
    }

    private static void required(String name, Object value) throws Rejection {
        if (value == null || value == Json.NULL) {
            throw new Rejection(MISSING_CLAIM, "required claim '" + name + "' is missing");
        }
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

    private static Set<String> audience(Object aud) throws Rejection {
        if (aud instanceof String) {
            return Set.of((String) aud);
        }
        if (aud instanceof List && !((List<?>) aud).isEmpty()) {
            Set<String> values = new LinkedHashSet<>();
            for (Object element : (List<?>) aud) {
                if (!(element instanceof String)) {
                    throw new Rejection(INVALID_CLAIM, "claim 'aud' must be a string or an array of strings");
                }
                values.add((String) element);
            }
            return values;
        }
        throw new Rejection(INVALID_CLAIM, "claim 'aud' must be a string or a non-empty array of strings");
    }

    /** The roles as parsed, checked to be strings; {@link UserContext} copies them without duplicates. */
    private static List<String> roles(Object roles) throws Rejection {
        if (roles == null || roles == Json.NULL) {
            return List.of();
        }
        if (!(roles instanceof List)) {
            throw new Rejection(INVALID_CLAIM, "claim 'roles' must be an array of strings");
        }
        for (Object element : (List<?>) roles) {
            if (!(element instanceof String)) {
                throw new Rejection(INVALID_CLAIM, "claim 'roles' must be an array of strings");
            }
        }
        @SuppressWarnings("unchecked") // every element was checked above
        List<String> strings = (List<String>) roles;
        return strings;
    }

    private static Instant numericDate(Object value, String name) throws Rejection {
        long seconds;
        int nanos = 0;
        if (value instanceof Long) {
            seconds = (Long) value;
        } else if (value instanceof BigDecimal) {
            BigDecimal decimal = (BigDecimal) value;
            if (decimal.abs().compareTo(BigDecimal.valueOf(MAX_EPOCH_SECONDS)) > 0) {
                throw new Rejection(INVALID_CLAIM, "claim '" + name + "' is out of range");
            }
            BigDecimal floor = decimal.setScale(0, java.math.RoundingMode.FLOOR);
            seconds = floor.longValueExact();
            nanos = decimal.subtract(floor).movePointRight(9).intValue();
        } else if (value instanceof BigInteger) {
            throw new Rejection(INVALID_CLAIM, "claim '" + name + "' is out of range");
        } else {
            throw new Rejection(INVALID_CLAIM, "claim '" + name + "' must be a number (seconds since the epoch)");
        }
        if (seconds > MAX_EPOCH_SECONDS || seconds < -MAX_EPOCH_SECONDS) {
            throw new Rejection(INVALID_CLAIM, "claim '" + name + "' is out of range");
        }
        return Instant.ofEpochSecond(seconds, nanos);
    }
}
