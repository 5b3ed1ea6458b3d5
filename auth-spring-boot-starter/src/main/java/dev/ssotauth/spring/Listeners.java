package dev.ssotauth.spring;

import dev.ssotauth.core.AuthEvent;
import dev.ssotauth.core.AuthListener;

import java.util.List;

/**
 * Several listener beans as the authority's one listener: each hears every event, in order, even when
 * one before it throws; the first exception is rethrown afterwards, for the authority to log.
 * Immutable and thread-safe if the listeners are.
 */
final class Listeners implements AuthListener {

    private final AuthListener[] listeners;

    Listeners(List<AuthListener> listeners) {
        this.listeners = listeners.toArray(new AuthListener[0]);
    }

    @Override
    public void onEvent(AuthEvent event) {
        RuntimeException failure = null;
        for (AuthListener listener : listeners) {
            try {
                listener.onEvent(event);
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
