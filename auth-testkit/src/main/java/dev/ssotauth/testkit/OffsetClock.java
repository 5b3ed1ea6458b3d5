package dev.ssotauth.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock for an authority under test that runs in real time plus an offset the test moves: give it
 * to the authority ({@code JwtAuthority.builder().clock(clock)}, or as the unique {@code Clock} bean
 * of a Spring test), then {@link #advanceTo} a token's expiry instead of waiting for it. Real time
 * keeps timers and timeouts of the code under test meaningful; the offset makes expiry and
 * revocation windows reachable at once. UTC only. Thread-safe.
 */
public final class OffsetClock extends Clock {

    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    /** A clock that reads real time until it is moved. */
    public OffsetClock() {
    }

    /**
     * Moves the clock by {@code duration}.
     *
     * @param duration how far; negative moves it back
     * @throws NullPointerException if {@code duration} is {@code null}
     */
    public void advance(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        offset.accumulateAndGet(duration, Duration::plus);
    }

    /**
     * Moves the clock so that it reads {@code instant} now (and runs on from there).
     *
     * @param instant the time to read
     * @throws NullPointerException if {@code instant} is {@code null}
     */
    public void advanceTo(Instant instant) {
        Objects.requireNonNull(instant, "instant");
        advance(Duration.between(instant(), instant));
    }

    /** @return UTC */
    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /**
     * Not supported: the clock is UTC only.
     *
     * @throws UnsupportedOperationException always
     */
    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the offset clock is UTC only");
    }

    /** @return real time plus the offset */
    @Override
    public Instant instant() {
        return Clock.systemUTC().instant().plus(offset.get());
    }
}
