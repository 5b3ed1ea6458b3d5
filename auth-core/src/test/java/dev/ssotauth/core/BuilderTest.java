package dev.ssotauth.core;

import static dev.ssotauth.core.Fixtures.SECRET;
import static dev.ssotauth.core.Fixtures.authority;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

import org.junit.jupiter.api.Test;

/** Misuse of the builder fails at build time with a message naming the setting and the rule. */
final class BuilderTest {

    @Test
    void buildWhenNothingGivenThenConfigurationExceptionNamingWhatIsNeeded() {
        AuthConfigurationException e = assertThrows(AuthConfigurationException.class, () -> JwtAuthority.builder().build());
        assertEquals("JWT configuration is incomplete; set hmacSecret (an HMAC secret of at least 32 bytes; or signingKeys, "
                + "jwksFile or jwksUri for asymmetric keys; or issuerUri for an identity provider), issuer (the exact iss of every token), audience (the aud to "
                + "issue and accept)", e.getMessage());
    }

    @Test
    void buildWhenSecretShorterThanHashThenConfigurationExceptionWithLengthOnly() {
        byte[] shortSecret = "only-twenty-one-bytes".getBytes(StandardCharsets.UTF_8);
        AuthConfigurationException e = assertThrows(AuthConfigurationException.class,
                () -> JwtAuthority.builder().hmacSecret(shortSecret).issuer("i").audience("a").build());
        assertEquals("hmacSecret is too short: 21 bytes, but at least 32 are needed for the allowed HMAC algorithms; "
                + "generate a random one, e.g. base64: followed by the output of 'openssl rand -base64 48'", e.getMessage());
    }

    @Test
    void buildWhenHs512AllowedAndSecretHas32BytesThenConfigurationException() {
        byte[] secret32 = "0123456789abcdef0123456789ABCDEF".getBytes(StandardCharsets.UTF_8);
        JwtAuthority.builder().hmacSecret(secret32).issuer("i").audience("a").build(); // fine for HS256
        AuthConfigurationException e = assertThrows(AuthConfigurationException.class,
                () -> JwtAuthority.builder().hmacSecret(secret32).issuer("i").audience("a").algorithms("HS256", "HS512").build());
        assertEquals("hmacSecret is too short: 32 bytes, but at least 64 are needed for the allowed HMAC algorithms; "
                + "generate a random one, e.g. base64: followed by the output of 'openssl rand -base64 64'", e.getMessage());
    }

    @Test
    void buildWhenSecretIsPublishedThenConfigurationException() {
        // on the deny list (wallarm/jwt-secrets), 38 bytes
        byte[] published = "#drshshsjsj&*^^hshshst--shhh%$##@jkshg".getBytes(StandardCharsets.UTF_8);
        AuthConfigurationException e = assertThrows(AuthConfigurationException.class,
                () -> JwtAuthority.builder().hmacSecret(published).issuer("i").audience("a").build());
        assertEquals("hmacSecret is a well-known secret published in public code and tutorials (38 bytes); generate a "
                + "random one, e.g. base64: followed by the output of 'openssl rand -base64 48'", e.getMessage());
    }

    @Test
    void setterWhenCalledTwiceThenIllegalState() {
        assertEquals("issuer is already set",
                assertThrows(IllegalStateException.class, () -> authority().issuer("again")).getMessage());
        assertThrows(IllegalStateException.class, () -> authority().hmacSecret(SECRET));
        assertThrows(IllegalStateException.class, () -> authority().audience("x"));
        assertThrows(IllegalStateException.class, () -> authority().clock(Clock.systemUTC()));
        assertThrows(IllegalStateException.class, () -> authority().clockSkew(Duration.ZERO).clockSkew(Duration.ZERO));
        assertThrows(IllegalStateException.class, () -> authority().tokenTtl(Duration.ofMinutes(1)).tokenTtl(Duration.ofMinutes(1)));
        assertThrows(IllegalStateException.class, () -> authority().algorithms("HS256").algorithms("HS256"));
        assertThrows(IllegalStateException.class, () -> authority().maxTokenBytes(1000).maxTokenBytes(1000));
    }

    @Test
    void setterWhenValueOutOfRangeThenIllegalArgumentNamingTheRule() {
        assertEquals("clockSkew must be between 0s and 10m; got -1s",
                assertThrows(IllegalArgumentException.class, () -> authority().clockSkew(Duration.ofSeconds(-1))).getMessage());
        assertEquals("tokenTtl must be at least 1s; got 0s",
                assertThrows(IllegalArgumentException.class, () -> authority().tokenTtl(Duration.ZERO)).getMessage());
        assertEquals("maxTokenBytes must be between 256 and 1048576; got 10",
                assertThrows(IllegalArgumentException.class, () -> authority().maxTokenBytes(10)).getMessage());
        assertEquals("algorithms must not contain 'none': unsecured tokens are never accepted",
                assertThrows(IllegalArgumentException.class, () -> authority().algorithms("none")).getMessage());
        assertEquals("algorithms names 'RS1', which is not a supported algorithm; supported: [HS256, HS384, HS512, RS256, RS384, RS512, "
                + "PS256, PS384, PS512, ES256, ES384, ES512, EdDSA]",
                assertThrows(IllegalArgumentException.class, () -> authority().algorithms("RS1")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> authority().algorithms());
        assertThrows(IllegalArgumentException.class, () -> JwtAuthority.builder().issuer(" "));
        assertThrows(IllegalArgumentException.class, () -> JwtAuthority.builder().audience(""));
        assertThrows(NullPointerException.class, () -> JwtAuthority.builder().hmacSecret(null));
    }

    @Test
    void buildWhenTokenTtlExceedsMaximumLifetimeThenConfigurationException() {
        AuthConfigurationException e = assertThrows(AuthConfigurationException.class,
                () -> authority().tokenTtl(Duration.ofHours(2)).maxTokenLifetime(Duration.ofHours(1)).build());
        assertEquals("tokenTtl (2h) exceeds maxTokenLifetime (1h)", e.getMessage());
    }

    @Test
    void hmacSecretWhenCallerChangesArrayAfterwardsThenAuthorityIsUnaffected() {
        byte[] secret = SECRET.clone();
        JwtAuthority.Builder builder = JwtAuthority.builder().hmacSecret(secret).issuer("i").audience("a");
        java.util.Arrays.fill(secret, (byte) 0);
        JwtAuthority authority = builder.build();
        JwtAuthority reference = JwtAuthority.builder().hmacSecret(SECRET).issuer("i").audience("a").build();
        assertEquals(reference.fingerprint(), authority.fingerprint());
    }

    @Test
    void toStringWhenCalledThenShowsNoSecret() {
        JwtAuthority authority = authority().build();
        assertEquals("JwtAuthority[algorithms=[HS256], fingerprint="
                + authority.fingerprint() + "]", authority.toString());
    }
}
