package dev.ssotauth.core.internal;

import dev.ssotauth.core.AuthUnavailableException;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.security.Provider;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A published JWK Set fetched over HTTP(S) and cached.
 *
 * <ul>
 * <li>A fetched set is fresh for {@code cacheTtl}; within {@code refreshAhead} of that it is
 *     refreshed in the background while the cached set keeps serving.</li>
 * <li>A token naming an unknown {@code kid} (a rotation) triggers one refresh, at most once per
 *     {@code minRefreshInterval}, so a flood of made-up kids costs a handful of fetches.</li>
 * <li>When the source fails, the last good set keeps serving for {@code outageTolerance} past its
 *     freshness; after that, or when nothing was ever fetched, the answer is
 *     {@link AuthUnavailableException}: the authority cannot decide, which is not a rejection.</li>
 * <li>Each fetch is bounded by {@code timeout} (connect, headers and body together) and
 *     {@code maxBytes}; a response that is not 200, too large, or not a trustworthy JWK Set is a
 *     failed fetch and never replaces the good set.</li>
 * </ul>
 * Thread-safe. Time comes from the authority's clock.
 */
public final class RemoteKeySet implements KeyResolver {

    private static final Logger log = LoggerFactory.getLogger(RemoteKeySet.class);

    private static final class Snapshot {
        final KeySet keys;
        final Instant fetchedAt;

        Snapshot(KeySet keys, Instant fetchedAt) {
            this.keys = keys;
            this.fetchedAt = fetchedAt;
        }
    }

    private static final class FetchFailure extends Exception {
        private static final long serialVersionUID = 1L;

        FetchFailure(String message) {
            super(message, null, false, false);
        }
    }

    private final URI uri;
    private final String where;
    private final AuthoritySettings.RemoteTuning options;
    private final Clock clock;
    private final Set<JwsAlgorithm> allowed;
    private final Provider provider;
    private final ExecutorService executor;
    private final HttpClient client;
    private final Object lock = new Object();
    private final AtomicBoolean refreshingAhead = new AtomicBoolean();
    private volatile Snapshot current;
    private volatile Instant lastAttempt;
    private volatile String lastFailure;

