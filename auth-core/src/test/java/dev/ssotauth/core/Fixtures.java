package dev.ssotauth.core;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Shared test fixtures: a pre-filled authority builder on a fixed clock, and an independent signer
 * (plain JCA and java.util.Base64, none of the library's code) for hand-made tokens.
 */
final class Fixtures {

    static final byte[] SECRET = "test-secret-0123456789-abcdefghij-KLMNOP".getBytes(StandardCharsets.UTF_8);
    static final byte[] OTHER_SECRET = "other-secret-9876543210-zyxwvutsrq-PONML".getBytes(StandardCharsets.UTF_8);
    static final String ISSUER = "https://login.example";
    static final String AUDIENCE = "chat";
    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    static final long NOW_SECONDS = NOW.getEpochSecond();
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final String HS256_HEADER = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";

    private Fixtures() {
    }

    /** A builder with the test secret, issuer, audience and the fixed clock. */
    static JwtAuthority.Builder authority() {
        return JwtAuthority.builder().hmacSecret(SECRET).issuer(ISSUER).audience(AUDIENCE).clock(CLOCK);
    }

    /** Valid claims for {@code subject}, issued now, expiring in ten minutes; {@code extra} is appended. */
    static String claims(String subject, String extra) {
        return "{\"iss\":\"" + ISSUER + "\",\"sub\":\"" + subject + "\",\"aud\":\"" + AUDIENCE + "\",\"iat\":"
                + NOW_SECONDS + ",\"exp\":" + (NOW_SECONDS + 600) + (extra.isEmpty() ? "" : "," + extra) + "}";
    }

    /** Claims built from raw members, e.g. {@code "\"iss\":\"x\""}. */
    static String object(String... members) {
        return "{" + String.join(",", members) + "}";
    }

    static String b64(String text) {
        return b64(text.getBytes(StandardCharsets.UTF_8));
    }

    static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** HS256 over the two JSON texts, with {@code secret}. */
    static String sign(byte[] secret, String headerJson, String payloadJson) {
        return signRaw(secret, "HmacSHA256", b64(headerJson) + "." + b64(payloadJson));
    }

    /** HS256 with the test secret. */
    static String sign(String headerJson, String payloadJson) {
        return sign(SECRET, headerJson, payloadJson);
    }

    /** A signature over an arbitrary signing input. */
    static String signRaw(byte[] secret, String jcaName, String signingInput) {
        try {
            Mac mac = Mac.getInstance(jcaName);
            mac.init(new SecretKeySpec(secret, jcaName));
            return signingInput + "." + b64(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    /** The reason for {@code token}, or {@code null} if it was accepted. */
    static RejectionReason reason(JwtAuthority authority, String token) {
        AuthResult result = authority.authenticate(token);
        return result instanceof AuthResult.Rejected rejected ? rejected.reason() : null;
    }
}
