package dev.ssotauth.loadtest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Everything one run saw, once it is over: what the users and the storm counted, and the service's
 * own numbers before, midway and after when it served them. Makes the final table and the checks;
 * both name counts, reasons and user names of the run's own making, never a token.
 *
 * @param plan           what the run did
 * @param wallSeconds    from the start of the run to the end of closing
 * @param tally          the users' counts
 * @param storm          the invalid handshakes, or empty when the plan has no storm threads
 * @param problems       what the users saw go wrong, described
 * @param handshakeNanos each valid handshake's time
 * @param loginNanos     each login's time
 * @param before         {@code /admin/stats} before the first connection, or empty
 * @param midway         {@code /admin/stats} about two thirds in, or empty
 * @param after          {@code /admin/stats} once the service has let go of everything, or empty
 * @param midwayMeters   {@code /metrics} about two thirds in, or empty
 * @param afterMeters    {@code /metrics} after, or empty
 */
record Outcome(LoadPlan plan, double wallSeconds, LoadRun.Tally tally, Optional<HandshakeStorm.Result> storm,
        List<String> problems, List<Long> handshakeNanos, List<Long> loginNanos, Optional<AdminStats> before,
        Optional<AdminStats> midway, Optional<AdminStats> after, Optional<Map<String, Double>> midwayMeters,
        Optional<Map<String, Double>> afterMeters) {

    /** How much more heap (after a full collection) the service may use after the run than before. */
    static final long HEAP_GROWTH_ALLOWED = 32L << 20;
    /** The WebSocket adapter's expiry timer pool: never more threads than this. */
    static final long EXPIRY_TIMER_THREADS_MAX = 2;
    static final String OPEN_SESSIONS = "ssot_auth_websocket_sessions";
    static final String EXPIRED_CLOSES = "ssot_auth_websocket_closes_total{reason=\"expired\"}";
    static final String ACCEPTED = "ssot_auth_authentications_total{outcome=\"accepted\",reason=\"none\"}";

    /** Copies the lists. */
    Outcome {
        problems = List.copyOf(problems);
        handshakeNanos = List.copyOf(handshakeNanos);
        loginNanos = List.copyOf(loginNanos);
    }

    /** One thing a run must show: its name, whether it held, and what was seen. */
    record Check(String name, boolean held, String detail) {

        static Check of(String name, boolean held, Object seen) {
            return new Check(name, held, String.valueOf(seen));
        }

        static Check none(String name, long count) {
            return new Check(name, count == 0, count + " seen");
        }
    }

    /** The checks that did not hold; empty when everything held. */
    List<Check> failures() {
        return checks().stream().filter(check -> !check.held()).toList();
    }

    /** Every check this run can make: those on the service's own numbers only where it served them. */
    List<Check> checks() {
        LoadRun.Tally t = tally;
        List<Check> checks = new ArrayList<>();
        checks.add(Check.of("problems seen by the users", problems.isEmpty(), problems));
        checks.add(Check.none("identity mix-ups", t.identityMixups.sum()));
        checks.add(Check.none("answers to messages sent after expiry", t.servedAfterExpiry.sum()));
        checks.add(Check.none("answers naming another token's exp", t.staleExpiry.sum()));
        checks.add(Check.none("messages lost on connections that stayed open", t.lostAtEnd.get()));
        checks.add(Check.none("gaps in broadcasts", t.broadcastGaps.sum()));
        checks.add(Check.none("own messages out of order", t.outOfOrder.sum()));
        checks.add(Check.none("unexpected answers", t.unsolicited.sum() + t.errorAnswers.sum()));
        checks.add(Check.none("valid logins or handshakes refused", t.loginFailures.sum() + t.handshakeFailures.sum()));
        checks.add(Check.none("valid connections closed by the service", t.unexpectedCloses.sum()));
        checks.add(Check.none("refreshes that came too late", t.lateRefreshes.sum()));
        checks.add(Check.none("expired connections not closed with 1008 at exp", t.expiredOtherwise.sum()
                + t.closedBeforeExpiry.sum() + t.stillOpenAfterExpiry.get()));
        if (plan.exercisesExpiry()) {
            checks.add(Check.of("a connection let expire was closed with 1008", t.expiredWith1008.sum() > 0,
                    t.expiredWith1008.sum()));
            if (plan.expiringShare() < 1) {
                checks.add(Check.of("a token was refreshed in-band", t.refreshes.sum() > 0, t.refreshes.sum()));
            }
        }
        checks.add(Check.of("expired connections closed within 5 s of exp", t.latestExpiryCloseMillis.get() < 5_000,
                t.latestExpiryCloseMillis.get() + " ms at the latest"));
        checks.add(Check.of("at least 90 % of the users open at once", t.peakOpen.get() >= plan.users() * 9 / 10,
                t.peakOpen.get() + " of " + plan.users()));
        storm.ifPresent(s -> {
            checks.add(Check.none("invalid handshakes upgraded", s.upgraded()));
            checks.add(Check.of("invalid handshakes answered otherwise", s.wrongAnswers().isEmpty(), s.wrongAnswers()));
            checks.add(Check.none("invalid handshakes without an answer", s.unanswered()));
            checks.add(Check.none("answers that echo the token", s.leaks()));
            checks.add(Check.of("invalid handshakes answered as expected", s.answeredAsExpected() > 0,
                    s.answeredAsExpected()));
        });
        midwayMeters.ifPresent(meters -> checks.add(meter(meters, OPEN_SESSIONS,
                "sessions open midway, by the meter, at least half the users", v -> v >= plan.users() / 2.0)));
        afterMeters.ifPresent(meters -> {
            checks.add(meter(meters, OPEN_SESSIONS, "sessions open after, by the meter, none", v -> v == 0));
            checks.add(meter(meters, EXPIRED_CLOSES, "expiry closes counted by the service at least those seen ("
                    + t.expiredWith1008.sum() + ")", v -> v >= t.expiredWith1008.sum()));
            checks.add(meter(meters, ACCEPTED, "accepted authentications at least the in-band refreshes ("
                    + t.refreshes.sum() + ")", v -> v >= t.refreshes.sum()));
        });
        midway.ifPresent(m -> {
            // the room's size and the adapter's gauge are two instants while users come and go
            checks.add(Check.of("midway, the adapter's sessions at least 90 % of the room's",
                    m.webSocketSessions() >= m.openSessions() * 9 / 10, m.describe()));
            checks.add(Check.of("midway, expiry timer threads at most " + EXPIRY_TIMER_THREADS_MAX,
                    m.expiryTimerThreads() <= EXPIRY_TIMER_THREADS_MAX, m.expiryTimerThreads()));
        });
        after.ifPresent(a -> {
            checks.add(Check.of("after, no open session in the room", a.openSessions() == 0, a.describe()));
            checks.add(Check.of("after, no open WebSocket session", a.webSocketSessions() == 0, a.describe()));
            checks.add(Check.of("after, expiry timer threads at most " + EXPIRY_TIMER_THREADS_MAX,
                    a.expiryTimerThreads() <= EXPIRY_TIMER_THREADS_MAX, a.expiryTimerThreads()));
        });
        if (before.isPresent() && after.isPresent()) {
            AdminStats b = before.get();
            AdminStats a = after.get();
            checks.add(Check.of("WebSocket closes grew by at least the sessions opened (" + t.handshakes.sum() + ")",
                    a.webSocketCloses() - b.webSocketCloses() >= t.handshakes.sum(),
                    b.webSocketCloses() + " before, " + a.webSocketCloses() + " after"));
            checks.add(Check.of("expiry timer threads after no more than before",
                    a.expiryTimerThreads() <= b.expiryTimerThreads(),
                    b.expiryTimerThreads() + " before, " + a.expiryTimerThreads() + " after"));
            checks.add(Check.of("heap after GC within " + (HEAP_GROWTH_ALLOWED >> 20) + " MiB of before",
                    a.heapUsedBytes() <= b.heapUsedBytes() + HEAP_GROWTH_ALLOWED,
                    b.heapUsedBytes() + " bytes before, " + a.heapUsedBytes() + " after"));
        }
        return List.copyOf(checks);
    }

    private static Check meter(Map<String, Double> meters, String series, String name,
            java.util.function.DoublePredicate holds) {
        Double value = meters.get(series);
        if (value == null) {
            return Check.of(name, false, "no series " + series + " in /metrics");
        }
        return Check.of(name, holds.test(value), series + " " + value);
    }

    /** The final table: one line each for the plan, connections, latency, messages, tokens, storm, service. */
    List<String> table() {
        LoadRun.Tally t = tally;
        long sent = t.sent.sum();
        long received = t.received.sum();
        List<String> lines = new ArrayList<>();
        lines.add(format("plan: %d users, traffic %d s (ramp %d s), token TTL %d s, skew %d s, expiring share %.2f, "
                        + "a message every %d ms per user, %s says/s, %s agent jobs/s, %d storm threads, seed %d",
                plan.users(), plan.traffic().toSeconds(), plan.ramp().toSeconds(), plan.tokenTtl().toSeconds(),
                plan.clockSkew().toSeconds(), plan.expiringShare(), plan.messageInterval().toMillis(),
                plan.saysPerSecond(), plan.agentsPerSecond(), plan.stormThreads(), plan.seed()));
        lines.add(format("connections: %d opened (%d first, %d after an expiry), peak %d open at once; %d logins "
                        + "(p50 %.1f ms, p99 %.1f ms)", t.handshakes.sum(), t.handshakes.sum() - t.reconnects.sum(),
                t.reconnects.sum(), t.peakOpen.get(), t.logins.sum(), quantileMillis(loginNanos, 0.5),
                quantileMillis(loginNanos, 0.99)));
        lines.add(format("handshake latency of valid users: p50 %.1f ms, p99 %.1f ms, max %.1f ms (%d handshakes)",
                quantileMillis(handshakeNanos, 0.5), quantileMillis(handshakeNanos, 0.99),
                quantileMillis(handshakeNanos, 1.0), handshakeNanos.size()));
        lines.add(format("messages: %d sent (%d say, %d agent, %d reauth), %d received (%d broadcasts); %d skipped "
                        + "while the service was behind; %.0f messages/s in all", sent, t.sentSay.sum(),
                t.sentAgent.sum(), t.sentReauth.sum(), received, t.receivedBroadcasts.sum(), t.skippedSends.sum(),
                (sent + received) / (double) plan.traffic().toSeconds()));
        lines.add(format("tokens: %d refreshed in-band; %d let expire, %d closed with 1008 (latest %d ms after "
                        + "exp); mix-ups %d, lost %d, served after expiry %d, unexpected closes %d",
                t.refreshes.sum(), t.expiringTokens.sum(), t.expiredWith1008.sum(), t.latestExpiryCloseMillis.get(),
                t.identityMixups.sum(), t.lostAtEnd.get(), t.servedAfterExpiry.sum(), t.unexpectedCloses.sum()));
        lines.add(storm.map(s -> format("invalid handshakes: %d in %.1f s = %.0f rejections/s (mean answer %.2f ms, "
                        + "%d connections); as expected %d, reset %d, upgraded %d, unanswered %d, other %s",
                s.requests(), s.seconds(), s.perSecond(), s.meanAnswerMillis(), s.connections(),
                s.answeredAsExpected(), s.resets(), s.upgraded(), s.unanswered(), s.wrongAnswers()))
                .orElse("invalid handshakes: none (no storm threads)"));
        lines.add("service before: " + describe(before));
        lines.add("service midway: " + describe(midway));
        lines.add("service after:  " + describe(after));
        lines.add(format("wall time %.1f s", wallSeconds));
        return List.copyOf(lines);
    }

    private static String describe(Optional<AdminStats> stats) {
        return stats.map(AdminStats::describe)
                .orElse("not read (GET /admin/stats needs --admin-stats and a loopback client)");
    }

    /** The {@code q} quantile (0 to 1) of {@code nanos}, in milliseconds; -1 when there are none. */
    static double quantileMillis(List<Long> nanos, double q) {
        if (nanos.isEmpty()) {
            return -1;
        }
        List<Long> sorted = new ArrayList<>(nanos);
        sorted.sort(null);
        int index = (int) Math.ceil(q * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index))) / 1_000_000.0;
    }

    private static String format(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
