package dev.ssotauth.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ssotauth.core.TokenRequest;
import dev.ssotauth.testkit.TestTokens;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

final class IssuedTokenTest {

    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

    @Test
    void readWhenTheAuthorityIssuedItThenIssuerAudienceAndLifetime() {
        // given
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        TestTokens tokens = TestTokens.of(secret, "https://login.example", "chat", Clock.fixed(NOW, ZoneOffset.UTC));
        String token = tokens.authority().issue(TokenRequest.forSubject("load-00000").ttl(Duration.ofSeconds(20))
                .build());

        // when
        IssuedToken issued = IssuedToken.read(token);

        // then
        assertEquals(new IssuedToken("https://login.example", "chat", NOW, NOW.plusSeconds(20)), issued);
        assertEquals(Duration.ofSeconds(20), issued.lifetime());
    }

    @Test
    void readWhenNotACompactJwsThenRefusedWithoutTheValue() {
        // when
        IllegalStateException segments = assertThrows(IllegalStateException.class,
                () -> IssuedToken.read("secret-looking-text"));
        IllegalStateException payload = assertThrows(IllegalStateException.class,
                () -> IssuedToken.read("a.c2VjcmV0.b"));

        // then
        assertEquals("the service issued a token that is not a compact JWS", segments.getMessage());
        assertEquals("the service issued a token whose payload is not base64url JSON", payload.getMessage());
    }
}
