package dev.ssotauth.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ssotauth.core.AuthConfigurationException;
import dev.ssotauth.core.AuthResult;
import dev.ssotauth.core.JwtAuthority;
import dev.ssotauth.core.RejectionReason;
import dev.ssotauth.core.UserContext;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Set;

import org.junit.jupiter.api.Test;

final class TestTokensTest {

    private static final Clock FIXED = Clock.fixed(Instant.parse("2025-09-14T14:30:00Z"), ZoneOffset.UTC);

    private static RejectionReason reasonFor(TestTokens tokens, String token) {
        AuthResult result = tokens.authority().authenticate(token);
        if (!(result instanceof AuthResult.Rejected rejected)) {
            throw new AssertionError("token was accepted");
        }
        return rejected.reason();
    }

    @Test
    void validWhenRolesGivenThenAuthorityAcceptsWithRoles() {
        // given
        TestTokens tokens = TestTokens.create();

        // when
        UserContext user = tokens.authority().verify(tokens.valid("alice", "admin", "user"));

        // then
        assertEquals("alice", user.subject());
        assertEquals(Set.of("admin", "user"), user.roles());
    }

    @Test
    void badTokensWhenAuthenticatedThenEachRejectedForItsOwnReason() {
        // given
        TestTokens tokens = TestTokens.create(FIXED);

        // when / then
        assertEquals(RejectionReason.EXPIRED, reasonFor(tokens, tokens.expired("alice")));
        assertEquals(RejectionReason.NOT_YET_VALID, reasonFor(tokens, tokens.notYetValid("alice")));
        assertEquals(RejectionReason.ISSUED_IN_FUTURE, reasonFor(tokens, tokens.issuedInFuture("alice")));
        assertEquals(RejectionReason.WRONG_ISSUER, reasonFor(tokens, tokens.wrongIssuer("alice")));
        assertEquals(RejectionReason.WRONG_AUDIENCE, reasonFor(tokens, tokens.wrongAudience("alice")));
        assertEquals(RejectionReason.BAD_SIGNATURE, reasonFor(tokens, tokens.tamperedSignature("alice")));
        assertEquals(RejectionReason.UNSUPPORTED_ALGORITHM, reasonFor(tokens, tokens.algNone("alice")));
        assertEquals(RejectionReason.BAD_SIGNATURE, reasonFor(tokens, tokens.signedWithAnotherKey("alice")));
        assertEquals(RejectionReason.UNKNOWN_KEY, reasonFor(tokens, tokens.unknownKid("alice")));
        assertEquals(RejectionReason.TOO_LARGE, reasonFor(tokens, tokens.oversized("alice")));
        for (String claim : new String[] {"iss", "sub", "aud", "exp", "iat"}) {
            assertEquals(RejectionReason.MISSING_CLAIM, reasonFor(tokens, tokens.missingClaim(claim)), claim);
        }
    }

    @Test
    void craftedTokensWhenDecodedThenWrongInExactlyOneWay() {
        // given
        TestTokens tokens = TestTokens.create(FIXED);

        // when
        String none = tokens.algNone("alice");
        String kid = tokens.unknownKid("alice");
        String oversized = tokens.oversized("alice");
        String noSub = tokens.missingClaim("sub");

        // then
        assertEquals("{\"alg\":\"none\",\"typ\":\"JWT\"}", header(none));
        assertTrue(none.endsWith("."));
        assertEquals("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"ssot-testkit-unknown-key\"}", header(kid));
        assertTrue(oversized.length() > tokens.authority().maxTokenBytes());
        assertTrue(oversized.length() < tokens.authority().maxTokenBytes() + 100);
        assertFalse(payload(noSub).contains("\"sub\""));
        assertTrue(payload(tokens.expired("alice")).contains("\"exp\":" + (FIXED.instant().getEpochSecond() - 3600)));
    }

    @Test
    void environmentWhenReadByCoreThenSameKeyIssuerAndAudience() {
        // given
        TestTokens tokens = TestTokens.create();

        // when
        JwtAuthority fromEnvironment = JwtAuthority.fromEnvironment(tokens.environment());

        // then
        assertEquals(tokens.authority().fingerprint(), fromEnvironment.fingerprint());
        assertEquals(TestTokens.DEFAULT_ISSUER, fromEnvironment.issuer());
        assertEquals("alice", fromEnvironment.verify(tokens.valid("alice")).subject());
    }

    @Test
    void ofWhenSecretGivenThenAuthorityHasItsFingerprintAndToStringHidesIt() {
        // given
        byte[] secret = "tokens-secret-for-tests-0123456789abcdef0123".getBytes(StandardCharsets.UTF_8);

        // when
        TestTokens tokens = TestTokens.of(secret, "https://login.example", "chat", FIXED);

        // then
        assertEquals("66d938c35f7ce939", tokens.authority().fingerprint());
        assertEquals("TestTokens[issuer=https://login.example, audience=chat, fingerprint=66d938c35f7ce939]",
                tokens.toString());
        assertEquals(FIXED, tokens.authority().clock());
    }

    @Test
    void ofWhenSecretWeakThenCoreRefusesIt() {
        // given
        byte[] secret = "secret".getBytes(StandardCharsets.UTF_8);

        // when
        AuthConfigurationException refused = assertThrows(AuthConfigurationException.class,
                () -> TestTokens.of(secret, "https://login.example", "chat", FIXED));

        // then
        assertTrue(refused.getMessage().startsWith("hmacSecret is too short: 6 bytes"));
    }

    @Test
    void missingClaimWhenNotARequiredClaimThenIllegalArgument() {
        // given
        TestTokens tokens = TestTokens.create();

        // when
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
                () -> tokens.missingClaim("roles"));

        // then
        assertEquals("claim must be one of iss, sub, aud, exp, iat; got roles", wrong.getMessage());
    }

    private static String header(String token) {
        return new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))),
                StandardCharsets.UTF_8);
    }

    private static String payload(String token) {
        String[] parts = token.split("\\.");
        return new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
    }
}
