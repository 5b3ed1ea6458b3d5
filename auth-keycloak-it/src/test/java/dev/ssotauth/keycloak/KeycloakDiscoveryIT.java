package dev.ssotauth.keycloak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ssotauth.core.AuthResult;
import dev.ssotauth.core.AuthUnavailableException;
import dev.ssotauth.core.JwtAuthority;
import dev.ssotauth.core.RejectionReason;
import dev.ssotauth.core.UserContext;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 13, points 1, 2, 3 and 5, with a real Keycloak: a verifier configured with nothing but the
 * realm's issuer URL (and the audience) discovers its keys; a discovered issuer that differs from
 * the configured one is never trusted; two realms are trusted at once, each token verified with its
 * own realm's keys; Keycloak down when a verifier starts (through discovery or {@code jwksUri}) is
 * 503 until it is up; a key rotation is
 * followed with the default settings, right after a routine fetch; roles from a single-valued mapper
 * and a space-separated string; a refresh token refused.
 *
 * <p>What needs a counting server (no fetch for an untrusted issuer, two issuers publishing the same
 * {@code kid}, the RFC 8414 form, which Keycloak serves only under the realm's path) is proved in
 * core's {@code IssuerDiscoveryTest}.
 */
@ExtendWith(KeycloakExtension.class)
final class KeycloakDiscoveryIT {

    private static Realm north;
    private static Realm south;
    private static Realm.User alice;
    private static Realm.User bob;

    @BeforeAll
    static void provision(Keycloak keycloak) {
        north = keycloak.createRealm("north", "chat");
        south = keycloak.createRealm("south", "chat");
        alice = north.createUser("alice", "chat");
        bob = south.createUser("bob", "chat");
    }

    private static JwtAuthority.Builder discovering(Realm... realms) {
        URI[] issuers = new URI[realms.length];
        for (int i = 0; i < realms.length; i++) {
            issuers[i] = URI.create(realms[i].issuer());
        }
        return JwtAuthority.builder().issuerUri(issuers).audience("chat").algorithms("RS256");
    }

    private static UserContext accepted(AuthResult result) {
        return assertInstanceOf(AuthResult.Authenticated.class, result, result::toString).user();
    }

    private static void refused(RejectionReason reason, AuthResult result) {
        AuthResult.Rejected rejected = assertInstanceOf(AuthResult.Rejected.class, result, result::toString);
        assertEquals(reason, rejected.reason(), rejected::message);
    }

    @Test
    void issuerUriWhenItIsTheRealmThenItsKeysAreDiscoveredAndItsTokensVerify() {
        String token = north.accessToken(alice);
        try (JwtAuthority authority = discovering(north).build();
                JwtAuthority byJwksUri = JwtAuthority.builder().jwksUri(north.jwksUri()).issuer(north.issuer())
                        .audience("chat").algorithms("RS256").build()) {
            long started = System.nanoTime();
            UserContext user = accepted(authority.authenticate(token));
            System.out.printf("discovery: first token verified %d ms after start (discovery document and JWK Set "
                    + "fetched)%n", (System.nanoTime() - started) / 1_000_000);
            assertEquals(alice.id(), user.subject());
            assertEquals(north.issuer(), user.issuer());
            assertEquals(byJwksUri.fingerprint(), authority.fingerprint(), "the same keys as through JWT_JWKS_URI");
        }
    }

    @Test
    void issuerUriWhenItDiffersFromTheDiscoveredIssuerThenNothingIsAccepted() {
        // given the realm's issuer with a trailing slash: Keycloak's tokens and document name it without
        String token = north.accessToken(alice);
        String slashed = Jws.withPayload(token, p -> p.put("iss", north.issuer() + "/"));
        try (JwtAuthority authority = JwtAuthority.builder().issuerUri(URI.create(north.issuer() + "/"))
                .audience("chat").algorithms("RS256").build()) {
            // then the real token names an issuer that is not trusted, and costs no fetch
            refused(RejectionReason.WRONG_ISSUER, authority.authenticate(token));
            // and one that names the configured issuer finds a document that disagrees: never trusted
            AuthUnavailableException e = assertThrows(AuthUnavailableException.class,
                    () -> authority.authenticate(slashed));
            assertTrue(e.getMessage().endsWith("cannot be discovered (the discovery document names another issuer)"),
                    e.getMessage());
        }
    }

    @Test
    void issuerUriWhenTwoRealmsThenEachTokenVerifiesWithItsRealmsKeysAndSaysWhichRealm(Keycloak keycloak) {
        Realm stranger = keycloak.createRealm("stranger", "chat");
        String fromStranger = stranger.accessToken(stranger.createUser("mallory", "chat"));
        try (JwtAuthority authority = discovering(north, south).build()) {
            assertEquals(north.issuer(), accepted(authority.authenticate(north.accessToken(alice))).issuer());
            assertEquals(south.issuer(), accepted(authority.authenticate(south.accessToken(bob))).issuer());
            refused(RejectionReason.WRONG_ISSUER, authority.authenticate(fromStranger));
            // a north token whose iss says south (signature kept): south's keys are tried, and north's
            // kid is not among them; while it might be a key south published since the last fetch the
            // answer is 503, then UNKNOWN_KEY; never accepted
            String crossed = Jws.withPayload(north.accessToken(alice), p -> p.put("iss", south.issuer()));
            refused(RejectionReason.UNKNOWN_KEY, Decisions.await(authority, crossed, Duration.ofSeconds(20),
                    new ArrayList<>()));
        }
    }

    @Test
    void identityProviderDownWhenVerifiersStartThen503UntilItIsUpThroughDiscoveryAndJwksUri(Keycloak keycloak) {
        // given a token issued while Keycloak is up, then Keycloak stopped (one restart for both ways)
        String token = north.accessToken(alice);
        keycloak.stop();
        try (JwtAuthority discovering = discovering(north).jwksTimeout(Duration.ofSeconds(2)).build();
                JwtAuthority byJwksUri = JwtAuthority.builder().jwksUri(north.jwksUri()).issuer(north.issuer())
                        .audience("chat").algorithms("RS256").jwksTimeout(Duration.ofSeconds(2)).build()) {
            try {
                // when / then: both start, and cannot decide: 503, never 401, never accepted
                assertThrows(AuthUnavailableException.class, () -> discovering.authenticate(token));
                assertThrows(AuthUnavailableException.class, () -> byJwksUri.authenticate(token));
            } finally {
                keycloak.start();
            }
            // then: once Keycloak is up (same port, realm and keys), the same token is accepted
            long up = System.nanoTime();
            accepted(Decisions.await(discovering, token, Duration.ofSeconds(20), new ArrayList<>()));
            System.out.printf("identity provider down at start-up: accepted through discovery %d ms after Keycloak "
                    + "was up again%n", (System.nanoTime() - up) / 1_000_000);
            accepted(Decisions.await(byJwksUri, token, Duration.ofSeconds(20), new ArrayList<>()));
            // and the restarted Keycloak's new tokens verify too
            accepted(discovering.authenticate(north.accessToken(alice)));
        }
    }

    @Test
    void keysWhenRotatedRightAfterARoutineFetchThenTheNewKeyIsFollowedWithDefaultSettings(Keycloak keycloak) {
        // given a verifier with the default settings that has just fetched the realm's keys
        Realm rotating = keycloak.createRealm("rotating-defaults", "chat");
        Realm.User carol = rotating.createUser("carol", "chat");
        try (JwtAuthority authority = discovering(rotating).build()) {
            String before = rotating.accessToken(carol);
            accepted(authority.authenticate(before));
            // a routine fetch just before the rotation: a made-up kid, once the interval allows one
            String madeUp = Jws.withHeader(before, h -> h.put("kid", "made-up"));
            Keycloak.pause(Duration.ofMillis(1100));
            refused(RejectionReason.UNKNOWN_KEY, authority.authenticate(madeUp));

            // when Keycloak publishes a new key and signs with it at once
            String oldKid = rotating.activeKeyId();
            String newKid = rotating.rotateKeys();
            long published = System.nanoTime();
            String after = rotating.accessToken(carol);
            assertNotEquals(oldKid, newKid);

            // then it is never refused: "cannot decide yet" (503) until a fetch is allowed, then accepted
            List<String> answers = new ArrayList<>();
            AuthResult result = Decisions.await(authority, after, Duration.ofSeconds(20), answers);
            accepted(result);
            long millis = (System.nanoTime() - published) / 1_000_000;
            System.out.printf("key rotation: the new key's token accepted %d ms after Keycloak published the key "
                    + "(default jwksMinRefreshInterval; answers before: %s)%n", millis, answers);
            assertTrue(millis < 10_000, "followed in " + millis + " ms, not after a 30-second gap");
        }
    }

    @Test
    void rolesWhenSingleValuedMapperOrSpaceSeparatedStringThenTheTokenIsAcceptedWithThem(Keycloak keycloak) {
        Realm realm = keycloak.createRealm("single-role", "chat");
        Realm.User dave = realm.createUser("dave", "chat");
        realm.removeDefaultRoles(dave);
        realm.mapRealmRoles("role", false);
        realm.hardcodedClaim("groups", "ops audit");
        String token = realm.accessToken(dave);
        assertTrue(Jws.payload(token).path("role").isTextual(), "the mapper writes one string");
        try (JwtAuthority authority = discovering(realm).rolesClaim("role", "groups").build()) {
            assertEquals(Set.of("chat", "ops", "audit"), accepted(authority.authenticate(token)).roles());
        }
    }

    @Test
    void refreshTokenWhenPresentedAsAnAccessTokenThenRefused() {
        Realm.Tokens tokens = north.tokens(alice);
        assertEquals("Refresh", Jws.payload(tokens.refreshToken()).path("typ").asText());
        try (JwtAuthority authority = discovering(north).build()) {
            accepted(authority.authenticate(tokens.accessToken()));
            // Keycloak signs refresh tokens with the realm's HMAC key, which no verifier has: refused
            // for its algorithm before its kind is looked at (a payload typ Refresh is WRONG_TYPE)
            refused(RejectionReason.UNSUPPORTED_ALGORITHM, authority.authenticate(tokens.refreshToken()));
        }
    }
}
