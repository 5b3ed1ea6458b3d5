package dev.ssotauth.micrometer;

import dev.ssotauth.core.AuthEvent;
import dev.ssotauth.core.AuthListener;
import dev.ssotauth.core.AuthUnavailableException;
import dev.ssotauth.core.RejectionReason;
import dev.ssotauth.core.Revocation;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * An authority's events as Micrometer meters: register it as the authority's listener and bind it to
 * a registry (in either order; several registries are fine).
 *
 * <pre>{@code
 * AuthMetrics metrics = new AuthMetrics(clock);
 * JwtAuthority authority = JwtAuthority.builderFromEnvironment().clock(clock).listener(metrics).build();
 * metrics.bindTo(registry);
 * }</pre>
 *
 * <p>The meters (every tag value comes from a fixed enum, so the number of series is bounded and
 * known in advance; all of them are registered by {@link #bindTo}, at zero):
 * <table>
 * <caption>Meters</caption>
 * <tr><th>name</th><th>type</th><th>tags</th></tr>
 * <tr><td>{@code ssot.auth.authentications}</td><td>counter</td><td>{@code outcome}: {@code accepted},
 *     {@code rejected}, {@code unavailable}; {@code reason}: {@code none} when accepted, the
 *     {@link RejectionReason} when rejected ({@code BAD_SIGNATURE}, {@code EXPIRED}, …), what could not
 *     be consulted when unavailable ({@link AuthUnavailableException.Source}: {@code KEYS}, …)</td></tr>
 * <tr><td>{@code ssot.auth.keyset.fetches}</td><td>counter</td><td>{@code outcome}: {@code success},
 *     {@code failure}; {@code failure}: {@code none} or the {@link AuthEvent.FetchFailure} category in
 *     lower case with dashes ({@code timeout}, {@code http-status}, …)</td></tr>
 * <tr><td>{@code ssot.auth.keyset.fetch.duration}</td><td>timer</td><td>{@code outcome}</td></tr>
 * <tr><td>{@code ssot.auth.keyset.age}</td><td>time gauge (seconds)</td><td>none: the age of the
 *     oldest remote key set in use, by the clock given here; {@code NaN} before the first fetch</td></tr>
 * <tr><td>{@code ssot.auth.keyset.keys}</td><td>gauge</td><td>none: the keys the remote key sets in
 *     use hold</td></tr>
 * <tr><td>{@code ssot.auth.revocations}</td><td>counter</td><td>{@code kind}: {@code token},
 *     {@code session}, {@code subject}</td></tr>
 * <tr><td>{@code ssot.auth.configuration.warnings}</td><td>counter</td><td>none</td></tr>
 * <tr><td>{@code ssot.auth.websocket.sessions}</td><td>gauge</td><td>none: the authenticated
 *     WebSocket sessions open now</td></tr>
 * <tr><td>{@code ssot.auth.websocket.closes}</td><td>counter</td><td>{@code reason}: {@code expired},
 *     {@code revoked}, {@code reauth-refused}, {@code unavailable}, {@code shutdown}, {@code other}</td></tr>
 * </table>
 *
 * <p>Counting is one lock-free increment in an array slot chosen by the event's enum ordinals: no map
 * lookup, no allocation, nothing that waits; the meters read the slots when a registry asks. No tag
 * holds a token, a secret, a claim value or a key set's address. Thread-safe. The registry holds the
 * meters' state weakly, as Micrometer does for function meters: keep this object referenced (the
 * authority does, as its listener).
 */
public final class AuthMetrics implements AuthListener, MeterBinder {

    private static final RejectionReason[] REASONS = RejectionReason.values();
    private static final AuthUnavailableException.Source[] SOURCES = AuthUnavailableException.Source.values();
    private static final AuthEvent.FetchFailure[] FAILURES = AuthEvent.FetchFailure.values();
    private static final Revocation.Kind[] KINDS = Revocation.Kind.values();
    private static final AuthEvent.CloseReason[] CLOSES = AuthEvent.CloseReason.values();

    private final Clock clock;
    /** [0] accepted, [1 + reason] rejected, [1 + reasons + source] unavailable. */
    private final LongAdder[] authentications = adders(1 + REASONS.length + SOURCES.length);
    /** [0] success, [1 + category] failure. */
    private final LongAdder[] fetches = adders(1 + FAILURES.length);
    /** Total fetch time in nanoseconds: [0] success, [1] failure. */
    private final LongAdder[] fetchNanos = adders(2);
    private final LongAdder[] revocations = adders(KINDS.length);
    private final LongAdder warnings = new LongAdder();
    private final LongAdder[] closes = adders(CLOSES.length);
    private final AtomicLong openSessions = new AtomicLong();
    /** The key set in use per remote source (a bounded set: the configured addresses). */
    private final Map<String, KeySetInUse> keySets = new ConcurrentHashMap<>();

    /** When a source's key set in use was fetched and how many keys it holds. */
    private record KeySetInUse(Instant fetchedAt, int keys) {
    }

    /** Meters whose key-set age is measured by the system clock (in UTC). */
    public AuthMetrics() {
        this(Clock.systemUTC());
    }

    /**
     * Meters whose key-set age is measured by {@code clock}: give it the authority's clock.
     *
     * @param clock the clock
     * @throws NullPointerException if {@code clock} is {@code null}
     */
    public AuthMetrics(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    private static LongAdder[] adders(int count) {
        LongAdder[] adders = new LongAdder[count];
        for (int i = 0; i < count; i++) {
            adders[i] = new LongAdder();
        }
        return adders;
    }

    /**
     * Counts one event. Fast, non-blocking, allocation-free for authentications and sessions.
     *
     * @param event the event
     */
    @Override
    public void onEvent(AuthEvent event) {
        if (event instanceof AuthEvent.Authentication authentication) {
            authentications[slot(authentication)].increment();
        } else if (event instanceof AuthEvent.WebSocketSession session) {
            if (session.opened()) {
                openSessions.incrementAndGet();
            } else {
                openSessions.decrementAndGet();
                closes[session.reason().ordinal()].increment();
            }
        } else if (event instanceof AuthEvent.KeySetFetch fetch) {
            fetched(fetch);
        } else if (event instanceof AuthEvent.Revoked revoked) {
            revocations[revoked.kind().ordinal()].increment();
        } else if (event instanceof AuthEvent.ConfigurationWarning) {
            warnings.increment();
        }
    }

    private static int slot(AuthEvent.Authentication event) {
        return switch (event.outcome()) {
            case ACCEPTED -> 0;
            case REJECTED -> 1 + event.reason().ordinal();
            case UNAVAILABLE -> 1 + REASONS.length + event.unavailable().ordinal();
        };
    }

    private void fetched(AuthEvent.KeySetFetch fetch) {
        fetches[fetch.succeeded() ? 0 : 1 + fetch.failure().ordinal()].increment();
        fetchNanos[fetch.succeeded() ? 0 : 1].add(nanos(fetch.duration()));
        if (fetch.fetchedAt() != null) { // a key set (a discovery document's fetch carries none)
            keySets.put(fetch.source(), new KeySetInUse(fetch.fetchedAt(), fetch.keys()));
        }
    }

    private static long nanos(Duration duration) {
        try {
            return Math.max(0, duration.toNanos());
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    /**
     * Registers every meter with {@code registry}, at its current count.
     *
     * @param registry the registry
     * @throws NullPointerException if {@code registry} is {@code null}
     */
    @Override
    public void bindTo(MeterRegistry registry) {
        Objects.requireNonNull(registry, "registry");
        String authenticationsHelp = "Tokens authenticated, by outcome and reason";
        counter(registry, "ssot.auth.authentications", authenticationsHelp, authentications[0],
                "outcome", "accepted", "reason", "none");
        for (RejectionReason reason : REASONS) {
            counter(registry, "ssot.auth.authentications", authenticationsHelp,
                    authentications[1 + reason.ordinal()], "outcome", "rejected", "reason", reason.name());
        }
        for (AuthUnavailableException.Source source : SOURCES) {
            counter(registry, "ssot.auth.authentications", authenticationsHelp,
                    authentications[1 + REASONS.length + source.ordinal()], "outcome", "unavailable", "reason",
                    source.name());
        }
        String fetchesHelp = "Fetches of remote key sets (JWK Sets, discovery documents), by outcome";
        counter(registry, "ssot.auth.keyset.fetches", fetchesHelp, fetches[0], "outcome", "success", "failure", "none");
        for (AuthEvent.FetchFailure failure : FAILURES) {
            counter(registry, "ssot.auth.keyset.fetches", fetchesHelp, fetches[1 + failure.ordinal()],
                    "outcome", "failure", "failure", tag(failure));
        }
        fetchTimer(registry, "success", 0, 1);
        fetchTimer(registry, "failure", 1, fetches.length);
        TimeGauge.builder("ssot.auth.keyset.age", this, TimeUnit.SECONDS, AuthMetrics::oldestKeySetSeconds)
                .description("Age of the oldest remote key set in use").register(registry);
        Gauge.builder("ssot.auth.keyset.keys", this, AuthMetrics::keysInUse)
                .description("Keys held by the remote key sets in use").baseUnit("keys").register(registry);
        for (Revocation.Kind kind : KINDS) {
            counter(registry, "ssot.auth.revocations", "Revocations made through the authority, by kind",
                    revocations[kind.ordinal()], "kind", tag(kind));
        }
        FunctionCounter.builder("ssot.auth.configuration.warnings", warnings, LongAdder::sum)
                .description("Configuration warnings at start-up").register(registry);
        Gauge.builder("ssot.auth.websocket.sessions", openSessions, AtomicLong::get)
                .description("Authenticated WebSocket sessions open now").baseUnit("sessions").register(registry);
        for (AuthEvent.CloseReason reason : CLOSES) {
            counter(registry, "ssot.auth.websocket.closes", "Authenticated WebSocket sessions closed, by reason",
                    closes[reason.ordinal()], "reason", tag(reason));
        }
    }

    private static void counter(MeterRegistry registry, String name, String description, LongAdder adder,
            String... tags) {
        FunctionCounter.builder(name, adder, LongAdder::sum).description(description).tags(tags).register(registry);
    }

    private void fetchTimer(MeterRegistry registry, String outcome, int from, int to) {
        FunctionTimer.builder("ssot.auth.keyset.fetch.duration", this, metrics -> metrics.sum(from, to),
                metrics -> metrics.fetchNanos[from == 0 ? 0 : 1].sum(), TimeUnit.NANOSECONDS)
                .description("Time taken by fetches of remote key sets").tags("outcome", outcome).register(registry);
    }

    private long sum(int from, int to) {
        long sum = 0;
        for (int i = from; i < to; i++) {
            sum += fetches[i].sum();
        }
        return sum;
    }

    private double oldestKeySetSeconds() {
        Instant oldest = null;
        for (KeySetInUse inUse : keySets.values()) {
            if (oldest == null || inUse.fetchedAt().isBefore(oldest)) {
                oldest = inUse.fetchedAt();
            }
        }
        return oldest == null ? Double.NaN : Duration.between(oldest, clock.instant()).toMillis() / 1000.0;
    }

    private double keysInUse() {
        return keySets.values().stream().mapToInt(KeySetInUse::keys).sum();
    }

    /** @return the constant's name in lower case with dashes, as tags are written */
    static String tag(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * A safe description: the counts of authentications and open sessions.
     *
     * @return the description
     */
    @Override
    public String toString() {
        long total = 0;
        for (LongAdder adder : authentications) {
            total += adder.sum();
        }
        return "AuthMetrics[authentications=" + total + ", openSessions=" + openSessions.get() + "]";
    }
}
