package dev.ssotauth.core.internal;

import dev.ssotauth.core.AuthEvent;
import dev.ssotauth.core.AuthListener;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands events to the listener an authority was given, if any: a listener's exception is logged (its
 * type, once per type) and never reaches the code that raised the event. Thread-safe.
 */
public final class Events implements AuthListener {

    private static final Logger log = LoggerFactory.getLogger(Events.class);

    /** No listener: every event is dropped at the cost of one call. */
    public static final Events NONE = new Events(null);

    private final AuthListener listener;
    private final Set<String> reported = ConcurrentHashMap.newKeySet();

    private Events(AuthListener listener) {
        this.listener = listener;
    }

    /**
     * @param listener the listener, or {@code null} for none
     * @return events for it
     */
    public static Events of(AuthListener listener) {
        return listener == null ? NONE : new Events(listener);
    }

    /** Whether there is a listener: a caller may skip building an event that costs something. */
    public boolean active() {
        return listener != null;
    }

    @Override
    public void onEvent(AuthEvent event) {
        if (listener == null) {
            return;
        }
        try {
            listener.onEvent(event);
        } catch (RuntimeException e) {
            String type = e.getClass().getName();
            if (reported.add(type)) {
                log.warn("the auth event listener failed with {}; the event was dropped (reported once per type)",
                        type);
            }
        }
    }
}
