package dev.ssotauth.websocket;

import dev.ssotauth.core.AuthEvent;
import dev.ssotauth.core.JwtAuthority;
import dev.ssotauth.core.SessionEvents;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The authenticated connections of one adapter: their expiry timers, their report to the authority's
 * listener ({@link SessionEvents}: each connection reported open is reported closed exactly once),
 * and their closing when the adapter shuts down. Thread-safe.
 */
final class OpenSessions {

    private final ScheduledExecutorService timers;
    private final SessionEvents events;
    private final Set<ConnectionGuard> open = ConcurrentHashMap.newKeySet();

    OpenSessions(JwtAuthority authority, ScheduledExecutorService timers) {
        this.timers = timers;
        this.events = SessionEvents.of(authority);
    }

    ScheduledExecutorService timers() {
        return timers;
    }

    /** {@code guard}'s connection opened. */
    void opened(ConnectionGuard guard) {
        if (open.add(guard)) {
            events.opened();
        }
    }

    /** {@code guard}'s connection closed, for {@code reason}; reported only if it was reported open. */
    void closed(ConnectionGuard guard, AuthEvent.CloseReason reason) {
        if (open.remove(guard)) {
            events.closed(reason);
        }
    }

    /**
     * Closes every open connection with 1001 (reported as {@link AuthEvent.CloseReason#SHUTDOWN}), then
     * stops the timers and waits up to a second for their threads to end.
     */
    void shutdown() {
        for (ConnectionGuard guard : open) {
            guard.shutdown();
        }
        timers.shutdownNow();
        try {
            timers.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
