package dev.ssotauth.core;

/**
 * Receives an authority's {@link AuthEvent}s, for meters, audit logs or alerts (module
 * {@code auth-micrometer} binds one to a {@code MeterRegistry}). Register it with
 * {@link JwtAuthority.Builder#listener}.
 *
 * <p>Called synchronously on the thread that caused the event — a request thread for
 * authentications, a fetching thread for key-set fetches — so it must be fast and must not block;
 * it must be thread-safe. An exception it throws is logged (its type only) and never changes the
 * authority's answer. Events never hold a token, a secret or a claim value.
 */
@FunctionalInterface
public interface AuthListener {

    /**
     * One event.
     *
     * @param event what happened
     */
    void onEvent(AuthEvent event);
}
