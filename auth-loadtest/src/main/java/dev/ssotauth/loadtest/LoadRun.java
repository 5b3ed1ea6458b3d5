package dev.ssotauth.loadtest;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A load run against a running chat service: {@link LoadPlan#users()} users, each with one WebSocket
 * connection at a time, all on one {@link HttpClient} with a small shared executor.
 * Each user logs in over HTTP, opens {@code /chat}, sends {@code whoami}, {@code say} and
 * {@code agent} messages with sequence numbers in their text, and before its token expires either
 * logs in again and sends the fresh token in-band ({@code reauth}) or, by the plan's chance, lets it
 * expire — then the service must close the connection with 1008, and the user logs in and connects
 * again. Every answer is checked as it arrives ({@link LoadUser}); the run counts into a {@link Tally}.
 *
 * <p>Bounded: sending stops at the end of {@link LoadPlan#traffic()}, answers are awaited for at most
 * {@link #DRAIN}, connections are closed within {@link #CLOSE}; the threads are daemons and
 * {@link #close()} stops them.
 */
final class LoadRun implements AutoCloseable {

    static final Duration DRAIN = Duration.ofSeconds(20);
    static final Duration CLOSE = Duration.ofSeconds(15);
    static final Duration STEP = Duration.ofSeconds(20);
    /** Problems described in full; the rest are only counted. */
    private static final int MAX_PROBLEMS = 40;
    /** Issued tokens kept to look for in the service's output afterwards. */
    private static final int MAX_SAMPLED_TOKENS = 200;
    /** The chat's WebSocket endpoint. */
    static final String CHAT_PATH = "/chat";
    /** Thread-safe once configured, and never configured further. */
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Everything counted during a run. Thread-safe. */
    static final class Tally {
        final LongAdder logins = new LongAdder();
        final LongAdder loginFailures = new LongAdder();
        final LongAdder handshakes = new LongAdder();
        final LongAdder handshakeFailures = new LongAdder();
        final LongAdder reconnects = new LongAdder();
        final LongAdder sent = new LongAdder();
        final LongAdder sentSay = new LongAdder();
        final LongAdder sentAgent = new LongAdder();
        final LongAdder sentReauth = new LongAdder();
        final LongAdder skippedSends = new LongAdder();
        final LongAdder received = new LongAdder();
        final LongAdder receivedBroadcasts = new LongAdder();
        final LongAdder identityMixups = new LongAdder();
        final LongAdder staleExpiry = new LongAdder();
        final LongAdder servedAfterExpiry = new LongAdder();
        final LongAdder outOfOrder = new LongAdder();
        final LongAdder broadcastGaps = new LongAdder();
        final LongAdder unsolicited = new LongAdder();
        final LongAdder errorAnswers = new LongAdder();
        final LongAdder refreshes = new LongAdder();
        final LongAdder lateRefreshes = new LongAdder();
        final LongAdder expiringTokens = new LongAdder();
        final LongAdder expiredWith1008 = new LongAdder();
        final LongAdder expiredOtherwise = new LongAdder();
        final LongAdder closedBeforeExpiry = new LongAdder();
        final LongAdder unexpectedCloses = new LongAdder();
        final LongAdder closedAtEnd = new LongAdder();
        final AtomicLong latestExpiryCloseMillis = new AtomicLong();
        final AtomicLong lostAtEnd = new AtomicLong();
        final AtomicLong stillOpenAfterExpiry = new AtomicLong();
        final AtomicInteger peakOpen = new AtomicInteger();
        final AtomicInteger open = new AtomicInteger();
    }

    final LoadPlan plan;
    private final Clock clock;
    final URI base;
    final URI chat;
    final Tally tally = new Tally();
    final ObjectMapper json = JSON;
    final HttpClient http;
    private final String password;
    final ScheduledExecutorService timers;
    private final ExecutorService httpThreads;
    private final List<LoadUser> users = new ArrayList<>();
    private final Queue<Long> handshakeNanos = new ConcurrentLinkedQueue<>();
    private final Queue<Long> loginNanos = new ConcurrentLinkedQueue<>();
    private final List<String> problems = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger problemCount = new AtomicInteger();
    private final Queue<String> sampledTokens = new ConcurrentLinkedQueue<>();
    private final AtomicInteger sampled = new AtomicInteger();
    private volatile boolean sending = true;
    private volatile boolean closing;
    private volatile long trafficEndNanos = Long.MAX_VALUE;

    /**
     * @param plan       what to do
     * @param base       the service's {@code http://host:port}
     * @param userPrefix the users are {@code prefix-00000}, {@code prefix-00001}, ...
     * @param password   every user's password (the example's demo users: {@code demo})
     * @param clock      the time the run compares with the tokens' {@code exp}
     */
    LoadRun(LoadPlan plan, URI base, String userPrefix, String password, Clock clock) {
        this.plan = plan;
        this.clock = clock;
        this.base = base;
        this.password = password;
        this.chat = URI.create("ws" + base.toString().substring("http".length())).resolve(CHAT_PATH);
        AtomicInteger count = new AtomicInteger();
        this.httpThreads = Executors.newFixedThreadPool(4, task -> {
            Thread thread = new Thread(task, "load-http-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(STEP)
                .executor(httpThreads).build();
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(2, task -> {
            Thread thread = new Thread(task, "load-timer-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        scheduler.setRemoveOnCancelPolicy(true);
        scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.timers = scheduler;
        for (int i = 0; i < plan.users(); i++) {
            users.add(new LoadUser(this, userName(userPrefix, i), plan.seed() * 31 + i));
        }
    }

    /** The time now, by the run's clock. */
    Instant now() {
        return clock.instant();
    }

    /** The name of user {@code index}: {@code prefix-00042}. */
    static String userName(String prefix, int index) {
        return String.format(java.util.Locale.ROOT, "%s-%05d", prefix, index);
    }

    /**
     * Runs the plan: opens the connections over the ramp, lets the traffic flow, calls
     * {@code midway} once about two thirds in, stops sending, waits for the answers, closes every
     * connection.
     *
     * @param midway called once while the traffic flows (for example to read the service's statistics)
     */
    void execute(Runnable midway) throws InterruptedException {
        long start = System.nanoTime();
        trafficEndNanos = start + plan.traffic().toNanos();
        long rampStep = plan.ramp().toNanos() / Math.max(1, plan.users());
        for (int i = 0; i < users.size(); i++) {
            LoadUser user = users.get(i);
            timers.schedule(user::connect, i * rampStep, TimeUnit.NANOSECONDS);
        }
        long midwayAt = start + plan.traffic().toNanos() * 2 / 3;
        sleepUntil(midwayAt);
        midway.run();
        sleepUntil(trafficEndNanos);
        sending = false;

        long drainEnd = System.nanoTime() + DRAIN.toNanos();
        while (System.nanoTime() < drainEnd && users.stream().anyMatch(LoadUser::awaitsAnswers)) {
            Thread.sleep(100);
        }
        closing = true;
        Instant now = now();
        for (LoadUser user : users) {
            tally.lostAtEnd.addAndGet(user.unanswered());
            if (user.openPastExpiry(now)) {
                tally.stillOpenAfterExpiry.incrementAndGet();
                problem(user.name + " is still open more than 10 s after its token expired");
            }
        }
        for (LoadUser user : users) {
            user.closeNormally();
        }
        long closeEnd = System.nanoTime() + CLOSE.toNanos();
        while (System.nanoTime() < closeEnd && tally.open.get() > 0) {
            Thread.sleep(100);
        }
        for (LoadUser user : users) {
            user.abort();
        }
    }

    private static void sleepUntil(long nanos) throws InterruptedException {
        long left = nanos - System.nanoTime();
        if (left > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }

    /** Whether messages may still be sent. */
    boolean sending() {
        return sending;
    }

    /** Whether the run is closing its connections. */
    boolean closing() {
        return closing;
    }

    /** Whether a user whose connection ended may connect again: only while sending, with time left. */
    boolean mayReconnect() {
        return sending && !closing && System.nanoTime() < trafficEndNanos - Duration.ofSeconds(3).toNanos();
    }

    /** Logs {@code user} in over HTTP; the access token, or {@code null} when refused. */
    CompletableFuture<String> login(String user) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/login")).timeout(STEP)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.createObjectNode().put("username", user)
                        .put("password", password).toString())).build();
        long started = System.nanoTime();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).handle((response, error) -> {
            if (error != null || response.statusCode() != 200) {
                tally.loginFailures.increment();
                problem("login of " + user + " failed: " + (error != null ? error.getClass().getSimpleName()
                        : "HTTP " + response.statusCode()));
                return null;
            }
            loginNanos.add(System.nanoTime() - started);
            tally.logins.increment();
            String token = accessToken(response.body());
            if (token == null) {
                problem("login of " + user + " answered no access_token");
            } else if (sampled.incrementAndGet() <= MAX_SAMPLED_TOKENS) {
                sampledTokens.add(token);
            }
            return token;
        });
    }

    /** The {@code access_token} of a login's answer, or {@code null}. */
    static String accessToken(String body) {
        try {
            JsonNode token = JSON.readTree(body).path("access_token");
            return token.isTextual() ? token.textValue() : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    void handshakeTook(long nanos) {
        handshakeNanos.add(nanos);
    }

    void opened() {
        int now = tally.open.incrementAndGet();
        tally.peakOpen.accumulateAndGet(now, Math::max);
    }

    void problem(String description) {
        if (problemCount.incrementAndGet() <= MAX_PROBLEMS) {
            problems.add(description);
        }
    }

    /** How many problems were seen so far, described or only counted. */
    int problemCount() {
        return problemCount.get();
    }

    /** The problems seen, the first {@value #MAX_PROBLEMS} described, then how many more. */
    List<String> problems() {
        synchronized (problems) {
            List<String> copy = new ArrayList<>(problems);
            if (problemCount.get() > copy.size()) {
                copy.add("... and " + (problemCount.get() - copy.size()) + " more");
            }
            return copy;
        }
    }

    /** Some of the tokens the service issued during the run: none may appear in its output. */
    List<String> sampledTokens() {
        return List.copyOf(sampledTokens);
    }

    List<Long> handshakeNanos() {
        return List.copyOf(handshakeNanos);
    }

    List<Long> loginNanos() {
        return List.copyOf(loginNanos);
    }

    /** The {@code exp} of a token the service issued (it signed it; this only reads). */
    static Instant expiryOf(String token) {
        return IssuedToken.read(token).expiresAt();
    }

    @Override
    public void close() {
        closing = true;
        sending = false;
        for (LoadUser user : users) {
            user.abort();
        }
        timers.shutdownNow();
        httpThreads.shutdownNow();
        try {
            timers.awaitTermination(5, TimeUnit.SECONDS);
            httpThreads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
