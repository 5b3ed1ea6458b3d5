package dev.ssotauth.loadtest;

import java.time.Duration;

/**
 * What one load run does. Every count and duration is a bound: the run ends by itself.
 *
 * @param users            distinct users, one WebSocket connection each at a time, 1 to {@value #MAX_USERS}
 * @param ramp             the time over which the first connections open, evenly
 * @param traffic          from the first connection to the end of sending (the ramp included),
 *                         {@value #MIN_SECONDS} to {@value #MAX_SECONDS} seconds
 * @param tokenTtl         the lifetime of the service's tokens ({@code JWT_ACCESS_TOKEN_TTL})
 * @param clockSkew        the service's {@code JWT_CLOCK_SKEW}: it closes a connection at {@code exp}
 *                         plus this
 * @param expiringShare    the chance that a user lets a token expire instead of refreshing it in-band
 * @param messageInterval  the mean time between two messages of one user
 * @param saysPerSecond    broadcast {@code say} messages per second, all users together (each reaches
 *                         every connection, so this bounds the fan-out)
 * @param agentsPerSecond  {@code agent} jobs per second, all users together (the service runs four at
 *                         a time)
 * @param stormThreads     threads sending invalid handshakes back to back, 0 for none
 * @param seed             the seed of every random choice, printed with the report
 */
record LoadPlan(int users, Duration ramp, Duration traffic, Duration tokenTtl, Duration clockSkew,
        double expiringShare, Duration messageInterval, double saysPerSecond, double agentsPerSecond,
        int stormThreads, long seed) {

    static final int MAX_USERS = 5000;
    static final int MIN_SECONDS = 10;
    static final int MAX_SECONDS = 3600;
    static final int MAX_STORM_THREADS = 64;

    /**
     * Checks the bounds.
     *
     * @throws IllegalArgumentException naming the first value out of its bounds
     */
    LoadPlan {
        if (users < 1 || users > MAX_USERS) {
            throw new IllegalArgumentException("users must be 1 to " + MAX_USERS + ": " + users);
        }
        if (traffic.compareTo(Duration.ofSeconds(MIN_SECONDS)) < 0
                || traffic.compareTo(Duration.ofSeconds(MAX_SECONDS)) > 0) {
            throw new IllegalArgumentException("seconds must be " + MIN_SECONDS + " to " + MAX_SECONDS + ": "
                    + traffic.toSeconds());
        }
        if (ramp.isNegative() || ramp.compareTo(traffic.dividedBy(2)) > 0) {
            throw new IllegalArgumentException("the ramp must be 0 to half the traffic time: " + ramp.toSeconds()
                    + " s of " + traffic.toSeconds() + " s");
        }
        if (tokenTtl.compareTo(Duration.ofSeconds(5)) < 0) {
            throw new IllegalArgumentException("the token lifetime must be at least 5 s: " + tokenTtl.toSeconds()
                    + " s");
        }
        if (clockSkew.isNegative()) {
            throw new IllegalArgumentException("the clock skew must not be negative: " + clockSkew.toSeconds()
                    + " s");
        }
        if (!(expiringShare >= 0 && expiringShare <= 1)) {
            throw new IllegalArgumentException("the expiring share must be 0 to 1: " + expiringShare);
        }
        if (messageInterval.compareTo(Duration.ofMillis(10)) < 0) {
            throw new IllegalArgumentException("the message interval must be at least 10 ms: "
                    + messageInterval.toMillis() + " ms");
        }
        if (!(saysPerSecond >= 0) || !(agentsPerSecond >= 0)) {
            throw new IllegalArgumentException("says and agent jobs per second must not be negative: "
                    + saysPerSecond + ", " + agentsPerSecond);
        }
        if (stormThreads < 0 || stormThreads > MAX_STORM_THREADS) {
            throw new IllegalArgumentException("storm threads must be 0 to " + MAX_STORM_THREADS + ": "
                    + stormThreads);
        }
    }

    /** The run in {@code mvn verify}: 200 users for 30 seconds against a 20 s token lifetime, no skew. */
    static LoadPlan shortened(long seed) {
        return new LoadPlan(200, Duration.ofSeconds(3), Duration.ofSeconds(30), Duration.ofSeconds(20),
                Duration.ZERO, 0.2, Duration.ofSeconds(1), 10, 40, 2, seed);
    }

    /** The full soak: 1,000 users for five minutes against a 20 s token lifetime, no skew. */
    static LoadPlan full(long seed) {
        return new LoadPlan(1000, Duration.ofSeconds(20), Duration.ofMinutes(5), Duration.ofSeconds(20),
                Duration.ZERO, 0.05, Duration.ofSeconds(2), 5, 50, 2, seed);
    }

    /** This plan with another size: {@code users} users sending for {@code traffic}. */
    LoadPlan resized(int users, Duration traffic) {
        return new LoadPlan(users, ramp.compareTo(traffic.dividedBy(2)) > 0 ? traffic.dividedBy(2) : ramp,
                traffic, tokenTtl, clockSkew, expiringShare, messageInterval, saysPerSecond, agentsPerSecond,
                stormThreads, seed);
    }

    /** This plan for a service whose tokens live {@code ttl}. */
    LoadPlan withTokenTtl(Duration ttl) {
        return new LoadPlan(users, ramp, traffic, ttl, clockSkew, expiringShare, messageInterval, saysPerSecond,
                agentsPerSecond, stormThreads, seed);
    }

    /**
     * Whether tokens live short enough for this run to see them refreshed and expired: the first
     * connection's token expires (plus the skew) at least five seconds before sending ends.
     */
    boolean exercisesExpiry() {
        return expiringShare > 0 && tokenTtl.plus(clockSkew).plusSeconds(5).compareTo(traffic) <= 0;
    }

    /** The chance that one message is a {@code say}. */
    double sayShare() {
        return Math.min(0.25, saysPerSecond * messageInterval.toMillis() / 1000.0 / users);
    }

    /** The chance that one message is an {@code agent} job. */
    double agentShare() {
        return Math.min(0.25, agentsPerSecond * messageInterval.toMillis() / 1000.0 / users);
    }
}
