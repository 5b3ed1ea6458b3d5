package dev.ssotauth.example;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.ssotauth.testkit.TestTokens;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

/**
 * The load and soak run of the example service (a separate process, {@code --admin-stats}, an HMAC
 * secret, {@code JWT_ACCESS_TOKEN_TTL=20s}, {@code JWT_CLOCK_SKEW=0s}): {@link LoadRun} drives the
 * users while {@link HandshakeStorm} sends invalid handshakes at full speed from its own threads.
 *
 * <p>In {@code mvn verify}: 200 users for 30 seconds ({@link LoadPlan#shortened}). The full run —
 * 1,000 users for five minutes — is {@code mvn -B verify -Psoak -pl auth-example -am}
 * ({@code -Dsoak.full=true}); {@code -Dsoak.users=N -Dsoak.seconds=S} size it by hand. The report is
 * printed as {@code [soak]} lines.
 */
final class SoakIT {

    private static final String ISSUER = "https://login.soak.test";
    private static final String AUDIENCE = "chat";
    private static final long HEAP_GROWTH_ALLOWED = 32L << 20;

    @Test
    void chatWhenManyUsersRefreshOrLetTokensExpireUnderAnInvalidHandshakeStormThenNothingMixedLostOrLeaked()
            throws Exception {
        // given
        LoadPlan plan = LoadPlan.fromSystemProperties();
        requireFileDescriptors(plan.users());
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        TestTokens tokens = TestTokens.of(secret, ISSUER, AUDIENCE, Clock.systemUTC());
        Map<String, String> environment = new HashMap<>(tokens.environment());
        environment.put("JWT_ACCESS_TOKEN_TTL", plan.tokenTtl().toSeconds() + "s");
        environment.put("JWT_CLOCK_SKEW", "0s");
        List<String> jvm = List.of(plan.users() > 300 ? "-Xmx512m" : "-Xmx256m");

        try (ServiceProcess service = ServiceProcess.start(environment, jvm, "--admin-stats")) {
            Map<String, Object> before = service.adminStats();
            AtomicReference<Map<String, Object>> midway = new AtomicReference<>(Map.of());
            AtomicReference<Map<String, Double>> midwayMeters = new AtomicReference<>(Map.of());
            HandshakeStorm.Result storm;
            LoadRun.Tally tally;
            List<String> problems;
            List<Long> handshakes;
            List<Long> logins;
            List<String> issued;
            long started = System.nanoTime();

            // when
            try (LoadRun run = new LoadRun(plan, service.base());
                 HandshakeStorm invalid = new HandshakeStorm(service.port(), tokens, "soak-00000")) {
                invalid.start(plan.stormThreads(), plan.traffic().plusSeconds(5));
                run.execute(() -> {
                    try {
                        midway.set(service.adminStats());
                        midwayMeters.set(service.metrics());
                    } catch (Exception e) {
                        fail("GET /admin/stats failed midway: " + e);
                    }
                });
                invalid.stop();
                storm = invalid.result();
                tally = run.tally;
                problems = run.problems();
                handshakes = run.handshakeNanos();
                logins = run.loginNanos();
                issued = run.sampledTokens();
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            Map<String, Object> after = settled(service);
            Map<String, Double> meters = service.metrics(); // the service's own counts, where a meter exists

            // then
            report(plan, seconds, tally, storm, handshakes, logins, before, midway.get(), after);
            String output = service.output();
            assertAll(
                    () -> assertEquals(List.of(), problems, "problems seen by the users"),
                    () -> assertEquals(0, tally.identityMixups.sum(), "identity mix-ups"),
                    () -> assertEquals(0, tally.servedAfterExpiry.sum(), "answers to messages sent after expiry"),
                    () -> assertEquals(0, tally.staleExpiry.sum(), "answers naming another token's exp"),
                    () -> assertEquals(0, tally.lostAtEnd.get(), "messages lost on connections that stayed open"),
                    () -> assertEquals(0, tally.broadcastGaps.sum(), "gaps in broadcasts"),
                    () -> assertEquals(0, tally.outOfOrder.sum(), "own messages out of order"),
                    () -> assertEquals(0, tally.unsolicited.sum() + tally.errorAnswers.sum(), "unexpected answers"),
                    () -> assertEquals(0, tally.loginFailures.sum() + tally.handshakeFailures.sum(),
                            "valid logins or handshakes refused"),
                    () -> assertEquals(0, tally.unexpectedCloses.sum(), "valid connections closed by the service"),
                    () -> assertEquals(0, tally.lateRefreshes.sum(), "refreshes that came too late"),
                    () -> assertEquals(0, tally.expiredOtherwise.sum() + tally.closedBeforeExpiry.sum()
                            + tally.stillOpenAfterExpiry.get(), "expired connections not closed with 1008 at exp"),
                    () -> assertTrue(tally.expiredWith1008.sum() > 0, "no connection was let expire"),
                    () -> assertTrue(tally.refreshes.sum() > 0, "no token was refreshed in-band"),
                    () -> assertTrue(tally.latestExpiryCloseMillis.get() < 5_000,
                            "an expired connection closed " + tally.latestExpiryCloseMillis.get() + " ms after exp"),
                    () -> assertTrue(tally.peakOpen.get() >= plan.users() * 9 / 10, "peak open "
                            + tally.peakOpen.get()),
                    () -> assertEquals(0, storm.upgraded(), "invalid handshakes upgraded"),
                    () -> assertEquals(Map.of(), storm.wrongAnswers(), "invalid handshakes answered otherwise"),
                    () -> assertEquals(0, storm.unanswered(), "invalid handshakes without an answer"),
                    () -> assertEquals(0, storm.leaks(), "answers that echo the token"),
                    () -> assertTrue(storm.answeredAsExpected() > 0, "no invalid handshake was sent"),
                    () -> assertTrue(meter(midwayMeters.get(), OPEN_SESSIONS) >= plan.users() / 2,
                            "midway " + midwayMeters.get().get(OPEN_SESSIONS)),
                    // the room's size and the class histogram are two instants while users come and go
                    () -> assertTrue(number(midway.get(), "liveConnectionGuards") >= number(midway.get(),
                            "openSessions") * 9 / 10, "the statistics see the adapter's state: " + midway.get()),
                    () -> assertEquals(0, meter(meters, OPEN_SESSIONS), "sessions open after, by the meter"),
                    () -> assertTrue(meter(meters, EXPIRED_CLOSES) >= tally.expiredWith1008.sum(), "expiry closes "
                            + "counted by the service " + meter(meters, EXPIRED_CLOSES) + ", seen by the users "
                            + tally.expiredWith1008.sum()),
                    () -> assertTrue(meter(meters, ACCEPTED) >= tally.refreshes.sum(), "accepted authentications "
                            + meter(meters, ACCEPTED)),
                    () -> assertEquals(0, number(after, "openSessions"), "after " + after),
                    () -> assertEquals(0, number(after, "liveWebSocketSessions"), "after " + after),
                    () -> assertEquals(0, number(after, "liveConnectionGuards"), "after " + after),
                    () -> assertEquals(0, number(after, "expiryTimerThreads"), "after " + after),
                    () -> assertTrue(number(after, "liveScheduledTasks") <= number(before, "liveScheduledTasks"),
                            "scheduled tasks before " + before + ", after " + after),
                    () -> assertTrue(number(after, "heapUsedBytes") <= number(before, "heapUsedBytes")
                            + HEAP_GROWTH_ALLOWED, "heap before " + before + ", after " + after),
                    () -> assertFalse(issued.isEmpty()),
                    () -> assertTrue(issued.stream().noneMatch(token -> output.contains(Clients.signature(token))),
                            "a token appeared in the service's output"),
                    () -> assertFalse(output.contains("Exception"), output));
        }
    }

    private static final String OPEN_SESSIONS = "ssot_auth_websocket_sessions";
    private static final String EXPIRED_CLOSES = "ssot_auth_websocket_closes_total{reason=\"expired\"}";
    private static final String ACCEPTED = "ssot_auth_authentications_total{outcome=\"accepted\",reason=\"none\"}";

    /** A sample of the service's {@code /metrics}; a missing series fails the test. */
    private static double meter(Map<String, Double> samples, String series) {
        Double value = samples.get(series);
        if (value == null) {
            throw new AssertionError("no series " + series + " in /metrics: " + samples.keySet());
        }
        return value;
    }

    /** The statistics once the service has let go of everything: polled until it has, within 30 s. */
    private static Map<String, Object> settled(ServiceProcess service) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Map<String, Object> stats = service.adminStats();
        while (System.nanoTime() < end && (number(stats, "openSessions") > 0
                || number(stats, "liveConnectionGuards") > 0 || number(stats, "liveWebSocketSessions") > 0
                || number(stats, "expiryTimerThreads") > 0)) {
            Thread.sleep(1_000);
            stats = service.adminStats();
        }
        return stats;
    }

