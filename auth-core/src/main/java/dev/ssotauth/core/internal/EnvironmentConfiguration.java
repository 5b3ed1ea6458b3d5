package dev.ssotauth.core.internal;

import dev.ssotauth.core.AuthConfigurationException;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Resolves the single configuration source: environment variables and system properties of the
 * same names, the canonical secret variable and its legacy aliases. Every rule that can fail does so
 * with an {@link AuthConfigurationException} that names variables and fingerprints, never values.
 * Stateless; each call resolves anew.
 */
public final class EnvironmentConfiguration {

    /** The canonical secret variable. */
    public static final String SECRET = "JWT_SECRET_KEY";
    /** Legacy names of the secret, recognised so that fragmentation is caught. */
    public static final List<String> SECRET_ALIASES =
            List.of("JWT_SECRET", "WEBSOCKET_JWT_SECRET", "AUTH_SERVICE_JWT_SECRET");
    /** The exact {@code iss}. */
    public static final String ISSUER = "JWT_ISSUER";
    /** The audience(s). */
    public static final String AUDIENCE = "JWT_AUDIENCE";
    /** The algorithm allow-list. */
    public static final String ALGORITHMS = "JWT_ALGORITHMS";
    /** Public keys file. */
    public static final String JWKS_FILE = "JWT_JWKS_FILE";
    /** Public keys URI. */
    public static final String JWKS_URI = "JWT_JWKS_URI";
    /** Private signing keys file. */
    public static final String SIGNING_KEYS_FILE = "JWT_SIGNING_KEYS_FILE";
    /** Lifetime of issued tokens. */
    public static final String TOKEN_TTL = "JWT_ACCESS_TOKEN_TTL";
    /** Clock skew. */
    public static final String CLOCK_SKEW = "JWT_CLOCK_SKEW";
    /** Longest token looked at. */
    public static final String MAX_TOKEN_BYTES = "JWT_MAX_TOKEN_BYTES";
    /** Longest accepted {@code exp - iat}. */
    public static final String MAX_TOKEN_LIFETIME = "JWT_MAX_TOKEN_LIFETIME";
    /** How long a fetched remote JWK Set is used before it is fetched again. */
    public static final String JWKS_CACHE_TTL = "JWT_JWKS_CACHE_TTL";
    /** The shortest time between two fetches of a remote JWK Set. */
    public static final String JWKS_MIN_REFRESH_INTERVAL = "JWT_JWKS_MIN_REFRESH_INTERVAL";
    /** How long past its expiry the last good remote JWK Set serves while its source is down. */
    public static final String JWKS_OUTAGE_TOLERANCE = "JWT_JWKS_OUTAGE_TOLERANCE";

    private static final List<String> SETTINGS = List.of(ISSUER, AUDIENCE, ALGORITHMS, JWKS_FILE, JWKS_URI,
            SIGNING_KEYS_FILE, TOKEN_TTL, CLOCK_SKEW, MAX_TOKEN_BYTES, MAX_TOKEN_LIFETIME, JWKS_CACHE_TTL,
            JWKS_MIN_REFRESH_INTERVAL, JWKS_OUTAGE_TOLERANCE);
    /** The settings that tune a remote key set, in the order messages name them. */
    private static final List<String> REMOTE_KEY_SET_SETTINGS = List.of(JWKS_CACHE_TTL, JWKS_MIN_REFRESH_INTERVAL,
            JWKS_OUTAGE_TOLERANCE);

    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");

    private EnvironmentConfiguration() {
    }

    /** One place settings come from, such as the process environment. */
    public static final class Source {
        private final String kind;
        private final Map<String, String> values;

        /**
         * @param kind   how a variable of this source is described, e.g. {@code "environment variable"}
         * @param values the variables; copied
         */
        public Source(String kind, Map<String, String> values) {
            this.kind = Objects.requireNonNull(kind);
            this.values = Map.copyOf(values);
        }
    }

