package dev.ssotauth.core.internal;

import dev.ssotauth.core.AuthEvent;
import dev.ssotauth.core.AuthUnavailableException;

import java.net.URI;
import java.security.Provider;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A published JWK Set fetched over HTTP(S) and cached.
 *
 * <ul>
 * <li>A fetched set is fresh for {@code cacheTtl}; within {@code refreshAhead} of that it is
 *     refreshed in the background while the cached set keeps serving.</li>
 * <li>A token naming an unknown {@code kid} (a rotation) triggers a refresh, at most once per
 *     {@code minRefreshInterval}; tokens that arrive while it is under way wait for it and then look
 *     again (single flight), so a flood of made-up kids costs one fetch per interval.
 *     {@link #unknownSince} tells the caller when the set it looked in was fetched.</li>
 * <li>When the source fails, the last good set keeps serving for {@code outageTolerance} past its
 *     freshness; after that, or when nothing was ever fetched, the answer is
 *     {@link AuthUnavailableException}: the authority cannot decide, which is not a rejection.</li>
 * <li>Each fetch is bounded by the {@link HttpFetcher}; a response that is not 200, too large, or not
 *     a trustworthy JWK Set is a failed fetch and never replaces the good set.</li>
 * </ul>
 * Thread-safe. Time comes from the authority's clock.
 */
public final class RemoteKeySet implements KeyResolver {

    private static final Logger log = LoggerFactory.getLogger(RemoteKeySet.class);

    private static final class Snapshot {
        final KeySet keys;
        final Instant fetchedAt;
        /** The keys' thumbprints, to tell what a fetch added and removed. */
        final Set<String> thumbprints;

        Snapshot(KeySet keys, Instant fetchedAt, Set<String> thumbprints) {
            this.keys = keys;
            this.fetchedAt = fetchedAt;
            this.thumbprints = thumbprints;
        }
    }

    private final URI uri;
    private final String where;
    private final AuthoritySettings.RemoteTuning options;
    private final Clock clock;
    private final Set<JwsAlgorithm> allowed;
    private final Provider provider;
    private final HttpFetcher fetcher;
    private final boolean ownsFetcher;
    private final Events events;
    private final Object lock = new Object();
    private final AtomicBoolean refreshingAhead = new AtomicBoolean();
    private volatile Snapshot current;
    private volatile Instant lastAttempt;
    private volatile boolean fetching;
    private volatile String lastFailure;

    /**
     * A key set with its own fetcher, which {@link #close()} stops.
     *
     * @param settings the authority's settings: the JWK Set's address (https, or http on a loopback
     *                 host), the tuning, the clock and the algorithm allow-list
     * @param provider BouncyCastle for EC and Ed25519, or {@code null}
     */
    public RemoteKeySet(AuthoritySettings settings, Provider provider) {
        this(settings.jwksUri(), settings, provider,
                new HttpFetcher(settings.remote().timeout(), settings.remote().maxBytes()), true);
    }

    /**
     * @param uri         the JWK Set's address: https, or http on a loopback host
     * @param settings    the tuning, the clock and the algorithm allow-list
     * @param provider    BouncyCastle for EC and Ed25519, or {@code null}
     * @param fetcher     fetches the set and runs background refreshes
     * @param ownsFetcher whether {@link #close()} closes the fetcher
     */
    public RemoteKeySet(URI uri, AuthoritySettings settings, Provider provider, HttpFetcher fetcher,
            boolean ownsFetcher) {
        this.uri = uri;
        this.where = HttpFetcher.where(uri);
        this.options = settings.remote();
        this.clock = settings.clock();
        this.allowed = settings.allowed();
        this.provider = provider;
        this.fetcher = fetcher;
        this.ownsFetcher = ownsFetcher;
        this.events = settings.events();
    }

    /**
     * Stops fetching when this set owns its fetcher: its threads end (a fetch under way is
     * interrupted), and from now on a fetch fails at once, so the cached set serves for as long as it
     * may and then the answer is {@link AuthUnavailableException}. Idempotent.
     */
    @Override
    public void close() {
        if (ownsFetcher) {
            fetcher.close();
        }
    }

    @Override
    public VerificationKey select(String keyId, JwsAlgorithm algorithm) {
        Snapshot snapshot = usable();
        VerificationKey key = snapshot.keys.select(keyId, algorithm);
        if (key == null && keyId != null && !snapshot.keys.containsKeyId(keyId)) {
            key = refreshForUnknownKey(keyId).keys.select(keyId, algorithm);
        }
        return key;
    }

    /**
     * When the set in use was fetched, if it does not hold {@code keyId}: a token signed with a key
     * published after that may be valid, and the caller may answer that it cannot decide yet.
     */
    @Override
    public Instant unknownSince(String keyId) {
        Snapshot snapshot = current;
        return snapshot == null || keyId == null || snapshot.keys.containsKeyId(keyId) ? null : snapshot.fetchedAt;
    }

    @Override
    public String fingerprint() {
        return usable().keys.fingerprint();
    }

    @Override
    public String publicJwks() {
        return usable().keys.publicJwks();
    }

    private Snapshot usable() {
        Instant now = clock.instant();
        Snapshot snapshot = current;
        if (snapshot != null && now.isBefore(snapshot.fetchedAt.plus(options.cacheTtl()))) {
            if (!now.isBefore(snapshot.fetchedAt.plus(options.cacheTtl()).minus(options.refreshAhead()))) {
                refreshInBackground();
            }
            return snapshot;
        }
        synchronized (lock) {
            snapshot = current;
            now = clock.instant();
            if (snapshot != null && now.isBefore(snapshot.fetchedAt.plus(options.cacheTtl()))) {
                return snapshot; // another thread refreshed it meanwhile
            }
            if (mayAttempt(now)) {
                try {
                    return refresh(now);
                } catch (HttpFetcher.FetchFailure failure) {
                    lastFailure = failure.getMessage();
                }
            }
            if (snapshot != null && now.isBefore(snapshot.fetchedAt.plus(options.cacheTtl()).plus(options.outageTolerance()))) {
                return snapshot; // the source is down: serve the last good set for the tolerance window
            }
            throw new AuthUnavailableException(AuthUnavailableException.Source.KEYS, "the JWK Set at " + where + " cannot be fetched (" + lastFailure
                    + ") and no usable copy is cached", null);
        }
    }

    /**
     * The set to look for an unknown {@code keyId} in: fetched afresh when the interval allows, the one
     * a fetch under way brings (waiting for it), or else the current one.
     */
    private Snapshot refreshForUnknownKey(String keyId) {
        if (!mayAttempt(clock.instant()) && !fetching) { // in this order: see refresh
            return current; // rate-limited and nothing under way: no need to queue on the lock
        }
        synchronized (lock) {
            Snapshot snapshot = current;
            if (snapshot.keys.containsKeyId(keyId)) {
                return snapshot; // the fetch this thread waited for brought it
            }
            Instant now = clock.instant();
            if (!mayAttempt(now)) {
                return snapshot;
            }
            try {
                return refresh(now);
            } catch (HttpFetcher.FetchFailure failure) {
                lastFailure = failure.getMessage();
                return current;
            }
        }
    }

    private void refreshInBackground() {
        if (!refreshingAhead.compareAndSet(false, true)) {
            return;
        }
        boolean started = fetcher.execute(() -> {
            try {
                synchronized (lock) {
                    Instant now = clock.instant();
                    if (mayAttempt(now)) {
                        refresh(now);
                    }
                }
            } catch (HttpFetcher.FetchFailure failure) {
                lastFailure = failure.getMessage();
            } finally {
                refreshingAhead.set(false);
            }
        });
        if (!started) {
            refreshingAhead.set(false);
        }
    }

    private boolean mayAttempt(Instant now) {
        Instant last = lastAttempt;
        return last == null || !now.isBefore(last.plus(options.minRefreshInterval()));
    }

    /**
     * Fetches now; the caller holds {@link #lock}. {@code fetching} is raised before
     * {@code lastAttempt} moves and lowered after {@code current} is replaced, so a thread that sees
     * the new attempt and no fetch under way also sees its result.
     */
    private Snapshot refresh(Instant now) throws HttpFetcher.FetchFailure {
        fetching = true;
        long started = System.nanoTime();
        Snapshot previous = current;
        try {
            lastAttempt = now;
            byte[] body = fetcher.get(uri, "application/jwk-set+json, application/json", "the JWK Set");
            List<AsymmetricKey> keys;
            try {
                keys = JwkSets.parse(body, false, allowed, provider);
            } catch (JwkSets.InvalidSetException e) {
                log.warn("the JWK Set fetched from {} is refused: {}", where, e.getMessage());
                throw new HttpFetcher.FetchFailure(AuthEvent.FetchFailure.INVALID, "the fetched JWK Set is refused: "
                        + e.getMessage(), 200);
            }
            Set<String> thumbprints = keys.stream().map(k -> k.jwk().thumbprint()).collect(Collectors.toSet());
            Snapshot snapshot = new Snapshot(KeySet.ofAsymmetric(keys), clock.instant(), thumbprints);
            current = snapshot;
            lastFailure = null;
            if (events.active()) {
                Set<String> before = previous == null ? Set.of() : previous.thumbprints;
                events.onEvent(fetched(null, snapshot, (int) thumbprints.stream().filter(t -> !before.contains(t))
                        .count(), (int) before.stream().filter(t -> !thumbprints.contains(t)).count(), started));
            }
            return snapshot;
        } catch (HttpFetcher.FetchFailure failure) {
            events.onEvent(fetched(failure.category(), previous, 0, 0, started));
            throw failure;
        } finally {
            fetching = false;
        }
    }

    private AuthEvent.KeySetFetch fetched(AuthEvent.FetchFailure failure, Snapshot inUse, int added, int removed,
            long started) {
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        return inUse == null ? new AuthEvent.KeySetFetch(where, failure, 0, 0, 0, took, null, null)
                : new AuthEvent.KeySetFetch(where, failure, inUse.thumbprints.size(), added, removed, took,
                        inUse.fetchedAt, inUse.fetchedAt.plus(options.cacheTtl()).plus(options.outageTolerance()));
    }
}
