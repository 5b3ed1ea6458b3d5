package dev.ssotauth.websocket;

import dev.ssotauth.websocket.internal.BearerTokens;

import java.util.List;

/**
 * Subprotocol negotiation around the credentials a browser sends as subprotocols. The application's
 * configurator chooses among the offered application protocols (the {@code bearer} marker, the token
 * after it and Kubernetes tokens removed); when it chooses none and the client offered the
 * {@code bearer} pair, the answer is exactly {@code bearer}. A token is never echoed.
 */
final class Subprotocols {

    /** The application's choice: (supported, offered application protocols) to one of them or "". */
    interface Choice {
        String choose(List<String> supported, List<String> offered);
    }

    private Subprotocols() {
    }

    static String negotiate(List<String> supported, List<String> requested, Choice app) {
        List<String> offered = BearerTokens.subprotocols(requested);
        String chosen = app.choose(supported, BearerTokens.withoutCredentials(offered));
        if (chosen != null && !chosen.isEmpty()) {
            return chosen;
        }
        return BearerTokens.offersMarker(offered) ? BearerTokens.SUBPROTOCOL_MARKER : "";
    }
}
