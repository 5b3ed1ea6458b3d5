package dev.ssotauth.core;

import static dev.ssotauth.core.Fixtures.AUDIENCE;
import static dev.ssotauth.core.Fixtures.ISSUER;
import static dev.ssotauth.core.Fixtures.reason;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ssotauth.core.internal.JwsAlgorithm;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The verified-token cache: a token presented again is answered from the cache, but never past its
 * expiry, never after it (or its session, or its subject) is revoked, never after the key that
 * verified it is gone, never for a different string, and never beyond the memory bounds. A hit is
 * recognised by getting the very same {@link UserContext} instance back; without the cache every
 * call builds a new one.
 */
final class VerifiedTokenCacheTest {

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Fixtures.NOW);
    private final JwksServer server = new JwksServer();

    @AfterEach
    void stop() {
        server.close();
    }

    private JwtAuthority.Builder cached() {
        return JwtAuthority.builder().hmacSecret(Fixtures.SECRET).issuer(ISSUER).audience(AUDIENCE).clock(clock)
                .tokenTtl(Duration.ofMinutes(10)).verifiedTokenCache(100);
    }

    private static String token(JwtAuthority authority, String subject) {
        return authority.issue(TokenRequest.forSubject(subject).sessionId("s-" + subject).build());
    }

    // ------------------------------------------------------------------ hits

    @Test
    void authenticateWhenTheSameTokenComesAgainThenTheCachedUserIsReturned() {
        JwtAuthority authority = cached().build();
        String token = token(authority, "alice");

        UserContext first = authority.verify(token);
        UserContext again = authority.verify(token);
        UserContext copy = authority.verify(new String(token.toCharArray())); // same text, new string

        assertSame(first, again);
        assertSame(first, copy, "entries are found by the token's text, not by the string instance");
        assertEquals("alice", again.subject());
    }

    @Test
    void authenticateWhenNoCacheIsConfiguredThenEveryCallVerifiesAfresh() {
        JwtAuthority authority = Fixtures.authority().build();
        String token = token(authority, "alice");

        assertNotSame(authority.verify(token), authority.verify(token));
    }

    // ------------------------------------------------------------------ time

    @Test
    void authenticateWhenACachedTokenExpiresThenItIsRejectedAndNeverServedAgain() {
        JwtAuthority authority = cached().build();
        String token = token(authority, "alice");
        UserContext user = authority.verify(token);

        clock.advance(Duration.ofMinutes(10).plus(Duration.ofSeconds(60)).minusSeconds(1));
        assertSame(user, authority.verify(token), "one second before expiry plus skew: still a hit");
        clock.advance(Duration.ofSeconds(1));

        assertEquals(RejectionReason.EXPIRED, reason(authority, token));
        assertEquals(RejectionReason.EXPIRED, reason(authority, token), "and again, now through the full path");
    }

    @Test
    void authenticateWhenTheClockGoesBackBeforeACachedTokensIssueTimeThenItIsIssuedInTheFuture() {
        JwtAuthority authority = cached().build();
        String token = token(authority, "alice");
        authority.verify(token);

        clock.advance(Duration.ofSeconds(60).plusSeconds(1).negated());

        assertEquals(RejectionReason.ISSUED_IN_FUTURE, reason(authority, token));
    }

    @Test
    void authenticateWhenACachedTokenHasANotBeforeThenItIsCheckedOnEveryHit() {
        JwtAuthority authority = cached().build();
        long nbf = Fixtures.NOW_SECONDS;
        String token = Fixtures.sign(Fixtures.HS256_HEADER, Fixtures.claims("alice", "\"nbf\":" + nbf));
        UserContext user = authority.verify(token);
        assertSame(user, authority.verify(token));

        clock.advance(Duration.ofSeconds(60).plusSeconds(1).negated());

        assertEquals(RejectionReason.NOT_YET_VALID, reason(authority, token),
                "the time checks run on a hit in the full path's order: exp, nbf, iat");
    }

    // ------------------------------------------------------------------ revocation

    @Test
    void authenticateWhenACachedTokenIsRevokedThenItIsNeverServed() {
        JwtAuthority authority = cached().build();
        String token = token(authority, "alice");
        String other = token(authority, "bob");
        UserContext user = authority.verify(token);
        authority.verify(other);

        authority.revoke(user);

        assertEquals(RejectionReason.REVOKED, reason(authority, token));
        assertEquals(RejectionReason.REVOKED, reason(authority, token));
        assertNull(reason(authority, other), "only the revoked jti");
    }

    @Test
    void authenticateWhenTheSessionOrSubjectOfACachedTokenIsRevokedThenItIsNeverServed() {
        JwtAuthority authority = cached().build();
        String alice = token(authority, "alice");
        String bob = token(authority, "bob");
        authority.verify(alice);
        authority.verify(bob);

        authority.revokeSession("s-alice");
        authority.revokeSubject("bob");

        assertEquals(RejectionReason.REVOKED, reason(authority, alice));
        assertEquals(RejectionReason.REVOKED, reason(authority, bob));
    }

    @Test
    void authenticateWhenAnotherAuthorityRevokesThroughTheSharedStoreThenTheCachedTokenIsRejected() {
        InMemoryRevocationStore store = new InMemoryRevocationStore(clock);
        JwtAuthority here = cached().revocationStore(store).build();
        JwtAuthority there = Fixtures.authority().revocationStore(store).build();
        String token = token(here, "alice");
        here.verify(token);

        there.revokeSession("s-alice");

        assertEquals(RejectionReason.REVOKED, reason(here, token));
    }

    // ------------------------------------------------------------------ keys

    private JwtAuthority signer(TestKeys.TestKey key) {
        Path file = TestKeys.write(dir, "signing-" + System.nanoTime() + ".json", TestKeys.set(key.privateJwk));
        return JwtAuthority.builder().signingKeys(file).algorithms("ES256").issuer(ISSUER).audience(AUDIENCE)
                .clock(clock).tokenTtl(Duration.ofHours(20)).build();
    }

    @Test
    void authenticateWhenTheKeyOfACachedTokenIsRemovedFromTheKeySetThenItsTokensAreNeverServed() {
        TestKeys.TestKey k1 = TestKeys.generate("ES256", "k1");
        TestKeys.TestKey k2 = TestKeys.generate("ES256", "k2");
        JwtAuthority a1 = signer(k1);
        JwtAuthority a2 = signer(k2);
        server.publish(TestKeys.set(k1.publicJwk, k2.publicJwk));
        JwtAuthority b = JwtAuthority.builder().jwksUri(server.uri()).algorithms("ES256").issuer(ISSUER)
                .audience(AUDIENCE).clock(clock).jwksTimeout(Duration.ofSeconds(10)).verifiedTokenCache(100).build();
        String t1 = token(a1, "alice");
        String t2 = token(a2, "bob");
        UserContext alice = b.verify(t1);
        assertSame(alice, b.verify(t1));
        b.verify(t2);

        server.publish(TestKeys.set(k2.publicJwk)); // k1 removed
        clock.advance(Duration.ofMinutes(5));

        assertEquals(RejectionReason.UNKNOWN_KEY, reason(b, t1));
        assertEquals(RejectionReason.UNKNOWN_KEY, reason(b, t1));
        assertNull(reason(b, t2), "tokens of the key that stayed are still accepted");
    }

    @Test
    void authenticateWhenTheRemoteKeySetIsFetchedAgainThenCachedTokensAreVerifiedAfreshOnce() {
        TestKeys.TestKey k1 = TestKeys.generate("ES256", "k1");
        JwtAuthority a = signer(k1);
        server.publish(a.publicJwks());
        JwtAuthority b = JwtAuthority.builder().jwksUri(server.uri()).algorithms("ES256").issuer(ISSUER)
                .audience(AUDIENCE).clock(clock).jwksTimeout(Duration.ofSeconds(10)).verifiedTokenCache(100).build();
        String t = token(a, "alice");
        UserContext before = b.verify(t);

        clock.advance(Duration.ofMinutes(5));
        UserContext after = b.verify(t);

        assertNotSame(before, after, "new key objects: the entry is dropped and the token verified again");
        assertEquals(before, after);
        assertSame(after, b.verify(t));
        assertEquals(2, server.requests());
    }

    // ------------------------------------------------------------------ distinct strings

    @Test
    void authenticateWhenAStringDiffersFromACachedTokenOnlyBeforeItsSignatureThenItIsNotServedFromTheCache() {
        JwtAuthority authority = cached().build();
        String token = token(authority, "alice");
        authority.verify(token);
        // Same length and same signature segment (what the cache hashes), one payload character
        // changed: the same hash, another text.
        int at = token.indexOf('.') + 5;
        String forged = token.substring(0, at) + (token.charAt(at) == 'A' ? 'B' : 'A') + token.substring(at + 1);
        assertEquals(new VerifiedTokenCache.Key(token, 1).hashCode(), new VerifiedTokenCache.Key(forged, 1).hashCode());

        assertEquals(RejectionReason.BAD_SIGNATURE, reason(authority, forged));
        assertEquals("alice", authority.verify(token).subject());
    }

    @Test
    void authenticateWhenManyTokensAreCachedThenEachIsAnsweredWithItsOwnUser() {
        JwtAuthority authority = cached().build();
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            tokens.add(token(authority, "user-" + i));
        }
        tokens.forEach(authority::verify);

        for (int i = 0; i < 50; i++) {
            assertEquals("user-" + i, authority.verify(tokens.get(i)).subject());
        }
    }

    @Test
    void keyWhenTwoStringsShareTheirHashedEndThenTheyAreStillDifferentKeys() {
        String tail = "x".repeat(40);
        VerifiedTokenCache.Key a = new VerifiedTokenCache.Key("aaaa." + tail, 7);
        VerifiedTokenCache.Key b = new VerifiedTokenCache.Key("bbbb." + tail, 7);
        VerifiedTokenCache.Key a2 = new VerifiedTokenCache.Key(new String(("aaaa." + tail).toCharArray()), 7);

        assertEquals(a.hashCode(), b.hashCode(), "the hash covers only the end");
        assertNotEquals(a, b);
        assertEquals(a, a2);
    }

    // ------------------------------------------------------------------ bounds

    private static UserContext user(String subject) {
        return new UserContext(subject, Set.of(), null, null, ISSUER, Set.of(AUDIENCE), Fixtures.NOW,
                Fixtures.NOW.plusSeconds(600), null, Map.of());
    }

    private static void put(VerifiedTokenCache cache, String token, int payloadBytes) {
        cache.put(token, user(token), null, null, JwsAlgorithm.HS256, payloadBytes);
    }

    @Test
    void putWhenMoreTokensThanMaxEntriesThenTheOldestAreDropped() {
        VerifiedTokenCache cache = new VerifiedTokenCache(3, 1 << 20);

        for (int i = 0; i < 10; i++) {
            put(cache, "token-" + i, 100);
            assertTrue(cache.size() <= 3);
        }

        assertEquals(3, cache.size());
        assertNull(cache.get("token-6"));
        for (int i = 7; i < 10; i++) {
            assertEquals("token-" + i, cache.get("token-" + i).user.subject());
        }
    }

    @Test
    void putWhenTheBytesBoundIsReachedThenEntriesAreDroppedBeforeTheCountBound() {
        // each entry weighs 100 (text) + 2 × 200 (claims) + 512 (overhead) = 1012 estimated bytes
        VerifiedTokenCache cache = new VerifiedTokenCache(1000, 3100);

        for (int i = 0; i < 20; i++) {
            put(cache, String.format("%0100d", i), 200);
            assertTrue(cache.bytes() <= 3100, "bytes " + cache.bytes());
        }

        assertEquals(3, cache.size());
        assertEquals(3 * 1012, cache.bytes());
    }

    @Test
    void putWhenOneTokenAloneExceedsTheBytesBoundThenItIsNotCached() {
        VerifiedTokenCache cache = new VerifiedTokenCache(10, 2048);

        put(cache, "t".repeat(4000), 100);

        assertEquals(0, cache.size());
        assertEquals(0, cache.bytes());
    }

    @Test
    void removeWhenEntriesAreDroppedAndAddedAgainRepeatedlyThenTheBoundsStillHold() {
        VerifiedTokenCache cache = new VerifiedTokenCache(5, 1 << 20);

        for (int round = 0; round < 1000; round++) {
            String token = "token-" + (round % 7);
            put(cache, token, 50);
            VerifiedTokenCache.Entry entry = cache.get(token);
            if (round % 2 == 0) {
                cache.remove(entry);
            }
            assertTrue(cache.size() <= 5);
        }

        long expected = 0;
        for (int i = 0; i < 7; i++) {
            VerifiedTokenCache.Entry entry = cache.get("token-" + i);
            expected += entry == null ? 0 : entry.weight;
        }
        assertEquals(expected, cache.bytes(), "the byte count follows removals exactly");
    }

    @Test
    void authenticateWhenTheCacheIsFullThenTokensStillVerifyThroughTheFullPath() {
        JwtAuthority authority = JwtAuthority.builder().hmacSecret(Fixtures.SECRET).issuer(ISSUER).audience(AUDIENCE)
                .clock(clock).verifiedTokenCache(2).build();
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            tokens.add(token(authority, "user-" + i));
        }

        for (String token : tokens) {
            assertNull(reason(authority, token));
        }
        UserContext last = authority.verify(tokens.get(4));
        assertSame(last, authority.verify(tokens.get(4)));
        UserContext first = authority.verify(tokens.get(0));
        assertSame(first, authority.verify(tokens.get(0)), "dropped, verified afresh, and cached again");
    }

    // ------------------------------------------------------------------ builder

    @Test
    void verifiedTokenCacheWhenOutOfRangeOrGivenTwiceThenRefused() {
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> JwtAuthority.builder().verifiedTokenCache(0));
        assertEquals("verifiedTokenCache must be between 1 and 1000000; got 0", zero.getMessage());
        IllegalArgumentException bytes = assertThrows(IllegalArgumentException.class,
                () -> JwtAuthority.builder().verifiedTokenCache(10, 100));
        assertEquals("verifiedTokenCacheBytes must be between 1024 and 1073741824; got 100", bytes.getMessage());
        IllegalStateException twice = assertThrows(IllegalStateException.class,
                () -> JwtAuthority.builder().verifiedTokenCache(10).verifiedTokenCache(10));
        assertEquals("verifiedTokenCache is already set", twice.getMessage());
        JwtAuthority.builder().verifiedTokenCache(1_000_000); // the largest count fits the byte bound
    }

    @Test
    void authenticateWhenCachedThenTheResultIsTheSameAsWithoutTheCache() {
        JwtAuthority plain = Fixtures.authority().build();
        JwtAuthority withCache = Fixtures.authority().verifiedTokenCache(10).build();
        String token = plain.issue(TokenRequest.forSubject("alice").roles("user").claim("tenant", "acme").build());

        UserContext expected = plain.verify(token);
        withCache.verify(token);

        assertEquals(expected, withCache.verify(token));
        assertEquals(Instant.ofEpochSecond(Fixtures.NOW_SECONDS), withCache.verify(token).issuedAt());
    }
}
