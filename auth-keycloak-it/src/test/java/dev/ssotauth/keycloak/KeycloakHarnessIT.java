package dev.ssotauth.keycloak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The harness tests itself: each {@link Realm} helper makes Keycloak do what its javadoc says, read
 * from Keycloak's own documents and from the tokens it issues (decoded, not verified: verifying is
 * core's job, in {@link KeycloakAccessTokenIT}). So an issue-13 test that fails later fails because
 * of core, not because the identity provider was set up otherwise than its author thought.
 */
@ExtendWith(KeycloakExtension.class)
final class KeycloakHarnessIT {

    private static Keycloak keycloak;
    private static Realm realm;

    @BeforeAll
    static void provision(Keycloak shared) {
        keycloak = shared;
        realm = keycloak.createRealm("harness", "chat");
    }

    @Test
    void discoveryDocumentWhenFetchedThenNamesTheRealmsIssuerAndKeySet() {
        // when
        JsonNode discovery = keycloak.getJson(realm.discoveryUri());

        // then
        assertEquals(realm.issuer(), discovery.path("issuer").asText());
        assertEquals(realm.jwksUri().toString(), discovery.path("jwks_uri").asText());
        assertEquals(keycloak.baseUri() + "/realms/harness", realm.issuer());
    }

    @Test
    void keySetWhenNewRealmThenASigningAndAnEncryptionKeyAsKeycloakPublishesThem() {
        // when
        List<String> keys = new ArrayList<>();
        for (JsonNode key : keycloak.getJson(realm.jwksUri()).path("keys")) {
            keys.add(key.path("kty").asText() + " " + key.path("use").asText() + " " + key.path("alg").asText());
        }

        // then: what a realm of Keycloak's defaults publishes; the one that signs is the active key
        assertEquals(List.of("RSA enc RSA-OAEP", "RSA sig RS256"), keys.stream().sorted().toList());
        assertTrue(publishedKids(realm).contains(realm.activeKeyId()), () -> "published " + publishedKids(realm));
    }

    @Test
    void passwordGrantWhenScopeOpenidThenAccessIdAndRefreshTokenOfTheirKinds() {
        // given
        Realm.User user = realm.createUser("kinds", "chat");

        // when
        Realm.Tokens tokens = realm.tokens(user);

        // then: Keycloak names each token's kind in the payload's typ
        JsonNode access = Jws.payload(tokens.accessToken());
        assertEquals("Bearer", access.path("typ").asText());
        assertEquals("JWT", Jws.header(tokens.accessToken()).path("typ").asText());
        assertEquals("RS256", Jws.header(tokens.accessToken()).path("alg").asText());
        assertEquals(user.id(), access.path("sub").asText());
        assertEquals(realm.issuer(), access.path("iss").asText());
        assertTrue(strings(access.path("aud")).contains("chat"), () -> "aud " + access.path("aud"));
        JsonNode id = Jws.payload(tokens.idToken());
        assertEquals("ID", id.path("typ").asText());
        assertEquals(List.of(realm.clientId()), strings(id.path("aud")));
        assertEquals("RS256", Jws.header(tokens.idToken()).path("alg").asText());
        JsonNode refresh = Jws.payload(tokens.refreshToken());
        assertEquals("Refresh", refresh.path("typ").asText());
        assertEquals("HS512", Jws.header(tokens.refreshToken()).path("alg").asText());
    }

    @Test
    void rolesWhenAssignedAndMappedThenInTheirClaims() {
        // given: realm and client roles, and mappers to a custom claim (an array) and to "roles"
        // (single-valued: one string)
        realm.mapRealmRoles("custom.roles", true);
        realm.mapRealmRoles("roles", false);
        realm.hardcodedClaim("team", "chat admin");
        Realm.User many = realm.createUser("many", "chat", "admin");
        realm.assignClientRoles(many, "editor");
        Realm.User single = realm.createUser("single", "chat");
        realm.removeDefaultRoles(single);

        // when
        JsonNode manyClaims = Jws.payload(realm.accessToken(many));
        JsonNode singleClaims = Jws.payload(realm.accessToken(single));

        // then
        List<String> realmRoles = strings(manyClaims.path("realm_access").path("roles"));
        assertTrue(realmRoles.containsAll(List.of("chat", "admin", "offline_access")), realmRoles::toString);
        assertEquals(List.of("editor"),
                strings(manyClaims.path("resource_access").path(realm.clientId()).path("roles")));
        List<String> custom = strings(manyClaims.path("custom").path("roles"));
        assertTrue(custom.containsAll(List.of("chat", "admin")), custom::toString);
        assertTrue(manyClaims.path("roles").isTextual(), () -> "roles " + manyClaims.path("roles"));
        assertEquals("chat admin", manyClaims.path("team").asText());
        assertEquals(List.of("chat"), strings(singleClaims.path("realm_access").path("roles")));
        assertEquals("chat", singleClaims.path("roles").textValue());
    }

    @Test
    void rfc9068WhenSwitchedOnThenAccessTokensAreAtJwtAndOthersUnchanged() {
        // given
        Realm typed = keycloak.createRealm("typed", "chat");
        Realm.User user = typed.createUser("typed-user");

        // when
        typed.useRfc9068AccessTokens(true);
        Realm.Tokens on = typed.tokens(user);
        typed.useRfc9068AccessTokens(false);
        Realm.Tokens off = typed.tokens(user);

        // then
        assertEquals("at+jwt", Jws.header(on.accessToken()).path("typ").asText());
        assertEquals("JWT", Jws.header(on.idToken()).path("typ").asText());
        assertEquals("JWT", Jws.header(off.accessToken()).path("typ").asText());
    }

    @Test
    void keysWhenRotatedThenNewKeySignsAndOldStaysPublishedUntilDisabledOrRemoved() {
        // given
        Realm keys = keycloak.createRealm("keys", "chat");
        Realm.User user = keys.createUser("keys-user");
        String oldKid = keys.activeKeyId();

        // when / then: the new key signs, both are published
        String newKid = keys.rotateKeys();
        assertEquals(newKid, keys.activeKeyId());
        assertEquals(newKid, Jws.header(keys.accessToken(user)).path("kid").asText());
        assertTrue(publishedKids(keys).containsAll(List.of(oldKid, newKid)), () -> "published " + publishedKids(keys));

        // when / then: a passive key is still published
        keys.deactivateKey(oldKid);
        assertTrue(publishedKids(keys).contains(oldKid), () -> "published " + publishedKids(keys));

        // when / then: a disabled key is not, nor a removed one
        keys.disableKey(oldKid);
        assertFalse(publishedKids(keys).contains(oldKid), () -> "published " + publishedKids(keys));
        keys.removeKey(oldKid);
        assertFalse(publishedKids(keys).contains(oldKid), () -> "published " + publishedKids(keys));
        assertTrue(publishedKids(keys).contains(newKid), () -> "published " + publishedKids(keys));
    }

    private static List<String> publishedKids(Realm realm) {
        List<String> kids = new ArrayList<>();
        for (JsonNode key : keycloak.getJson(realm.jwksUri()).path("keys")) {
            kids.add(key.path("kid").asText());
        }
        return kids;
    }

    private static List<String> strings(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(value -> values.add(value.asText()));
        } else if (node.isTextual()) {
            values.add(node.asText());
        }
        return values;
    }
}
