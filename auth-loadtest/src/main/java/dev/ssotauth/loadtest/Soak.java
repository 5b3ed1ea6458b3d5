package dev.ssotauth.loadtest;

import dev.ssotauth.testkit.TestTokens;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * One load and soak run against a running chat service: the service's numbers before, a
 * {@link LoadRun} of the plan's users while a {@link HandshakeStorm} sends invalid handshakes from its
 * own threads, the numbers midway, and once the service has let go of everything, the numbers after.
 * The command line and {@code SoakIT} both run it.
 */
final class Soak {

    /** How long the service may take to let go of every connection and timer thread after the run. */
    static final Duration SETTLE = Duration.ofSeconds(30);
    /** How often the progress line is printed. */
    static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

    private final LoadPlan plan;
    private final Clock clock;
    private final URI base;
    private final TestTokens tokens;
    private final String userPrefix;
    private final String password;
    private final ServiceProbe probe;
    private volatile List<String> sampledTokens = List.of();

    /**
     * @param plan       what to do
     * @param base       the service's {@code http://host:port}
     * @param tokens     makes the storm's invalid tokens (its issuer and audience are the service's)
     * @param userPrefix the users are {@code prefix-00000}, ...; the storm pastes the first one's payload
     * @param password   every user's password
     * @param clock      the time compared with the tokens' {@code exp}
     */
    Soak(LoadPlan plan, URI base, TestTokens tokens, String userPrefix, String password, Clock clock) {
        this.clock = clock;
        this.plan = plan;
        this.base = base;
        this.tokens = tokens;
        this.userPrefix = userPrefix;
        this.password = password;
        this.probe = new ServiceProbe(base);
    }

    /**
     * Runs the plan to its end.
     *
     * @param progress receives a progress line every {@link #PROGRESS_EVERY} (from another thread)
     * @return everything the run saw
     * @throws IllegalArgumentException if the service answers {@code /admin/stats} or {@code /metrics}
     *                                  with something unreadable
     */
    Outcome run(Consumer<String> progress) throws InterruptedException {
        Optional<AdminStats> before = probe.adminStats();
        AtomicReference<Optional<AdminStats>> midway = new AtomicReference<>(Optional.empty());
        AtomicReference<Optional<Map<String, Double>>> midwayMeters = new AtomicReference<>(Optional.empty());
        AtomicReference<RuntimeException> midwayFailure = new AtomicReference<>();
        long started = System.nanoTime();
        Optional<HandshakeStorm.Result> storm;
        LoadRun.Tally tally;
        List<String> problems;
        List<Long> handshakes;
        List<Long> logins;
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "load-progress");
            thread.setDaemon(true);
            return thread;
        });
        try (LoadRun run = new LoadRun(plan, base, userPrefix, password, clock);
             HandshakeStorm invalid = new HandshakeStorm(base.getHost(), base.getPort(), tokens,
                     LoadRun.userName(userPrefix, 0))) {
            ticker.scheduleAtFixedRate(() -> progress.accept(progressLine(run, invalid, started)),
                    PROGRESS_EVERY.toMillis(), PROGRESS_EVERY.toMillis(), TimeUnit.MILLISECONDS);
            invalid.start(plan.stormThreads(), plan.traffic().plusSeconds(5));
            run.execute(() -> {
                try {
                    midway.set(probe.adminStats());
                    midwayMeters.set(probe.metrics());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                    midwayFailure.set(e);
                }
            });
            invalid.stop();
            ticker.shutdownNow();
            storm = plan.stormThreads() > 0 ? Optional.of(invalid.result()) : Optional.empty();
            tally = run.tally;
            problems = run.problems();
            handshakes = run.handshakeNanos();
            logins = run.loginNanos();
            sampledTokens = run.sampledTokens();
        } finally {
            ticker.shutdownNow();
        }
        if (midwayFailure.get() != null) {
            throw midwayFailure.get();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        Optional<AdminStats> after = settled(before);
        Optional<Map<String, Double>> afterMeters = probe.metrics();
        return new Outcome(plan, seconds, tally, storm, problems, handshakes, logins, before, midway.get(), after,
                midwayMeters.get(), afterMeters);
    }

    /**
     * Some of the tokens the service issued during the last {@link #run}, for a test that looks for them
     * in the service's output; never to be printed.
     */
    List<String> sampledTokens() {
        return sampledTokens;
    }

    /** The statistics once the service has let go of everything: polled until it has, within {@link #SETTLE}. */
    private Optional<AdminStats> settled(Optional<AdminStats> before) throws InterruptedException {
        long end = System.nanoTime() + SETTLE.toNanos();
        long threadsBefore = before.map(AdminStats::expiryTimerThreads).orElse(0L);
        Optional<AdminStats> stats = probe.adminStats();
        while (System.nanoTime() < end && stats.isPresent() && (stats.get().openSessions() > 0
                || stats.get().webSocketSessions() > 0 || stats.get().expiryTimerThreads() > threadsBefore)) {
            Thread.sleep(1_000);
            stats = probe.adminStats();
        }
        return stats;
    }

    private static String progressLine(LoadRun run, HandshakeStorm storm, long started) {
        return String.format(Locale.ROOT, "%3d s: %d users connected, %d messages sent, %d received, %d errors, "
                        + "%d invalid handshakes", (System.nanoTime() - started) / 1_000_000_000L, run.tally.open.get(),
                run.tally.sent.sum(), run.tally.received.sum(), run.problemCount(), storm.requests());
    }
}
