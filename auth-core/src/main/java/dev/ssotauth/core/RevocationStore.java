package dev.ssotauth.core;

import java.util.function.Consumer;

/**
 * Where revocations live: in memory for one process ({@link InMemoryRevocationStore}, the default),
 * or shared by many nodes (e.g. the Redis store of {@code auth-revocation-redis}). A
 * {@link JwtAuthority} asks {@link #isRevoked(UserContext)} on every token that passed all other
 * checks, so implementations answer from local memory, without a network round trip.
 *
 * <p>Implementations are thread-safe and fail closed: when they cannot know the current revocations
 * (a shared store that lost its source for longer than it may), {@link #isRevoked} throws
 * {@link AuthUnavailableException} rather than answer {@code false}.
 */
public interface RevocationStore {

    /**
     * Records a revocation (and, for a shared store, makes every node see it). Listeners are told.
     *
     * @param revocation the revocation
     * @throws NullPointerException     if {@code revocation} is {@code null}
     * @throws AuthUnavailableException if a shared store cannot record it now
     * @throws IllegalStateException    if a bounded store is full of unexpired entries
     */
    void revoke(Revocation revocation);

    /**
     * Whether any unexpired revocation covers the token {@code user} came from.
     *
     * @param user a verified user
     * @return whether the token is revoked
     * @throws AuthUnavailableException when the store cannot know (fail closed)
     */
    boolean isRevoked(UserContext user);

    /**
     * Calls {@code listener} for every revocation this store records or learns of from other nodes,
     * after it takes effect for {@link #isRevoked}. Adapters close open sockets this way.
     *
     * @param listener called on some thread of the store's; must not block for long
     * @return a handle that stops the calls when closed
     * @throws NullPointerException if {@code listener} is {@code null}
     */
    Subscription subscribe(Consumer<Revocation> listener);

    /** Stops a {@link #subscribe subscription}; closing twice is harmless. */
    interface Subscription extends AutoCloseable {
        /** Stops the calls. */
        @Override
        void close();
    }
}
