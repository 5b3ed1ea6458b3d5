package dev.ssotauth.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

final class AuthContextTest {

    private static final JwtAuthority AUTHORITY = JwtAuthority.builder()
            .hmacSecret("auth-context-test-secret-0123456789abcdef".getBytes(StandardCharsets.UTF_8))
            .issuer("https://login.test")
            .audience("test")
            .build();

    private static UserContext user(String subject) {
        return AUTHORITY.verify(AUTHORITY.issue(TokenRequest.forSubject(subject).build()));
    }

    @Test
    void currentWhenOutsideRunAsThenEmpty() {
        // given / when
        Optional<UserContext> current = AuthContext.current();

        // then
        assertTrue(current.isEmpty());
    }

    @Test
    void runAsWhenNestedThenInnerUserVisibleAndOuterRestored() {
        // given
        UserContext alice = user("alice");
        UserContext bob = user("bob");
        AtomicReference<String> inner = new AtomicReference<>();
        AtomicReference<String> afterInner = new AtomicReference<>();

        // when
        AuthContext.runAs(alice, () -> {
            AuthContext.runAs(bob, () -> inner.set(AuthContext.current().orElseThrow().subject()));
            afterInner.set(AuthContext.current().orElseThrow().subject());
        });

        // then
        assertEquals("bob", inner.get());
        assertEquals("alice", afterInner.get());
        assertTrue(AuthContext.current().isEmpty());
    }

    @Test
    void callAsWhenActionThrowsThenContextRestoredAndExceptionPropagated() {
        // given
        UserContext alice = user("alice");

        // when
        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> AuthContext.callAs(alice, () -> {
                    throw new IllegalStateException("boom");
                }));

        // then
        assertEquals("boom", thrown.getMessage());
        assertTrue(AuthContext.current().isEmpty());
    }

    @Test
    void callAsWhenOtherThreadLooksThenItSeesNoUser() throws Exception {
        // given
        UserContext alice = user("alice");

        // when
        Optional<UserContext> seenElsewhere = AuthContext.callAs(alice,
                () -> CompletableFuture.supplyAsync(AuthContext::current).get());

        // then
        assertTrue(seenElsewhere.isEmpty());
    }
}
