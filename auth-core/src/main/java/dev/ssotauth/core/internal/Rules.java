package dev.ssotauth.core.internal;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The rules of {@link Settings}: each a check and its description, so that a message and the
 * reference say the same thing. Stateless.
 */
final class Rules {

    private Rules() {
    }

    /** Any value. */
    static <T> Setting.Rule<T> any(String description) {
        return new Setting.Rule<>(description, value -> null);
    }

    /** A duration from {@code min} to {@code max}, both included. */
    static Setting.Rule<Duration> between(Duration min, Duration max) {
        return new Setting.Rule<>(Durations.show(min) + " to " + Durations.show(max),
                value -> value.compareTo(min) < 0 || value.compareTo(max) > 0 ? "must be between "
                        + Durations.show(min) + " and " + Durations.show(max) + "; got " + Durations.show(value) : null);
    }

    /** At least {@code min}; the upper bound is another setting's, checked across settings. */
    static Setting.Rule<Duration> atLeast(Duration min, String upTo) {
        return new Setting.Rule<>(Durations.show(min) + " to " + upTo, value -> value.compareTo(min) < 0
                ? "must be at least " + Durations.show(min) + "; got " + Durations.show(value) : null);
    }

    /** A whole number from {@code min} to {@code max}, both included. */
    static <N extends Number> Setting.Rule<N> between(long min, long max) {
        return new Setting.Rule<>(String.format(Locale.ROOT, "%,d to %,d", min, max), value -> {
            long n = value.longValue();
            return n < min || n > max ? "must be between " + min + " and " + max + "; got " + n : null;
        });
    }

    /** Text that is not blank. */
    static Setting.Rule<String> notBlank() {
        return new Setting.Rule<>("not blank", value -> value.isBlank() ? "must not be blank" : null);
    }

    /** A non-empty list of texts, none blank. */
    static Setting.Rule<List<String>> noneBlank() {
        return new Setting.Rule<>("one or more, none blank", value -> value.isEmpty() ? "must name at least one"
                : value.stream().anyMatch(String::isBlank) ? "must not contain a blank entry" : null);
    }

    /** JWS algorithm names this library supports; never {@code none}. */
    static Setting.Rule<List<String>> algorithms() {
        String supported = Arrays.toString(JwsAlgorithm.values());
        return new Setting.Rule<>(supported, names -> {
            if (names.isEmpty()) {
                return "must name at least one algorithm";
            }
            for (String name : names) {
                if (JwsAlgorithm.isNone(name)) {
                    return "must not contain 'none': unsecured tokens are never accepted";
                }
                if (JwsAlgorithm.fromJwsName(name) == null) {
                    return "names '" + name + "', which is not a supported algorithm; supported: " + supported;
                }
            }
            return null;
        });
    }

    /** Claim paths: dotted or JSON Pointers, no empty member name. */
    static Setting.Rule<List<String>> claimPaths() {
        return new Setting.Rule<>("one or more claim paths", paths -> {
            if (paths.isEmpty()) {
                return "must name at least one claim path";
            }
            for (String path : paths) {
                try {
                    ClaimPath.parse(path);
                } catch (IllegalArgumentException e) {
                    return e.getMessage();
                }
            }
            return null;
        });
    }

    /** The one kind of token that can be required. */
    static Setting.Rule<String> tokenType() {
        return new Setting.Rule<>("at+jwt", type -> type.equalsIgnoreCase("at+jwt")
                || type.equalsIgnoreCase("application/at+jwt") ? null
                : "must be at+jwt, the only type that can be required");
    }

    /** An absolute https URI, or http on a loopback host (never resolved by name). */
    static Setting.Rule<URI> httpsOrLoopbackHttp() {
        return new Setting.Rule<>("https, or http on a loopback host", uri -> isHttpsOrLoopbackHttp(uri) ? null
                : "must be an https URI (http only on a loopback host)");
    }

    /**
     * Issuer URLs: each {@link #httpsOrLoopbackHttp()}, without a query or fragment (the discovery
     * path is appended to it), and none twice.
     */
    static Setting.Rule<List<URI>> issuerUris() {
        return new Setting.Rule<>("https (http only on a loopback host), no query or fragment", uris -> {
            if (uris.isEmpty()) {
                return "must name at least one issuer";
            }
            for (URI uri : uris) {
                if (!isHttpsOrLoopbackHttp(uri)) {
                    return "must be https URIs (http only on a loopback host)";
                }
                if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
                    return "must not have a query or a fragment (an issuer URL is a scheme, a host and a path)";
                }
            }
            return uris.stream().distinct().count() == uris.size() ? null : "names an issuer twice";
        });
    }

    /** Whether {@code uri} is an https URI, or http on a loopback host. */
    static boolean isHttpsOrLoopbackHttp(URI uri) {
        if (!uri.isAbsolute() || uri.getHost() == null) {
            return false;
        }
        if ("https".equalsIgnoreCase(uri.getScheme())) {
            return true;
        }
        if (!"http".equalsIgnoreCase(uri.getScheme())) {
            return false;
        }
        String host = uri.getHost();
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!host.matches("[0-9.]+|\\[[0-9a-fA-F:.]+\\]")) {
            return false; // never resolve a name here
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
