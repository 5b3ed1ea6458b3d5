package dev.ssotauth.example.spring;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The authority's clock in a test (a unique {@code Clock} bean becomes the starter's authority's clock):
 * real time plus an offset that only moves forward. Thread-safe.
 */
final class MovableClock extends Clock {

    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    /** Moves the clock forward so that it reads {@code instant} now. */
    void advanceTo(Instant instant) {
        offset.accumulateAndGet(Duration.between(instant(), instant), Duration::plus);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("UTC only");
    }

    @Override
    public Instant instant() {
        return Clock.systemUTC().instant().plus(offset.get());
    }
}