    private static long number(Map<String, Object> stats, String name) {
        Object value = stats.get(name);
        return value instanceof BigDecimal ? ((BigDecimal) value).longValueExact() : -1;
    }

    /** The file descriptors this run needs: a socket per connection on each side, and room. */
    private static void requireFileDescriptors(int users) {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.UnixOperatingSystemMXBean) {
            long max = ((com.sun.management.UnixOperatingSystemMXBean) os).getMaxFileDescriptorCount();
            long needed = users + 1000L;
            if (max < needed) {
                fail(users + " connections need about " + needed + " file descriptors per process; this one may "
                        + "have " + max + ": raise the limit (ulimit -n " + needed + ") or lower -Dsoak.users");
            }
        }
    }

    private static void report(LoadPlan plan, double seconds, LoadRun.Tally tally, HandshakeStorm.Result storm,
            List<Long> handshakes, List<Long> logins, Map<String, Object> before, Map<String, Object> midway,
            Map<String, Object> after) {
        long sent = tally.sent.sum();
        long received = tally.received.sum();
        print("plan: %d users, traffic %d s (ramp %d s), token TTL %d s, skew 0 s, expiring share %.2f, a message "
                        + "every %d ms per user, %s says/s, %s agent jobs/s, %d storm threads, seed %d",
                plan.users(), plan.traffic().toSeconds(), plan.ramp().toSeconds(), plan.tokenTtl().toSeconds(),
                plan.expiringShare(), plan.messageInterval().toMillis(), plan.saysPerSecond(),
                plan.agentsPerSecond(), plan.stormThreads(), plan.seed());
        print("connections: %d opened (%d first, %d after an expiry), peak %d open at once; %d logins (p50 %.1f ms, "
                        + "p99 %.1f ms)", tally.handshakes.sum(), tally.handshakes.sum() - tally.reconnects.sum(),
                tally.reconnects.sum(), tally.peakOpen.get(), tally.logins.sum(),
                LoadRun.quantileMillis(logins, 0.5), LoadRun.quantileMillis(logins, 0.99));
        print("handshake latency of valid users: p50 %.1f ms, p99 %.1f ms, max %.1f ms (%d handshakes)",
                LoadRun.quantileMillis(handshakes, 0.5), LoadRun.quantileMillis(handshakes, 0.99),
                LoadRun.quantileMillis(handshakes, 1.0), handshakes.size());
        print("messages: %d sent (%d say, %d agent, %d reauth), %d received (%d broadcasts); %d skipped while the "
                        + "service was behind; %.0f messages/s in all", sent, tally.sentSay.sum(),
                tally.sentAgent.sum(), tally.sentReauth.sum(), received, tally.receivedBroadcasts.sum(),
                tally.skippedSends.sum(), (sent + received) / (double) plan.traffic().toSeconds());
        print("tokens: %d refreshed in-band; %d let expire, %d closed with 1008 (latest %d ms after exp); "
                        + "mix-ups %d, lost %d, served after expiry %d, unexpected closes %d",
                tally.refreshes.sum(), tally.expiringTokens.sum(), tally.expiredWith1008.sum(),
                tally.latestExpiryCloseMillis.get(), tally.identityMixups.sum(), tally.lostAtEnd.get(),
                tally.servedAfterExpiry.sum(), tally.unexpectedCloses.sum());
        print("invalid handshakes: %d in %.1f s = %.0f rejections/s (mean answer %.2f ms, %d connections); "
                        + "as expected %d, reset %d, upgraded %d, unanswered %d, other %s",
                storm.requests(), storm.seconds(), storm.perSecond(), storm.meanAnswerMillis(), storm.connections(),
                storm.answeredAsExpected(), storm.resets(), storm.upgraded(), storm.unanswered(),
                storm.wrongAnswers());
        print("service before: %s", describe(before));
        print("service midway: %s", describe(midway));
        print("service after:  %s", describe(after));
        print("wall time %.1f s", seconds);
    }

    private static String describe(Map<String, Object> stats) {
        return String.format(Locale.ROOT, "heap %.1f MiB used after GC (committed %.1f MiB), open sessions %d, "
                        + "live WebSocket sessions %d, live connection guards %d, live scheduled tasks %d, "
                        + "expiry timer threads %d, threads %d",
                number(stats, "heapUsedBytes") / 1048576.0, number(stats, "heapCommittedBytes") / 1048576.0,
                number(stats, "openSessions"), number(stats, "liveWebSocketSessions"),
                number(stats, "liveConnectionGuards"), number(stats, "liveScheduledTasks"),
                number(stats, "expiryTimerThreads"), number(stats, "threads"));
    }

    private static void print(String format, Object... args) {
        System.out.println("[soak] " + String.format(Locale.ROOT, format, args));
    }
}