    /**
     * @param settings the authority's settings: the JWK Set's address (https, or http on a loopback
     *                 host), the tuning, the clock and the algorithm allow-list
     * @param provider BouncyCastle for EC and Ed25519, or {@code null}
     */
    public RemoteKeySet(AuthoritySettings settings, Provider provider) {
        this.uri = settings.jwksUri();
        this.where = uri.getScheme() + "://" + uri.getAuthority() + (uri.getPath() == null ? "" : uri.getPath());
        this.options = settings.remote();
        this.clock = settings.clock();
        this.allowed = settings.allowed();
        this.provider = provider;
        this.executor = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "ssot-auth-jwks");
            thread.setDaemon(true);
            return thread;
        });
        this.client = newClient(options, executor);
    }

    /**
     * The client, made with no context class loader: on Java 17 its selector thread cannot be stopped
     * and ends only when the client is unreachable, so it must not pin an application's class loader
     * (a servlet container would rightly report that as a leak). The fetching threads, which do stop,
     * are the executor's.
     */
    private static HttpClient newClient(AuthoritySettings.RemoteTuning options, ExecutorService executor) {
        Thread current = Thread.currentThread();
        ClassLoader loader = current.getContextClassLoader();
        current.setContextClassLoader(null);
        try {
            return HttpClient.newBuilder().connectTimeout(options.timeout()).executor(executor)
                    .followRedirects(HttpClient.Redirect.NEVER).build();
        } finally {
            current.setContextClassLoader(loader);
        }
    }

    /**
     * Stops fetching: the threads of this key set end (a fetch under way is interrupted; this waits
     * for them up to the fetch timeout), and from now on a fetch fails at once, so the cached set
     * serves for as long as it may and then the answer is {@link AuthUnavailableException}.
     * Idempotent.
     */
    @Override
    public void close() {
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(options.timeout().toMillis() + 1000, TimeUnit.MILLISECONDS)) {
                log.warn("a JWK Set fetching thread did not stop within {}", Durations.show(options.timeout()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public VerificationKey select(String keyId, JwsAlgorithm algorithm) {
        Snapshot snapshot = usable();
        VerificationKey key = snapshot.keys.select(keyId, algorithm);
        if (key == null && keyId != null && !snapshot.keys.containsKeyId(keyId)) {
            Snapshot refreshed = refreshForUnknownKey();
            if (refreshed != null) {
                key = refreshed.keys.select(keyId, algorithm);
            }
        }
        return key;
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
                } catch (FetchFailure failure) {
                    lastFailure = failure.getMessage();
                }
            }
            if (snapshot != null && now.isBefore(snapshot.fetchedAt.plus(options.cacheTtl()).plus(options.outageTolerance()))) {
                return snapshot; // the source is down: serve the last good set for the tolerance window
            }
            throw new AuthUnavailableException("the JWK Set at " + where + " cannot be fetched (" + lastFailure
                    + ") and no usable copy is cached", null);
        }
    }

    private Snapshot refreshForUnknownKey() {
        synchronized (lock) {
            Instant now = clock.instant();
            if (!mayAttempt(now)) {
                return null;
            }
            try {
                return refresh(now);
            } catch (FetchFailure failure) {
                lastFailure = failure.getMessage();
                return null;
            }
        }
    }

    private void refreshInBackground() {
        if (!refreshingAhead.compareAndSet(false, true)) {
            return;
        }
        try {
            executor.execute(() -> {
                try {
                    synchronized (lock) {
                        Instant now = clock.instant();
                        if (mayAttempt(now)) {
                            refresh(now);
                        }
                    }
                } catch (FetchFailure failure) {
                    lastFailure = failure.getMessage();
                } finally {
                    refreshingAhead.set(false);
                }
            });
        } catch (RuntimeException rejected) {
            refreshingAhead.set(false);
        }
    }

    private boolean mayAttempt(Instant now) {
        Instant last = lastAttempt;
        return last == null || !now.isBefore(last.plus(options.minRefreshInterval()));
    }

    /** Fetches now; the caller holds {@link #lock}. */
    private Snapshot refresh(Instant now) throws FetchFailure {
        lastAttempt = now;
        byte[] body = fetch();
        List<AsymmetricKey> keys;
        try {
            keys = JwkSets.parse(body, false, allowed, provider);
        } catch (JwkSets.InvalidSetException e) {
            log.warn("the JWK Set fetched from {} is refused: {}", where, e.getMessage());
            throw new FetchFailure("the fetched JWK Set is refused: " + e.getMessage());
        }
        Snapshot snapshot = new Snapshot(KeySet.ofAsymmetric(keys), clock.instant());
        current = snapshot;
        lastFailure = null;
        return snapshot;
    }

    private byte[] fetch() throws FetchFailure {
        if (executor.isShutdown()) {
            throw new FetchFailure("the authority is closed");
        }
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(options.timeout())
                .header("Accept", "application/jwk-set+json, application/json").GET().build();
        CompletableFuture<HttpResponse<byte[]>> response = client.sendAsync(request, info -> limited());
        try {
            HttpResponse<byte[]> result = response.get(options.timeout().toMillis(), TimeUnit.MILLISECONDS);
            if (result.statusCode() != 200) {
                log.warn("fetching the JWK Set from {} answered HTTP {}", where, result.statusCode());
                throw new FetchFailure("HTTP " + result.statusCode());
            }
            return result.body();
        } catch (TimeoutException e) {
            response.cancel(true);
            log.warn("fetching the JWK Set from {} timed out after {}", where, options.timeout());
            throw new FetchFailure("timed out after " + options.timeout());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof java.net.http.HttpTimeoutException) {
                // The request's own timeout (the same bound) fired before the wait above: same answer.
                log.warn("fetching the JWK Set from {} timed out after {}", where, options.timeout());
                throw new FetchFailure("timed out after " + options.timeout());
            }
            while (cause != null && !(cause instanceof FetchFailureCarrier) && cause.getCause() != null) {
                cause = cause.getCause();
            }
            String reason = cause instanceof FetchFailureCarrier ? cause.getMessage()
                    : "connection failed: " + (cause == null ? "unknown" : cause.getClass().getSimpleName());
            log.warn("fetching the JWK Set from {} failed: {}", where, reason);
            throw new FetchFailure(reason);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FetchFailure("interrupted");
        }
    }

    /** A failure raised inside the body subscriber, with a safe message. */
    private static final class FetchFailureCarrier extends RuntimeException {
        private static final long serialVersionUID = 1L;

        FetchFailureCarrier(String message) {
            super(message, null, false, false);
        }
    }

    private HttpResponse.BodySubscriber<byte[]> limited() {
        int max = options.maxBytes();
        return new HttpResponse.BodySubscriber<>() {
            private final CompletableFuture<byte[]> result = new CompletableFuture<>();
            private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            private Flow.Subscription subscription;

            @Override
            public CompletionStage<byte[]> getBody() {
                return result;
            }

            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                this.subscription = subscription;
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(List<ByteBuffer> items) {
                for (ByteBuffer item : items) {
                    if (buffer.size() + item.remaining() > max) {
                        subscription.cancel();
                        result.completeExceptionally(new FetchFailureCarrier("the response is larger than " + max
                                + " bytes"));
                        return;
                    }
                    byte[] chunk = new byte[item.remaining()];
                    item.get(chunk);
                    buffer.write(chunk, 0, chunk.length);
                }
            }

            @Override
            public void onError(Throwable throwable) {
                result.completeExceptionally(throwable);
            }

            @Override
            public void onComplete() {
                result.complete(buffer.toByteArray());
            }
        };
    }
}
