package dev.ssotauth.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

final class OffsetClockTest {

    private final OffsetClock clock = new OffsetClock();

    @Test
    void advanceWhenMovedThenReadsRealTimePlusTheOffset() {
        Instant before = Instant.now();
        clock.advance(Duration.ofHours(2));
        Instant read = clock.instant();
        Instant after = Instant.now();
        assertFalse(read.isBefore(before.plus(Duration.ofHours(2))), read.toString());
        assertFalse(read.isAfter(after.plus(Duration.ofHours(2))), read.toString());
    }

    @Test
    void advanceToWhenGivenAnInstantThenReadsItAndRunsOn() {
        Instant target = Instant.now().plus(Duration.ofDays(3));
        clock.advanceTo(target);
        Instant read = clock.instant();
        assertFalse(read.isBefore(target), read.toString());
        assertTrue(read.isBefore(target.plusSeconds(60)), read.toString());
    }

    @Test
    void zoneWhenAskedThenUtcOnly() {
        assertEquals(ZoneOffset.UTC, clock.getZone());
        assertThrows(UnsupportedOperationException.class, () -> clock.withZone(ZoneId.of("Europe/Paris")));
        assertThrows(NullPointerException.class, () -> clock.advance(null));
    }
}
