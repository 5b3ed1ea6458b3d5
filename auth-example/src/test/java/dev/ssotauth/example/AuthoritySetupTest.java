package dev.ssotauth.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ssotauth.core.AuthResult;
import dev.ssotauth.core.InMemoryRevocationStore;
import dev.ssotauth.core.JwtAuthority;
import dev.ssotauth.core.RejectionReason;
import dev.ssotauth.core.TokenRequest;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

final class AuthoritySetupTest {

    private static final Clock CLOCK = Clock.systemUTC();
    private static final String OWN_URL = "http://127.0.0.1:8080";

    @Test
    void configuredWhenAnyJwtVariableOrLegacyAliasThenTrue() {
        // when / then
        assertTrue(AuthoritySetup.configured(Map.of("JWT_ACCESS_TOKEN_TTL", "3s")));
        assertTrue(AuthoritySetup.configured(Map.of("WEBSOCKET_JWT_SECRET", "x")));
        assertTrue(AuthoritySetup.configured(Map.of("AUTH_SERVICE_JWT_SECRET", "x")));
        assertFalse(AuthoritySetup.configured(Map.of("PATH", "/bin", "MY_JWT_SECRET", "x")));
    }

    @Test
    void resolveWhenNothingConfiguredForAllThenEphemeralHmacSecretWithDefaults() throws Exception {
        // when
        AuthoritySetup.Setup setup = AuthoritySetup.resolve(Role.ALL, OWN_URL, Map.of(), Map.of(), CLOCK, new InMemoryRevocationStore(CLOCK), event -> { });

        // then
        JwtAuthority authority = setup.authority();
        assertTrue(authority.canIssue());
        assertFalse(setup.publishesKeys());
        assertEquals("ssot-auth-example", authority.issuer());
        assertEquals(List.of("chat"), authority.audiences());
        assertEquals("{\"keys\":[]}", authority.publicJwks());
        assertEquals("an ephemeral random HMAC secret made at start (fingerprint " + authority.fingerprint()
                + "; never printed): tokens die with this process", setup.description());
    }

    @Test
    void resolveWhenNothingConfiguredTwiceThenTwoDifferentSecrets() throws Exception {
        // when
        JwtAuthority first = AuthoritySetup.resolve(Role.ALL, OWN_URL, Map.of(), Map.of(), CLOCK, new InMemoryRevocationStore(CLOCK), event -> { }).authority();
        JwtAuthority second = AuthoritySetup.resolve(Role.ALL, OWN_URL, Map.of(), Map.of(), CLOCK, new InMemoryRevocationStore(CLOCK), event -> { }).authority();

        // then
        assertFalse(first.fingerprint().equals(second.fingerprint()));
        AuthResult result = second.authenticate(first.issue(TokenRequest.forSubject("bob").build()));
        assertInstanceOf(AuthResult.Rejected.class, result);
    }

    @Test
    void resolveWhenNothingConfiguredForLoginThenEphemeralKeyPairPublishedAndItsOwnUrlTheIssuer() throws Exception {
        // when
        AuthoritySetup.Setup setup = AuthoritySetup.resolve(Role.LOGIN, OWN_URL, Map.of(), Map.of(), CLOCK, new InMemoryRevocationStore(CLOCK), event -> { });

        // then
        JwtAuthority authority = setup.authority();
        assertTrue(setup.publishesKeys());
        assertTrue(authority.canIssue());
        assertEquals("http://127.0.0.1:8080", authority.issuer());
        Map<String, Object> jwks = ApiClient.parse(authority.publicJwks());
        @SuppressWarnings("unchecked")
        Map<String, Object> key = ((List<Map<String, Object>>) jwks.get("keys")).get(0);
        assertEquals("EC", key.get("kty"));
        assertEquals("ES256", key.get("alg"));
        assertFalse(key.containsKey("d"));
        assertTrue(((String) key.get("kid")).matches("ephemeral-[0-9a-f]{8}"));
        String token = authority.issue(TokenRequest.forSubject("bob").build());
        assertTrue(token.startsWith("eyJhbGciOiJFUzI1NiIs"), "not ES256");
    }

    @Test
    void resolveWhenNothingConfiguredForChatThenRefusedSayingWhatToSet() {
        // when
        AuthoritySetup.SetupException thrown = assertThrows(AuthoritySetup.SetupException.class,
                () -> AuthoritySetup.resolve(Role.CHAT, OWN_URL, Map.of(), Map.of(), CLOCK, new InMemoryRevocationStore(CLOCK), event -> { }));

        // then
        assertEquals("--role chat only verifies tokens, so it must be told whom to trust: set JWT_ISSUER_URI to the "
                + "login process's URL (http://127.0.0.1:<login port>) and JWT_AUDIENCE=chat (a login process started "
                + "without configuration prints this line), or the same JWT_SECRET_KEY, JWT_ISSUER and JWT_AUDIENCE as "
                + "the login process", thrown.getMessage());
    }

    @Test
    void resolveWhenClockAndStoreGivenThenTheAuthorityUsesBoth() throws Exception {
        // given: a fixed clock, and a store another authority shares
        Clock fixed = Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC);
        InMemoryRevocationStore store = new InMemoryRevocationStore(fixed);

        // when
        JwtAuthority authority = AuthoritySetup.resolve(Role.ALL, OWN_URL, Map.of(), Map.of(), fixed, store, event -> { })
                .authority();
        String token = authority.issue(TokenRequest.forSubject("bob").sessionId("s-1").build());
        JwtAuthority.builder().hmacSecret(new byte[32]).issuer("i").audience("a").clock(fixed).revocationStore(store)
                .build().revokeSession("s-1");

        // then
        assertEquals(fixed, authority.clock());
        assertEquals(Instant.parse("2030-01-01T00:00:00Z"), authority.verify(
                authority.issue(TokenRequest.forSubject("carol").build())).issuedAt());
        assertEquals(RejectionReason.REVOKED, ((AuthResult.Rejected) authority.authenticate(token)).reason());
    }
}
