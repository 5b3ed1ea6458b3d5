package dev.ssotauth.core;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The revocation subscriptions an authority handed out, so that closing the authority closes them.
 * Thread-safe.
 */
final class Subscriptions {

    private final Set<RevocationStore.Subscription> open = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * Tracks {@code inner} until it or this is closed.
     *
     * @throws IllegalStateException if this is closed
     */
    RevocationStore.Subscription track(RevocationStore.Subscription inner) {
        RevocationStore.Subscription outer = new RevocationStore.Subscription() {
            @Override
            public void close() {
                open.remove(this);
                inner.close();
            }
        };
        open.add(outer);
        if (closed.get()) {
            outer.close();
            throw new IllegalStateException("the authority is closed");
        }
        return outer;
    }

    /** Closes every tracked subscription; {@code true} the first time only. */
    boolean close() {
        if (!closed.compareAndSet(false, true)) {
            return false;
        }
        open.forEach(RevocationStore.Subscription::close);
        return true;
    }
}
