package dev.ssotauth.revocation.redis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import dev.ssotauth.core.Revocation;
import org.junit.jupiter.api.Test;

/** The Redis layout: keys, stored values and messages, and the rounding to milliseconds. */
final class EntriesTest {

    private static final Instant EXPIRES = Instant.parse("2026-01-01T00:15:00.123Z");
    private static final Instant UP_TO = Instant.parse("2026-01-01T00:00:07.456Z");

    private final Entries entries = new Entries("ssot-auth:revocation");

    @Test
    void keyWhenEachKindThenOneKeyPerEntryUnderThePrefix() {
        assertEquals("ssot-auth:revocation:entry:T:jti-1", entries.key(Revocation.ofToken("jti-1", EXPIRES)));
        assertEquals("ssot-auth:revocation:entry:S:sid-1", entries.key(Revocation.ofSession("sid-1", EXPIRES)));
        assertEquals("ssot-auth:revocation:entry:U:alice", entries.key(Revocation.ofSubject("alice", UP_TO, EXPIRES)));
        assertEquals("ssot-auth:revocation:events", entries.eventsChannel());
        assertEquals("ssot-auth:revocation:heartbeat:n1", entries.heartbeatChannel("n1"));
    }

    @Test
    void scriptArgumentsWhenSubjectThenMillisAndKindLetter() {
        // given
        Revocation subject = Revocation.ofSubject("alice", UP_TO, EXPIRES);

        // when
        String[] arguments = entries.scriptArguments(subject);

        // then
        assertArrayEquals(new String[] {Long.toString(EXPIRES.toEpochMilli()), Long.toString(UP_TO.toEpochMilli()),
            "ssot-auth:revocation:events", "U", "alice"}, arguments);
        assertEquals("-1", entries.scriptArguments(Revocation.ofToken("t", EXPIRES))[1]);
    }

    @Test
    void fromEntryWhenStoredByTheScriptThenTheSameRevocation() {
        long expires = EXPIRES.toEpochMilli();
        long upTo = UP_TO.toEpochMilli();
        assertEquals(Revocation.ofToken("a:b|c", EXPIRES),
                entries.fromEntry("ssot-auth:revocation:entry:T:a:b|c", Long.toString(expires)));
        assertEquals(Revocation.ofSession("sid", EXPIRES),
                entries.fromEntry("ssot-auth:revocation:entry:S:sid", Long.toString(expires)));
        assertEquals(Revocation.ofSubject("alice", UP_TO, EXPIRES),
                entries.fromEntry("ssot-auth:revocation:entry:U:alice", expires + ":" + upTo));
    }

    @Test
    void fromEntryWhenNotOneOfOursThenNull() {
        assertNull(entries.fromEntry("other:entry:T:x", "1"));
        assertNull(entries.fromEntry("ssot-auth:revocation:entry:X:x", "1"));
        assertNull(entries.fromEntry("ssot-auth:revocation:entry:T:", "1"));
        assertNull(entries.fromEntry("ssot-auth:revocation:entry:T:x", "soon"));
        assertNull(entries.fromEntry("ssot-auth:revocation:entry:T:x", "1:2"), "a token has no cut-off");
        assertNull(entries.fromEntry("ssot-auth:revocation:entry:U:x", "1"), "a subject needs a cut-off");
        assertNull(entries.fromEntry("ssot-auth:revocation:entry:T:x", null));
    }

    @Test
    void fromMessageWhenPublishedByTheScriptThenTheSameRevocation() {
        long expires = EXPIRES.toEpochMilli();
        long upTo = UP_TO.toEpochMilli();
        assertEquals(Revocation.ofToken("a|b", EXPIRES), entries.fromMessage("v1|T|" + expires + "||a|b"));
        assertEquals(Revocation.ofSession("s", EXPIRES), entries.fromMessage("v1|S|" + expires + "||s"));
        assertEquals(Revocation.ofSubject("u", UP_TO, EXPIRES), entries.fromMessage("v1|U|" + expires + "|" + upTo + "|u"));
    }

    @Test
    void fromMessageWhenMalformedOrFromAnotherVersionThenNull() {
        assertNull(entries.fromMessage("v2|T|1||x"));
        assertNull(entries.fromMessage("v1|T|1|"));
        assertNull(entries.fromMessage("v1|T|1||"));
        assertNull(entries.fromMessage("v1|TT|1||x"));
        assertNull(entries.fromMessage("v1|U|1||x"));
        assertNull(entries.fromMessage(null));
    }

    @Test
    void normalizeWhenSubMillisecondInstantsThenExpiryRoundedUpAndCutOffDown() {
        // given
        Instant expires = Instant.parse("2026-01-01T00:15:00.123000001Z");
        Instant upTo = Instant.parse("2026-01-01T00:00:07.456999999Z");

        // when
        Revocation normalized = Entries.normalize(Revocation.ofSubject("alice", upTo, expires));

        // then
        assertEquals(Instant.parse("2026-01-01T00:15:00.124Z"), normalized.expiresAt());
        assertEquals(Instant.parse("2026-01-01T00:00:07.456Z"), normalized.issuedUpTo());
        assertEquals(Revocation.ofToken("t", EXPIRES), Entries.normalize(Revocation.ofToken("t", EXPIRES)));
    }

    @Test
    void dominatesWhenLaterExpiryAndCutOffThenTrue() {
        Revocation weak = Revocation.ofSubject("u", UP_TO, EXPIRES);
        Revocation later = Revocation.ofSubject("u", UP_TO, EXPIRES.plusSeconds(1));
        Revocation wider = Revocation.ofSubject("u", UP_TO.plusSeconds(1), EXPIRES);
        assertTrue(Entries.dominates(weak, weak));
        assertTrue(Entries.dominates(later, weak));
        assertFalse(Entries.dominates(weak, later));
        assertFalse(Entries.dominates(later, wider));
        assertTrue(Entries.dominates(Revocation.ofToken("t", EXPIRES), Revocation.ofToken("t", EXPIRES)));
    }

    @Test
    void entryPatternWhenPrefixHasGlobCharactersThenEscaped() {
        assertEquals("ssot-auth:revocation:entry:*", entries.entryPattern());
        assertEquals("a\\*b\\?:entry:*", new Entries("a*b?").entryPattern());
    }
}
