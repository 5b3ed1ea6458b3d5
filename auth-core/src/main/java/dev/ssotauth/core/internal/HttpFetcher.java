package dev.ssotauth.core.internal;

import dev.ssotauth.core.AuthEvent;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounded GETs of small documents an authority trusts keys from (JWK Sets, discovery documents): one
 * fetch is bounded by a timeout (connect, headers and body together) and a size, redirects are not
 * followed, and a failure is a {@link FetchFailure} whose message is safe to show (never a response
 * body or a URL's credentials). Also runs the background work of the key sets that share it. Thread-safe.
 */
public final class HttpFetcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HttpFetcher.class);

    /** A fetch that did not give a 200 response within the bounds; the message is safe to show. */
    public static final class FetchFailure extends Exception {
        private static final long serialVersionUID = 1L;
        private final int status;
        private final AuthEvent.FetchFailure category;

        /**
         * @param category what kind of failure, for events
         * @param message  what went wrong, safe to show
         * @param status   the HTTP status, or 0 when there was no response
         */
        public FetchFailure(AuthEvent.FetchFailure category, String message, int status) {
            super(message, null, false, false);
            this.category = category;
            this.status = status;
        }

        /** The HTTP status of the response, or 0 when there was none. */
        public int status() {
            return status;
        }

        /** What kind of failure. */
        public AuthEvent.FetchFailure category() {
            return category;
        }
    }

    /** A failure raised inside the body subscriber, with a safe message. */
    private static final class TooLarge extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooLarge(String message) {
            super(message, null, false, false);
        }
    }

    private final Duration timeout;
    private final int maxBytes;
    private final ExecutorService executor;
    private final HttpClient client;

    /**
     * @param timeout  the bound on one fetch
     * @param maxBytes the largest response body accepted
     */
    public HttpFetcher(Duration timeout, int maxBytes) {
        this.timeout = timeout;
        this.maxBytes = maxBytes;
        this.executor = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "ssot-auth-jwks");
            thread.setDaemon(true);
            return thread;
        });
        this.client = newClient(timeout, executor);
    }

    /**
     * The client, made with no context class loader: on Java 17 its selector thread cannot be stopped
     * and ends only when the client is unreachable, so it must not pin an application's class loader
     * (a servlet container would rightly report that as a leak). The fetching threads, which do stop,
     * are the executor's.
     */
    private static HttpClient newClient(Duration timeout, ExecutorService executor) {
        Thread current = Thread.currentThread();
        ClassLoader loader = current.getContextClassLoader();
        current.setContextClassLoader(null);
        try {
            return HttpClient.newBuilder().connectTimeout(timeout).executor(executor)
                    .followRedirects(HttpClient.Redirect.NEVER).build();
        } finally {
            current.setContextClassLoader(loader);
        }
    }

    /**
     * Where {@code uri} points, for messages: scheme, host, port and path; never its user information,
     * query or fragment.
     */
    public static String where(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }

    /**
     * Fetches {@code uri}.
     *
     * @param uri    the document
     * @param accept the {@code Accept} header
     * @param what   what the document is, for log lines ("the JWK Set")
     * @return the body of a 200 response
     * @throws FetchFailure when the fetch fails, times out, answers another status or is too large, or
     *                      this fetcher is closed
     */
    public byte[] get(URI uri, String accept, String what) throws FetchFailure {
        if (executor.isShutdown()) {
            throw new FetchFailure(AuthEvent.FetchFailure.CLOSED, "the authority is closed", 0);
        }
        String where = where(uri);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", accept).GET().build();
        CompletableFuture<HttpResponse<byte[]>> response;
        try {
            response = client.sendAsync(request, info -> limited());
        } catch (RejectedExecutionException | IllegalStateException closed) {
            throw new FetchFailure(AuthEvent.FetchFailure.CLOSED, "the authority is closed", 0);
        }
        try {
            HttpResponse<byte[]> result = response.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (result.statusCode() != 200) {
                log.warn("fetching {} from {} answered HTTP {}", what, where, result.statusCode());
                throw new FetchFailure(AuthEvent.FetchFailure.HTTP_STATUS, "HTTP " + result.statusCode(),
                        result.statusCode());
            }
            return result.body();
        } catch (TimeoutException e) {
            response.cancel(true);
            throw timedOut(what, where);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof HttpTimeoutException) {
                throw timedOut(what, where); // the request's own timeout (the same bound) fired first
            }
            while (cause != null && !(cause instanceof TooLarge) && cause.getCause() != null) {
                cause = cause.getCause();
            }
            String reason = cause instanceof TooLarge ? cause.getMessage()
                    : "connection failed: " + (cause == null ? "unknown" : cause.getClass().getSimpleName());
            log.warn("fetching {} from {} failed: {}", what, where, reason);
            throw new FetchFailure(cause instanceof TooLarge ? AuthEvent.FetchFailure.TOO_LARGE
                    : AuthEvent.FetchFailure.CONNECTION, reason, 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FetchFailure(AuthEvent.FetchFailure.CLOSED, "interrupted", 0);
        }
    }

    private FetchFailure timedOut(String what, String where) {
        log.warn("fetching {} from {} timed out after {}", what, where, timeout);
        return new FetchFailure(AuthEvent.FetchFailure.TIMEOUT, "timed out after " + timeout, 0);
    }

    /**
     * Runs {@code task} on a background thread of this fetcher.
     *
     * @return {@code false} when this fetcher is closed
     */
    public boolean execute(Runnable task) {
        try {
            executor.execute(task);
            return true;
        } catch (RejectedExecutionException closed) {
            return false;
        }
    }

    /**
     * Stops the threads (a fetch under way is interrupted; this waits for them up to the fetch
     * timeout); from now on a fetch fails at once. Idempotent.
     */
    @Override
    public void close() {
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS)) {
                log.warn("a JWK Set fetching thread did not stop within {}", Durations.show(timeout));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private HttpResponse.BodySubscriber<byte[]> limited() {
        int max = maxBytes;
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
                        result.completeExceptionally(new TooLarge("the response is larger than " + max + " bytes"));
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
