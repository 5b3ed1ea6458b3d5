package dev.ssotauth.websocket;

import java.util.HashMap;
import java.util.Map;

/**
 * A WebSocket endpoint path ({@code /chat/{room}}) matched against a request path, for the path
 * parameters of a programmatic upgrade. A literal segment must be equal; {@code {name}} takes one
 * non-empty segment. Immutable.
 */
final class PathTemplate {

    private final String[] segments;

    PathTemplate(String path) {
        this.segments = split(path);
    }

    /** @return the path parameters, or {@code null} when {@code path} does not match */
    Map<String, String> match(String path) {
        String[] actual = split(path);
        if (actual.length != segments.length) {
            return null;
        }
        Map<String, String> parameters = new HashMap<>();
        for (int i = 0; i < segments.length; i++) {
            String expected = segments[i];
            if (expected.length() > 2 && expected.startsWith("{") && expected.endsWith("}")) {
                if (actual[i].isEmpty()) {
                    return null;
                }
                parameters.put(expected.substring(1, expected.length() - 1), actual[i]);
            } else if (!expected.equals(actual[i])) {
                return null;
            }
        }
        return parameters;
    }

    private static String[] split(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        return p.split("/", -1);
    }
}
