package dev.ssotauth.spring.websocket;

import dev.ssotauth.core.BearerToken;

import java.util.ArrayList;
import java.util.List;

/**
 * The bearer tokens a WebSocket handshake or a STOMP {@code CONNECT} frame carries: every
 * {@code Authorization: Bearer <token>} value (scheme case-insensitive) and, in a handshake, the
 * subprotocol pair {@code bearer}, {@code <token>} of {@code Sec-WebSocket-Protocol}. Several tokens
 * are told apart from one (RFC 6750 §2: one method only). Pure functions; no token reaches a log line
 * from here.
 */
final class BearerCredentials {

    /** The subprotocol that announces a token in the next one; the only one ever echoed for it. */
    static final String MARKER = "bearer";


    private BearerCredentials() {
    }

    /**
     * What a request carries.
     *
     * @param tokens every token found; an empty string where a transport was used without one
     */
    record Found(List<String> tokens) {
        Found {
            tokens = List.copyOf(tokens);
        }
    }

    /**
     * @param authorizations every {@code Authorization} value
     * @param subprotocols   every {@code Sec-WebSocket-Protocol} value (comma lists are split here)
     * @return the tokens, from the header first
     */
    static Found find(List<String> authorizations, List<String> subprotocols) {
        List<String> tokens = new ArrayList<>(1);
        for (String value : authorizations) {
            String token = fromAuthorization(value);
            if (token != null) {
                tokens.add(token);
            }
        }
        List<String> offered = split(subprotocols);
        for (int i = 0; i < offered.size(); i++) {
            if (offered.get(i).equals(MARKER)) {
                tokens.add(i + 1 < offered.size() ? offered.get(++i) : "");
            }
        }
        return new Found(tokens);
    }

    /** @return the offered subprotocols without the marker and the token after it */
    static List<String> withoutCredentials(List<String> requested) {
        List<String> offered = split(requested);
        List<String> out = new ArrayList<>(offered.size());
        for (int i = 0; i < offered.size(); i++) {
            if (offered.get(i).equals(MARKER)) {
                i++;
            } else {
                out.add(offered.get(i));
            }
        }
        return out;
    }

    /** @return whether the client offered the marker followed by a token */
    static boolean offersMarker(List<String> requested) {
        List<String> offered = split(requested);
        int i = offered.indexOf(MARKER);
        return i >= 0 && i + 1 < offered.size();
    }

    /** @return the credentials of a {@code Bearer} authorization, or {@code null} for another scheme */
    static String fromAuthorization(String value) {
        return BearerToken.credentials(value);
    }

    private static List<String> split(List<String> lines) {
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
}