    /** What the sources say, resolved. Any field may be {@code null} when not configured. */
    public static final class Settings {
        /** The HMAC secret, decoded. */
        public byte[] secret;
        /** The variable the secret was read from, for messages. */
        public String secretSetting;
        /** {@code JWT_ISSUER}. */
        public String issuer;
        /** {@code JWT_AUDIENCE}, split at commas. */
        public List<String> audiences;
        /** {@code JWT_ALGORITHMS}, split at commas. */
        public List<String> algorithms;
        /** {@code JWT_JWKS_FILE}. */
        public String jwksFile;
        /** {@code JWT_JWKS_URI}. */
        public String jwksUri;
        /** {@code JWT_SIGNING_KEYS_FILE}. */
        public String signingKeysFile;
        /** {@code JWT_ACCESS_TOKEN_TTL}. */
        public Duration tokenTtl;
        /** {@code JWT_CLOCK_SKEW}. */
        public Duration clockSkew;
        /** {@code JWT_MAX_TOKEN_BYTES}. */
        public Integer maxTokenBytes;
        /** {@code JWT_MAX_TOKEN_LIFETIME}. */
        public Duration maxTokenLifetime;
        /** {@code JWT_JWKS_CACHE_TTL}. */
        public Duration jwksCacheTtl;
        /** {@code JWT_JWKS_MIN_REFRESH_INTERVAL}. */
        public Duration jwksMinRefreshInterval;
        /** {@code JWT_JWKS_OUTAGE_TOLERANCE}. */
        public Duration jwksOutageTolerance;
    }

    private static final class Occurrence {
        final String name;
        final String kind;
        final String raw;
        byte[] bytes;

        Occurrence(String name, String kind, String raw) {
            this.name = name;
            this.kind = kind;
            this.raw = raw;
        }

        String label() {
            return name + " (" + kind + ")";
        }
    }

    /**
     * Resolves the sources.
     *
     * @param sources where settings come from, in order of description
     * @param warn    receives each warning once
     * @return the settings
     * @throws AuthConfigurationException when a rule is broken
     */
    public static Settings resolve(List<Source> sources, Consumer<String> warn) {
        Settings settings = new Settings();
        resolveSecret(sources, warn, settings);
        for (String name : SETTINGS) {
            String value = single(sources, name, warn);
            if (value != null) {
                apply(settings, name, value);
            }
        }
        warnAboutUnreadSecrets(sources, warn);
        requireComplete(settings);
        return settings;
    }

    private static void resolveSecret(List<Source> sources, Consumer<String> warn, Settings settings) {
        List<String> names = new ArrayList<>();
        names.add(SECRET);
        names.addAll(SECRET_ALIASES);
        List<Occurrence> found = new ArrayList<>();
        for (String name : names) {
            for (Source source : sources) {
                String raw = source.values.get(name);
                if (raw != null) {
                    found.add(new Occurrence(name, source.kind, raw));
                }
            }
        }
        if (found.isEmpty()) {
            return;
        }
        for (Occurrence o : found) {
            if (o.raw.isEmpty()) {
                throw new AuthConfigurationException(o.label() + " is set but empty: unset it or give it the secret");
            }
            o.bytes = decodeSecret(o);
        }
        Set<String> fingerprints = found.stream().map(o -> Fingerprints.of(o.bytes))
                .collect(Collectors.toCollection(TreeSet::new));
        if (fingerprints.size() > 1) {
            throw new AuthConfigurationException("conflicting JWT secrets: " + found.size() + " variables hold "
                    + fingerprints.size() + " different secrets, so tokens signed with one fail everywhere else; "
                    + "keep one secret in " + SECRET + " and remove the others: " + describe(found));
        }
        Occurrence chosen = found.stream().filter(o -> o.name.equals(SECRET)).findFirst().orElse(found.get(0));
        checkSecretText(found);
        boolean canonicalSet = found.stream().anyMatch(o -> o.name.equals(SECRET));
        if (found.size() > 1) {
            List<String> toRemove = found.stream().filter(o -> o != chosen).map(Occurrence::label).sorted()
                    .collect(Collectors.toList());
            warn.accept("the JWT secret is set in " + found.size() + " places with the same value (fingerprint "
                    + Fingerprints.of(chosen.bytes) + "): " + (canonicalSet ? "keep " + chosen.label()
                    : "rename " + chosen.label() + " to " + SECRET) + " and remove " + String.join(", ", toRemove));
        } else if (!canonicalSet) {
            warn.accept("the JWT secret is read from the legacy variable " + chosen.label() + ": rename it to "
                    + SECRET);
        }
        settings.secret = chosen.bytes;
        settings.secretSetting = chosen.label();
    }

    private static void checkSecretText(List<Occurrence> all) {
        // A published secret used as the literal text after a base64 prefix is as weak as the
        // secret itself, so the text is checked as well as the decoded bytes.
        for (Occurrence o : all) {
            String text = stripPrefix(o.raw);
            if (text.length() != o.raw.length() && WeakSecrets.isPublished(text.getBytes(StandardCharsets.UTF_8))) {
                throw new AuthConfigurationException(o.label()
                        + " is a well-known secret published in public code and tutorials; "
                        + "generate a random one, e.g. base64: followed by the output of 'openssl rand -base64 48'");
            }
        }
    }

