package dev.ssotauth.core;

import static dev.ssotauth.core.Fixtures.reason;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Revoking tokens, sessions and subjects, and the bounded in-memory store behind it. */
final class RevocationTest {

    private final MutableClock clock = new MutableClock(Fixtures.NOW);
    private final InMemoryRevocationStore store = new InMemoryRevocationStore(clock);
    private final JwtAuthority authority = JwtAuthority.builder().hmacSecret(Fixtures.SECRET).issuer(Fixtures.ISSUER)
            .audience(Fixtures.AUDIENCE).clock(clock).revocationStore(store).build();

    private String token(String subject, String session) {
        return authority.issue(TokenRequest.forSubject(subject).sessionId(session).build());
    }

    @Test
    void revokeWhenOneTokenRevokedThenOnlyThatTokenIsRevoked() {
        String first = token("alice", "s1");
        String second = token("alice", "s1");
        authority.revoke(authority.verify(first));
        AuthResult.Rejected rejected = (AuthResult.Rejected) authority.authenticate(first);
        assertEquals(RejectionReason.REVOKED, rejected.reason());
        assertEquals("token has been revoked", rejected.message());
        assertNull(reason(authority, second));
    }

    @Test
    void revokeSessionWhenLoggingOutThenEveryTokenOfThatSessionIsRevoked() {
        String a = token("alice", "s1");
        String b = token("alice", "s1");
        String other = token("alice", "s2");
        authority.revokeSession("s1");
        assertEquals(RejectionReason.REVOKED, reason(authority, a));
        assertEquals(RejectionReason.REVOKED, reason(authority, b));
        assertNull(reason(authority, other));
    }

    @Test
    void revokeSubjectWhenLoggingOutEverywhereThenEarlierTokensAreRevokedAndLaterOnesNot() {
        String before = token("alice", "s1");
        String bob = token("bob", "s9");
        authority.revokeSubject("alice");
        assertEquals(RejectionReason.REVOKED, reason(authority, before));
        assertEquals(RejectionReason.REVOKED, reason(authority, token("alice", "same-second")),
                "a token issued in the same second is revoked too (iat has whole seconds)");
        assertNull(reason(authority, bob));
        clock.advance(Duration.ofSeconds(1));
        assertNull(reason(authority, token("alice", "s2")), "a token issued after the cut-off is valid");
    }

    @Test
    void revokeWhenTwoAuthoritiesShareAStoreThenBothSeeIt() {
        JwtAuthority other = JwtAuthority.builder().hmacSecret(Fixtures.SECRET).issuer(Fixtures.ISSUER)
                .audience(Fixtures.AUDIENCE).clock(clock).revocationStore(store).build();
        String t = token("alice", "s1");
        other.revokeSession("s1");
        assertEquals(RejectionReason.REVOKED, reason(authority, t));
    }

    @Test
    void revokeWhenTokenSessionOrSubjectThenEachEntryLastsAsLongAsTheTokensItCanCover() {
        // given (dropping an entry at its expiry is RevocationTableTest's)
        List<Revocation> recorded = new ArrayList<>();
        authority.onRevocation(recorded::add);
        UserContext user = authority.verify(token("alice", "s1"));

        // when
        authority.revoke(user);
        authority.revokeSession("s2");
        authority.revokeSubject("bob");

        // then
        assertEquals(3, store.size());
        Instant longestToken = clock.instant().plus(Duration.ofHours(24));
        assertEquals(List.of(user.expiresAt().plus(authority.clockSkew()),
                        longestToken.plus(authority.clockSkew()), longestToken.plus(authority.clockSkew())),
                recorded.stream().map(Revocation::expiresAt).toList(),
                "the token's entry expires with the token; a session's and a subject's with the longest lifetime");
    }

    @Test
    void storeWhenFullOfUnexpiredEntriesThenRefusesRatherThanForget() {
        InMemoryRevocationStore small = new InMemoryRevocationStore(clock, 2);
        Instant later = clock.instant().plusSeconds(60);
        small.revoke(Revocation.ofToken("a", later));
        small.revoke(Revocation.ofToken("b", later));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> small.revoke(Revocation.ofToken("c", later)));
        assertEquals("the revocation store holds 2 unexpired entries and cannot take more", e.getMessage());
        clock.advance(Duration.ofSeconds(61));
        small.revoke(Revocation.ofToken("c", clock.instant().plusSeconds(60)));
        assertEquals(1, small.size());
    }

    @Test
    void onRevocationWhenSubscribedThenToldUntilClosed() {
        List<Revocation> seen = new ArrayList<>();
        RevocationStore.Subscription subscription = authority.onRevocation(seen::add);
        authority.revokeSession("s1");
        subscription.close();
        authority.revokeSession("s2");
        assertEquals(1, seen.size());
        assertEquals(Revocation.Kind.SESSION, seen.get(0).kind());
        assertEquals("Revocation[SESSION, expiresAt=" + Fixtures.NOW.plus(Duration.ofHours(24)).plusSeconds(60) + "]",
                seen.get(0).toString());
    }

    @Test
    void revocationCoversWhenMatchingClaimThenTrue() {
        UserContext user = authority.verify(token("alice", "s1"));
        Instant later = clock.instant().plusSeconds(60);
        assertTrue(Revocation.ofToken(user.tokenId().orElseThrow(), later).covers(user));
        assertTrue(Revocation.ofSession("s1", later).covers(user));
        assertFalse(Revocation.ofSession("s2", later).covers(user));
        assertTrue(Revocation.ofSubject("alice", user.issuedAt(), later).covers(user));
        assertFalse(Revocation.ofSubject("alice", user.issuedAt().minusSeconds(1), later).covers(user));
        assertFalse(Revocation.ofSubject("bob", user.issuedAt(), later).covers(user));
    }

    @Test
    void authenticateWhenHundredThousandTokensRevokedThenOthersStillValid() {
        for (int i = 0; i < 100_000; i++) {
            store.revoke(Revocation.ofToken("jti-" + i, clock.instant().plusSeconds(600)));
        }
        assertNull(reason(authority, token("alice", "s1")));
        assertEquals(100_000, store.size());
    }
}
