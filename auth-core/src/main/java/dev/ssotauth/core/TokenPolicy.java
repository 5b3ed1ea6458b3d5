package dev.ssotauth.core;

import static dev.ssotauth.core.RejectionReason.BAD_SIGNATURE;
import static dev.ssotauth.core.RejectionReason.EXPIRED;
import static dev.ssotauth.core.RejectionReason.INVALID_CLAIM;
import static dev.ssotauth.core.RejectionReason.ISSUED_IN_FUTURE;
import static dev.ssotauth.core.RejectionReason.LIFETIME_TOO_LONG;
import static dev.ssotauth.core.RejectionReason.MALFORMED;
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
import dev.ssotauth.core.internal.KeySet;
import dev.ssotauth.core.internal.VerificationKey;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The validation pipeline of one authority: strict pre-parse, header policy, signature, claims
 * policy. Immutable and thread-safe. The order of checks, and so which reason a token with several
 * faults gets, is fixed and documented on {@link JwtAuthority#authenticate(String)}.
 */
final class TokenPolicy {

    private final KeyResolver keys;
    /** Whether keys are bound to issuers: a token's iss is read before its key is selected. */
    private final boolean bound;
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
    /** Token kinds and where roles are. */
    private final ClaimMapping mapping;
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
        this.bound = keys.bindsIssuers();
        this.algorithms = settings.allowed();
        this.issuer = settings.issuer();
        this.audiences = Set.copyOf(settings.audiences());
        this.clock = settings.clock();
        this.skew = settings.clockSkew();
        this.maxLifetime = settings.maxTokenLifetime();
        this.maxTokenBytes = settings.maxTokenBytes();
        this.mapping = new ClaimMapping(settings);
    }

    /** A token whose structure, header and signature passed; the payload is not parsed yet. */
    static final class VerifiedJws {
        final Map<String, Object> header;
        final byte[] payload;
        final VerificationKey key;
        final String keyId;
        final JwsAlgorithm algorithm;
        /** The claims, when they were read before the signature (keys bound to issuers); else null. */
        final TokenClaims claims;

        VerifiedJws(Map<String, Object> header, byte[] payload, VerificationKey key, String keyId,
                JwsAlgorithm algorithm, TokenClaims claims) {
            this.header = header;
            this.payload = payload;
            this.key = key;
            this.keyId = keyId;
            this.algorithm = algorithm;
            this.claims = claims;
        }
    }

    UserContext validate(String token) throws Rejection {
        if (cache != null && token != null) {
            VerifiedTokenCache.Entry hit = cache.get(token);
            if (hit != null) {
                KeyResolver issuerKeys = keys.forIssuer(hit.user.issuer());
                if (issuerKeys != null && issuerKeys.select(hit.keyId, hit.algorithm) == hit.verifiedBy) {
                    return revalidate(hit);
                }
                cache.remove(hit); // the key was removed or replaced: verify afresh
            }
        }
        VerifiedJws jws = verifyJws(token);
        UserContext user = checkClaims(jws.claims != null ? jws.claims : TokenClaims.read(jws.payload, issuer, audiences));
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
            checkTimes(user.issuedAt(), user.expiresAt(), user.notBeforeOrNull());
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
        // One copy of the text, MACed as is. A character that is not Latin-1 becomes '?' (a surrogate
        // pair one '?', so the copy is shorter): outside the alphabet.
        byte[] ascii = token.getBytes(StandardCharsets.ISO_8859_1);
        if (ascii.length != length) {
            throw firstCharacterProblem(token);
        }
        int firstDot = token.indexOf('.');
        int secondDot = firstDot < 0 ? -1 : token.indexOf('.', firstDot + 1);
        if (secondDot < 0 || token.indexOf('.', secondDot + 1) >= 0) {
            throw structureProblem(token, ascii, "token must have exactly three segments");
        }
        if (firstDot == 0) {
            throw structureProblem(token, ascii, "token has an empty header segment");
        }

        // A character outside the alphabet is the first thing reported. With a known header (equal to
        // one that passed) and a fixed key set, nothing between here and the signature check has a
        // side effect, so the characters need no scan: a signature that verifies is the text of a
        // canonical encoding, the payload is checked by its decoder afterwards, and any rejection
        // before that first looks at them (see the catch below). A new header (remembered when it
        // passes) or a remote key set (which may fetch) gets the scan first, as before.
        CheckedHeaders.Checked checked = checkedHeaders.find(ascii, firstDot);
        if ((checked == null || !(keys instanceof KeySet)) && !Base64Url.isAlphabetOrDot(ascii)) {
            throw firstCharacterProblem(token);
        }
        VerificationKey key;
        byte[] payload = null;
        TokenClaims claims = null;
        try {
            if (checked == null) {
                checked = checkHeaderText(ascii, firstDot);
            }
            KeyResolver resolver = keys;
            if (bound) { // the issuer selects the keys: read it first, and fetch nothing for a stranger
                payload = decodePayload(ascii, firstDot, secondDot);
                claims = TokenClaims.read(payload, issuer, audiences);
                claims.requireRegistered();
                resolver = keys.forIssuer(claims.issuer());
                if (resolver == null) {
                    throw new Rejection(WRONG_ISSUER);
                }
            }
            key = resolver.select(checked.keyId, checked.algorithm);
            if (key == null) {
                throw unknownKey(resolver, checked.keyId, claims, ascii, firstDot, secondDot);
            }
            if (!Base64Url.isCanonical(ascii, secondDot + 1, length)) {
                throw new Rejection(MALFORMED, "token signature is not canonical base64url");
            }
            if (!key.verifyEncoded(checked.algorithm, ascii, secondDot)) {
                throw new Rejection(BAD_SIGNATURE);
            }
        } catch (Rejection | RuntimeException e) { // RuntimeException: AuthUnavailableException included
            boolean alphabetOnly = Base64Url.isAlphabet(ascii, firstDot + 1, secondDot)
                    && Base64Url.isAlphabet(ascii, secondDot + 1, length);
            if (!alphabetOnly) {
                throw firstCharacterProblem(token);
            }
            throw e;
        }
        if (payload == null) {
            payload = Base64Url.decodeUnpadded(ascii, firstDot + 1, secondDot);
            if (payload == null) {
                if (!Base64Url.isAlphabet(ascii, firstDot + 1, secondDot)) {
                    throw firstCharacterProblem(token); // only for a payload the key holder signed as it is
                }
                throw new Rejection(MALFORMED, "token payload is not canonical base64url");
            }
        }
        return new VerifiedJws(checked.header, payload, key, checked.keyId, checked.algorithm, claims);
    }

    private static byte[] decodePayload(byte[] ascii, int firstDot, int secondDot) throws Rejection {
        byte[] payload = Base64Url.decodeUnpadded(ascii, firstDot + 1, secondDot);
        if (payload == null) {
            throw new Rejection(MALFORMED, "token payload is not canonical base64url");
        }
        return payload;
    }

    /**
     * No trusted key fits: {@code UNKNOWN_KEY}, unless the kid is missing from a fetched set and the
     * token may be newer than that fetch (its {@code iat} plus a second, since {@code iat} is whole
     * seconds, is not before it). Then the key may have been published since, and a fetch was not
     * allowed yet: the authority cannot decide.
     */
    private Rejection unknownKey(KeyResolver resolver, String keyId, TokenClaims claims, byte[] ascii, int firstDot,
            int secondDot) {
        Instant fetched = resolver.unknownSince(keyId);
        if (fetched != null) {
            Instant iat = issuedAtOrNull(claims, ascii, firstDot, secondDot);
            if (iat != null && compareToSum(fetched, iat, 1, 0) <= 0) {
                throw new AuthUnavailableException(AuthUnavailableException.Source.NEWER_KEY, "the token names a key that the key set fetched last does not "
                        + "hold, and it may have been published since; a fetch is allowed again shortly", null);
            }
        }
        return new Rejection(UNKNOWN_KEY, keyId == null ? "no trusted key without a kid fits the token algorithm"
                : "token kid names no trusted key for its algorithm");
    }

    /** The token's {@code iat}, or {@code null} when its payload or that claim cannot be read. */
    private Instant issuedAtOrNull(TokenClaims claims, byte[] ascii, int firstDot, int secondDot) {
        try {
            TokenClaims read = claims != null ? claims
                    : TokenClaims.read(decodePayload(ascii, firstDot, secondDot), issuer, audiences);
            return read.issuedAt();
        } catch (Rejection unreadable) {
            return null;
        }
    }

    /** Decodes, parses and checks a header not seen before; remembers it when it passes. */
    private CheckedHeaders.Checked checkHeaderText(byte[] ascii, int firstDot) throws Rejection {
        byte[] headerBytes = Base64Url.decode(ascii, 0, firstDot);
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
     * For a token whose dots are wrong: the rejection for a character outside the alphabet when it
     * has one (see {@link #firstCharacterProblem}), else {@code MALFORMED} with {@code message}.
     */
    private static Rejection structureProblem(String token, byte[] ascii, String message) {
        return Base64Url.isAlphabetOrDot(ascii) ? new Rejection(MALFORMED, message) : firstCharacterProblem(token);
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
                    + JwsAlgorithm.names(algorithms));
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
        if (!mapping.acceptsHeaderType(header.get("typ"))) {
            throw new Rejection(WRONG_TYPE, mapping.headerTypeRule());
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

    private UserContext checkClaims(TokenClaims claims) throws Rejection {
        // The accessors check each claim; the order of these calls is the order of the checks.
        claims.requireRegistered();
        String iss = claims.issuer();
        String sub = claims.subject();
        Set<String> aud = claims.audience();
        Instant exp = claims.expiresAt();
        Instant iat = claims.issuedAt();
        Instant nbf = claims.notBefore();
        String jti = claims.tokenId();
        String sid = claims.sessionId();
        if (exp.isBefore(iat)) {
            throw new Rejection(INVALID_CLAIM, "claim 'exp' is before 'iat'");
        }
        mapping.checkKind(claims);

        if (bound ? keys.forIssuer(iss) == null : !issuer.equals(iss)) {
            throw new Rejection(WRONG_ISSUER);
        }
        if (Collections.disjoint(aud, audiences)) {
            throw new Rejection(WRONG_AUDIENCE);
        }
        checkTimes(iat, exp, nbf);

        Map<String, Object> extra = claims.extraClaims();
        UserContext user = UserContext.ofCheckedClaims(sub, mapping.roles(claims, extra), sid, jti, iss, aud, iat, exp,
                nbf, extra);
        checkRevoked(user);
        return user;
    }

    /**
     * {@code EXPIRED}, {@code NOT_YET_VALID}, {@code ISSUED_IN_FUTURE}, {@code LIFETIME_TOO_LONG}: with
     * the clock skew, {@code now < exp + skew}, {@code now >= nbf - skew}, {@code iat <= now + skew} and
     * {@code exp - iat <= maxLifetime}, in seconds and nanoseconds without intermediate objects.
     */
    private void checkTimes(Instant iat, Instant exp, Instant nbf) throws Rejection {
        Instant now = clock.instant();
        long skewSeconds = skew.getSeconds();
        int skewNanos = skew.getNano();
        if (compareToSum(now, exp, skewSeconds, skewNanos) >= 0) {
            throw new Rejection(EXPIRED);
        }
        if (nbf != null && compareToSum(nbf, now, skewSeconds, skewNanos) > 0) {
            throw new Rejection(NOT_YET_VALID);
        }
        if (compareToSum(iat, now, skewSeconds, skewNanos) > 0) {
            throw new Rejection(ISSUED_IN_FUTURE);
        }
        if (compareToSum(exp, iat, maxLifetime.getSeconds(), maxLifetime.getNano()) > 0) {
            throw new Rejection(LIFETIME_TOO_LONG, "token lifetime (exp - iat) exceeds the maximum of " + maxLifetime);
        }
    }

    /**
     * Compares {@code a} with {@code b} plus a duration of {@code seconds} and {@code nanos} (0 to
     * 999,999,999), as {@code a.compareTo(b.plus(duration))} would. The operands are NumericDates
     * (within ±year 9999), the clock's instant and durations the builder bounds, so the sum cannot
     * overflow; if it ever did, the arithmetic throws as {@code Instant.plus} does.
     */
    private static int compareToSum(Instant a, Instant b, long seconds, int nanos) {
        long sumSeconds = Math.addExact(b.getEpochSecond(), seconds);
        int sumNanos = b.getNano() + nanos;
        if (sumNanos >= 1_000_000_000) {
            sumSeconds = Math.addExact(sumSeconds, 1);
            sumNanos -= 1_000_000_000;
        }
        int bySeconds = Long.compare(a.getEpochSecond(), sumSeconds);
        return bySeconds != 0 ? bySeconds : Integer.compare(a.getNano(), sumNanos);
    }

    private void checkRevoked(UserContext user) throws Rejection {
        if (revocations.isRevoked(user)) {
            throw new Rejection(RejectionReason.REVOKED);
        }
    }
}
