package dev.ssotauth.websocket.internal;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;

/** A servlet request as a {@link BearerTokens.Source}. Not thread-safe; one per request. */
public final class ServletSource implements BearerTokens.Source {

    private final HttpServletRequest request;

    /**
     * @param request the request
     */
    public ServletSource(HttpServletRequest request) {
        this.request = request;
    }

    /**
     * Whether the request asks for a WebSocket upgrade: a {@code GET} whose {@code Upgrade} header
     * names {@code websocket} (RFC 6455 §4.1).
     *
     * @param request the request
     * @return whether it is an upgrade request
     */
    public static boolean isWebSocketUpgrade(HttpServletRequest request) {
        if (!"GET".equals(request.getMethod())) {
            return false;
        }
        Enumeration<String> upgrades = request.getHeaders("Upgrade");
        while (upgrades != null && upgrades.hasMoreElements()) {
            String value = upgrades.nextElement();
            for (String token : value.split(",", -1)) {
                if (token.strip().toLowerCase(Locale.ROOT).equals("websocket")) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public List<String> headers(String name) {
        Enumeration<String> values = request.getHeaders(name);
        return values == null ? List.of() : Collections.list(values);
    }

    @Override
    public String queryString() {
        return request.getQueryString();
    }

    @Override
    public List<String> cookies(String name) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return List.of();
        }
        List<String> values = new ArrayList<>(1);
        for (Cookie cookie : cookies) {
            if (cookie.getName().equals(name)) {
                values.add(cookie.getValue());
            }
        }
        return values;
    }
}