    private static String stripPrefix(String raw) {
        if (raw.startsWith("base64:")) {
            return raw.substring("base64:".length());
        }
        if (raw.startsWith("base64url:")) {
            return raw.substring("base64url:".length());
        }
        return raw;
    }

    private static byte[] decodeSecret(Occurrence o) {
        try {
            if (o.raw.startsWith("base64:")) {
                return Base64.getDecoder().decode(o.raw.substring("base64:".length()).strip());
            }
            if (o.raw.startsWith("base64url:")) {
                return Base64.getUrlDecoder().decode(o.raw.substring("base64url:".length()).strip());
            }
        } catch (IllegalArgumentException e) {
            throw new AuthConfigurationException(o.label() + " is not valid " + (o.raw.startsWith("base64url:")
                    ? "base64url" : "base64") + " after its prefix");
        }
        return o.raw.getBytes(StandardCharsets.UTF_8);
    }

    private static String describe(List<Occurrence> occurrences) {
        return occurrences.stream()
                .map(o -> o.label() + " fingerprint " + Fingerprints.of(o.bytes != null ? o.bytes
                        : o.raw.getBytes(StandardCharsets.UTF_8)))
                .sorted()
                .collect(Collectors.joining(", "));
    }

    private static String single(List<Source> sources, String name, Consumer<String> warn) {
        List<Occurrence> found = new ArrayList<>();
        for (Source source : sources) {
            String raw = source.values.get(name);
            if (raw != null) {
                found.add(new Occurrence(name, source.kind, raw));
            }
        }
        if (found.isEmpty()) {
            return null;
        }
        for (Occurrence o : found) {
            if (o.raw.isBlank()) {
                throw new AuthConfigurationException(o.label() + " is set but empty: unset it or give it a value");
            }
        }
        Set<String> distinct = found.stream().map(o -> o.raw.strip()).collect(Collectors.toSet());
        if (distinct.size() > 1) {
            throw new AuthConfigurationException("conflicting values for " + name + ": set it in one place only: "
                    + describe(found));
        }
        if (found.size() > 1) {
            warn.accept(name + " is set in " + found.size() + " places with the same value: keep "
                    + found.get(0).label() + " and remove " + found.subList(1, found.size()).stream()
                    .map(Occurrence::label).collect(Collectors.joining(", ")));
        }
        return found.get(0).raw.strip();
    }

    private static void apply(Settings settings, String name, String value) {
        switch (name) {
            case ISSUER:
                settings.issuer = value;
                break;
            case AUDIENCE:
                settings.audiences = splitList(name, value);
                break;
            case ALGORITHMS:
                settings.algorithms = splitList(name, value);
                break;
            case JWKS_FILE:
                settings.jwksFile = value;
                break;
            case JWKS_URI:
                settings.jwksUri = value;
                break;
            case SIGNING_KEYS_FILE:
                settings.signingKeysFile = value;
                break;
            case TOKEN_TTL:
                settings.tokenTtl = parseDuration(name, value);
                break;
            case CLOCK_SKEW:
                settings.clockSkew = parseDuration(name, value);
                break;
            case MAX_TOKEN_LIFETIME:
                settings.maxTokenLifetime = parseDuration(name, value);
                break;
            case JWKS_CACHE_TTL:
                settings.jwksCacheTtl = parseDuration(name, value);
                break;
            case JWKS_MIN_REFRESH_INTERVAL:
                settings.jwksMinRefreshInterval = parseDuration(name, value);
                break;
            case JWKS_OUTAGE_TOLERANCE:
                settings.jwksOutageTolerance = parseDuration(name, value);
                break;
            case MAX_TOKEN_BYTES:
                try {
                    settings.maxTokenBytes = Integer.valueOf(value);
                } catch (NumberFormatException e) {
                    throw new AuthConfigurationException(name + " must be a whole number of bytes");
                }
                break;
            default:
                throw new IllegalStateException("unhandled setting " + name);
        }
    }

    private static List<String> splitList(String name, String value) {
        List<String> items = new ArrayList<>();
        for (String item : value.split(",", -1)) {
            String trimmed = item.strip();
            if (trimmed.isEmpty()) {
                throw new AuthConfigurationException(name + " has an empty entry in its comma-separated list");
            }
            if (!items.contains(trimmed)) {
                items.add(trimmed);
            }
        }
        return items;
    }

