package dev.ssotauth.core;

import java.time.Clock;
import java.util.Objects;
import java.util.function.Consumer;

import dev.ssotauth.core.spi.RevocationTable;

/**
 * Revocations of one process, in memory: the default {@link RevocationStore}. Hash lookups by
 * {@code jti}, {@code sid} and {@code sub}, so that a long deny list costs {@code authenticate} next to
 * nothing. Bounded (1,000,000 unexpired entries unless told otherwise): entries are dropped once the
 * tokens they cover have expired, and a store full of unexpired entries refuses new ones with
 * {@link IllegalStateException} rather than forget one silently.
 *
 * <p>Give every authority of a process the same instance. Thread-safe. A store shared by many
 * processes builds on the same table, {@link RevocationTable}.
 */
public final class InMemoryRevocationStore implements RevocationStore {

    private final RevocationTable table;

    /**
     * Creates an empty store that keeps at most 1,000,000 unexpired entries.
     *
     * @param clock decides when entries expire; use the authority's clock
     * @throws NullPointerException if {@code clock} is {@code null}
     */
    public InMemoryRevocationStore(Clock clock) {
        this.table = new RevocationTable(clock);
    }

    /**
     * Creates an empty store.
     *
     * @param clock      decides when entries expire; use the authority's clock
     * @param maxEntries the most unexpired entries kept, at least 1
     * @throws NullPointerException     if {@code clock} is {@code null}
     * @throws IllegalArgumentException if {@code maxEntries} is below 1
     */
    public InMemoryRevocationStore(Clock clock, int maxEntries) {
        this.table = new RevocationTable(clock, maxEntries);
    }

    /**
     * Records a revocation, then tells every listener on the calling thread (a listener that throws is
     * logged by its exception type and the others still run). A revocation whose tokens have all
     * expired changes nothing.
     *
     * @param revocation the revocation
     * @throws NullPointerException  if {@code revocation} is {@code null}
     * @throws IllegalStateException if the store is full of unexpired entries
     */
    @Override
    public void revoke(Revocation revocation) {
        Objects.requireNonNull(revocation, "revocation");
        table.apply(revocation);
        table.notifyListeners(revocation);
    }

    /**
     * Whether an unexpired revocation covers the token {@code user} came from; answered from memory,
     * never throws {@link AuthUnavailableException}.
     *
     * @param user a verified user, not {@code null}
     * @return whether the token is revoked
     */
    @Override
    public boolean isRevoked(UserContext user) {
        return table.isRevoked(user);
    }

    /**
     * Calls {@code listener} for every later {@link #revoke}, on the thread that revokes.
     *
     * @param listener must not block for long; an exception it throws is logged (type only) and ignored
     * @return a handle that stops the calls when closed; closing twice is harmless
     * @throws NullPointerException if {@code listener} is {@code null}
     */
    @Override
    public Subscription subscribe(Consumer<Revocation> listener) {
        return table.subscribe(listener);
    }

    /**
     * How many entries are kept; entries whose tokens have expired may still be counted until the
     * store, once full, drops them.
     *
     * @return the number of entries, at least 0
     */
    public int size() {
        return table.size();
    }
}
