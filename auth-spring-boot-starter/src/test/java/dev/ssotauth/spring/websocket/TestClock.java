package dev.ssotauth.spring.websocket;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** The authority's clock in the tests: real time plus an offset the test moves forward. Thread-safe. */
final class TestClock extends Clock {

    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    /** Moves the clock forward by {@code duration}. */
    void advance(Duration duration) {
        offset.accumulateAndGet(duration, Duration::plus);
    }

    /** Moves the clock forward so that it reads {@code instant} now. */
    void advanceTo(Instant instant) {
        advance(Duration.between(instant(), instant));
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the test clock is UTC only");
    }

    @Override
    public Instant instant() {
        return Clock.systemUTC().instant().plus(offset.get());
    }
}
