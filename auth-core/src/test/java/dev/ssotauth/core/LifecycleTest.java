package dev.ssotauth.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Closing an authority releases what it runs; what is left decides safely. */
final class LifecycleTest {

    private static List<Thread> liveThreads(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith(prefix) && t.isAlive()).toList();
    }

    @Test
    void closeWhenRemoteKeySetWasFetchedThenNoSsotAuthThreadIsLeft(@TempDir Path dir) throws Exception {
        // given: an authority that fetched a remote key set, with a background refresh on every use
        TestKeys.TestKey key = TestKeys.generate("ES256", "k1");
        JwtAuthority signer = JwtAuthority.builder().signingKeys(TestKeys.write(dir, "signing.json",
                TestKeys.set(key.privateJwk))).issuer(Fixtures.ISSUER).audience(Fixtures.AUDIENCE).build();
        String token = signer.issue(TokenRequest.forSubject("alice").build());
        MutableClock clock = new MutableClock(Instant.now());
        try (JwksServer server = new JwksServer()) {
            server.publish(signer.publicJwks());
            JwtAuthority authority = JwtAuthority.builder().jwksUri(server.uri()).issuer(Fixtures.ISSUER)
                    .audience(Fixtures.AUDIENCE).clock(clock).jwksMinRefreshInterval(Duration.ZERO).build();
            assertEquals("alice", authority.verify(token).subject());
            clock.advance(Duration.ofMinutes(4).plusSeconds(45)); // inside the refresh-ahead window
            assertEquals("alice", authority.verify(token).subject());
            waitUntil(() -> server.requests() == 2); // the background refresh ran on an ssot-auth thread

            // when
            authority.close();

            // then
            waitUntil(() -> liveThreads("ssot-auth").isEmpty());
            assertEquals(List.of(), liveThreads("ssot-auth"));
            // and what was cached keeps serving, with no fetch, until it may not
            assertEquals("alice", authority.verify(token).subject());
            clock.advance(Duration.ofHours(2));
            AuthUnavailableException e = assertThrows(AuthUnavailableException.class, () -> authority.verify(token));
            assertTrue(e.getMessage().contains("the authority is closed"), e.getMessage());
            assertEquals(2, server.requests());
            authority.close(); // idempotent
        }
    }

    @Test
    void closeWhenSubscriptionsWereHandedOutThenTheyStopAndNoNewOneIsTaken() {
        // given
        JwtAuthority authority = Fixtures.authority().build();
        List<Revocation> seen = new CopyOnWriteArrayList<>();
        authority.onRevocation(seen::add);
        authority.revokeSession("s1");
        assertEquals(1, seen.size());

        // when
        authority.close();

        // then: a revocation after close reaches nobody, and the fixed keys keep working
        authority.revokeSession("s2");
        assertEquals(1, seen.size());
        assertThrows(IllegalStateException.class, () -> authority.onRevocation(seen::add));
        String token = authority.issue(TokenRequest.forSubject("bob").build());
        assertEquals("bob", authority.verify(token).subject());
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }
}
