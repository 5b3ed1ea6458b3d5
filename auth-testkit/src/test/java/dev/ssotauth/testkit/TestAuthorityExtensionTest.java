package dev.ssotauth.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ssotauth.core.AuthContext;
import dev.ssotauth.core.JwtAuthority;
import dev.ssotauth.core.RejectionReason;
import dev.ssotauth.core.UserContext;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@TestAuthority(issuer = "https://login.example", audience = "chat", fixedInstant = "2025-09-14T14:30:00Z")
final class TestAuthorityExtensionTest {

    private TestTokens tokensSeenBeforeEach;

    @BeforeEach
    void rememberTokens(TestTokens tokens) {
        tokensSeenBeforeEach = tokens;
    }

    @AfterEach
    void contextIsEmptyOutsideTheTestBody() {
        assertTrue(AuthContext.current().isEmpty());
    }

    @Test
    void parametersWhenAnnotatedClassThenAuthorityWithSettingsAndMatchingTokens(TestTokens tokens,
            JwtAuthority authority) {
        // given / when
        UserContext user = authority.verify(tokens.valid("alice"));

        // then
        assertSame(tokens.authority(), authority);
        assertSame(tokensSeenBeforeEach, tokens);
        assertEquals("https://login.example", authority.issuer());
        assertEquals(List.of("chat"), authority.audiences());
        assertEquals(Instant.parse("2025-09-14T14:30:00Z"), authority.clock().instant());
        assertEquals("alice", user.subject());
        assertEquals(RejectionReason.EXPIRED,
                ((dev.ssotauth.core.AuthResult.Rejected) authority.authenticate(tokens.expired("alice"))).reason());
    }

    @Test
    void parametersWhenNotRunAsUserThenNoCurrentUser(JwtAuthority authority) {
        // given / when / then
        assertTrue(AuthContext.current().isEmpty());
        assertTrue(authority.fingerprint().length() == 16);
    }

    @Test
    @RunAsUser(subject = "alice", roles = {"admin", "user"})
    void runAsUserWhenTestRunsThenAuthContextHoldsTheVerifiedUser(UserContext alice, JwtAuthority authority) {
        // given / when
        UserContext current = AuthContext.current().orElseThrow();

        // then
        assertSame(alice, current);
        assertEquals("alice", current.subject());
        assertEquals(Set.of("admin", "user"), current.roles());
        assertEquals(authority.issuer(), current.issuer());
    }

    @ParameterizedTest
    @ValueSource(strings = {"first", "second"})
    @RunAsUser(subject = "bob")
    void runAsUserWhenParameterizedThenEachInvocationRunsAsUser(String label) {
        // given / when
        String subject = AuthContext.current().orElseThrow().subject();

        // then
        assertEquals("bob", subject);
    }

    @Test
    @TestAuthority(issuer = "https://method.example", audience = "api")
    void settingsWhenMethodAnnotatedThenMethodWins(JwtAuthority authority) {
        // given / when / then
        assertEquals("https://method.example", authority.issuer());
        assertTrue(authority.clock().instant().isAfter(Instant.parse("2025-09-14T14:30:00Z")));
    }

    @Nested
    @RunAsUser(subject = "carol")
    final class NestedTests {

        @Test
        void runAsUserWhenOnNestedClassThenAppliesAndOuterSettingsHold(JwtAuthority authority, UserContext carol) {
            // given / when / then
            assertEquals("carol", AuthContext.current().orElseThrow().subject());
            assertSame(carol, AuthContext.current().orElseThrow());
            assertEquals("https://login.example", authority.issuer());
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    final class FreshPerTest {

        private final List<String> fingerprints = new ArrayList<>();

        @Test
        void firstTest(JwtAuthority authority) {
            fingerprints.add(authority.fingerprint());
        }

        @Test
        void secondTest(JwtAuthority authority) {
            fingerprints.add(authority.fingerprint());
        }

        @AfterAll
        void eachTestGotItsOwnSecret() {
            assertEquals(2, fingerprints.size());
            assertNotEquals(fingerprints.get(0), fingerprints.get(1));
        }
    }
}
