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
        return new Setting.Rule<>() {
            @Override
            public String problem(T value) {
                return null;
            }

            @Override
            public String describe() {
                return description;
            }
        };
    }

    /** A duration from {@code min} to {@code max}, both included. */
    static Setting.Rule<Duration> between(Duration min, Duration max) {
        String range = Durations.show(min) + " to " + Durations.show(max);
        return new Setting.Rule<>() {
            @Override
            public String problem(Duration value) {
                return value.compareTo(min) < 0 || value.compareTo(max) > 0
                        ? "must be between " + Durations.show(min) + " and " + Durations.show(max) + "; got "
                        + Durations.show(value)
                        : null;
            }

            @Override
            public String describe() {
                return range;
            }
        };
    }

    /** At least {@code min}; the upper bound is another setting's, checked across settings. */
    static Setting.Rule<Duration> atLeast(Duration min, String upTo) {
        return new Setting.Rule<>() {
            @Override
            public String problem(Duration value) {
                return value.compareTo(min) < 0 ? "must be at least " + Durations.show(min) + "; got "
                        + Durations.show(value) : null;
            }

            @Override
            public String describe() {
                return Durations.show(min) + " to " + upTo;
            }
        };
    }

    /** A whole number from {@code min} to {@code max}, both included. */
    static <N extends Number> Setting.Rule<N> between(long min, long max) {
        return new Setting.Rule<>() {
            @Override
            public String problem(N value) {
                long n = value.longValue();
                return n < min || n > max ? "must be between " + min + " and " + max + "; got " + n : null;
            }

            @Override
            public String describe() {
                return String.format(Locale.ROOT, "%,d to %,d", min, max);
            }
        };
    }

    /** Text that is not blank. */
    static Setting.Rule<String> notBlank() {
        return new Setting.Rule<>() {
            @Override
            public String problem(String value) {
                return value.isBlank() ? "must not be blank" : null;
            }

            @Override
            public String describe() {
                return "not blank";
            }
        };
    }

    /** A non-empty list of texts, none blank. */
    static Setting.Rule<List<String>> noneBlank() {
        return new Setting.Rule<>() {
            @Override
            public String problem(List<String> value) {
                if (value.isEmpty()) {
                    return "must name at least one";
                }
                return value.stream().anyMatch(String::isBlank) ? "must not contain a blank entry" : null;
            }

            @Override
            public String describe() {
                return "one or more, none blank";
            }
        };
    }

    /** JWS algorithm names this library supports; never {@code none}. */
    static Setting.Rule<List<String>> algorithms() {
        return new Setting.Rule<>() {
            @Override
            public String problem(List<String> names) {
                if (names.isEmpty()) {
                    return "must name at least one algorithm";
                }
                for (String name : names) {
                    if (JwsAlgorithm.isNone(name)) {
                        return "must not contain 'none': unsecured tokens are never accepted";
                    }
                    if (JwsAlgorithm.fromJwsName(name) == null) {
                        return "names '" + name + "', which is not a supported algorithm; supported: " + describe();
                    }
                }
                return null;
            }

            @Override
            public String describe() {
                return Arrays.toString(JwsAlgorithm.values());
            }
        };
    }

    /** Claim paths: dotted or JSON Pointers, no empty member name. */
    static Setting.Rule<List<String>> claimPaths() {
        return new Setting.Rule<>() {
            @Override
            public String problem(List<String> paths) {
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
            }

            @Override
            public String describe() {
                return "one or more claim paths";
            }
        };
    }

    /** The one kind of token that can be required. */
    static Setting.Rule<String> tokenType() {
        return new Setting.Rule<>() {
            @Override
            public String problem(String type) {
                return type.equalsIgnoreCase("at+jwt") || type.equalsIgnoreCase("application/at+jwt") ? null
                        : "must be at+jwt, the only type that can be required";
            }

            @Override
            public String describe() {
                return "at+jwt";
            }
        };
    }

    /** An absolute https URI, or http on a loopback host (never resolved by name). */
    static Setting.Rule<URI> httpsOrLoopbackHttp() {
        return new Setting.Rule<>() {
            @Override
            public String problem(URI uri) {
                return isHttpsOrLoopbackHttp(uri) ? null : "must be an https URI (http only on a loopback host)";
            }

            @Override
            public String describe() {
                return "https, or http on a loopback host";
            }
        };
    }

    private static boolean isHttpsOrLoopbackHttp(URI uri) {
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
