package dev.ssotauth.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ssotauth.core.testing.CapturedLogs;

import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

/** An unexpected failure inside validation is "cannot decide", never a rejection. */
final class CannotDecideTest {

    /** A store that fails the way a broken custom store would, quoting its input. */
    static final class BrokenStore implements RevocationStore {
        @Override
        public void revoke(Revocation revocation) {
        }

        @Override
        public boolean isRevoked(UserContext user) {
            throw new IllegalStateException("store exploded on " + user.subject());
        }

        @Override
        public Subscription subscribe(Consumer<Revocation> listener) {
            return () -> { };
        }
    }

    @Test
    void authenticateWhenStoreThrowsUnexpectedlyThenUnavailableWithTheTypeOnly() {
        // given
        JwtAuthority authority = Fixtures.authority().revocationStore(new BrokenStore()).build();
        String token = authority.issue(TokenRequest.forSubject("alice-secret-name").build());

        CapturedLogs.clear();

        // when
        AuthUnavailableException e = assertThrows(AuthUnavailableException.class, () -> authority.authenticate(token));

        // then: not a rejection, and neither the exception's message nor the token is repeated
        assertEquals("token validation failed unexpectedly with java.lang.IllegalStateException", e.getMessage());
        assertNull(e.getCause());
        assertThrows(AuthUnavailableException.class, () -> authority.verify(token));
        String logged = CapturedLogs.text();
        assertFalse(logged.contains("alice-secret-name"), logged);
        assertFalse(logged.contains(token), logged);
        assertTrue(logged.contains("failed unexpectedly with java.lang.IllegalStateException"), logged);
    }
}
