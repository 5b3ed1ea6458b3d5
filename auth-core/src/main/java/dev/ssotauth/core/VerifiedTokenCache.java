package dev.ssotauth.core;

import dev.ssotauth.core.internal.JwsAlgorithm;
import dev.ssotauth.core.internal.VerificationKey;

import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Tokens that passed every check, with the user they gave, so that the same token presented again
 * skips parsing and the signature. Only what cannot change is remembered; {@link TokenPolicy} still
 * runs the time checks against the clock, the revocation check, and checks that the key that
 * verified the token is still the trusted key for its {@code kid}, on every hit.
 *
 * <p>Keyed by the whole token string: a lookup compares the full text, so two different strings
 * never share an entry. The hash is taken over the end of the token (its signature), which is cheap
 * to compute on a fresh string and differs between any two tokens that verified.
 *
 * <p>Bounded by entry count and by an estimate of the bytes the entries keep alive; when either
 * bound would be exceeded the oldest entries go first (tokens are short-lived, so the oldest is the
 * nearest to expiry). Lookups take no lock; insertions and removals take this cache's lock. One
 * instance per authority, no static state. Thread-safe.
 */
final class VerifiedTokenCache {

    /** The characters at the end of a token that the hash is taken over. */
    private static final int HASHED_CHARS = 32;
    /** Fixed part of an entry's estimated weight: the map node, the entry, the context's objects. */
    private static final int ENTRY_OVERHEAD_BYTES = 512;

    /** A cached verification. Immutable. */
    static final class Entry {
        final Key key;
        final UserContext user;
        final VerificationKey verifiedBy;
        final String keyId;
        final JwsAlgorithm algorithm;
        final long weight;

        Entry(Key key, UserContext user, VerificationKey verifiedBy, String keyId, JwsAlgorithm algorithm, long weight) {
            this.key = key;
            this.user = user;
            this.verifiedBy = verifiedBy;
            this.keyId = keyId;
            this.algorithm = algorithm;
            this.weight = weight;
        }
    }

    /** A token string with a hash over its end; equal only to the same text. */
    static final class Key {
        final String token;
        private final int hash;

        Key(String token, int seed) {
            this.token = token;
            int h = seed;
            int length = token.length();
            for (int i = Math.max(0, length - HASHED_CHARS); i < length; i++) {
                h = 31 * h + token.charAt(i);
            }
            this.hash = h ^ length;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key && ((Key) o).hash == hash && ((Key) o).token.equals(token);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    private final int maxEntries;
    private final long maxBytes;
    private final int seed = ThreadLocalRandom.current().nextInt();
    private final ConcurrentHashMap<Key, Entry> entries = new ConcurrentHashMap<>();
    /** Insertion order, oldest first; may hold entries already removed from the map. Guarded by this. */
    private final ArrayDeque<Entry> order = new ArrayDeque<>();
    /** Estimated bytes of the entries in the map. Guarded by this. */
    private long bytes;

    /**
     * @param maxEntries at least 1
     * @param maxBytes   at least 1
     */
    VerifiedTokenCache(int maxEntries, long maxBytes) {
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
    }

    /** The entry for exactly this token, or {@code null}. */
    Entry get(String token) {
        return entries.get(new Key(token, seed));
    }

    /**
     * Remembers a token that passed every check. A token whose estimated weight alone exceeds the
     * byte bound is not remembered.
     *
     * @param payloadBytes the length of the decoded claims, for the weight estimate
     */
    void put(String token, UserContext user, VerificationKey verifiedBy, String keyId, JwsAlgorithm algorithm,
            int payloadBytes) {
        // The token text (one byte a character), and the parsed claims at about twice their JSON size.
        long weight = (long) token.length() + 2L * payloadBytes + ENTRY_OVERHEAD_BYTES;
        if (weight > maxBytes) {
            return;
        }
        Key key = new Key(token, seed);
        Entry entry = new Entry(key, user, verifiedBy, keyId, algorithm, weight);
        synchronized (this) {
            if (entries.putIfAbsent(key, entry) != null) {
                return; // another thread verified the same token meanwhile
            }
            order.addLast(entry);
            bytes += weight;
            while (order.size() > maxEntries || bytes > maxBytes) {
                Entry oldest = order.pollFirst();
                if (entries.remove(oldest.key, oldest)) {
                    bytes -= oldest.weight;
                }
            }
        }
    }

    /** Forgets {@code entry}, if it is still cached. */
    synchronized void remove(Entry entry) {
        if (entries.remove(entry.key, entry)) {
            bytes -= entry.weight;
        }
    }

    /** How many tokens are cached. */
    int size() {
        return entries.size();
    }

    /** The estimated bytes the cached entries keep alive. */
    synchronized long bytes() {
        return bytes;
    }
}
