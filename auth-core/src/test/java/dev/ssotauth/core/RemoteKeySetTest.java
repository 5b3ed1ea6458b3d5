package dev.ssotauth.core;

import static dev.ssotauth.core.Fixtures.AUDIENCE;
import static dev.ssotauth.core.Fixtures.ISSUER;
import static dev.ssotauth.core.Fixtures.b64;
import static dev.ssotauth.core.Fixtures.reason;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Node A signs and publishes its JWK Set on a real loopback HTTP server; node B verifies through the
 * URI. Time is moved by hand, so cache expiry and outage windows are exact.
 */
final class RemoteKeySetTest {

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Fixtures.NOW);
    private final JwksServer server = new JwksServer();

    @AfterEach
    void stop() {
        server.close();
    }

    private JwtAuthority signer(TestKeys.TestKey... keys) {
        List<Map<String, String>> jwks = new java.util.ArrayList<>();
        for (TestKeys.TestKey key : keys) {
            jwks.add(key.privateJwk);
        }
        Path file = TestKeys.write(dir, "signing-" + System.nanoTime() + ".json", TestKeys.set(jwks));
        return JwtAuthority.builder().signingKeys(file).algorithms("ES256").issuer(ISSUER).audience(AUDIENCE)
                .clock(clock).tokenTtl(Duration.ofHours(20)).build();
    }

    private JwtAuthority.Builder nodeB() {
        return JwtAuthority.builder().jwksUri(server.uri()).algorithms("ES256").issuer(ISSUER).audience(AUDIENCE)
                .clock(clock).jwksTimeout(Duration.ofSeconds(1));
    }

    private static String token(JwtAuthority authority, String subject) {
        return authority.issue(TokenRequest.forSubject(subject).build());
    }

    @Test
    void authenticateWhenNodeBFetchesTheSetNodeAPublishesThenTokensVerifyWithOneFetch() {
        JwtAuthority a = signer(TestKeys.generate("ES256", "k1"));
        server.publish(a.publicJwks());
        JwtAuthority b = nodeB().build();
        assertEquals(0, server.requests(), "nothing is fetched before it is needed");

        for (int i = 0; i < 100; i++) {
            assertEquals("user-" + i, b.verify(token(a, "user-" + i)).subject());
        }

        assertEquals(1, server.requests());
        assertEquals(a.fingerprint(), b.fingerprint());
        assertEquals(a.publicJwks(), b.publicJwks());
    }

    @Test
    void authenticateWhenATokenWithAnUnknownKidHasACharacterOutsideTheAlphabetThenMalformedWithoutAFetch() {
        // given node B has fetched the set once; a token of another key, whose kid B does not know,
        // gets a character outside the alphabet in its payload or its signature
        JwtAuthority a = signer(TestKeys.generate("ES256", "k1"));
        server.publish(a.publicJwks());
        JwtAuthority b = nodeB().build();
        b.verify(token(a, "alice"));
        String other = token(signer(TestKeys.generate("ES256", "unknown")), "mallory");
        clock.advance(Duration.ofSeconds(30).plusSeconds(1)); // an unknown kid may fetch
        int payload = other.indexOf('.') + 3;
        for (String bad : List.of(other.substring(0, payload) + "$" + other.substring(payload + 1), other + "=")) {
            // when
            AuthResult.Rejected rejected = (AuthResult.Rejected) b.authenticate(bad);
            // then: refused for its characters before any key is looked for
            assertEquals(RejectionReason.MALFORMED, rejected.reason());
            assertEquals("token contains a character outside unpadded base64url", rejected.message());
        }
        assertEquals(1, server.requests(), "no fetch for the unknown kid");
        assertEquals(RejectionReason.UNKNOWN_KEY, reason(b, other));
        assertEquals(2, server.requests(), "the same token without the character does look the kid up");
    }

    @Test
    void authenticateWhenKeysRotateThenNodeBFollowsWithoutRestart() {
        TestKeys.TestKey k1 = TestKeys.generate("ES256", "k1");
        TestKeys.TestKey k2 = TestKeys.generate("ES256", "k2");
        JwtAuthority a1 = signer(k1);
        server.publish(a1.publicJwks());
        JwtAuthority b = nodeB().jwksMinRefreshInterval(Duration.ofSeconds(10)).build();
        String t1 = token(a1, "alice");
        assertNull(reason(b, t1));

        // add key 2, sign with it; key-1 tokens stay valid
        JwtAuthority a2 = signer(k2, k1);
        server.publish(a2.publicJwks());
        clock.advance(Duration.ofSeconds(11));
        String t2 = token(a2, "bob");
        assertNull(reason(b, t2), "an unknown kid triggers one refresh");
        assertNull(reason(b, t1));
        assertEquals(2, server.requests());

        // remove key 1: once the cached set expires, its tokens are UNKNOWN_KEY
        JwtAuthority a3 = signer(k2);
        server.publish(a3.publicJwks());
        clock.advance(Duration.ofMinutes(5));
        assertEquals(RejectionReason.UNKNOWN_KEY, reason(b, t1));
        assertNull(reason(b, t2));
        assertEquals(3, server.requests());
    }

    @Test
    void authenticateWhenSourceIsDownThenCachedKeysServeForTheToleranceThenUnavailable() {
        JwtAuthority a = signer(TestKeys.generate("ES256", "k1"));
        server.publish(a.publicJwks());
        JwtAuthority b = nodeB().jwksCacheTtl(Duration.ofMinutes(5)).jwksOutageTolerance(Duration.ofMinutes(30))
                .jwksMinRefreshInterval(Duration.ofSeconds(30)).build();
        String t = token(a, "alice");
        assertNull(reason(b, t));

        server.mode(JwksServer.Mode.UNAVAILABLE);
        clock.advance(Duration.ofMinutes(6));
        assertNull(reason(b, t), "past the cache TTL but within the outage tolerance");
        clock.advance(Duration.ofMinutes(28));
        assertNull(reason(b, t), "still within 5 + 30 minutes");
        clock.advance(Duration.ofMinutes(2));
        AuthUnavailableException e = assertThrows(AuthUnavailableException.class, () -> b.authenticate(t));
        assertEquals("the JWK Set at " + server.uri() + " cannot be fetched (HTTP 503) and no usable copy is cached",
                e.getMessage());

        server.mode(JwksServer.Mode.SERVE);
        clock.advance(Duration.ofSeconds(31));
        assertNull(reason(b, t), "recovers without a restart");
    }

    @Test
    void authenticateWhenNothingCachedAndSourceDownThenUnavailableWithoutHammeringTheSource() {
        server.mode(JwksServer.Mode.UNAVAILABLE);
        JwtAuthority b = nodeB().build();
        String t = token(signer(TestKeys.generate("ES256", "k1")), "alice");
        for (int i = 0; i < 50; i++) {
            assertThrows(AuthUnavailableException.class, () -> b.authenticate(t));
        }
        assertEquals(1, server.requests(), "one attempt per minimum refresh interval");
    }

    /** A token with a made-up kid and a zero signature, issued at {@code iat}. */
    private static String forged(Random random, long iat) {
        String kid = Long.toHexString(random.nextLong());
        String claims = "{\"iss\":\"" + ISSUER + "\",\"sub\":\"mallory\",\"aud\":\"" + AUDIENCE + "\",\"iat\":" + iat
                + ",\"exp\":" + (iat + 7200) + "}";
        return b64("{\"alg\":\"ES256\",\"kid\":\"" + kid + "\"}") + "." + b64(claims) + "." + b64(new byte[64]);
    }

    @Test
    void authenticateWhenTenThousandTokensNameRandomKidsInTenSecondsThenAtMostElevenFetches() {
        // given a set fetched once, and 10,000 tokens with made-up kids, one per millisecond of 10 s
        JwtAuthority a = signer(TestKeys.generate("ES256", "k1"));
        server.publish(a.publicJwks());
        JwtAuthority b = nodeB().build();
        assertNull(reason(b, token(a, "alice")));
        Random random = new Random(42);
        long old = Fixtures.NOW_SECONDS - 3600;
        int unknown = 0;
        int undecided = 0;
        for (int i = 0; i < 10_000; i++) {
            clock.advance(Duration.ofMillis(1));
            // half were issued an hour ago, half in the current second
            long iat = i % 2 == 0 ? old : clock.instant().getEpochSecond();
            try {
                RejectionReason reason = reason(b, forged(random, iat));
                assertEquals(RejectionReason.UNKNOWN_KEY, reason);
                unknown++;
            } catch (AuthUnavailableException e) {
                assertTrue(iat != old, "a token older than the last fetch is UNKNOWN_KEY, never undecided");
                undecided++;
            }
        }
        // then one fetch per second of the minimum refresh interval, plus the first
        assertEquals(11, server.requests(), "fetches");
        assertEquals(10_000, unknown + undecided);
        assertTrue(unknown >= 5_000, "unknown: " + unknown);
    }

    @Test
    void authenticateWhenTokensWithUnknownKidsArriveConcurrentlyThenFetchesStayBelowOnePerSecond() throws Exception {
        // given the real clock and four threads sending made-up kids, 1,000 a second for 10 s
        server.publish(signer(TestKeys.generate("ES256", "k1")).publicJwks());
        JwtAuthority b = JwtAuthority.builder().jwksUri(server.uri()).algorithms("ES256").issuer(ISSUER)
                .audience(AUDIENCE).jwksTimeout(Duration.ofSeconds(5)).build();
        long started = System.nanoTime();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        java.util.concurrent.atomic.AtomicInteger accepted = new java.util.concurrent.atomic.AtomicInteger();
        try {
            List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
            for (int t = 0; t < 4; t++) {
                Random random = new Random(t);
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 2_500; i++) {
                        long due = started + i * 4_000_000L;
                        while (System.nanoTime() < due) {
                            java.util.concurrent.locks.LockSupport.parkNanos(due - System.nanoTime());
                        }
                        try {
                            if (b.authenticate(forged(random, Instant.now().getEpochSecond()))
                                    instanceof AuthResult.Authenticated) {
                                accepted.incrementAndGet();
                            }
                        } catch (AuthUnavailableException expected) {
                            // the key might be newer than the last fetch
                        }
                    }
                }));
            }
            for (java.util.concurrent.Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
            b.close();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        // then: whatever the machine's speed, at most one fetch per started second, plus the first
        System.out.printf("kid flood: 10000 tokens on 4 threads over %.2f s, %d fetches%n", seconds, server.requests());
        assertEquals(0, accepted.get());
        assertTrue(server.requests() <= 2 + (int) Math.ceil(seconds), "fetches: " + server.requests() + " in "
                + seconds + " s");
    }

    @Test
    void authenticateWhenTheIdpRotatesRightAfterARoutineFetchThenTheNewKeyIsAcceptedWithinTwoSeconds() {
        // given node B fetched the set a moment ago
        TestKeys.TestKey k1 = TestKeys.generate("ES256", "k1");
        TestKeys.TestKey k2 = TestKeys.generate("ES256", "k2");
        server.publish(signer(k1).publicJwks());
        JwtAuthority b = nodeB().build();
        assertNull(reason(b, token(signer(k1), "alice")));
        // when the IdP publishes k2 and signs with it at once
        clock.advance(Duration.ofMillis(100));
        JwtAuthority rotated = signer(k2, k1);
        server.publish(rotated.publicJwks());
        clock.advance(Duration.ofMillis(100));
        String t2 = token(rotated, "bob");
        // then, while the fetch is rate-limited, the authority cannot decide (503), never 401
        AuthUnavailableException wait = assertThrows(AuthUnavailableException.class, () -> b.authenticate(t2));
        assertEquals("the token names a key that the key set fetched last does not hold, and it may have been "
                + "published since; a fetch is allowed again shortly", wait.getMessage());
        assertEquals(1, server.requests());
        // and once the interval (1 s by default) has passed, it is accepted: 1 s after publication
        clock.advance(Duration.ofMillis(800));
        assertEquals("bob", b.verify(t2).subject());
        assertEquals(2, server.requests());
    }

    @Test
    void authenticateWhenManyThreadsMeetANewKidAtOnceThenOneFetchServesThemAll() throws Exception {
        TestKeys.TestKey k1 = TestKeys.generate("ES256", "k1");
        server.publish(signer(k1).publicJwks());
        JwtAuthority b = nodeB().build();
        assertNull(reason(b, token(signer(k1), "alice")));
        JwtAuthority rotated = signer(TestKeys.generate("ES256", "k2"), k1);
        String t2 = token(rotated, "bob");
        server.publish(rotated.publicJwks());
        clock.advance(Duration.ofSeconds(2));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<String>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                answers.add(pool.submit(() -> {
                    go.await();
                    return b.verify(t2).subject();
                }));
            }
            go.countDown();
            for (java.util.concurrent.Future<String> answer : answers) {
                assertEquals("bob", answer.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(2, server.requests(), "one fetch for the eight");
    }

    @Test
    void authenticateWhenTheLastFetchFailedAndTheTokenIsNewerThanTheCachedSetThenUndecidedNotUnknown() {
        TestKeys.TestKey k1 = TestKeys.generate("ES256", "k1");
        server.publish(signer(k1).publicJwks());
        JwtAuthority b = nodeB().build();
        String older = token(signer(TestKeys.generate("ES256", "gone")), "old");
        clock.advance(Duration.ofSeconds(2));
        assertNull(reason(b, token(signer(k1), "alice"))); // the fetch: 2 s after the older token
        server.mode(JwksServer.Mode.UNAVAILABLE);
        clock.advance(Duration.ofSeconds(5));
        String newer = token(signer(TestKeys.generate("ES256", "k2")), "bob");
        assertThrows(AuthUnavailableException.class, () -> b.authenticate(newer),
                "the source is down: the new kid may be real");
        assertEquals(RejectionReason.UNKNOWN_KEY, reason(b, older), "issued before the set was fetched");
    }

    @Test
    void authenticateWhenSourceAnswersGarbageHugeOrNeverThenEachFetchFailsSafely() {
        String t = token(signer(TestKeys.generate("ES256", "k1")), "alice");
        for (JwksServer.Mode mode : List.of(JwksServer.Mode.GARBAGE, JwksServer.Mode.HUGE, JwksServer.Mode.HANG)) {
            server.mode(mode);
            JwtAuthority b = nodeB().jwksMaxBytes(64 * 1024).build();
            // a hanging source answers only when the server closes, after this: the timeout ended the fetch
            AuthUnavailableException e = assertThrows(AuthUnavailableException.class, () -> b.authenticate(t));
            String expected = mode == JwksServer.Mode.GARBAGE
                    ? "the fetched JWK Set is refused: the JWK Set is not a valid JSON object"
                    : mode == JwksServer.Mode.HUGE ? "the response is larger than 65536 bytes" : "timed out after PT1S";
            assertEquals("the JWK Set at " + server.uri() + " cannot be fetched (" + expected
                    + ") and no usable copy is cached", e.getMessage());
        }
    }

    @Test
    void authenticateWhenFetchedSetHasAnUnsafeKeyThenTheLastGoodSetIsKept() {
        JwtAuthority a = signer(TestKeys.generate("ES256", "k1"));
        server.publish(a.publicJwks());
        JwtAuthority b = nodeB().jwksMinRefreshInterval(Duration.ZERO).build();
        String t = token(a, "alice");
        assertNull(reason(b, t));
        Map<String, String> offCurve = new java.util.LinkedHashMap<>(TestKeys.generate("ES256", "bad").publicJwk);
        offCurve.put("y", offCurve.get("x"));
        server.publish(TestKeys.set(offCurve));
        clock.advance(Duration.ofMinutes(5));
        assertNull(reason(b, t), "the refused set does not replace the good one");
    }

    @Test
    void authenticateWhenCacheNearsExpiryThenRefreshesInTheBackground() throws InterruptedException {
        JwtAuthority a = signer(TestKeys.generate("ES256", "k1"));
        server.publish(a.publicJwks());
        JwtAuthority b = nodeB().jwksCacheTtl(Duration.ofSeconds(60)).jwksRefreshAhead(Duration.ofSeconds(30))
                .jwksMinRefreshInterval(Duration.ZERO).build();
        String t = token(a, "alice");
        assertNull(reason(b, t));
        clock.advance(Duration.ofSeconds(35));
        assertNull(reason(b, t), "served from the cache while the refresh runs");
        // waits for the positive signal, the second fetch, however slow the machine (not a fixed count of naps)
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (server.requests() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(2, server.requests());
    }
}
