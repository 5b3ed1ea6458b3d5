package dev.ssotauth.revocation.redis;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;

import dev.ssotauth.core.testing.CapturedLogs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;

/**
 * The system under test for one test: a real Redis on a free loopback port, the nodes and proxies
 * started against it, and a plain client to look into Redis. Remembers every revoked value a test
 * used; {@link #close()} stops everything and then fails if any of them was logged.
 */
final class Cluster implements AutoCloseable {

    /** How long "eventually" may take on a shared, busy machine. */
    static final Duration EVENTUALLY = Duration.ofSeconds(20);

    /** What a node logs once it notices that its subscription to Redis is gone. */
    static final String LOST_SUBSCRIPTION = "lost the subscription to Redis at ";

    final RedisServer redis = RedisServer.start();
    private final List<AutoCloseable> open = Collections.synchronizedList(new ArrayList<>());
    private final Set<String> values = ConcurrentHashMap.newKeySet();
    private RedisClient inspector;
    private StatefulRedisConnection<String, String> inspection;

    /** A node connected straight to Redis. */
    Node node() {
        return node(b -> b);
    }

    /** A node connected straight to Redis, with extra store settings. */
    Node node(UnaryOperator<RedisRevocationStore.Builder> settings) {
        return keep(Node.start(redis.uri(), settings));
    }

    /** A node connected through {@code proxy}. */
    Node nodeVia(LoopbackProxy proxy, UnaryOperator<RedisRevocationStore.Builder> settings) {
        return keep(Node.start(proxy.uri(), settings));
    }

    /** A node with extra store and authority settings. */
    Node node(UnaryOperator<RedisRevocationStore.Builder> settings,
            UnaryOperator<dev.ssotauth.core.JwtAuthority.Builder> authority) {
        return keep(Node.start(redis.uri(), settings, authority));
    }

    /** A proxy to Redis standing for one node's network. */
    LoopbackProxy proxy() {
        try {
            return keep(new LoopbackProxy(redis.port()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A token issued by {@code node} for a fresh subject and session; all three values are remembered. */
    String token(Node node) {
        return token(node, subject(), session());
    }

    /** A token issued by {@code node}; its subject, session and jti are remembered. */
    String token(Node node, String subject, String session) {
        String token = node.token(subject, session);
        values.add(subject);
        values.add(session);
        values.add(node.authority.verify(token).tokenId().orElseThrow());
        return token;
    }

    /** A fresh subject, remembered. */
    String subject() {
        return remember("user-" + UUID.randomUUID());
    }

    /** A fresh session id, remembered. */
    String session() {
        return remember("session-" + UUID.randomUUID());
    }

    /** Remembers a value that must never be logged. */
    String remember(String value) {
        values.add(value);
        return value;
    }

    /** A plain connection to Redis, to look at keys. */
    synchronized RedisCommands<String, String> inspect() {
        if (inspection == null || !inspection.isOpen()) {
            if (inspector == null) {
                inspector = RedisClient.create(redis.uri());
            }
            inspection = inspector.connect();
        }
        return inspection.sync();
    }

    /** The same connection, asynchronous, to write many keys at once. */
    synchronized RedisAsyncCommands<String, String> inspectAsync() {
        inspect();
        return inspection.async();
    }

    /** Waits until {@code condition} holds, at most {@code limit}; returns the milliseconds it took. */
    static long within(Duration limit, String what, BooleanSupplier condition) {
        long start = System.nanoTime();
        long deadline = start + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail(what + " did not happen within " + limit);
            }
            RedisServer.sleep(1);
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    /**
     * How many lines logged so far in this JVM contain {@code phrase}: read before an event, then wait for
     * the count to grow, to know that nodes have noticed it.
     */
    static long logged(String phrase) {
        return CapturedLogs.lines().stream().filter(line -> line.contains(phrase)).count();
    }

    private <T extends AutoCloseable> T keep(T resource) {
        open.add(resource);
        return resource;
    }

    @Override
    public void close() {
        List<AutoCloseable> reversed = new ArrayList<>(open);
        Collections.reverse(reversed);
        for (AutoCloseable resource : reversed) {
            try {
                resource.close();
            } catch (Exception e) {
                // stopping anyway
            }
        }
        if (inspection != null) {
            inspection.close();
        }
        if (inspector != null) {
            inspector.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
        redis.close();
        String logs = CapturedLogs.text();
        for (String value : values) {
            if (logs.contains(value)) {
                fail("a revoked value was logged:\n" + logs);
            }
        }
    }
}
