package dev.ssotauth.spring.websocket;

import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Creates the timer pool that closes sessions when their tokens expire: two daemon threads that exist
 * only while a timer is pending (they end five seconds after the last one), without a context class
 * loader; cancelled timers leave the queue at once. Stateless.
 */
final class ExpiryTimers {

    private ExpiryTimers() {
    }

    /** @return a new pool; its owner shuts it down */
    static ScheduledThreadPoolExecutor create() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(2, runnable -> {
            Thread thread = new Thread(runnable, "ssot-auth-spring-websocket-expiry");
            thread.setDaemon(true);
            thread.setContextClassLoader(null);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        executor.setKeepAliveTime(5, TimeUnit.SECONDS);
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }

    /** Stops the pool and waits up to a second for its threads. */
    static void shutdown(ScheduledThreadPoolExecutor executor) {
        executor.shutdownNow();
        try {
            executor.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
