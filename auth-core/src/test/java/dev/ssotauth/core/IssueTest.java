package dev.ssotauth.core;

import static dev.ssotauth.core.Fixtures.AUDIENCE;
import static dev.ssotauth.core.Fixtures.ISSUER;
import static dev.ssotauth.core.Fixtures.NOW;
import static dev.ssotauth.core.Fixtures.NOW_SECONDS;
import static dev.ssotauth.core.Fixtures.authority;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What {@code issue} writes, and the {@link UserContext} read back from it. */
final class IssueTest {

    private final JwtAuthority authority = authority().build();

    private static String payloadOf(String token) {
        String payload = token.split("\\.")[1];
        return new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8);
    }

    @Test
    void issueWhenFullRequestThenEveryClaimIsWrittenInOrder() {
        // given
        TokenRequest request = TokenRequest.forSubject("alice").roles("user", "admin").sessionId("s-1")
                .claim("tenant", "acme").build();
        // when
        String token = authority.issue(request);
        // then
        String header = new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), StandardCharsets.UTF_8);
        assertEquals("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", header);
        String payload = payloadOf(token);
        String jti = payload.replaceAll(".*\"jti\":\"([^\"]+)\".*", "$1");
        assertEquals("{\"iss\":\"https://login.example\",\"sub\":\"alice\",\"aud\":\"chat\",\"iat\":" + NOW_SECONDS
                + ",\"exp\":" + (NOW_SECONDS + 900) + ",\"jti\":\"" + jti + "\",\"roles\":[\"user\",\"admin\"],"
                + "\"sid\":\"s-1\",\"tenant\":\"acme\"}", payload);
        assertEquals(16, Base64.getUrlDecoder().decode(jti).length, "jti carries 128 random bits");
    }

    @Test
    void issueThenVerifyWhenSameAuthorityThenUserContextCarriesEveryClaim() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("plan", "pro");
        nested.put("seats", 5);
        String token = authority.issue(TokenRequest.forSubject("alice").roles("user", "admin").sessionId("s-1")
                .claim("org", nested).claim("ratio", 0.5).claim("flags", List.of(true, false)).build());

        UserContext user = authority.verify(token);

        assertEquals("alice", user.subject());
        assertEquals(Set.of("user", "admin"), user.roles());
        assertEquals(List.of("user", "admin"), List.copyOf(user.roles()), "roles keep token order");
        assertTrue(user.hasRole("admin"));
        assertFalse(user.hasRole("Admin"));
        assertFalse(user.hasRole(null));
        assertEquals(Optional.of("s-1"), user.sessionId());
        assertTrue(user.tokenId().isPresent());
        assertEquals(ISSUER, user.issuer());
        assertEquals(Set.of(AUDIENCE), user.audience());
        assertEquals(NOW, user.issuedAt());
        assertEquals(NOW.plus(Duration.ofMinutes(15)), user.expiresAt());
        assertEquals(Optional.empty(), user.notBefore());
        assertEquals(Map.of("org", Map.of("plan", "pro", "seats", 5L), "ratio", new BigDecimal("0.5"),
                "flags", List.of(true, false)), user.claims());
    }

    @Test
    void userContextWhenObtainedThenItAndItsCollectionsAreUnmodifiable() {
        UserContext user = authority.verify(authority.issue(TokenRequest.forSubject("alice").roles("user")
                .claim("org", Map.of("plan", "pro")).claim("list", List.of("a")).build()));
        assertThrows(UnsupportedOperationException.class, () -> user.roles().add("admin"));
        assertThrows(UnsupportedOperationException.class, () -> user.audience().add("x"));
        assertThrows(UnsupportedOperationException.class, () -> user.claims().put("x", "y"));
        @SuppressWarnings("unchecked")
        Map<String, Object> org = (Map<String, Object>) user.claims().get("org");
        assertThrows(UnsupportedOperationException.class, () -> org.put("plan", "free"));
        @SuppressWarnings("unchecked")
        List<Object> list = (List<Object>) user.claims().get("list");
        assertThrows(UnsupportedOperationException.class, () -> list.add("b"));
    }

    @Test
    void issueWhenRequestHasTtlThenExpiryFollowsIt() {
        String token = authority.issue(TokenRequest.forSubject("alice").ttl(Duration.ofSeconds(90)).build());
        assertEquals(NOW.plusSeconds(90), authority.verify(token).expiresAt());
        String rounded = authority.issue(TokenRequest.forSubject("alice").ttl(Duration.ofMillis(1500)).build());
        assertEquals(NOW.plusSeconds(2), authority.verify(rounded).expiresAt());
    }

    @Test
    void issueWhenTtlExceedsMaximumLifetimeThenIllegalArgument() {
        TokenRequest request = TokenRequest.forSubject("alice").ttl(Duration.ofHours(25)).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> authority.issue(request));
        assertEquals("ttl PT25H exceeds the maximum token lifetime PT24H", e.getMessage());
    }

    @Test
    void issueWhenCalledTwiceThenTokenIdsDiffer() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            ids.add(authority.verify(authority.issue(TokenRequest.forSubject("alice").build())).tokenId().orElseThrow());
        }
        assertEquals(1000, ids.size());
    }

    @Test
    void issueWhenSubjectNeedsEscapingThenRoundTrips() {
        String subject = "quote\" backslash\\ newline\n unicode é 😀 control\u0001";
        assertEquals(subject, authority.verify(authority.issue(TokenRequest.forSubject(subject).build())).subject());
    }

    @ParameterizedTest
    @ValueSource(strings = {"iss", "sub", "aud", "exp", "nbf", "iat", "jti", "roles", "sid"})
    void claimWhenNameIsReservedThenIllegalArgument(String name) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TokenRequest.forSubject("alice").claim(name, "x"));
        assertEquals("claim '" + name + "' is set by the authority and cannot be given through claim()", e.getMessage());
    }

    @Test
    void tokenRequestBuilderWhenMisusedThenFailsAtOnce() {
        assertThrows(NullPointerException.class, () -> TokenRequest.forSubject(null));
        assertThrows(IllegalArgumentException.class, () -> TokenRequest.forSubject(" "));
        assertThrows(IllegalArgumentException.class, () -> TokenRequest.forSubject("x".repeat(1025)));
        assertThrows(IllegalStateException.class, () -> TokenRequest.forSubject("a").roles("x").roles("y"));
        assertThrows(IllegalArgumentException.class, () -> TokenRequest.forSubject("a").roles(""));
        assertThrows(IllegalStateException.class, () -> TokenRequest.forSubject("a").sessionId("1").sessionId("2"));
        assertThrows(IllegalStateException.class, () -> TokenRequest.forSubject("a").claim("x", 1).claim("x", 2));
        assertThrows(IllegalArgumentException.class, () -> TokenRequest.forSubject("a").claim("x", new Object()));
        assertThrows(IllegalArgumentException.class, () -> TokenRequest.forSubject("a").claim("x", Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> TokenRequest.forSubject("a").claim("nonce", "n"));
        assertThrows(IllegalArgumentException.class, () -> TokenRequest.forSubject("a").claim("typ", "id"));
        assertThrows(IllegalArgumentException.class, () -> TokenRequest.forSubject("a").claim("typ", "Refresh"));
        assertThrows(IllegalArgumentException.class, () -> TokenRequest.forSubject("a").ttl(Duration.ofMillis(10)));
        assertThrows(IllegalStateException.class,
                () -> TokenRequest.forSubject("a").ttl(Duration.ofMinutes(1)).ttl(Duration.ofMinutes(2)));
    }

    @Test
    void claimWhenValueIsMutableCollectionThenRequestKeepsACopy() {
        List<String> values = new java.util.ArrayList<>(List.of("a"));
        TokenRequest request = TokenRequest.forSubject("alice").claim("list", values).build();
        values.add("b");
        assertEquals(List.of("a"), request.claims().get("list"));
    }

    @Test
    void issueWhenTwoAuthoritiesShareTheSecretThenEachAcceptsTheOthersTokens() {
        JwtAuthority login = authority().build();
        JwtAuthority chat = authority().build();
        assertEquals(login.fingerprint(), chat.fingerprint());
        assertEquals("bob", chat.verify(login.issue(TokenRequest.forSubject("bob").build())).subject());
        JwtAuthority other = JwtAuthority.builder().hmacSecret(Fixtures.OTHER_SECRET).issuer(ISSUER).audience(AUDIENCE)
                .clock(Fixtures.CLOCK).build();
        assertNotEquals(login.fingerprint(), other.fingerprint());
        TokenRejectedException e = assertThrows(TokenRejectedException.class,
                () -> other.verify(login.issue(TokenRequest.forSubject("bob").build())));
        assertEquals(RejectionReason.BAD_SIGNATURE, e.reason());
        assertEquals("token signature is invalid", e.getMessage());
    }

    @Test
    void orElseThrowWhenAuthenticatedThenTheUserAndWhenRejectedThenTheReasonAsAnException() {
        JwtAuthority login = JwtAuthority.builder().hmacSecret(Fixtures.SECRET).issuer(ISSUER).audience(AUDIENCE)
                .clock(Fixtures.CLOCK).build();
        String token = login.issue(TokenRequest.forSubject("bob").build());
        assertEquals("bob", login.authenticate(token).orElseThrow().subject());
        TokenRejectedException e = assertThrows(TokenRejectedException.class,
                () -> login.authenticate(token + "x").orElseThrow());
        assertEquals(RejectionReason.BAD_SIGNATURE, e.reason());
    }
}
