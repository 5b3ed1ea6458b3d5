package dev.ssotauth.loadtest;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What a run needs to know of a token the service issued, read from its payload without checking the
 * signature (the service signed it; the run only reads): who issued it, for whom, and when it expires.
 * Holds no claim that identifies the user and is never printed whole.
 *
 * @param issuer    {@code iss}
 * @param audience  {@code aud}, the first one when it is a list
 * @param issuedAt  {@code iat}
 * @param expiresAt {@code exp}
 */
record IssuedToken(String issuer, String audience, Instant issuedAt, Instant expiresAt) {

    /** Thread-safe once configured, and never configured further. */
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Reads a compact JWS's payload.
     *
     * @throws IllegalStateException if it is not a compact JWS with {@code iss}, {@code aud}, {@code iat}
     *                               and {@code exp} (the message names no value)
     */
    static IssuedToken read(String token) {
        int first = token.indexOf('.');
        int second = token.indexOf('.', first + 1);
        if (first < 0 || second < 0) {
            throw new IllegalStateException("the service issued a token that is not a compact JWS");
        }
        try {
            JsonNode claims = JSON.readTree(new String(Base64.getUrlDecoder().decode(
                    token.substring(first + 1, second)), StandardCharsets.UTF_8));
            JsonNode audience = claims.path("aud").isArray() ? claims.path("aud").path(0) : claims.path("aud");
            if (!claims.path("iss").isTextual() || !audience.isTextual() || !claims.path("iat").canConvertToExactIntegral()
                    || !claims.path("exp").canConvertToExactIntegral()) {
                throw new IllegalStateException("the service issued a token without iss, aud, iat or exp");
            }
            return new IssuedToken(claims.path("iss").textValue(), audience.textValue(),
                    Instant.ofEpochSecond(claims.path("iat").longValue()),
                    Instant.ofEpochSecond(claims.path("exp").longValue()));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            // without the cause: its message may quote the payload
            throw new IllegalStateException("the service issued a token whose payload is not base64url JSON");
        }
    }

    /** The token's lifetime: {@code exp - iat}. */
    Duration lifetime() {
        return Duration.between(issuedAt, expiresAt);
    }
}
