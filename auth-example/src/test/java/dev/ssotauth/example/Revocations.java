package dev.ssotauth.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeoutException;

/**
 * Steps of the revocation tests against example processes that share one Redis: logging in,
 * watching sockets close and HTTP calls turn to 401, with {@link System#nanoTime()} timestamps. The
 * outcomes are asserted; how long they took is a figure the tests print, never a bound they assert.
 */
final class Revocations {

    /** How long "eventually" may take on a shared, busy machine. */
    static final Duration EVENTUALLY = Duration.ofSeconds(20);

    private Revocations() {
    }

    /** How a socket ended: its close code ({@code -1} without a close frame), and when. */
    record Closed(int code, long atNanos) {

        long millisAfter(long startNanos) {
            return (atNanos - startNanos) / 1_000_000;
        }
    }

    /**
     * Watches {@code socket} on a thread of {@code threads} (not the common pool, which may have a single
     * thread on a small machine): completes when the server closes it, with the moment it saw the close.
     */
    static CompletableFuture<Closed> watch(SocketClient socket, ExecutorService threads) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                int code = socket.closeCode(EVENTUALLY);
                return new Closed(code, System.nanoTime());
            } catch (TimeoutException e) {
                throw new AssertionError("the socket was not closed within " + EVENTUALLY.toSeconds() + " s");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }, threads);
    }

    /** Polls {@code GET /api/me} with {@code token} until it answers 401; returns the moment it first did. */
    static long firstRefusal(ServiceProcess node, String token) throws Exception {
        long deadline = System.nanoTime() + EVENTUALLY.toNanos();
        while (System.nanoTime() < deadline) {
            int status = node.client().get("/api/me", token).status();
            long at = System.nanoTime();
            if (status == 401) {
                return at;
            }
            assertEquals(200, status, "the token was neither accepted nor refused");
            Thread.sleep(2);
        }
        fail("the token was still accepted after " + EVENTUALLY.toSeconds() + " s");
        throw new AssertionError("unreachable");
    }

    /** Asserts the socket closed with 1008; returns the milliseconds after {@code startNanos} (a figure). */
    static long assertClosedWith1008(CompletableFuture<Closed> watched, long startNanos, String which)
            throws Exception {
        Closed closed = watched.get();
        assertEquals(1008, closed.code(), which + ": close code");
        return closed.millisAfter(startNanos);
    }

    /** The milliseconds from {@code startNanos} to {@code atNanos} (a figure). */
    static long millisBetween(long startNanos, long atNanos) {
        return (atNanos - startNanos) / 1_000_000;
    }

    /** {@code median M ms, max N ms (K)} of {@code millis}. */
    static String summary(List<Long> millis) {
        List<Long> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        return "median " + sorted.get(sorted.size() / 2) + " ms, max " + sorted.get(sorted.size() - 1) + " ms ("
                + sorted.size() + ")";
    }
}
