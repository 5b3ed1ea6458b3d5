package dev.ssotauth.core;

/**
 * Why a token was rejected. Each constant is stable: adapters map it to a response, logs record it,
 * and tests assert it. The order of the checks that produce them is documented on
 * {@link JwtAuthority#authenticate(String)}.
 */
public enum RejectionReason {
    /** Not a compact JWS of three canonical base64url segments with JSON objects, or a JWE. */
    MALFORMED("token is malformed"),
    /** Longer than the configured maximum; nothing of it was decoded. */
    TOO_LARGE("token is too large"),
    /** {@code alg} is not in the allow-list (or is {@code none}). */
    UNSUPPORTED_ALGORITHM("token algorithm is not allowed"),
    /** {@code kid} names no trusted key, or no trusted key fits the algorithm. */
    UNKNOWN_KEY("token key is not known"),
    /** The signature does not verify with the trusted key. */
    BAD_SIGNATURE("token signature is invalid"),
    /** {@code exp} has passed, beyond the clock skew. */
    EXPIRED("token has expired"),
    /** {@code nbf} is still ahead, beyond the clock skew. */
    NOT_YET_VALID("token is not valid yet"),
    /** {@code iat} is ahead of the clock, beyond the clock skew. */
    ISSUED_IN_FUTURE("token is issued in the future"),
    /** {@code iss} is not exactly the configured issuer. */
    WRONG_ISSUER("token issuer is not accepted"),
    /** {@code aud} shares no value with the accepted audiences. */
    WRONG_AUDIENCE("token audience is not accepted"),
    /** {@code typ} is present and is not {@code JWT}, or {@code cty} is present. */
    WRONG_TYPE("token type is not accepted"),
    /** A required claim ({@code sub}, {@code iss}, {@code aud}, {@code exp}, {@code iat}) is absent. */
    MISSING_CLAIM("token lacks a required claim"),
    /** A registered claim has the wrong JSON type or an impossible value. */
    INVALID_CLAIM("token has an invalid claim"),
    /** {@code crit} is present (no extension is supported), or {@code b64} is used. */
    UNSUPPORTED_CRITICAL_HEADER("token requires an unsupported header extension"),
    /** {@code exp - iat} exceeds the configured maximum lifetime. */
    LIFETIME_TOO_LONG("token lifetime is too long"),
    /** The token, its session or its subject has been revoked. */
    REVOKED("token has been revoked");

    private final String description;

    RejectionReason(String description) {
        this.description = description;
    }

    /**
     * A fixed, safe sentence for this reason, fit for a log line or a response body.
     *
     * @return the description, never {@code null}
     */
    public String description() {
        return description;
    }
}
