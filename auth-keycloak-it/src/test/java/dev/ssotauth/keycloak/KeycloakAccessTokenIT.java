package dev.ssotauth.keycloak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ssotauth.core.AuthResult;
import dev.ssotauth.core.JwtAuthority;
import dev.ssotauth.core.RejectionReason;
import dev.ssotauth.core.UserContext;

import java.time.Duration;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Core's public API as it is today against a real Keycloak's tokens: RS256 access tokens verify
 * through the realm's JWK Set, tampered and foreign tokens are refused with the reasons below, a key
 * rotation is followed, and a withdrawn key stops verifying. (An identity provider that is down when
 * the verifier starts is {@link KeycloakDiscoveryIT}'s, for {@code jwksUri} and discovery alike.)
 *
 * <p>Discovery, two realms, rotation with the default settings and the rest of issue 13 are
 * {@link KeycloakDiscoveryIT}'s and {@link KeycloakRolesAndKindsIT}'s.
 */
@ExtendWith(KeycloakExtension.class)
final class KeycloakAccessTokenIT {

    private static Realm alpha;
    private static Realm beta;
    private static Realm.User alice;
    private static Realm.User bob;

    @BeforeAll
    static void provision(Keycloak keycloak) {
        alpha = keycloak.createRealm("alpha", "chat");
        beta = keycloak.createRealm("beta", "chat");
        alice = alpha.createUser("alice", "chat");
        bob = beta.createUser("bob", "chat");
    }

    /** A verifier of {@code realm}'s RS256 access tokens, as a user would configure it today. */
    private static JwtAuthority.Builder verifierOf(Realm realm) {
        return JwtAuthority.builder()
                .jwksUri(realm.jwksUri())
                .issuer(realm.issuer())
                .audience(realm.audience())
                .algorithms("RS256");
    }

    @Test
    void accessTokenWhenVerifiedThroughJwksUriThenUserIsKeycloaksSubject() {
        // given
        String token = alpha.accessToken(alice);
        try (JwtAuthority authority = verifierOf(alpha).build()) {
            // when
            AuthResult result = authority.authenticate(token);

            // then
            UserContext user = assertInstanceOf(AuthResult.Authenticated.class, result, result::toString).user();
            assertEquals(alice.id(), user.subject());
            assertEquals(Jws.payload(token).path("sub").asText(), user.subject());
            assertEquals(alpha.issuer(), user.issuer());
            assertTrue(user.audience().contains("chat"), () -> "audience " + user.audience());
            assertEquals("RS256", Jws.header(token).path("alg").asText());
            assertEquals(alpha.activeKeyId(), Jws.header(token).path("kid").asText());
            assertEquals(user.subject(), authority.verify(token).subject());
        }
    }

    @Test
    void tamperedTokenWhenVerifiedThenBadSignature() {
        // given: the payload of a real token changed (another subject), and a real token with one
        // signature bit flipped; both canonical base64url and valid JSON
        String token = alpha.accessToken(alice);
        String otherSubject = Jws.withPayload(token, payload -> payload.put("sub", bob.id()));
        String flippedSignature = Jws.withSignatureBitFlipped(token);
        try (JwtAuthority authority = verifierOf(alpha).build()) {
            // when / then: the key is found by kid, and the signature does not match
            assertRejected(RejectionReason.BAD_SIGNATURE, authority.authenticate(otherSubject));
            assertRejected(RejectionReason.BAD_SIGNATURE, authority.authenticate(flippedSignature));
            assertInstanceOf(AuthResult.Authenticated.class, authority.authenticate(token));
        }
    }

    @Test
    void tokenOfAnotherRealmWhenVerifiedThenUnknownKeyOrWrongIssuer() {
        // given: bob's token is beta's, signed with beta's key, iss = beta
        String foreign = beta.accessToken(bob);
        String own = alpha.accessToken(alice);

        // when / then: a verifier of alpha looks the key up by kid before it reads any claim, and
        // alpha's key set has no key of beta's
        // (a fresh token might be signed by a key alpha published since the last fetch: until a fetch
        // after its iat says otherwise, the answer is 503)
        try (JwtAuthority alphaVerifier = verifierOf(alpha).build()) {
            assertRejected(RejectionReason.UNKNOWN_KEY, Decisions.await(alphaVerifier, foreign, Duration.ofSeconds(20),
                    new java.util.ArrayList<>()));
        }
        // when / then: a verifier that trusts alpha's keys but beta's issuer finds alpha's key,
        // the signature holds, and the issuer is not the one it requires
        try (JwtAuthority mixed = JwtAuthority.builder().jwksUri(alpha.jwksUri()).issuer(beta.issuer())
                .audience("chat").algorithms("RS256").build()) {
            assertRejected(RejectionReason.WRONG_ISSUER, mixed.authenticate(own));
        }
    }

    @Test
    void keysWhenRotatedThenNewTokensVerifyAndWithdrawnKeysStop(Keycloak keycloak) {
        // given: a realm of its own (its keys change), a verifier that has fetched the key set, and
        // core as it is today: a kid miss refetches only after jwksMinRefreshInterval, so zero here
        Realm rotating = keycloak.createRealm("rotating", "chat");
        Realm.User carol = rotating.createUser("carol", "chat");
        String before = rotating.accessToken(carol);
        String oldKid = Jws.header(before).path("kid").asText();
        try (JwtAuthority authority = verifierOf(rotating).jwksMinRefreshInterval(Duration.ZERO).build();
                JwtAuthority shortCache = verifierOf(rotating).jwksMinRefreshInterval(Duration.ZERO)
                        .jwksCacheTtl(Duration.ofSeconds(1)).jwksRefreshAhead(Duration.ZERO).build()) {
            assertInstanceOf(AuthResult.Authenticated.class, authority.authenticate(before));
            assertInstanceOf(AuthResult.Authenticated.class, shortCache.authenticate(before));

            // when: Keycloak publishes a new key that signs from now on
            String newKid = rotating.rotateKeys();
            long rotated = System.nanoTime();
            String after = rotating.accessToken(carol);

            // then: the new token names the new key and verifies (one fetch, for its unknown kid)
            assertEquals(newKid, Jws.header(after).path("kid").asText());
            assertNotEquals(oldKid, newKid);
            AuthResult result = authority.authenticate(after);
            long acceptedAfterMillis = (System.nanoTime() - rotated) / 1_000_000;
            assertInstanceOf(AuthResult.Authenticated.class, result, result::toString);
            System.out.printf("key rotation: a token signed with the new key verified %d ms after the new key "
                    + "was published (token request included; jwksMinRefreshInterval 0)%n", acceptedAfterMillis);
            // and the old key is still published, so tokens it signed still verify
            assertInstanceOf(AuthResult.Authenticated.class, authority.authenticate(before));

            // when: the old key is withdrawn
            rotating.removeKey(oldKid);
            long removed = System.nanoTime();

            // then: once the 1-second cache has expired, its tokens are refused; the new key's still verify
            AuthResult old = awaitRejection(shortCache, before, Duration.ofSeconds(20));
            assertRejected(RejectionReason.UNKNOWN_KEY, old);
            System.out.printf("key withdrawal: a token of the removed key was refused %d ms after the removal "
                    + "(jwksCacheTtl 1 s)%n", (System.nanoTime() - removed) / 1_000_000);
            assertInstanceOf(AuthResult.Authenticated.class, shortCache.authenticate(after));
        }
    }

    /** The first rejection, asking again every 100 ms while the token is accepted or undecided (503). */
    private static AuthResult awaitRejection(JwtAuthority authority, String token, Duration deadline) {
        long end = System.nanoTime() + deadline.toNanos();
        AuthResult result = Decisions.await(authority, token, deadline, new java.util.ArrayList<>());
        while (result.isAuthenticated() && System.nanoTime() - end < 0) {
            Keycloak.pause(Duration.ofMillis(100));
            result = Decisions.await(authority, token, deadline, new java.util.ArrayList<>());
        }
        return result;
    }

    private static void assertRejected(RejectionReason reason, AuthResult result) {
        AuthResult.Rejected rejected = assertInstanceOf(AuthResult.Rejected.class, result, result::toString);
        assertEquals(reason, rejected.reason(), rejected::message);
        System.out.printf("refused: %s (%s)%n", rejected.reason(), rejected.message());
    }
}
