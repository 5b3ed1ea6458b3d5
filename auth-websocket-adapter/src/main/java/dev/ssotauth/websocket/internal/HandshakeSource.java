package dev.ssotauth.websocket.internal;

import jakarta.websocket.server.HandshakeRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A WebSocket handshake as a {@link BearerTokens.Source}. Header names are matched
 * case-insensitively, whatever map the container hands over. Not thread-safe; one per handshake.
 */
public final class HandshakeSource implements BearerTokens.Source {

    private final HandshakeRequest request;

    /**
     * @param request the handshake request
     */
    public HandshakeSource(HandshakeRequest request) {
        this.request = request;
    }

    @Override
    public List<String> headers(String name) {
        Map<String, List<String>> headers = request.getHeaders();
        if (headers == null) {
            return List.of();
        }
        List<String> values = new ArrayList<>(1);
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            if (header.getKey() != null && header.getKey().equalsIgnoreCase(name) && header.getValue() != null) {
                values.addAll(header.getValue());
            }
        }
        return values;
    }

    @Override
    public String queryString() {
        return request.getQueryString();
    }

    @Override
    public List<String> cookies(String name) {
        return BearerTokens.cookieValues(headers("Cookie"), name);
    }
}
