package dev.ssotauth.core;

import dev.ssotauth.core.internal.Base64Url;
import dev.ssotauth.core.internal.Json;

import java.util.Map;
import java.util.Optional;

/**
 * The JOSE header of a token, for frameworks whose token objects carry it (Spring Security's
 * {@code Jwt}). Read with the strict parser that {@link JwtAuthority#authenticate} uses; it decides
 * nothing about the token, so call it only for a token the authority accepted. Stateless.
 */
public final class TokenHeader {

    private TokenHeader() {
    }

    /**
     * The header of {@code token} as an unmodifiable map of strings, numbers, booleans, lists and maps;
     * members that are JSON {@code null} are left out.
     *
     * @param token a compact JWS
     * @return the header, or empty when the first segment is not a canonical base64url JSON object
     */
    public static Optional<Map<String, Object>> of(String token) {
        int dot = token.indexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        byte[] json = Base64Url.decode(token, 0, dot);
        if (json == null) {
            return Optional.empty();
        }
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> header = (Map<String, Object>) Json.freeze(Json.parseObject(json));
            return Optional.of(header);
        } catch (Json.JsonException e) {
            return Optional.empty();
        }
    }
}
