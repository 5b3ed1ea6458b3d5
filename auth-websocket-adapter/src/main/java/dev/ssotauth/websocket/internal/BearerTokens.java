package dev.ssotauth.websocket.internal;

import dev.ssotauth.core.BearerToken;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Finds the bearer tokens a request carries, in every transport that is enabled, so that a request
 * with none, one or several can be told apart (RFC 6750 §2: a client must use one method only).
 * Pure functions over header values; no token ever reaches a log line from here. Stateless and
 * thread-safe.
 *
 * <p>Transports:
 * <ul>
 * <li>{@code Authorization: Bearer <token>} — scheme case-insensitive, every header line read;</li>
 * <li>WebSocket subprotocols (upgrade requests only): the pair {@code bearer}, {@code <token>} and
 * the Kubernetes form {@code base64url.bearer.authorization.k8s.io.<base64url of the token>}; every
 * {@code Sec-WebSocket-Protocol} line is read and split at commas;</li>
 * <li>a query parameter, when a name is configured;</li>
 * <li>a cookie, when a name is configured.</li>
 * </ul>
 */
public final class BearerTokens {

    /** The subprotocol that announces a token in the next subprotocol, and the one echoed back. */
    public static final String SUBPROTOCOL_MARKER = "bearer";
    /** The prefix of the Kubernetes subprotocol form. */
    public static final String KUBERNETES_PREFIX = "base64url.bearer.authorization.k8s.io.";
    /** The WebSocket subprotocol request header. */
    public static final String PROTOCOL_HEADER = "Sec-WebSocket-Protocol";


    private BearerTokens() {
    }

    /** The input a request offers; each method returns every value, in order. */
    public interface Source {
        /**
         * @param name a header name, matched case-insensitively
         * @return the values of every line of that header; empty when absent
         */
        List<String> headers(String name);

        /** @return the raw query string, or {@code null} */
        String queryString();

        /**
         * @param name a cookie name, matched exactly
         * @return the values of every cookie of that name; empty when absent
         */
        List<String> cookies(String name);
    }

    /**
     * What a request carries.
     *
     * @param tokens            every token found, in transport order; an undecodable value is an
     *                          empty string (which the authority rejects as malformed)
     * @param subprotocolMarker whether the client offered the {@code bearer} subprotocol pair
     */
    public record Found(List<String> tokens, boolean subprotocolMarker) {
        /** Copies the list. */
        public Found {
            tokens = List.copyOf(tokens);
        }

        /** @return whether no transport carried a token */
        public boolean none() {
            return tokens.isEmpty();
        }

        /** @return whether more than one token was offered */
        public boolean several() {
            return tokens.size() > 1;
        }

        /** @return the single token; only when neither {@link #none()} nor {@link #several()} */
        public String single() {
            if (tokens.size() != 1) {
                throw new IllegalStateException("not exactly one token");
            }
            return tokens.get(0);
        }
    }

    /**
     * Collects the tokens of every enabled transport.
     *
     * @param source         the request
     * @param transports     the opt-in transports
     * @param webSocketOffer whether to read the subprotocol transports (upgrade requests only)
     * @return what was found
     */
    public static Found find(Source source, Transports transports, boolean webSocketOffer) {
        List<String> tokens = new ArrayList<>(1);
        for (String value : source.headers("Authorization")) {
            String token = fromAuthorization(value);
            if (token != null) {
                tokens.add(token);
            }
        }
        boolean marker = false;
        if (webSocketOffer) {
            List<String> offered = subprotocols(source.headers(PROTOCOL_HEADER));
            for (int i = 0; i < offered.size(); i++) {
                String protocol = offered.get(i);
                if (protocol.equals(SUBPROTOCOL_MARKER)) {
                    marker = true;
                    if (i + 1 < offered.size()) {
                        tokens.add(offered.get(i + 1));
                        i++;
                    } else {
                        tokens.add("");
                    }
                } else if (protocol.startsWith(KUBERNETES_PREFIX)) {
                    tokens.add(fromKubernetes(protocol.substring(KUBERNETES_PREFIX.length())));
                }
            }
        }
        if (transports.queryParameter() != null) {
            tokens.addAll(queryValues(source.queryString(), transports.queryParameter()));
        }
        if (transports.cookie() != null) {
            tokens.addAll(source.cookies(transports.cookie()));
        }
        return new Found(tokens, marker);
    }

    /**
     * The offered subprotocols with the credentials removed: the {@code bearer} marker, the token
     * after it and every Kubernetes token. What remains may be negotiated as an application protocol.
     *
     * @param requested the subprotocols the client offered, one per element
     * @return the offered application subprotocols, in the client's order
     */
    public static List<String> withoutCredentials(List<String> requested) {
        List<String> out = new ArrayList<>(requested.size());
        for (int i = 0; i < requested.size(); i++) {
            String protocol = requested.get(i);
            if (protocol.equals(SUBPROTOCOL_MARKER)) {
                i++;
            } else if (!protocol.startsWith(KUBERNETES_PREFIX)) {
                out.add(protocol);
            }
        }
        return out;
    }

    /**
     * Whether the client offered the {@code bearer} marker followed by a token.
     *
     * @param requested the subprotocols the client offered, one per element
     * @return whether the marker can be echoed
     */
    public static boolean offersMarker(List<String> requested) {
        int i = requested.indexOf(SUBPROTOCOL_MARKER);
        return i >= 0 && i + 1 < requested.size();
    }

    /**
     * Splits {@code Sec-WebSocket-Protocol} lines into single subprotocols.
     *
     * @param lines every line of the header
     * @return the trimmed, non-empty values in order
     */
    public static List<String> subprotocols(List<String> lines) {
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            if (line == null) {
                continue;
            }
            for (String part : line.split(",", -1)) {
                String value = part.trim();
                if (!value.isEmpty()) {
                    out.add(value);
                }
            }
        }
        return out;
    }

    /** @return the credentials of a {@code Bearer} authorization, or {@code null} for another scheme */
    static String fromAuthorization(String value) {
        return BearerToken.credentials(value);
    }

    private static String fromKubernetes(String encoded) {
        try {
            return new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private static List<String> queryValues(String query, String name) {
        List<String> values = new ArrayList<>(1);
        if (query == null || query.isEmpty()) {
            return values;
        }
        for (String pair : query.split("&", -1)) {
            int eq = pair.indexOf('=');
            String rawName = eq < 0 ? pair : pair.substring(0, eq);
            String decodedName = decode(rawName);
            if (decodedName == null || !decodedName.equals(name)) {
                continue;
            }
            String decodedValue = eq < 0 ? "" : decode(pair.substring(eq + 1));
            values.add(decodedValue == null ? "" : decodedValue);
        }
        return values;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Parses {@code Cookie} header lines (RFC 6265 §5.4 syntax: {@code name=value} pairs separated
     * by semicolons) for the values of one cookie, without quotes.
     *
     * @param lines every {@code Cookie} line
     * @param name  the cookie name
     * @return the values, in order
     */
    public static List<String> cookieValues(List<String> lines, String name) {
        List<String> values = new ArrayList<>(1);
        for (String line : lines) {
            if (line == null) {
                continue;
            }
            for (String pair : line.split(";", -1)) {
                int eq = pair.indexOf('=');
                if (eq < 0 || !pair.substring(0, eq).strip().equals(name)) {
                    continue;
                }
                String value = pair.substring(eq + 1).strip();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                values.add(value);
            }
        }
        return values;
    }
}
