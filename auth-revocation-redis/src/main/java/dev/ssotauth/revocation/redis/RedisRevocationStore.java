package dev.ssotauth.revocation.redis;

import java.net.SocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import dev.ssotauth.core.AuthUnavailableException;
import dev.ssotauth.core.Revocation;
import dev.ssotauth.core.RevocationStore;
import dev.ssotauth.core.UserContext;
import dev.ssotauth.core.spi.RevocationTable;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link RevocationStore} shared by every node that points at the same Redis: a revocation written
 * once, on any node, is seen by all of them. Each node answers {@link #isRevoked(UserContext)} from
 * its own memory (a {@link RevocationTable}), never with a network round trip; Redis pub/sub
 * keeps that memory up to date.
 *
 * <pre>{@code
 * RedisRevocationStore revocations = RedisRevocationStore.builder("redis://127.0.0.1:6379")
 *         .clock(clock)                                  // the authority's clock
 *         .build();                                      // connects and loads the deny list
 * JwtAuthority authority = JwtAuthority.builder()
 *         ...
 *         .clock(clock)
 *         .revocationStore(revocations)
 *         .build();
 * // on shut-down: revocations.close();
 * }</pre>
 *
 * <p><b>In Redis</b> every revocation is one key, {@code <prefix>:entry:<T|S|U>:<jti|sid|sub>}, whose
 * Redis expiry is the revocation's {@link Revocation#expiresAt()}, so Redis forgets it when every
 * token it covers has expired. A write merges with the stored entry (later expiry, later cut-off),
 * stores it and publishes it on {@code <prefix>:events} in one Lua script, atomically.
 *
 * <p><b>Start and reconnect.</b> A node subscribes first, and once Redis confirms the subscription it
 * reloads the whole deny list with {@code SCAN} (never {@code KEYS}); messages that arrive meanwhile
 * and entries the scan finds are applied alike (applying is idempotent: entries only ever grow
 * stronger), so nothing written between the two is lost. After the scan the node writes back the
 * entries it knows of that Redis lacks (Redis restarted without persistence, say), so that nodes
 * started later see them too. The same happens after every reconnect.
 *
 * <p><b>When Redis cannot be reached</b> ({@link Builder#stalenessWindow(Duration)}, 30 seconds by
 * default): the node keeps answering {@link #isRevoked} from its memory while the list was last
 * confirmed complete less than the window ago, then throws {@link AuthUnavailableException} (fail
 * closed: 503, never a silently accepted token) until it is connected again and has reloaded the list.
 * "Confirmed" means: the node's own heartbeat, published every second (or a quarter of the window, if
 * less) and received back over its subscription, proves that every revocation written before it was
 * sent has arrived — so a silent network partition is caught as surely as a closed connection.
 * {@link #revoke} while Redis is unreachable throws {@link AuthUnavailableException} at once; it never
 * records a revocation on one node only.
 *
 * <p>Listeners ({@link #subscribe}) are called once for each revocation that changes this node's view,
 * whichever way it came first: a local {@link #revoke} (on the calling thread), a pub/sub message or a
 * reload (on the store's own thread). A repeated revocation that changes nothing is not announced
 * again.
 *
 * <p>Thread-safe. Holds two Redis connections and a few threads of its own; {@link #close()} releases
 * them. No revoked value ({@code jti}, {@code sid}, {@code sub}) appears in a log line or exception
 * message.
 */
public final class RedisRevocationStore implements RevocationStore, AutoCloseable {

    /** What an answer this store cannot give is: the revocation store could not be consulted. */
    private static final AuthUnavailableException.Source STORE = AuthUnavailableException.Source.REVOCATION_STORE;

    /** How long a node may answer from memory after the list was last confirmed complete: 30 seconds. */
    public static final Duration DEFAULT_STALENESS_WINDOW = Duration.ofSeconds(30);

    /** How long one Redis command, or a connection attempt, may take: 5 seconds. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    /** How long {@link Builder#build()} may take to connect and load the list: 30 seconds. */
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(30);

    /** The default prefix of every key and channel: {@value}. */
    public static final String DEFAULT_KEY_PREFIX = "ssot-auth:revocation";

    private static final Logger log = LoggerFactory.getLogger(RedisRevocationStore.class);

    private static final long NEVER = Long.MIN_VALUE;
    private static final Duration MAX_HEARTBEAT_INTERVAL = Duration.ofSeconds(1);
    private static final Duration PURGE_INTERVAL = Duration.ofMinutes(1);
    private static final Duration MAX_RETRY_DELAY = Duration.ofSeconds(2);
    /** A full view frees up only as entries expire: reload (a full SCAN) no more often than this. */
    private static final Duration OVERFLOW_RETRY_DELAY = Duration.ofSeconds(10);
    private static final int SCAN_PAGE = 1000;
    private static final int WRITE_BACK_BATCH = 500;
    private static final Pattern KEY_PREFIX = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private final String description;
    private final Clock clock;
    private final Duration window;
    private final long windowNanos;
    private final Duration timeout;
    private final Entries entries;
    private final String heartbeatChannel;
    private final RevocationTable view;
    private final ClientResources resources;
    private final RedisClient client;
    private final ScheduledExecutorService worker;
    private final CompletableFuture<Void> firstLoad = new CompletableFuture<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    /** Guards {@link #generation}, {@link #loaded} and writes of {@link #confirmedAt}; reads need no lock. */
    private final Object state = new Object();
    /** Counts losses of the subscription (and overflows of the view); a reload counts only for its own. */
    private long generation;
    /** Whether the list was reloaded since the subscription was last (re)established. */
    private boolean loaded;
    /**
     * {@link System#nanoTime()} up to which the local view is known to hold every revocation; {@link #NEVER}
     * before the first load. Monotonic on purpose: the injected clock decides expiry, and a fixed or
     * adjusted clock must not stretch the staleness window.
     */
    private volatile long confirmedAt = NEVER;

    private volatile StatefulRedisConnection<String, String> commands;
    private volatile StatefulRedisPubSubConnection<String, String> pubSub;

    private RedisRevocationStore(Builder b, RedisURI uri) {
        this.description = b.description;
        this.clock = b.clock != null ? b.clock : Clock.systemUTC();
        Duration window = b.stalenessWindow != null ? b.stalenessWindow : DEFAULT_STALENESS_WINDOW;
        this.window = window;
        this.windowNanos = window.toNanos();
        this.timeout = b.timeout != null ? b.timeout : DEFAULT_TIMEOUT;
        this.entries = new Entries(b.keyPrefix != null ? b.keyPrefix : DEFAULT_KEY_PREFIX);
        this.heartbeatChannel = entries.heartbeatChannel(UUID.randomUUID().toString());
        this.view = b.maxEntries != null ? new RevocationTable(clock, b.maxEntries) : new RevocationTable(clock);
        uri.setTimeout(timeout);
        this.resources = DefaultClientResources.builder()
                .ioThreadPoolSize(2)
                .computationThreadPoolSize(1)
                .reconnectDelay(Delay.exponential(Duration.ofMillis(50), Duration.ofSeconds(1), 2,
                        TimeUnit.MILLISECONDS))
                .build();
        this.client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(timeout).keepAlive(true).build())
                .timeoutOptions(TimeoutOptions.enabled(timeout))
                .build());
        this.worker = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "ssot-auth-redis-revocation");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Starts a builder for a store on the Redis at {@code redisUri}.
     *
     * @param redisUri {@code redis://host:port} or {@code rediss://host:port} (TLS), optionally with
     *                 credentials and a database ({@code redis://:password@host:6379/2})
     * @return a new builder
     * @throws NullPointerException     if {@code redisUri} is {@code null}
     * @throws IllegalArgumentException if it is not such a URI (the message does not repeat it, as it
     *                                  may hold a password)
     */
    public static Builder builder(String redisUri) {
        Objects.requireNonNull(redisUri, "redisUri");
        return new Builder(redisUri);
    }

    /**
     * Records {@code revocation} in Redis and publishes it to every node, then in this node's view;
     * listeners are told (on the calling thread) if it changed this node's view. A revocation whose
     * tokens have all expired already is ignored.
     *
     * @param revocation the revocation
     * @throws NullPointerException     if {@code revocation} is {@code null}
     * @throws AuthUnavailableException if Redis cannot be reached or did not answer in time (then the
     *                                  revocation may or may not have been recorded; repeating it is
     *                                  harmless), or the store is closed
     * @throws IllegalStateException    if this node's view is full of unexpired entries (the revocation
     *                                  is in Redis; this node fails closed until entries expire)
     */
    @Override
    public void revoke(Revocation revocation) {
        Objects.requireNonNull(revocation, "revocation");
        StatefulRedisConnection<String, String> connection = openCommands();
        Revocation normalized = Entries.normalize(revocation);
        if (!normalized.expiresAt().isAfter(clock.instant())) {
            return;
        }
        String stored;
        try {
            stored = connection.sync().eval(Entries.MERGE_SCRIPT, ScriptOutputType.VALUE,
                    new String[] {entries.key(normalized)}, entries.scriptArguments(normalized));
        } catch (RuntimeException e) {
            throw new AuthUnavailableException(STORE, "Redis did not record the revocation (" + e.getClass().getSimpleName()
                    + "); it may not be in effect on every node", e);
        }
        Revocation merged = entries.fromEntry(entries.key(normalized), stored);
        Revocation effective = merged != null ? merged : normalized;
        boolean changed;
        try {
            changed = view.apply(effective);
        } catch (IllegalStateException full) {
            invalidate("the local revocation view is full");
            throw full;
        }
        if (changed) {
            view.notifyListeners(effective);
        }
    }

    /**
     * Whether an unexpired revocation covers the token {@code user} came from, answered from this
     * node's memory.
     *
     * @param user a verified user
     * @return whether the token is revoked
     * @throws NullPointerException     if {@code user} is {@code null}
     * @throws AuthUnavailableException if the list was not confirmed complete within the staleness
     *                                  window (Redis unreachable, or not yet reloaded after a reconnect),
     *                                  or the store is closed
     */
    @Override
    public boolean isRevoked(UserContext user) {
        Objects.requireNonNull(user, "user");
        long confirmed = confirmedAt;
        if (closed.get()) {
            throw new AuthUnavailableException(STORE, "the Redis revocation store is closed", null);
        }
        if (confirmed == NEVER) {
            throw new AuthUnavailableException(STORE, "the revocation list is not loaded from Redis; failing closed", null);
        }
        if (System.nanoTime() - confirmed > windowNanos) {
            throw new AuthUnavailableException(STORE, "the revocation list has not been confirmed with Redis for more than "
                    + window + "; failing closed", null);
        }
        return view.isRevoked(user);
    }

    /**
     * Calls {@code listener} once for each revocation that changes this node's view: recorded here (on
     * the calling thread of {@link #revoke}) or learned from another node or a reload (on the store's
     * own thread), after it takes effect for {@link #isRevoked}.
     *
     * @param listener must not block for long; an exception it throws is logged (type only) and ignored
     * @return a handle that stops the calls when closed
     * @throws NullPointerException if {@code listener} is {@code null}
     */
    @Override
    public Subscription subscribe(Consumer<Revocation> listener) {
        return view.subscribe(listener);
    }

    /**
     * Closes the connections and threads. Afterwards {@link #isRevoked} and {@link #revoke} throw
     * {@link AuthUnavailableException}. Closing twice is harmless.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        worker.shutdownNow();
        closeQuietly(pubSub);
        closeQuietly(commands);
        try {
            client.shutdown(Duration.ZERO, timeout);
        } catch (RuntimeException e) {
            log.debug("closing the Redis client failed with {}", e.getClass().getName());
        }
        try {
            java.util.concurrent.Future<Boolean> released = resources.shutdown(0, timeout.toMillis(),
                    TimeUnit.MILLISECONDS);
            released.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            log.debug("releasing the Redis client's threads failed with {}", e.getClass().getName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        firstLoad.cancel(false);
    }

    /**
     * A safe description: the Redis address without credentials.
     *
     * @return the description
     */
    @Override
    public String toString() {
        return "RedisRevocationStore[" + description + "]";
    }

    // --- start-up -------------------------------------------------------------------------------

    private RedisRevocationStore start(Duration startTimeout) {
        try {
            commands = client.connect(StringCodec.UTF8);
            StatefulRedisPubSubConnection<String, String> subscriber = client.connectPubSub(StringCodec.UTF8);
            pubSub = subscriber;
            subscriber.addListener(new ConnectionWatcher());
            subscriber.addListener(new Messages());
            subscriber.sync().subscribe(entries.eventsChannel(), heartbeatChannel);
            firstLoad.get(startTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new AuthUnavailableException(STORE, "interrupted while loading the revocation list from Redis at "
                    + description, e);
        } catch (TimeoutException e) {
            close();
            throw new AuthUnavailableException(STORE, "the revocation list could not be loaded from Redis at " + description
                    + " within " + startTimeout, e);
        } catch (ExecutionException | RuntimeException e) {
            close();
            throw new AuthUnavailableException(STORE, "could not connect to Redis at " + description + " ("
                    + e.getClass().getSimpleName() + ")", e);
        }
        long heartbeat = Math.max(1, Math.min(MAX_HEARTBEAT_INTERVAL.toMillis(), window.toMillis() / 4));
        worker.scheduleWithFixedDelay(this::sendHeartbeat, heartbeat, heartbeat, TimeUnit.MILLISECONDS);
        worker.scheduleWithFixedDelay(this::purge, PURGE_INTERVAL.toMillis(), PURGE_INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
        return this;
    }

    // --- keeping the view in step -----------------------------------------------------------------

    /** The subscription is (again) confirmed: reload, for the generation it belongs to. */
    private void onSubscribed() {
        long current;
        synchronized (state) {
            current = generation;
        }
        schedule(() -> reload(current, 0), 0);
    }

    /** Something made the view incomplete: it is not trusted until a reload for a newer generation. */
    private void onDisconnected() {
        boolean wasLoaded;
        synchronized (state) {
            wasLoaded = loaded;
            generation++;
            loaded = false;
        }
        if (closed.get()) {
            return;
        }
        if (wasLoaded) {
            log.warn("lost the subscription to Redis at {}; answering from the local revocation view for at most {} "
                    + "after it was last confirmed, then failing closed until reconnected and reloaded", description,
                    window);
        } else {
            log.debug("a connection attempt to Redis at {} ended", description);
        }
    }

    private void invalidate(String why) {
        long current;
        synchronized (state) {
            current = ++generation;
            loaded = false;
            confirmedAt = NEVER;
        }
        log.error("{}; failing closed until the revocation list is reloaded", why);
        schedule(() -> {
            purge();
            reload(current, 1);
        }, OVERFLOW_RETRY_DELAY.toMillis());
    }

    private void reload(long forGeneration, int attempt) {
        if (closed.get() || !isCurrent(forGeneration)) {
            return;
        }
        long scanStartedAt = System.nanoTime();
        try {
            Map<String, Revocation> remote = scan(forGeneration);
            if (remote == null) {
                return; // the subscription was lost meanwhile; its own reload follows
            }
            int writtenBack = writeBack(remote);
            boolean completed;
            synchronized (state) {
                completed = generation == forGeneration;
                if (completed) {
                    loaded = true;
                    confirm(scanStartedAt);
                }
            }
            if (completed) {
                log.info("loaded the revocation list from Redis at {}: {} entries, {} written back", description,
                        remote.size(), writtenBack);
                firstLoad.complete(null);
            }
        } catch (ViewFullException full) {
            invalidate(full.getMessage());
        } catch (RuntimeException e) {
            if (closed.get()) {
                return;
            }
            long delay = Math.min(MAX_RETRY_DELAY.toMillis(), 100L << Math.min(attempt, 5));
            log.warn("loading the revocation list from Redis at {} failed with {}; retrying in {} ms", description,
                    e.getClass().getName(), delay);
            schedule(() -> reload(forGeneration, attempt + 1), delay);
        }
    }

    /** Every entry in Redis, applied to the view as it comes; {@code null} if the generation changed. */
    private Map<String, Revocation> scan(long forGeneration) {
        RedisCommands<String, String> redis = openCommands().sync();
        ScanArgs args = ScanArgs.Builder.matches(entries.entryPattern()).limit(SCAN_PAGE);
        Map<String, Revocation> remote = new HashMap<>();
        int ignored = 0;
        ScanCursor cursor = ScanCursor.INITIAL;
        do {
            if (!isCurrent(forGeneration)) {
                return null;
            }
            KeyScanCursor<String> page = redis.scan(cursor, args);
            List<String> keys = page.getKeys();
            if (!keys.isEmpty()) {
                for (KeyValue<String, String> entry : redis.mget(keys.toArray(new String[0]))) {
                    if (!entry.hasValue()) {
                        continue; // expired between SCAN and MGET
                    }
                    Revocation revocation = entries.fromEntry(entry.getKey(), entry.getValue());
                    if (revocation == null) {
                        ignored++;
                        continue;
                    }
                    remote.put(entry.getKey(), revocation);
                    if (apply(revocation)) {
                        view.notifyListeners(revocation);
                    }
                }
            }
            cursor = page;
        } while (!cursor.isFinished());
        if (ignored > 0) {
            log.warn("ignored {} keys under the revocation prefix that are not revocations", ignored);
        }
        return remote;
    }

    /** Writes to Redis what this node knows and Redis lacks (or holds weaker); returns how many. */
    private int writeBack(Map<String, Revocation> remote) {
        List<Revocation> missing = new ArrayList<>();
        view.forEach(local -> {
            Revocation there = remote.get(entries.key(local));
            if (there == null || !Entries.dominates(there, local)) {
                missing.add(local);
            }
        });
        for (int from = 0; from < missing.size(); from += WRITE_BACK_BATCH) {
            List<Revocation> batch = missing.subList(from, Math.min(missing.size(), from + WRITE_BACK_BATCH));
            List<RedisFuture<String>> replies = new ArrayList<>(batch.size());
            for (Revocation revocation : batch) {
                replies.add(openCommands().async().eval(Entries.MERGE_SCRIPT, ScriptOutputType.VALUE,
                        new String[] {entries.key(revocation)}, entries.scriptArguments(revocation)));
            }
            for (int i = 0; i < batch.size(); i++) {
                String stored = await(replies.get(i));
                Revocation merged = entries.fromEntry(entries.key(batch.get(i)), stored);
                if (merged != null && apply(merged)) {
                    view.notifyListeners(merged);
                }
            }
        }
        return missing.size();
    }

    private void onEvent(String message) {
        Revocation revocation = entries.fromMessage(message);
        if (revocation == null) {
            log.warn("ignored a revocation message this version does not understand ({} characters)",
                    message == null ? 0 : message.length());
            return;
        }
        boolean changed;
        try {
            changed = apply(revocation);
        } catch (ViewFullException full) {
            invalidate(full.getMessage());
            return;
        }
        if (changed) {
            schedule(() -> view.notifyListeners(revocation), 0);
        }
    }

    private void onHeartbeat(String message) {
        long sentAt;
        try {
            sentAt = Long.parseLong(message);
        } catch (NumberFormatException e) {
            return;
        }
        synchronized (state) {
            if (loaded) {
                confirm(sentAt);
            }
        }
    }

    private void sendHeartbeat() {
        StatefulRedisConnection<String, String> connection = commands;
        if (connection == null || closed.get()) {
            return;
        }
        try {
            connection.async().publish(heartbeatChannel, Long.toString(System.nanoTime()));
        } catch (RuntimeException e) {
            log.debug("a heartbeat to Redis failed with {}", e.getClass().getName());
        }
    }

    private void purge() {
        try {
            view.purgeExpired();
        } catch (RuntimeException e) {
            log.warn("purging expired revocations failed with {}", e.getClass().getName());
        }
    }

    // --- small helpers ----------------------------------------------------------------------------

    /** Moves {@link #confirmedAt} forward to {@code nanoTime}; call holding {@link #state}. */
    private void confirm(long nanoTime) {
        long current = confirmedAt;
        if (current == NEVER || nanoTime - current > 0) {
            confirmedAt = nanoTime;
        }
    }

    /** Applies to the view; whether it changed anything. */
    private boolean apply(Revocation revocation) {
        try {
            return view.apply(revocation);
        } catch (IllegalStateException full) {
            throw new ViewFullException(full);
        }
    }

    private boolean isCurrent(long forGeneration) {
        synchronized (state) {
            return generation == forGeneration;
        }
    }

    private StatefulRedisConnection<String, String> openCommands() {
        StatefulRedisConnection<String, String> connection = commands;
        if (closed.get() || connection == null) {
            throw new AuthUnavailableException(STORE, "the Redis revocation store is closed", null);
        }
        return connection;
    }

    private void schedule(Runnable task, long delayMillis) {
        if (closed.get()) {
            return;
        }
        try {
            worker.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // closed meanwhile
        }
    }

    private String await(RedisFuture<String> reply) {
        try {
            return reply.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuthUnavailableException(STORE, "interrupted while waiting for Redis", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new AuthUnavailableException(STORE, "a Redis command failed (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            log.debug("closing a Redis connection failed with {}", e.getClass().getName());
        }
    }

    /** Notices when the subscription's connection goes away. */
    private final class ConnectionWatcher implements RedisConnectionStateListener {
        @Override
        public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress address) {
            // the reload waits for the subscription to be confirmed (see Messages#subscribed)
        }

        @Override
        public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
            onDisconnected();
        }
    }

    /** Pub/sub messages: revocations, this node's heartbeats, and confirmations of the subscription. */
    private final class Messages extends RedisPubSubAdapter<String, String> {
        @Override
        public void message(String channel, String message) {
            if (heartbeatChannel.equals(channel)) {
                onHeartbeat(message);
            } else if (entries.eventsChannel().equals(channel)) {
                onEvent(message);
            }
        }

        @Override
        public void subscribed(String channel, long count) {
            if (entries.eventsChannel().equals(channel)) {
                onSubscribed();
            }
        }
    }

    /**
     * Settings of a {@link RedisRevocationStore}; each may be given once. Not thread-safe; use it on
     * one thread, then {@link #build()}.
     */
    public static final class Builder {

        private final String uriText;
        private final String description;
        private Clock clock;
        private Duration stalenessWindow;
        private Duration timeout;
        private Duration startTimeout;
        private String keyPrefix;
        private Integer maxEntries;

        private Builder(String uriText) {
            RedisURI parsed = parse(uriText);
            this.uriText = uriText;
            this.description = (parsed.isSsl() ? "rediss://" : "redis://") + parsed.getHost() + ":" + parsed.getPort()
                    + "/" + parsed.getDatabase();
        }

        private static RedisURI parse(String uriText) {
            if (!uriText.startsWith("redis://") && !uriText.startsWith("rediss://")) {
                throw new IllegalArgumentException(
                        "redisUri must be a redis:// or rediss:// URI such as redis://127.0.0.1:6379");
            }
            try {
                RedisURI parsed = RedisURI.create(uriText);
                if (parsed.getHost() == null || parsed.getHost().isEmpty()) {
                    throw new IllegalArgumentException("no host");
                }
                return parsed;
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(
                        "redisUri must be a redis:// or rediss:// URI with a host, such as redis://127.0.0.1:6379");
            }
        }

        /**
         * The clock that decides when entries expire in this node's memory; use the authority's clock.
         * Redis expires its keys on its own clock, so this one must keep real time too. (The staleness
         * window is measured on the JVM's monotonic clock, which no injected clock can stretch.) Default:
         * {@link Clock#systemUTC()}.
         *
         * @param clock the clock
         * @return this builder
         * @throws NullPointerException  if {@code clock} is {@code null}
         * @throws IllegalStateException if set before
         */
        public Builder clock(Clock clock) {
            Objects.requireNonNull(clock, "clock");
            once(this.clock, "clock");
            this.clock = clock;
            return this;
        }

        /**
         * How long {@link RedisRevocationStore#isRevoked} may answer from memory after the list was last
         * confirmed complete with Redis; after that it throws {@link AuthUnavailableException} until the
         * node is connected and has reloaded. Also the longest a revocation made on another node may go
         * unseen here. Default {@link RedisRevocationStore#DEFAULT_STALENESS_WINDOW}.
         *
         * @param window between 1 second and 1 hour
         * @return this builder
         * @throws NullPointerException     if {@code window} is {@code null}
         * @throws IllegalArgumentException if out of range
         * @throws IllegalStateException    if set before
         */
        public Builder stalenessWindow(Duration window) {
            Objects.requireNonNull(window, "stalenessWindow");
            once(this.stalenessWindow, "stalenessWindow");
            if (window.compareTo(Duration.ofSeconds(1)) < 0 || window.compareTo(Duration.ofHours(1)) > 0) {
                throw new IllegalArgumentException("stalenessWindow must be between 1 second and 1 hour; got " + window);
            }
            this.stalenessWindow = window;
            return this;
        }

        /**
         * How long one Redis command or connection attempt may take (so also the longest
         * {@link RedisRevocationStore#revoke} waits). Default {@link RedisRevocationStore#DEFAULT_TIMEOUT}.
         *
         * @param timeout between 100 milliseconds and 1 minute
         * @return this builder
         * @throws NullPointerException     if {@code timeout} is {@code null}
         * @throws IllegalArgumentException if out of range
         * @throws IllegalStateException    if set before
         */
        public Builder timeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            once(this.timeout, "timeout");
            if (timeout.compareTo(Duration.ofMillis(100)) < 0 || timeout.compareTo(Duration.ofMinutes(1)) > 0) {
                throw new IllegalArgumentException("timeout must be between 100 milliseconds and 1 minute; got "
                        + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /**
         * How long {@link #build()} may take to connect, subscribe and load the deny list. Default
         * {@link RedisRevocationStore#DEFAULT_START_TIMEOUT}.
         *
         * @param startTimeout between 1 second and 1 hour
         * @return this builder
         * @throws NullPointerException     if {@code startTimeout} is {@code null}
         * @throws IllegalArgumentException if out of range
         * @throws IllegalStateException    if set before
         */
        public Builder startTimeout(Duration startTimeout) {
            Objects.requireNonNull(startTimeout, "startTimeout");
            once(this.startTimeout, "startTimeout");
            if (startTimeout.compareTo(Duration.ofSeconds(1)) < 0 || startTimeout.compareTo(Duration.ofHours(1)) > 0) {
                throw new IllegalArgumentException("startTimeout must be between 1 second and 1 hour; got "
                        + startTimeout);
            }
            this.startTimeout = startTimeout;
            return this;
        }

        /**
         * The prefix of every key and channel of this store; nodes that share revocations share it.
         * Default {@value RedisRevocationStore#DEFAULT_KEY_PREFIX}.
         *
         * @param keyPrefix 1 to 64 of {@code A-Z a-z 0-9 . _ : -}
         * @return this builder
         * @throws NullPointerException     if {@code keyPrefix} is {@code null}
         * @throws IllegalArgumentException if it breaks that rule
         * @throws IllegalStateException    if set before
         */
        public Builder keyPrefix(String keyPrefix) {
            Objects.requireNonNull(keyPrefix, "keyPrefix");
            once(this.keyPrefix, "keyPrefix");
            if (!KEY_PREFIX.matcher(keyPrefix).matches()) {
                throw new IllegalArgumentException("keyPrefix must be 1 to 64 of A-Z a-z 0-9 . _ : -; got '"
                        + keyPrefix + "'");
            }
            this.keyPrefix = keyPrefix;
            return this;
        }

        /**
         * The most unexpired revocations this node keeps in memory. Past it the node fails closed
         * ({@link AuthUnavailableException}) until entries expire. Default
         * 1,000,000.
         *
         * @param maxEntries at least 1
         * @return this builder
         * @throws IllegalArgumentException if below 1
         * @throws IllegalStateException    if set before
         */
        public Builder maxEntries(int maxEntries) {
            once(this.maxEntries, "maxEntries");
            if (maxEntries < 1) {
                throw new IllegalArgumentException("maxEntries must be at least 1; got " + maxEntries);
            }
            this.maxEntries = maxEntries;
            return this;
        }

        /**
         * Connects to Redis, subscribes, loads the whole deny list, and returns the running store.
         *
         * @return the store; close it on shut-down
         * @throws AuthUnavailableException if Redis cannot be reached, or the list cannot be loaded
         *                                  within the start timeout
         */
        public RedisRevocationStore build() {
            RedisRevocationStore store = new RedisRevocationStore(this, parse(uriText));
            return store.start(startTimeout != null ? startTimeout : DEFAULT_START_TIMEOUT);
        }

        private static void once(Object current, String name) {
            if (current != null) {
                throw new IllegalStateException(name + " is already set");
            }
        }
    }

    /** This node's view cannot take another unexpired entry. */
    private static final class ViewFullException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ViewFullException(IllegalStateException cause) {
            super("the local revocation view is full", cause);
        }
    }
}
