package dev.ssotauth.websocket.internal;

import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Creates the timer that closes WebSocket sessions when their tokens expire. Its daemon threads
 * exist only while a timer is pending: they stop five seconds after the last timer is done or
 * cancelled (closing a connection cancels its timer) and start again with the next one, so an idle
 * or undeployed application keeps no thread, even where nothing calls {@code shutdown} (a
 * configurator has no end-of-life callback). The threads hold no context class loader, so they do
 * not pin an application's class loader either. Cancelled timers leave the queue at once.
 */
public final class ExpiryScheduler {

    private ExpiryScheduler() {
    }

    /**
     * A new timer pool of two threads (so that one slow close cannot hold up every other expiry).
     *
     * @return the pool; its owner shuts it down
     */
    public static ScheduledThreadPoolExecutor create() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(2, runnable -> {
            Thread thread = new Thread(runnable, "ssot-auth-websocket-expiry");
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
}
