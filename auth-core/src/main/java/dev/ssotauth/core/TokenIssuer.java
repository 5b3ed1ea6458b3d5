package dev.ssotauth.core;

import dev.ssotauth.core.internal.AuthoritySettings;
import dev.ssotauth.core.internal.Base64Url;
import dev.ssotauth.core.internal.Json;
import dev.ssotauth.core.internal.SigningKey;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

/**
 * Signs the tokens of one authority: the header is fixed at construction, the payload written
 * straight into JSON, then encoded and signed without intermediate strings. Thread-safe.
 */
final class TokenIssuer {

    private final SigningKey key;
    private final String issuer;
    private final String audienceJson;
    /** The encoded header of issued tokens and the dot after it, as ASCII bytes. */
    private final byte[] headerAndDot;
    private final Clock clock;
    private final Duration tokenTtl;
    private final Duration maxTokenLifetime;
    private final SecureRandom random = new SecureRandom();

    TokenIssuer(SigningKey key, AuthoritySettings settings) {
        this.key = key;
        this.issuer = settings.issuer();
        this.clock = settings.clock();
        this.tokenTtl = settings.tokenTtl();
        this.maxTokenLifetime = settings.maxTokenLifetime();
        StringBuilder aud = new StringBuilder();
        Json.writeString(aud, settings.audiences().get(0));
        this.audienceJson = aud.toString();
        StringBuilder header = new StringBuilder("{\"alg\":\"").append(key.algorithm().name()).append('"');
        if (key.keyId() != null) {
            header.append(",\"kid\":");
            Json.writeString(header, key.keyId());
        }
        header.append(",\"typ\":\"JWT\"}");
        this.headerAndDot = (Base64Url.encode(header.toString().getBytes(StandardCharsets.UTF_8)) + '.')
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** See {@link JwtAuthority#issue(TokenRequest)}. */
    String issue(TokenRequest request) {
        Duration ttl = request.ttl().orElse(tokenTtl);
        if (ttl.compareTo(maxTokenLifetime) > 0) {
            throw new IllegalArgumentException("ttl " + ttl + " exceeds the maximum token lifetime " + maxTokenLifetime);
        }
        long iat = clock.instant().getEpochSecond();
        long lifetime = ttl.getSeconds() + (ttl.getNano() > 0 ? 1 : 0);
        byte[] jti = new byte[16];
        random.nextBytes(jti);

        StringBuilder payload = new StringBuilder(256);
        payload.append("{\"iss\":");
        Json.writeString(payload, issuer);
        payload.append(",\"sub\":");
        Json.writeString(payload, request.subject());
        payload.append(",\"aud\":").append(audienceJson);
        payload.append(",\"iat\":").append(iat);
        payload.append(",\"exp\":").append(iat + lifetime);
        payload.append(",\"jti\":\"").append(Base64Url.encode(jti)).append('"');
        if (!request.roles().isEmpty()) {
            payload.append(",\"roles\":");
            Json.write(payload, request.roles());
        }
        if (request.sessionId().isPresent()) {
            payload.append(",\"sid\":");
            Json.writeString(payload, request.sessionId().get());
        }
        for (Map.Entry<String, Object> claim : request.claims().entrySet()) {
            payload.append(',');
            Json.writeString(payload, claim.getKey());
            payload.append(':');
            Json.write(payload, claim.getValue());
        }
        payload.append('}');

        // Built as ASCII bytes: header, payload and signature are encoded straight into it.
        byte[] encodedPayload = Base64Url.encodeToAscii(payload.toString().getBytes(StandardCharsets.UTF_8));
        byte[] signingInput = Arrays.copyOf(headerAndDot, headerAndDot.length + encodedPayload.length);
        System.arraycopy(encodedPayload, 0, signingInput, headerAndDot.length, encodedPayload.length);
        byte[] encodedSignature = Base64Url.encodeToAscii(key.sign(signingInput));
        byte[] token = Arrays.copyOf(signingInput, signingInput.length + 1 + encodedSignature.length);
        token[signingInput.length] = '.';
        System.arraycopy(encodedSignature, 0, token, signingInput.length + 1, encodedSignature.length);
        return new String(token, StandardCharsets.ISO_8859_1);
    }
}
