package dev.ssotauth.websocket;

import jakarta.websocket.Endpoint;

/** Wraps programmatic endpoints in {@link AuthenticatedEndpoint}. Stateless. */
final class Endpoints {

    private Endpoints() {
    }

    /**
     * @return {@code instance}, or an {@link AuthenticatedEndpoint} around it when it is a programmatic
     *         endpoint not wrapped yet. The wrapper is not a {@code T}: containers treat the instance
     *         as an {@link Endpoint} (Tomcat casts it, Jetty inspects its class), which it is.
     */
    @SuppressWarnings("unchecked")
    static <T> T authenticated(T instance) {
        if (instance instanceof Endpoint && !(instance instanceof AuthenticatedEndpoint)) {
            return (T) new AuthenticatedEndpoint((Endpoint) instance);
        }
        return instance;
    }
}
