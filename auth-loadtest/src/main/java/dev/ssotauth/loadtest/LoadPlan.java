package dev.ssotauth.example;

import java.time.Duration;

/**
 * What one load run does. Every count and duration is a bound: the run ends by itself.
 *
 * @param users            distinct users, one WebSocket connection each at a time
 * @param ramp             the time over which the first connections open, evenly
 * @param traffic          from the first connection to the end of sending (the ramp included)
 * @param tokenTtl         the service's {@code JWT_ACCESS_TOKEN_TTL}
 * @param expiringShare    the chance that a user lets a token expire instead of refreshing it in-band
 * @param messageInterval  the mean time between two messages of one user
 * @param saysPerSecond    broadcast {@code say} messages per second, all users together (each reaches
 *                         every connection, so this bounds the fan-out)
 * @param agentsPerSecond  {@code agent} jobs per second, all users together (the service runs four at
 *                         a time)
 * @param stormThreads     threads sending invalid handshakes back to back
 * @param seed             the seed of every random choice, printed with the report
 */
record LoadPlan(int users, Duration ramp, Duration traffic, Duration tokenTtl, double expiringShare,
        Duration messageInterval, double saysPerSecond, double agentsPerSecond, int stormThreads, long seed) {

    /** The run in {@code mvn verify}: about 200 users for about 30 seconds. */
    static LoadPlan shortened(long seed) {
        return new LoadPlan(200, Duration.ofSeconds(3), Duration.ofSeconds(30), Duration.ofSeconds(20), 0.2,
                Duration.ofSeconds(1), 10, 40, 2, seed);
    }

    /** The full soak: 1,000 users for five minutes. */
    static LoadPlan full(long seed) {
        return new LoadPlan(1000, Duration.ofSeconds(20), Duration.ofMinutes(5), Duration.ofSeconds(20), 0.05,
                Duration.ofSeconds(2), 5, 50, 2, seed);
    }

    /**
     * The plan the system properties ask for: {@code soak.full=true} for {@link #full}, else
     * {@link #shortened}; {@code soak.users} and {@code soak.seconds} override the size, {@code soak.seed}
     * the seed.
     */
    static LoadPlan fromSystemProperties() {
        long seed = Long.getLong("soak.seed", System.nanoTime());
        LoadPlan plan = Boolean.getBoolean("soak.full") ? full(seed) : shortened(seed);
        Integer users = Integer.getInteger("soak.users");
        Integer seconds = Integer.getInteger("soak.seconds");
        if (users == null && seconds == null) {
            return plan;
        }
        int u = users == null ? plan.users : users;
        Duration traffic = seconds == null ? plan.traffic : Duration.ofSeconds(seconds);
        if (u < 1 || u > 5000 || traffic.compareTo(Duration.ofSeconds(10)) < 0
                || traffic.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("soak.users must be 1 to 5000 and soak.seconds 10 to 3600");
        }
        return new LoadPlan(u, plan.ramp, traffic, plan.tokenTtl, plan.expiringShare, plan.messageInterval,
                plan.saysPerSecond, plan.agentsPerSecond, plan.stormThreads, seed);
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
