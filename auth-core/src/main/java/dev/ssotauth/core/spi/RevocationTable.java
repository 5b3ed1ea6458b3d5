package dev.ssotauth.core.spi;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import dev.ssotauth.core.Revocation;
import dev.ssotauth.core.RevocationStore;
import dev.ssotauth.core.UserContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The revocations one process holds in memory, and the listeners to tell of them: the building block
 * of a {@link RevocationStore}. Hash lookups by {@code jti}, {@code sid} and {@code sub}, so that a long
 * deny list costs {@code authenticate} next to nothing.
 *
 * <p>Bounded: an entry is dropped once every token it covers has expired (by the injected
 * {@link Clock}), and a table full of unexpired entries refuses a new one with
 * {@link IllegalStateException} rather than forget one silently. The default bound is 1,000,000
 * unexpired entries.
 *
 * <p>Unlike {@link RevocationStore#revoke}, {@link #apply} records without telling listeners, so that a
 * shared store that learns a revocation from its source decides itself whether (and on which thread)
 * to {@link #notifyListeners notify}.
 *
 * <p>Thread-safe: every method may be called from any thread at any time. No argument may be
 * {@code null}; no method returns {@code null}. No revoked value appears in a log line or exception
 * message.
 */
public final class RevocationTable {

    private static final Logger log = LoggerFactory.getLogger(RevocationTable.class);

    private static final int DEFAULT_MAX_ENTRIES = 1_000_000;

    private final Clock clock;
    private final int maxEntries;
    private final Map<String, Revocation> tokens = new ConcurrentHashMap<>();
    private final Map<String, Revocation> sessions = new ConcurrentHashMap<>();
    private final Map<String, Revocation> subjects = new ConcurrentHashMap<>();
    private final List<Map<String, Revocation>> maps = List.of(tokens, sessions, subjects);
    private final CopyOnWriteArrayList<Consumer<Revocation>> listeners = new CopyOnWriteArrayList<>();
    private final AtomicInteger size = new AtomicInteger();

    /**
     * Creates an empty table that keeps at most 1,000,000 unexpired entries.
     *
     * @param clock decides when entries expire; use the authority's clock
     * @throws NullPointerException if {@code clock} is {@code null}
     */
    public RevocationTable(Clock clock) {
        this(clock, DEFAULT_MAX_ENTRIES);
    }

    /**
     * Creates an empty table.
     *
     * @param clock      decides when entries expire; use the authority's clock
     * @param maxEntries the most unexpired entries kept, at least 1
     * @throws NullPointerException     if {@code clock} is {@code null}
     * @throws IllegalArgumentException if {@code maxEntries} is below 1
     */
    public RevocationTable(Clock clock, int maxEntries) {
        this.clock = Objects.requireNonNull(clock, "clock");
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1; got " + maxEntries);
        }
        this.maxEntries = maxEntries;
    }

    /**
     * Records a revocation without telling listeners. A revocation of a value already held merges with
     * it (the later expiry, and for a subject the later cut-off), so applying is idempotent and entries
     * only ever grow stronger. A revocation whose tokens have all expired is ignored. When the table is
     * full, expired entries are purged first.
     *
     * @param revocation the revocation
     * @return whether it changed anything (a new entry, or a later expiry or cut-off)
     * @throws NullPointerException  if {@code revocation} is {@code null}
     * @throws IllegalStateException if the table is full of unexpired entries (nothing is recorded)
     */
    public boolean apply(Revocation revocation) {
        Objects.requireNonNull(revocation, "revocation");
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
        boolean[] changed = {false};
        mapOf(revocation.kind()).compute(revocation.value(), (key, old) -> {
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

    /**
     * Whether an unexpired entry covers the token {@code user} came from. Reads memory only; never
     * blocks.
     *
     * @param user a verified user, not {@code null}
     * @return whether that token is revoked
     */
    public boolean isRevoked(UserContext user) {
        if (size.get() == 0) {
            return false;
        }
        // The clock is read once, and only when an entry is found: most lookups find none.
        Instant now = null;
        Revocation byToken = find(tokens, user.tokenId().orElse(null));
        if (byToken != null) {
            now = clock.instant();
            if (covers(byToken, user, now)) {
                return true;
            }
        }
        Revocation bySession = find(sessions, user.sessionId().orElse(null));
        if (bySession != null) {
            now = now != null ? now : clock.instant();
            if (covers(bySession, user, now)) {
                return true;
            }
        }
        Revocation bySubject = find(subjects, user.subject());
        return bySubject != null && covers(bySubject, user, now != null ? now : clock.instant());
    }

    /**
     * Adds a listener that {@link #notifyListeners} calls; a store's
     * {@link RevocationStore#subscribe} can return this directly.
     *
     * @param listener called on the thread that calls {@link #notifyListeners}
     * @return a handle that removes the listener when closed; closing twice is harmless
     * @throws NullPointerException if {@code listener} is {@code null}
     */
    public RevocationStore.Subscription subscribe(Consumer<Revocation> listener) {
        Objects.requireNonNull(listener, "listener");
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /**
     * Tells every current listener of a revocation, on the calling thread, in the order they
     * subscribed. A listener that throws is logged (its exception type only) and the others still run;
     * nothing is thrown to the caller.
     *
     * @param revocation what was revoked, not {@code null}
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
     * Calls {@code action} with each entry whose tokens have not all expired; for shared stores that
     * compare this table with their source (and write back what the source lost). Weakly consistent:
     * entries added or dropped meanwhile may or may not be seen; none is seen twice.
     *
     * @param action called once per entry, on the calling thread
     * @throws NullPointerException if {@code action} is {@code null}
     */
    public void forEach(Consumer<? super Revocation> action) {
        Objects.requireNonNull(action, "action");
        Instant now = clock.instant();
        for (Map<String, Revocation> map : maps) {
            for (Revocation revocation : map.values()) {
                if (revocation.expiresAt().isAfter(now)) {
                    action.accept(revocation);
                }
            }
        }
    }

    /**
     * Drops every entry whose tokens have all expired; shared stores call it now and then, as
     * {@link #apply} purges only when the table is full.
     *
     * @return how many entries were dropped
     */
    public int purgeExpired() {
        return purgeExpired(clock.instant());
    }

    /**
     * Drops every entry; for shared stores that reload their full list. Listeners stay subscribed.
     */
    public void clear() {
        tokens.clear();
        sessions.clear();
        subjects.clear();
        size.set(0);
    }

    /**
     * How many entries are held; expired ones count until they are purged.
     *
     * @return the number of entries, at least 0
     */
    public int size() {
        return size.get();
    }

    private int purgeExpired(Instant now) {
        int dropped = 0;
        for (Map<String, Revocation> map : maps) {
            for (Map.Entry<String, Revocation> entry : map.entrySet()) {
                if (!entry.getValue().expiresAt().isAfter(now) && map.remove(entry.getKey(), entry.getValue())) {
                    size.decrementAndGet();
                    dropped++;
                }
            }
        }
        return dropped;
    }

    private Map<String, Revocation> mapOf(Revocation.Kind kind) {
        return switch (kind) {
            case TOKEN -> tokens;
            case SESSION -> sessions;
            case SUBJECT -> subjects;
        };
    }

    private static Revocation merge(Revocation old, Revocation next) {
        Instant expiresAt = later(old.expiresAt(), next.expiresAt());
        return switch (old.kind()) {
            case TOKEN -> Revocation.ofToken(old.value(), expiresAt);
            case SESSION -> Revocation.ofSession(old.value(), expiresAt);
            case SUBJECT -> Revocation.ofSubject(old.value(), later(old.issuedUpTo(), next.issuedUpTo()), expiresAt);
        };
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Revocation find(Map<String, Revocation> map, String key) {
        return key == null || map.isEmpty() ? null : map.get(key);
    }

    private static boolean covers(Revocation revocation, UserContext user, Instant now) {
        return revocation.expiresAt().isAfter(now) && revocation.covers(user);
    }
}
