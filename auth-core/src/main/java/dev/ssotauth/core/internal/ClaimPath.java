package dev.ssotauth.core.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where a value sits in a token's claims: a dotted path ({@code realm_access.roles}) or, for member
 * names that contain dots, a JSON Pointer (RFC 6901: {@code /resource_access/my.client/roles}).
 * Immutable.
 *
 * @param text     the path as configured
 * @param segments the member names from the top-level claim down
 */
public record ClaimPath(String text, List<String> segments) {

    /** Copies the segments. */
    public ClaimPath {
        Objects.requireNonNull(text, "text");
        segments = List.copyOf(segments);
    }

    /**
     * Reads a path.
     *
     * @param text a dotted path or a JSON Pointer
     * @return the path
     * @throws IllegalArgumentException saying what is wrong (an empty member name, a bad escape),
     *                                  phrased to follow the setting's name
     */
    public static ClaimPath parse(String text) {
        List<String> segments = new ArrayList<>();
        if (text.startsWith("/")) {
            for (String raw : text.substring(1).split("/", -1)) {
                StringBuilder name = new StringBuilder();
                for (int i = 0; i < raw.length(); i++) {
                    char c = raw.charAt(i);
                    if (c == '~') {
                        char next = i + 1 < raw.length() ? raw.charAt(i + 1) : ' ';
                        if (next != '0' && next != '1') {
                            throw new IllegalArgumentException("has a JSON Pointer with '~' not followed by 0 or 1");
                        }
                        name.append(next == '0' ? '~' : '/');
                        i++;
                    } else {
                        name.append(c);
                    }
                }
                segments.add(name.toString());
            }
        } else {
            for (String name : text.split("\\.", -1)) {
                segments.add(name);
            }
        }
        if (segments.stream().anyMatch(String::isEmpty)) {
            throw new IllegalArgumentException("has a claim path with an empty member name");
        }
        return new ClaimPath(text, segments);
    }

    /**
     * The value at this path.
     *
     * @param claims the token's claims, as parsed (objects are maps)
     * @return the value, or {@code null} when a member on the way is missing or not an object
     */
    public Object find(Map<String, ?> claims) {
        Object current = claims;
        for (String segment : segments) {
            if (!(current instanceof Map<?, ?> object)) {
                return null;
            }
            current = object.get(segment);
        }
        return current;
    }

    @Override
    public String toString() {
        return text;
    }
}
