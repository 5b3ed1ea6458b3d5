package dev.ssotauth.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

final class OutcomeTest {

    private static final AdminStats QUIET = new AdminStats(10 << 20, 20 << 20, 256 << 20, 0, 0, 100, 0, 20);
    /** Back where it started, 12 closes later. */
    private static final AdminStats SETTLED = new AdminStats(11 << 20, 20 << 20, 256 << 20, 0, 0, 112, 0, 30);

    /** A run of 10 users in which everything held: every user open at once, expiries and refreshes seen. */
    private static LoadRun.Tally heldTally() {
        LoadRun.Tally tally = new LoadRun.Tally();
        tally.handshakes.add(12);
        tally.reconnects.add(2);
        tally.peakOpen.set(10);
        tally.expiredWith1008.add(2);
        tally.refreshes.add(8);
        tally.latestExpiryCloseMillis.set(40);
        return tally;
    }

    private static HandshakeStorm.Result heldStorm() {
        return new HandshakeStorm.Result(1000, 1000, 0, 0, 0, 0, 4, Map.of(), Map.of(), 2.0, 0.5);
    }

    private static Outcome outcome(LoadRun.Tally tally, AdminStats after, Map<String, Double> afterMeters) {
        LoadPlan plan = LoadPlan.shortened(7).resized(10, Duration.ofSeconds(30));
        Map<String, Double> midwayMeters = Map.of(Outcome.OPEN_SESSIONS, 10.0);
        AdminStats midway = new AdminStats(30 << 20, 40 << 20, 256 << 20, 10, 10, 102, 2, 40);
        return new Outcome(plan, 52.25, tally, Optional.of(heldStorm()), List.of(), List.of(2_000_000L, 4_000_000L),
                List.of(1_000_000L), Optional.of(QUIET), Optional.of(midway), Optional.of(after),
                Optional.of(midwayMeters), Optional.of(afterMeters));
    }

    private static Map<String, Double> heldMeters() {
        return Map.of(Outcome.OPEN_SESSIONS, 0.0, Outcome.EXPIRED_CLOSES, 2.0, Outcome.ACCEPTED, 20.0);
    }

    @Test
    void failuresWhenEverythingHeldThenNoneOfEveryCheck() {
        // given
        Outcome outcome = outcome(heldTally(), SETTLED, heldMeters());

        // when
        List<Outcome.Check> failures = outcome.failures();

        // then
        assertEquals(List.of(), failures);
        assertEquals(33, outcome.checks().size());
    }

    @Test
    void failuresWhenSessionsStayOpenAndClosesAreMissingThenTheLeakChecksFail() {
        // given
        AdminStats leaky = new AdminStats(60L << 20, 80 << 20, 256 << 20, 1, 2, 105, 3, 30);

        // when
        List<String> failed = outcome(heldTally(), leaky, heldMeters()).failures().stream()
                .map(Outcome.Check::name).toList();

        // then
        assertEquals(List.of("after, no open session in the room", "after, no open WebSocket session",
                "after, expiry timer threads at most 2", "WebSocket closes grew by at least the sessions opened (12)",
                "expiry timer threads after no more than before", "heap after GC within 32 MiB of before"), failed);
    }

    @Test
    void failuresWhenASeriesIsMissingFromMetricsThenTheCheckFailsNamingIt() {
        // given
        Map<String, Double> meters = Map.of(Outcome.OPEN_SESSIONS, 0.0, Outcome.ACCEPTED, 20.0);

        // when
        List<Outcome.Check> failures = outcome(heldTally(), SETTLED, meters).failures();

        // then
        assertEquals(List.of(new Outcome.Check("expiry closes counted by the service at least those seen (2)", false,
                "no series " + Outcome.EXPIRED_CLOSES + " in /metrics")), failures);
    }

    @Test
    void tableWhenARunEndedThenOneLineEachInTheSoaksWords() {
        // given
        Outcome outcome = outcome(heldTally(), SETTLED, heldMeters());

        // when
        List<String> table = outcome.table();

        // then
        assertEquals(List.of(
                "plan: 10 users, traffic 30 s (ramp 3 s), token TTL 20 s, skew 0 s, expiring share 0.20, a message "
                        + "every 1000 ms per user, 10.0 says/s, 40.0 agent jobs/s, 2 storm threads, seed 7",
                "connections: 12 opened (10 first, 2 after an expiry), peak 10 open at once; 0 logins (p50 1.0 ms, "
                        + "p99 1.0 ms)",
                "handshake latency of valid users: p50 2.0 ms, p99 4.0 ms, max 4.0 ms (2 handshakes)",
                "messages: 0 sent (0 say, 0 agent, 0 reauth), 0 received (0 broadcasts); 0 skipped while the service "
                        + "was behind; 0 messages/s in all",
                "tokens: 8 refreshed in-band; 0 let expire, 2 closed with 1008 (latest 40 ms after exp); mix-ups 0, "
                        + "lost 0, served after expiry 0, unexpected closes 0",
                "invalid handshakes: 1000 in 2.0 s = 500 rejections/s (mean answer 0.50 ms, 4 connections); as "
                        + "expected 1000, reset 0, upgraded 0, unanswered 0, other {}",
                "service before: " + QUIET.describe(),
                "service midway: heap 30.0 MiB used after GC (committed 40.0 MiB, max 256.0 MiB), open sessions 10, "
                        + "WebSocket sessions 10, WebSocket closes 102, expiry timer threads 2, threads 40",
                "service after:  heap 11.0 MiB used after GC (committed 20.0 MiB, max 256.0 MiB), open sessions 0, "
                        + "WebSocket sessions 0, WebSocket closes 112, expiry timer threads 0, threads 30",
                "wall time 52.3 s"), table);
    }

    @Test
    void tableAndChecksWhenTheServiceServesNoStatisticsThenSaidSoAndNoCheckOnThem() {
        // given
        LoadPlan plan = LoadPlan.shortened(7).resized(10, Duration.ofSeconds(30));
        Outcome outcome = new Outcome(plan, 31, heldTally(), Optional.empty(), List.of(), List.of(), List.of(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

        // when
        List<String> table = outcome.table();

        // then
        assertEquals("service after:  not read (GET /admin/stats needs --admin-stats and a loopback client)",
                table.get(8));
        assertEquals("invalid handshakes: none (no storm threads)", table.get(5));
        assertEquals(List.of(), outcome.failures());
        assertEquals(16, outcome.checks().size());
    }
}
