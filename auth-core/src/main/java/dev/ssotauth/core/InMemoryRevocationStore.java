package dev.ssotauth.core;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Revocations of one process, in memory: hash lookups by {@code jti}, {@code sid} and {@code sub}, so
 * that a long deny list costs {@code authenticate} next to nothing. Bounded: entries are dropped once
 * the tokens they cover have expired, and a store full of unexpired entries refuses new ones with
 * {@link IllegalStateException} rather than forget one silently.
 *
 * <p>Thread-safe. Also the local view that shared stores keep in step with their source.
 */
public final class InMemoryRevocationStore implements RevocationStore {

    private static final Logger log = LoggerFactory.getLogger(InMemoryRevocationStore.class);

    /** Default bound on unexpired entries. */
    public static final int DEFAULT_MAX_ENTRIES = 1_000_000;

    private final Clock clock;
    private final int maxEntries;
    private final Map<String, Revocation> tokens = new ConcurrentHashMap<>();
    private final Map<String, Revocation> sessions = new ConcurrentHashMap<>();
    private final Map<String, Revocation> subjects = new ConcurrentHashMap<>();
    private final CopyOnWriteArrayList<Consumer<Revocation>> listeners = new CopyOnWriteArrayList<>();
    private final AtomicInteger size = new AtomicInteger();

    /**
     * Creates a store with the default bound.
     *
     * @param clock decides when entries expire; use the authority's clock
     * @throws NullPointerException if {@code clock} is {@code null}
     */
    public InMemoryRevocationStore(Clock clock) {
        this(clock, DEFAULT_MAX_ENTRIES);
    }

    /**
     * Creates a store.
     *
     * @param clock      decides when entries expire
     * @param maxEntries the most unexpired entries kept, at least 1
     * @throws NullPointerException     if {@code clock} is {@code null}
     * @throws IllegalArgumentException if {@code maxEntries} is below 1
     */
    public InMemoryRevocationStore(Clock clock, int maxEntries) {
        this.clock = Objects.requireNonNull(clock, "clock");
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1; got " + maxEntries);
        }
        this.maxEntries = maxEntries;
    }

    @Override
    public void revoke(Revocation revocation) {
        Objects.requireNonNull(revocation, "revocation");
        apply(revocation);
        notifyListeners(revocation);
    }

    /**
     * Records a revocation without telling listeners twice; for shared stores that learned it from
     * elsewhere and notify on their own.
     *
     * @param revocation the revocation
     * @return whether it changed anything (a new entry, or a later expiry or cutoff)
     * @throws IllegalStateException if the store is full of unexpired entries
     */
    public boolean apply(Revocation revocation) {
        Instant now = clock.instant();
        if (!revocation.expiresAt().isAfter(now)) {
            return false; // covers only expired tokens
        }
        if (size.get() >= maxEntries) {
            purgeExpired(now);
            if (size.get() >= maxEntries) {
                throw new IllegalStateException("the revocation store holds " + maxEntries + " unexpired entries and "
                        + "cannot take more");
            }
        }
        Map<String, Revocation> map = mapOf(revocation.kind());
        boolean[] changed = {false};
        map.compute(revocation.value(), (key, old) -> {
            if (old == null) {
                size.incrementAndGet();
                changed[0] = true;
                return revocation;
            }
            Revocation merged = merge(old, revocation);
            changed[0] = !merged.equals(old);
            return merged;
        });
        return changed[0];
    }

    private static Revocation merge(Revocation old, Revocation next) {
        Instant expiresAt = old.expiresAt().isAfter(next.expiresAt()) ? old.expiresAt() : next.expiresAt();
        switch (old.kind()) {
            case TOKEN:
                return Revocation.ofToken(old.value(), expiresAt);
            case SESSION:
                return Revocation.ofSession(old.value(), expiresAt);
            default:
                Instant upTo = old.issuedUpTo().isAfter(next.issuedUpTo()) ? old.issuedUpTo() : next.issuedUpTo();
                return Revocation.ofSubject(old.value(), upTo, expiresAt);
        }
    }

    private Map<String, Revocation> mapOf(Revocation.Kind kind) {
        switch (kind) {
            case TOKEN:
                return tokens;
            case SESSION:
                return sessions;
            default:
                return subjects;
        }
    }

    @Override
    public boolean isRevoked(UserContext user) {
        if (size.get() == 0) {
            return false;
        }
        // The clock is read once, and only when an entry is found: most lookups find none.
        Instant now = null;
        Revocation byToken = find(tokens, user.tokenIdOrNull());
        if (byToken != null) {
            now = clock.instant();
            if (covers(byToken, user, now)) {
                return true;
            }
        }
        Revocation bySession = find(sessions, user.sessionIdOrNull());
        if (bySession != null) {
            now = now != null ? now : clock.instant();
            if (covers(bySession, user, now)) {
                return true;
            }
        }
        Revocation bySubject = find(subjects, user.subject());
        return bySubject != null && covers(bySubject, user, now != null ? now : clock.instant());
    }

    private static Revocation find(Map<String, Revocation> map, String key) {
        return key == null || map.isEmpty() ? null : map.get(key);
    }

    private static boolean covers(Revocation revocation, UserContext user, Instant now) {
        return revocation.expiresAt().isAfter(now) && revocation.covers(user);
    }

    @Override
    public Subscription subscribe(Consumer<Revocation> listener) {
        Objects.requireNonNull(listener, "listener");
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /**
     * Tells every listener of a revocation; a listener that throws is logged (its exception type only)
     * and the others still run.
     *
     * @param revocation what was revoked
     */
    public void notifyListeners(Revocation revocation) {
        for (Consumer<Revocation> listener : listeners) {
            try {
                listener.accept(revocation);
            } catch (RuntimeException e) {
                log.warn("a revocation listener failed with {}", e.getClass().getName());
            }
        }
    }

    /**
     * How many unexpired entries are kept (expired ones may be counted until the next purge).
     *
     * @return the number of entries
     */
    public int size() {
        return size.get();
    }

    /**
     * Drops every entry whose tokens have all expired.
     *
     * @return how many entries were dropped
     */
    public int purgeExpired() {
        return purgeExpired(clock.instant());
    }

    /**
     * Calls {@code action} with each entry whose tokens have not all expired; for shared stores that
     * compare their local view with their source (and write back what the source lost). Weakly
     * consistent: entries added or dropped meanwhile may or may not be seen; none is seen twice.
     *
     * @param action called once per entry, on the calling thread
     * @throws NullPointerException if {@code action} is {@code null}
     */
    public void forEach(Consumer<? super Revocation> action) {
        Objects.requireNonNull(action, "action");
        Instant now = clock.instant();
        for (Map<String, Revocation> map : java.util.List.of(tokens, sessions, subjects)) {
            for (Revocation revocation : map.values()) {
                if (revocation.expiresAt().isAfter(now)) {
                    action.accept(revocation);
                }
            }
        }
    }

    /**
     * Drops every entry; for shared stores reloading their full list.
     */
    public void clear() {
        tokens.clear();
        sessions.clear();
        subjects.clear();
        size.set(0);
    }

    private int purgeExpired(Instant now) {
        int dropped = 0;
        for (Map<String, Revocation> map : java.util.List.of(tokens, sessions, subjects)) {
            for (Map.Entry<String, Revocation> entry : map.entrySet()) {
                if (!entry.getValue().expiresAt().isAfter(now) && map.remove(entry.getKey(), entry.getValue())) {
                    size.decrementAndGet();
                    dropped++;
                }
            }
        }
        return dropped;
    }
}
