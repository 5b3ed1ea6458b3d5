package dev.ssotauth.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** {@link InMemoryRevocationStore#forEach}: the hook shared stores use to compare their local view with their source. */
final class RevocationStoreForEachTest {

    private final MutableClock clock = new MutableClock(Fixtures.NOW);
    private final InMemoryRevocationStore store = new InMemoryRevocationStore(clock);

    @Test
    void forEachWhenEntriesOfEveryKindThenEachUnexpiredEntryOnce() {
        // given
        Instant soon = clock.instant().plusSeconds(10);
        Instant later = clock.instant().plusSeconds(100);
        Revocation token = Revocation.ofToken("jti-1", soon);
        Revocation session = Revocation.ofSession("sid-1", later);
        Revocation subject = Revocation.ofSubject("alice", clock.instant(), later);
        store.revoke(token);
        store.revoke(session);
        store.revoke(subject);

        // when
        Set<Revocation> all = new HashSet<>();
        store.forEach(all::add);
        clock.advance(Duration.ofSeconds(10));
        Set<Revocation> unexpired = new HashSet<>();
        store.forEach(unexpired::add);

        // then
        assertEquals(Set.of(token, session, subject), all);
        assertEquals(Set.of(session, subject), unexpired, "an entry whose tokens expired is not shown");
    }

    @Test
    void forEachWhenActionNullThenNullPointerException() {
        assertThrows(NullPointerException.class, () -> store.forEach(null));
    }
}