    /**
     * Parses a duration given as ISO-8601 ({@code PT15M}) or as a number with a unit
     * ({@code 500ms}, {@code 30s}, {@code 15m}, {@code 1h}, {@code 1d}).
     *
     * @throws AuthConfigurationException naming {@code name} when the text is neither
     */
    public static Duration parseDuration(String name, String value) {
        String text = value.strip();
        Matcher m = SHORT_DURATION.matcher(text.toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long amount = Long.parseLong(m.group(1));
            switch (m.group(2)) {
                case "ms":
                    return Duration.ofMillis(amount);
                case "s":
                    return Duration.ofSeconds(amount);
                case "m":
                    return Duration.ofMinutes(amount);
                case "h":
                    return Duration.ofHours(amount);
                default:
                    return Duration.ofDays(amount);
            }
        }
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw new AuthConfigurationException(name + " is not a duration: use ISO-8601 such as PT15M, "
                    + "or a number with a unit: 500ms, 30s, 15m, 1h, 1d");
        }
    }

    private static void warnAboutUnreadSecrets(List<Source> sources, Consumer<String> warn) {
        Set<String> unread = new TreeSet<>();
        for (Source source : sources) {
            for (String name : source.values.keySet()) {
                String upper = name.toUpperCase(Locale.ROOT);
                if (upper.contains("JWT") && upper.contains("SECRET") && !name.equals(SECRET)
                        && !SECRET_ALIASES.contains(name)) {
                    unread.add(name + " (" + source.kind + ")");
                }
            }
        }
        for (String name : unread) {
            warn.accept(name + " looks like a JWT secret but ssot-auth does not read it: if a component uses it, "
                    + "that component validates tokens on its own; move the secret to " + SECRET);
        }
    }

    private static void requireComplete(Settings settings) {
        List<String> missing = new ArrayList<>();
        if (settings.secret == null && settings.jwksFile == null && settings.jwksUri == null
                && settings.signingKeysFile == null) {
            missing.add(SECRET + " (an HMAC secret of at least 32 bytes; or " + SIGNING_KEYS_FILE + ", "
                    + JWKS_FILE + " or " + JWKS_URI + " for asymmetric keys)");
        }
        if (settings.issuer == null) {
            missing.add(ISSUER + " (the exact iss of every token)");
        }
        if (settings.audiences == null) {
            missing.add(AUDIENCE + " (the aud to issue; a comma list is the set accepted)");
        }
        if (!missing.isEmpty()) {
            throw new AuthConfigurationException("JWT configuration is incomplete; set " + String.join(", ", missing));
        }
        List<String> roots = new ArrayList<>();
        if (settings.secret != null) {
            roots.add(settings.secretSetting);
        }
        if (settings.signingKeysFile != null) {
            roots.add(SIGNING_KEYS_FILE);
        }
        if (settings.jwksFile != null) {
            roots.add(JWKS_FILE);
        }
        if (settings.jwksUri != null) {
            roots.add(JWKS_URI);
        }
        if (roots.size() > 1) {
            throw new AuthConfigurationException("two roots of trust are configured: " + String.join(" and ", roots)
                    + "; configure exactly one source of keys");
        }
        if (settings.jwksUri == null) {
            List<String> tuning = new ArrayList<>();
            for (String name : REMOTE_KEY_SET_SETTINGS) {
                if (remoteKeySetSetting(settings, name) != null) {
                    tuning.add(name);
                }
            }
            if (!tuning.isEmpty()) {
                throw new AuthConfigurationException(String.join(", ", tuning) + " tune" + (tuning.size() == 1 ? "s" : "")
                        + " a remote key set, but " + JWKS_URI + " is not set; remove "
                        + (tuning.size() == 1 ? "it" : "them") + " or set " + JWKS_URI);
            }
        }
    }

    private static Duration remoteKeySetSetting(Settings settings, String name) {
        switch (name) {
            case JWKS_CACHE_TTL:
                return settings.jwksCacheTtl;
            case JWKS_MIN_REFRESH_INTERVAL:
                return settings.jwksMinRefreshInterval;
            case JWKS_OUTAGE_TOLERANCE:
                return settings.jwksOutageTolerance;
            default:
                throw new IllegalStateException("unhandled setting " + name);
        }
    }
}
