package dev.ssotauth.websocket.internal;

import java.util.Objects;

/**
 * The opt-in token transports besides the {@code Authorization} header (and, for WebSocket
 * upgrades, the subprotocols). Immutable.
 *
 * @param queryParameter the query parameter that may carry a token, or {@code null} for none
 * @param cookie         the cookie that may carry a token, or {@code null} for none
 */
public record Transports(String queryParameter, String cookie) {

    /** Only the {@code Authorization} header (and subprotocols on upgrades). */
    public static final Transports DEFAULT = new Transports(null, null);

    /**
     * Checks the names.
     *
     * @throws IllegalArgumentException if a name is blank or has characters outside an HTTP token
     */
    public Transports {
        check(queryParameter, "queryParameter");
        check(cookie, "cookie");
    }

    /**
     * @param name the query parameter
     * @return a copy that also reads it
     * @throws NullPointerException     if {@code name} is {@code null}
     * @throws IllegalArgumentException if the name is not a token
     * @throws IllegalStateException    if a query parameter is already set
     */
    public Transports withQueryParameter(String name) {
        Objects.requireNonNull(name, "queryParameter");
        if (queryParameter != null) {
            throw new IllegalStateException("queryParameter is already set");
        }
        return new Transports(name, cookie);
    }

    /**
     * @param name the cookie
     * @return a copy that also reads it
     * @throws NullPointerException     if {@code name} is {@code null}
     * @throws IllegalArgumentException if the name is not a token
     * @throws IllegalStateException    if a cookie is already set
     */
    public Transports withCookie(String name) {
        Objects.requireNonNull(name, "cookie");
        if (cookie != null) {
            throw new IllegalStateException("cookie is already set");
        }
        return new Transports(queryParameter, name);
    }

    private static void check(String name, String setting) {
        if (name == null) {
            return;
        }
        if (name.isEmpty()) {
            throw new IllegalArgumentException(setting + " must not be empty");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean token = c > 0x20 && c < 0x7f && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0;
            if (!token) {
                throw new IllegalArgumentException(setting + " must be an HTTP token (RFC 9110 §5.6.2); got '"
                        + name + "'");
            }
        }
    }
}
