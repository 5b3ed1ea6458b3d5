package dev.ssotauth.core;

import static dev.ssotauth.core.Fixtures.authority;
import static dev.ssotauth.core.Fixtures.claims;
import static dev.ssotauth.core.Fixtures.sign;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ssotauth.core.testing.CapturedLogs;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Where roles and scopes are, and which kinds of token are accepted (issue 13, points 3 and 4). */
final class ClaimMappingTest {

    private static final String HEADER = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
    private static final String KEYCLOAK_ROLES = ",\"realm_access\":{\"roles\":[\"admin\",\"user\"]},"
            + "\"resource_access\":{\"my.client\":{\"roles\":[\"editor\",\"user\"]}}";

    private static UserContext user(JwtAuthority authority, String header, String extra) {
        AuthResult result = authority.authenticate(sign(header, claims("alice", extra)));
        return assertInstanceOf(AuthResult.Authenticated.class, result, result::toString).user();
    }

    private static RejectionReason reason(JwtAuthority authority, String header, String extra) {
        return Fixtures.reason(authority, sign(header, claims("alice", extra)));
    }

    @Test
    void rolesWhenDefaultAndOneStringThenItsSpaceSeparatedValues() {
        assertEquals(Set.of("admin", "user"), user(authority().build(), HEADER, "\"roles\":\"admin user\"").roles());
    }

    @Test
    void rolesWhenConfiguredPathHasAnotherTypeThenNoRolesAndOneWarningNotARefusal() {
        JwtAuthority authority = authority().build();
        CapturedLogs.clear();

        assertEquals(Set.of(), user(authority, HEADER, "\"roles\":{\"a\":1}").roles());
        assertEquals(Set.of(), user(authority, HEADER, "\"roles\":[\"a\",2]").roles());

        assertEquals(1, CapturedLogs.lines().stream().filter(l -> l.contains("the roles claim path roles holds "
                + "neither")).count(), CapturedLogs.text());
    }

    @Test
    void rolesWhenDottedAndPointerPathsThenTheUnionInOrder() {
        JwtAuthority authority = authority().rolesClaim("realm_access.roles", "/resource_access/my.client/roles",
                "roles").build();
        assertEquals(List.of("admin", "user", "editor", "own"),
                List.copyOf(user(authority, HEADER, "\"roles\":[\"own\"]" + KEYCLOAK_ROLES).roles()));
        assertEquals(Set.of(), user(authority, HEADER, "\"x\":1").roles()); // no path present: no roles
    }

    @Test
    void rolesClaimWhenFromEnvironmentThenSameAsBuilderAndABadPathIsRefusedNamingTheVariable() {
        Map<String, String> env = Map.of("JWT_SECRET_KEY", new String(Fixtures.SECRET,
                java.nio.charset.StandardCharsets.UTF_8), "JWT_ISSUER", Fixtures.ISSUER, "JWT_AUDIENCE", Fixtures.AUDIENCE,
                "JWT_ROLES_CLAIM", "realm_access.roles, /resource_access/my.client/roles");
        JwtAuthority authority = JwtAuthority.builderFromEnvironment(env).clock(Fixtures.CLOCK).build();
        assertEquals(Set.of("admin", "user", "editor"), user(authority, HEADER, KEYCLOAK_ROLES.substring(1)).roles());

        assertEquals("JWT_ROLES_CLAIM (environment variable) has a claim path with an empty member name",
                assertThrows(AuthConfigurationException.class, () -> JwtAuthority.builderFromEnvironment(Map.of(
                        "JWT_ROLES_CLAIM", "realm_access..roles"))).getMessage());
        assertEquals("rolesClaim has a claim path with an empty member name",
                assertThrows(AuthConfigurationException.class, () -> authority().rolesClaim("a.")).getMessage());
    }

    @Test
    void scopesWhenScopeAndScpThenBothTogether() {
        UserContext user = user(authority().build(), HEADER, "\"scope\":\"openid chat:read\",\"scp\":[\"chat:write\"]");
        assertEquals(List.of("openid", "chat:read", "chat:write"), List.copyOf(user.scopes()));
        assertEquals(Set.of("a", "b"), user(authority().build(), HEADER, "\"scp\":\"a b\"").scopes());
        assertEquals(Set.of(), user(authority().build(), HEADER, "\"scope\":5").scopes());
    }

    @ParameterizedTest
    @ValueSource(strings = {"at+jwt", "application/at+jwt", "AT+JWT", "JWT", "application/jwt"})
    void headerTypeWhenJwtOrAccessTokenThenAcceptedByDefault(String typ) {
        assertEquals("alice", user(authority().build(), "{\"alg\":\"HS256\",\"typ\":\"" + typ + "\"}", "").subject());
    }

    @Test
    void requireTypeWhenAtJwtThenOnlyRfc9068AccessTokensPass() {
        JwtAuthority authority = authority().requireType("at+jwt").build();
        assertEquals("alice", user(authority, "{\"alg\":\"HS256\",\"typ\":\"at+jwt\"}", "").subject());
        assertEquals(RejectionReason.WRONG_TYPE, reason(authority, HEADER, ""));
        assertEquals(RejectionReason.WRONG_TYPE, reason(authority, "{\"alg\":\"HS256\"}", ""));
        AuthResult.Rejected rejected = assertInstanceOf(AuthResult.Rejected.class,
                authority.authenticate(sign(HEADER, claims("alice", ""))));
        assertEquals("token typ must be at+jwt (an RFC 9068 access token)", rejected.message());
        assertEquals("requireType must be at+jwt, the only type that can be required",
                assertThrows(AuthConfigurationException.class, () -> authority().requireType("JWT")).getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"typ\":\"ID\"", "\"typ\":\"Refresh\"", "\"typ\":\"id\"", "\"nonce\":\"n-0S6_WzA2Mj\""})
    void kindWhenIdOrRefreshTokenThenWrongTypeWhateverItsAudience(String claim) {
        assertEquals(RejectionReason.WRONG_TYPE, reason(authority().build(), HEADER, claim));
        assertEquals(RejectionReason.WRONG_TYPE, reason(authority().build(), "{\"alg\":\"HS256\",\"typ\":\"at+jwt\"}",
                claim));
    }

    @Test
    void kindWhenKeycloakAccessTokenTypBearerThenAccepted() {
        assertEquals("alice", user(authority().build(), HEADER, "\"typ\":\"Bearer\"").subject());
    }
}
