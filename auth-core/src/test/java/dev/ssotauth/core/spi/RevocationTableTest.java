package dev.ssotauth.core.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.ssotauth.core.JwtAuthority;
import dev.ssotauth.core.MutableClock;
import dev.ssotauth.core.Revocation;
import dev.ssotauth.core.TokenRequest;
import dev.ssotauth.core.UserContext;
import org.junit.jupiter.api.Test;

/** {@link RevocationTable}: the in-memory view and listener fan-out that revocation stores are built on. */
final class RevocationTableTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    private final MutableClock clock = new MutableClock(NOW);
    private final RevocationTable table = new RevocationTable(clock);

    private UserContext user(String subject, String session) {
        JwtAuthority authority = JwtAuthority.builder()
                .hmacSecret("test-secret-0123456789-abcdefghij-KLMNOP".getBytes(StandardCharsets.UTF_8))
                .issuer("https://login.example").audience("chat").clock(clock).build();
        return authority.verify(authority.issue(TokenRequest.forSubject(subject).sessionId(session).build()));
    }

    @Test
    void applyWhenNewEntryThenCoversItsTokensWithoutTellingListeners() {
        // given
        UserContext alice = user("alice", "s1");
        UserContext bob = user("bob", "s2");
        List<Revocation> told = new ArrayList<>();
        table.subscribe(told::add);

        // when
        boolean changed = table.apply(Revocation.ofSession("s1", NOW.plusSeconds(60)));

        // then
        assertTrue(changed);
        assertTrue(table.isRevoked(alice));
        assertFalse(table.isRevoked(bob));
        assertEquals(List.of(), told, "apply records; the caller decides whether to notify");
    }

    @Test
    void applyWhenSameValueAgainThenMergesAndReportsOnlyWhatChanged() {
        // given
        table.apply(Revocation.ofSubject("alice", NOW, NOW.plusSeconds(60)));

        // when / then
        assertFalse(table.apply(Revocation.ofSubject("alice", NOW, NOW.plusSeconds(60))), "the same entry");
        assertFalse(table.apply(Revocation.ofSubject("alice", NOW.minusSeconds(5), NOW.plusSeconds(30))),
                "a weaker entry");
        assertTrue(table.apply(Revocation.ofSubject("alice", NOW.plusSeconds(1), NOW.plusSeconds(30))),
                "a later cut-off");
        List<Revocation> held = new ArrayList<>();
        table.forEach(held::add);
        assertEquals(List.of(Revocation.ofSubject("alice", NOW.plusSeconds(1), NOW.plusSeconds(60))), held,
                "the later cut-off and the later expiry, in one entry");
        assertEquals(1, table.size());
    }

    @Test
    void applyWhenItsTokensHaveExpiredThenIgnored() {
        assertFalse(table.apply(Revocation.ofToken("jti-1", NOW)));
        assertEquals(0, table.size());
    }

    @Test
    void applyWhenFullThenPurgesExpiredEntriesFirstAndRefusesOnlyUnexpiredOnes() {
        // given
        RevocationTable small = new RevocationTable(clock, 2);
        small.apply(Revocation.ofToken("a", NOW.plusSeconds(10)));
        small.apply(Revocation.ofToken("b", NOW.plusSeconds(60)));

        // when
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> small.apply(Revocation.ofToken("c", NOW.plusSeconds(60))));
        clock.advance(Duration.ofSeconds(10));
        boolean accepted = small.apply(Revocation.ofToken("c", NOW.plusSeconds(60)));

        // then
        assertEquals("the revocation store holds 2 unexpired entries and cannot take more", refused.getMessage());
        assertTrue(accepted, "the expired entry made room");
        assertEquals(2, small.size());
    }

    @Test
    void applyWhenNullThenNullPointerException() {
        assertThrows(NullPointerException.class, () -> table.apply(null));
    }

    @Test
    void purgeExpiredWhenTokensExpireThenTheirEntriesAreDropped() {
        // given
        table.apply(Revocation.ofToken("jti-1", NOW.plusSeconds(960)));
        table.apply(Revocation.ofSession("s2", NOW.plus(Duration.ofHours(24))));
        table.apply(Revocation.ofSubject("bob", NOW, NOW.plus(Duration.ofHours(24))));
        clock.advance(Duration.ofSeconds(959));

        // when / then
        assertEquals(0, table.purgeExpired(), "nothing has expired yet");
        clock.advance(Duration.ofSeconds(1));
        assertEquals(3, table.size(), "an expired entry counts until it is purged");
        assertEquals(1, table.purgeExpired(), "the token entry expires with its token");
        clock.advance(Duration.ofHours(24));
        assertEquals(2, table.purgeExpired());
        assertEquals(0, table.size());
    }

    @Test
    void forEachWhenEntriesOfEveryKindThenEachUnexpiredEntryOnce() {
        // given
        Instant soon = NOW.plusSeconds(10);
        Instant later = NOW.plusSeconds(100);
        Revocation token = Revocation.ofToken("jti-1", soon);
        Revocation session = Revocation.ofSession("sid-1", later);
        Revocation subject = Revocation.ofSubject("alice", NOW, later);
        table.apply(token);
        table.apply(session);
        table.apply(subject);

        // when
        Set<Revocation> all = new HashSet<>();
        table.forEach(all::add);
        clock.advance(Duration.ofSeconds(10));
        Set<Revocation> unexpired = new HashSet<>();
        table.forEach(unexpired::add);

        // then
        assertEquals(Set.of(token, session, subject), all);
        assertEquals(Set.of(session, subject), unexpired, "an entry whose tokens expired is not shown");
    }

    @Test
    void forEachWhenActionNullThenNullPointerException() {
        assertThrows(NullPointerException.class, () -> table.forEach(null));
    }

    @Test
    void notifyListenersWhenOneListenerThrowsThenTheOthersAreStillTold() {
        // given
        List<Revocation> told = new ArrayList<>();
        table.subscribe(revocation -> {
            throw new IllegalStateException("listener bug");
        });
        table.subscribe(told::add);
        Revocation revocation = Revocation.ofToken("jti-1", NOW.plusSeconds(60));

        // when
        table.notifyListeners(revocation);

        // then
        assertEquals(List.of(revocation), told);
    }

    @Test
    void subscribeWhenSubscriptionClosedThenNoLongerTold() {
        // given
        List<Revocation> told = new ArrayList<>();
        var subscription = table.subscribe(told::add);
        Revocation first = Revocation.ofToken("jti-1", NOW.plusSeconds(60));

        // when
        table.notifyListeners(first);
        subscription.close();
        subscription.close();
        table.notifyListeners(Revocation.ofToken("jti-2", NOW.plusSeconds(60)));

        // then
        assertEquals(List.of(first), told);
    }

    @Test
    void clearWhenEntriesHeldThenEmptyAndListenersStay() {
        // given
        UserContext alice = user("alice", "s1");
        List<Revocation> told = new ArrayList<>();
        table.subscribe(told::add);
        table.apply(Revocation.ofSession("s1", NOW.plusSeconds(60)));

        // when
        table.clear();
        Revocation after = Revocation.ofToken("jti-1", NOW.plusSeconds(60));
        table.notifyListeners(after);

        // then
        assertEquals(0, table.size());
        assertFalse(table.isRevoked(alice));
        assertEquals(List.of(after), told);
    }

    @Test
    void constructorWhenMaxEntriesBelowOneThenIllegalArgumentNamingTheRule() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RevocationTable(clock, 0));
        assertEquals("maxEntries must be at least 1; got 0", e.getMessage());
        assertThrows(NullPointerException.class, () -> new RevocationTable(null));
    }
}
