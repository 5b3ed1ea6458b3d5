package dev.ssotauth.websocket.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * An allow-list of WebSocket {@code Origin}s (RFC 6454 serialisation: {@code scheme://host[:port]}).
 * Every container's default accepts any origin; once a list is set, a handshake whose {@code Origin}
 * is present and not on it is refused. A handshake without {@code Origin} comes from a non-browser
 * client, which cross-site WebSocket hijacking cannot involve, and is allowed. Immutable.
 */
public final class Origins {

    /** No list: every origin is allowed. */
    public static final Origins ANY = new Origins(Set.of());

    private final Set<String> allowed;

    private Origins(Set<String> allowed) {
        this.allowed = allowed;
    }

    /**
     * An allow-list.
     *
     * @param origins the origins, such as {@code https://chat.example}; at least one
     * @return the list
     * @throws NullPointerException     if the array or an element is {@code null}
     * @throws IllegalArgumentException if the list is empty or an origin is not
     *                                  {@code scheme://host[:port]}
     */
    public static Origins of(String... origins) {
        Objects.requireNonNull(origins, "allowedOrigins");
        if (origins.length == 0) {
            throw new IllegalArgumentException("allowedOrigins must name at least one origin");
        }
        Set<String> set = new TreeSet<>();
        for (String origin : origins) {
            Objects.requireNonNull(origin, "origin");
            set.add(normalise(origin));
        }
        return new Origins(Set.copyOf(set));
    }

    /** @return whether a list is set */
    public boolean restricted() {
        return !allowed.isEmpty();
    }

    /**
     * @param origin the {@code Origin} header, or {@code null} when absent
     * @return whether the handshake may proceed
     */
    public boolean allows(String origin) {
        if (allowed.isEmpty() || origin == null) {
            return true;
        }
        return allowed.contains(origin.strip().toLowerCase(Locale.ROOT));
    }

    private static String normalise(String origin) {
        String o = origin.strip().toLowerCase(Locale.ROOT);
        URI uri;
        try {
            uri = new URI(o);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("allowedOrigins: '" + origin + "' is not scheme://host[:port]");
        }
        boolean bare = uri.getScheme() != null && uri.getHost() != null && uri.getRawUserInfo() == null
                && uri.getRawPath() != null && uri.getRawPath().isEmpty() && uri.getRawQuery() == null
                && uri.getRawFragment() == null;
        if (!bare) {
            throw new IllegalArgumentException("allowedOrigins: '" + origin + "' is not scheme://host[:port]");
        }
        return o;
    }

    @Override
    public String toString() {
        return allowed.isEmpty() ? "any origin" : String.join(", ", new TreeSet<>(allowed));
    }
}
