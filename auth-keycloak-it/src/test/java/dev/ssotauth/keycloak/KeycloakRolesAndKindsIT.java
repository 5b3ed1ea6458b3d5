package dev.ssotauth.keycloak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ssotauth.core.AuthResult;
import dev.ssotauth.core.JwtAuthority;
import dev.ssotauth.core.RejectionReason;
import dev.ssotauth.core.UserContext;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 13, points 3 and 4, with a real Keycloak's tokens: realm and client roles read from where
 * Keycloak puts them, scopes, an ID token refused whatever its audience, and RFC 9068 access tokens
 * accepted (and required when configured).
 */
@ExtendWith(KeycloakExtension.class)
final class KeycloakRolesAndKindsIT {

    private static JwtAuthority.Builder verifierOf(Realm realm, String audience) {
        return JwtAuthority.builder().jwksUri(realm.jwksUri()).issuer(realm.issuer()).audience(audience)
                .algorithms("RS256");
    }

    private static UserContext accepted(AuthResult result) {
        return assertInstanceOf(AuthResult.Authenticated.class, result, result::toString).user();
    }

    private static void refused(RejectionReason reason, AuthResult result) {
        AuthResult.Rejected rejected = assertInstanceOf(AuthResult.Rejected.class, result, result::toString);
        assertEquals(reason, rejected.reason(), rejected::message);
        System.out.printf("refused: %s (%s)%n", rejected.reason(), rejected.message());
    }

    @Test
    void rolesWhenRealmAndClientRolePathsThenTheirUnionAndScopesFromScope(Keycloak keycloak) {
        // given: realm roles and a client role, where Keycloak writes them
        Realm realm = keycloak.createRealm("roles", "chat");
        Realm.User carol = realm.createUser("carol", "chat", "admin");
        realm.assignClientRoles(carol, "editor");
        String token = realm.accessToken(carol);

        // when
        try (JwtAuthority authority = verifierOf(realm, realm.audience())
                .rolesClaim("realm_access.roles", "/resource_access/" + realm.clientId() + "/roles").build()) {
            UserContext user = accepted(authority.authenticate(token));

            // then
            assertTrue(user.roles().containsAll(Set.of("chat", "admin", "editor")), () -> "roles " + user.roles());
            assertTrue(user.scopes().contains("openid"), () -> "scopes " + user.scopes());
        }
        // and with the default path, Keycloak's token has no roles claim: no roles, not a refusal
        try (JwtAuthority authority = verifierOf(realm, realm.audience()).build()) {
            assertEquals(Set.of(), accepted(authority.authenticate(token)).roles());
        }
    }

    @Test
    void idTokenWhenAudienceIsTheClientIdThenWrongTypeNotAccepted(Keycloak keycloak) {
        // given: an ID token, whose aud is the client id; a verifier that accepts that audience
        Realm realm = keycloak.createRealm("kinds", "chat");
        Realm.Tokens tokens = realm.tokens(realm.createUser("dave", "chat"));
        try (JwtAuthority authority = verifierOf(realm, realm.clientId()).additionalAudiences(realm.audience())
                .build()) {
            // then: the access token passes, the ID token is refused for what it is
            accepted(authority.authenticate(tokens.accessToken()));
            refused(RejectionReason.WRONG_TYPE, authority.authenticate(tokens.idToken()));
        }
    }

    @Test
    void accessTokenWhenRfc9068ThenAcceptedAndRequiredTypeRefusesPlainJwt(Keycloak keycloak) {
        // given: a plain access token, then the client switched to RFC 9068 access tokens
        Realm realm = keycloak.createRealm("rfc9068", "chat");
        Realm.User erin = realm.createUser("erin", "chat");
        String plain = realm.accessToken(erin);
        realm.useRfc9068AccessTokens(true);
        String typed = realm.accessToken(erin);
        assertEquals("at+jwt", Jws.header(typed).path("typ").asText());

        // then: both pass by default; with requireType("at+jwt") only the typed one
        try (JwtAuthority lenient = verifierOf(realm, realm.audience()).build();
                JwtAuthority strict = verifierOf(realm, realm.audience()).requireType("at+jwt").build()) {
            accepted(lenient.authenticate(plain));
            accepted(lenient.authenticate(typed));
            accepted(strict.authenticate(typed));
            refused(RejectionReason.WRONG_TYPE, strict.authenticate(plain));
        }
    }
}
