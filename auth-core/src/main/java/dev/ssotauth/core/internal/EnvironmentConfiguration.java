package dev.ssotauth.core.internal;

import dev.ssotauth.core.AuthConfigurationException;
import dev.ssotauth.core.ConfigurationReport;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Reads the single configuration source into a builder: for every {@link Settings setting} with a
 * variable, that variable (and its aliases) in the environment and in the system properties. A
 * setting given in two places with different values is refused, naming every place and a
 * fingerprint of each value; equal duplicates and aliases are read with a warning naming what to
 * remove or rename. Values are parsed and checked by their setting, with messages naming the
 * variable; rules that span settings are left to the builder's {@code build()}. Stateless.
 */
public final class EnvironmentConfiguration {

    /** Names that look like a JWT secret but hold a location or an id. */
    private static final List<String> NOT_A_SECRET_SUFFIXES = List.of("_FILE", "_PATH", "_URI", "_URL", "_ID");

    private EnvironmentConfiguration() {
    }

    /**
     * One place settings come from, such as the process environment.
     *
     * @param kind   how a variable of this source is described, e.g. {@code "environment variable"}
     * @param values the variables, by the names of the settings table ({@code JWT_ISSUER})
     * @param naming what a variable is called in this source, for messages (the identity, or e.g.
     *               {@code JWT_ISSUER} to {@code ssot.auth.issuer})
     */
    public record Source(String kind, Map<String, String> values, UnaryOperator<String> naming) {
        /** Copies the values. */
        public Source {
            Objects.requireNonNull(kind, "kind");
            values = Map.copyOf(values);
            Objects.requireNonNull(naming, "naming");
        }

        /** A source whose variables are called by their own names. */
        public Source(String kind, Map<String, String> values) {
            this(kind, values, UnaryOperator.identity());
        }
    }

    /** A variable found in a source. */
    record Occurrence(Setting<?> setting, String name, String kind, String raw, String shownAs) {
        String label() {
            return shownAs + " (" + kind + ")";
        }
    }

    /**
     * The process environment and the system properties, read under the same names.
     *
     * @return the two sources
     */
    public static List<Source> processSources() {
        Map<String, String> properties = new TreeMap<>();
        Properties system = System.getProperties();
        for (String name : system.stringPropertyNames()) {
            properties.put(name, system.getProperty(name));
        }
        return List.of(new Source("environment variable", System.getenv()), new Source("system property", properties));
    }

    /**
     * Reads {@code sources} into {@code given}, which is marked as filled from the environment.
     *
     * @param sources where settings come from, in order of description
     * @param given   receives each setting found, labelled by its variable and source
     * @param warn    receives each warning once
     * @throws AuthConfigurationException when a value is empty, unreadable, out of range or given
     *                                    twice with different values
     */
    public static void read(List<Source> sources, GivenSettings given, Consumer<String> warn) {
        given.markFromEnvironment();
        for (Setting<?> setting : Settings.ALL) {
            if (setting.hasVariable()) {
                readOne(sources, setting, given, warn);
            }
        }
        Set<String> unread = new TreeSet<>();
        for (Source source : sources) {
            source.values().keySet().stream().filter(name -> Settings.byVariable(name) == null)
                    .filter(EnvironmentConfiguration::looksLikeSecret).forEach(name -> unread.add(name + " ("
                            + source.kind() + ")"));
        }
        for (String name : unread) {
            warn.accept(name + " looks like a JWT secret but ssot-auth does not read it: if a component uses it, "
                    + "that component validates tokens on its own; move the secret to "
                    + Settings.HMAC_SECRET.variable());
        }
    }

    /**
     * Whether a variable of this name is taken for a JWT secret: one of the secret's names, or a name
     * with {@code JWT} and {@code SECRET} or {@code KEY} in it that is not a location or an id.
     *
     * @param name a variable name
     * @return whether it looks like a JWT secret
     */
    public static boolean looksLikeSecret(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        if (Settings.byVariable(upper) == Settings.HMAC_SECRET) {
            return true;
        }
        return upper.contains("JWT") && (upper.contains("SECRET") || upper.contains("KEY"))
                && NOT_A_SECRET_SUFFIXES.stream().noneMatch(upper::endsWith);
    }

    /** Every occurrence of {@code setting}'s variable and aliases, canonical name first. */
    static List<Occurrence> occurrences(List<Source> sources, Setting<?> setting) {
        List<String> names = new ArrayList<>();
        names.add(setting.variable());
        names.addAll(setting.aliases());
        List<Occurrence> found = new ArrayList<>();
        for (String name : names) {
            for (Source source : sources) {
                String raw = source.values().get(name);
                if (raw != null) {
                    found.add(new Occurrence(setting, name, source.kind(), raw, source.naming().apply(name)));
                }
            }
        }
        return found;
    }

    private static <T> void readOne(List<Source> sources, Setting<T> setting, GivenSettings given,
            Consumer<String> warn) {
        List<Occurrence> found = occurrences(sources, setting);
        if (found.isEmpty()) {
            return;
        }
        for (Occurrence o : found) {
            if (o.raw().isBlank()) {
                throw new AuthConfigurationException(o.label() + " is set but empty: unset it or give it "
                        + (setting.isSecret() ? "the secret" : "a value"));
            }
        }
        Set<String> fingerprints = new TreeSet<>();
        for (Occurrence o : found) {
            fingerprints.add(fingerprint(o));
        }
        if (fingerprints.size() > 1) {
            throw new AuthConfigurationException(setting.isSecret()
                    ? "conflicting JWT secrets: " + found.size() + " variables hold " + fingerprints.size()
                    + " different secrets, so tokens signed with one fail everywhere else; keep one secret in "
                    + setting.variable() + " and remove the others: " + describe(found)
                    : "conflicting values for " + setting.variable() + ": set it in one place only: " + describe(found));
        }
        Occurrence chosen = found.get(0);
        boolean canonical = chosen.name().equals(setting.variable());
        if (setting.isSecret()) {
            checkSecretText(found);
        }
        if (found.size() > 1) {
            List<String> others = found.subList(1, found.size()).stream().map(Occurrence::label).sorted()
                    .collect(Collectors.toList());
            warn.accept((setting.isSecret() ? "the JWT secret is set in " + found.size()
                    + " places with the same value (fingerprint " + fingerprint(chosen) + ")"
                    : setting.variable() + " is set in " + found.size() + " places with the same value") + ": "
                    + (canonical ? "keep " + chosen.label() : "rename " + chosen.label() + " to " + setting.variable())
                    + " and remove " + String.join(", ", others));
        } else if (!canonical) {
            warn.accept("the JWT secret is read from the legacy variable " + chosen.label() + ": rename it to "
                    + setting.variable());
        }
        given.put(setting, parse(setting, chosen), chosen.label());
    }

    /** The value of {@code o}, read by its setting's parser; refusals name the variable. */
    static <T> T parse(Setting<T> setting, Occurrence o) {
        try {
            return setting.parser().apply(setting.isSecret() ? o.raw() : o.raw().strip());
        } catch (IllegalArgumentException e) {
            throw new AuthConfigurationException(o.label() + " " + e.getMessage());
        }
    }

    /** Equal for equal values: a secret's decoded bytes (any encoding), other values' stripped text. */
    private static String fingerprint(Occurrence o) {
        if (o.setting().isSecret()) {
            return Fingerprints.of((byte[]) parse(o.setting(), o));
        }
        return Fingerprints.of(o.raw().strip());
    }

    private static String describe(List<Occurrence> occurrences) {
        return occurrences.stream().map(o -> o.label() + " fingerprint " + fingerprint(o)).sorted()
                .collect(Collectors.joining(", "));
    }

    /**
     * A published secret used as the literal text after a base64 prefix is as weak as the secret
     * itself, so the text is checked as well as the decoded bytes.
     */
    private static void checkSecretText(List<Occurrence> all) {
        for (Occurrence o : all) {
            String text = stripPrefix(o.raw());
            if (text.length() != o.raw().length() && WeakSecrets.isPublished(text.getBytes(StandardCharsets.UTF_8))) {
                throw new AuthConfigurationException(o.label()
                        + " is a well-known secret published in public code and tutorials; "
                        + "generate a random one, e.g. base64: followed by the output of 'openssl rand -base64 48'");
            }
        }
    }

    static String stripPrefix(String raw) {
        for (String prefix : List.of("base64:", "base64url:")) {
            if (raw.startsWith(prefix)) {
                return raw.substring(prefix.length());
            }
        }
        return raw;
    }

    /**
     * What {@code sources} hold, without values: see {@link ConfigurationReport}.
     *
     * @param sources where settings come from
     * @return every variable a setting reads or that looks like a JWT secret, sorted by name, then source
     */
    public static List<ConfigurationReport.Variable> report(List<Source> sources) {
        List<ConfigurationReport.Variable> variables = new ArrayList<>();
        for (Source source : sources) {
            for (Map.Entry<String, String> variable : source.values().entrySet()) {
                Setting<?> setting = Settings.byVariable(variable.getKey());
                boolean secret = setting == Settings.HMAC_SECRET || setting == null && looksLikeSecret(variable.getKey());
                if (setting != null || secret) {
                    Occurrence o = new Occurrence(secret ? Settings.HMAC_SECRET : setting, variable.getKey(),
                            source.kind(), variable.getValue(), source.naming().apply(variable.getKey()));
                    variables.add(secret ? describeSecret(o, setting != null)
                            : new ConfigurationReport.Variable(o.name(), o.kind(), Optional.of(setting.method()), false,
                                    Optional.empty(), Optional.of(fingerprint(o)), Optional.empty(), Map.of()));
                }
            }
        }
        variables.sort(Comparator.comparing(ConfigurationReport.Variable::name)
                .thenComparing(ConfigurationReport.Variable::source));
        return variables;
    }

    private static ConfigurationReport.Variable describeSecret(Occurrence o, boolean read) {
        Optional<String> setting = read ? Optional.of(Settings.HMAC_SECRET.method()) : Optional.empty();
        Optional<String> encoding = Optional.of(o.raw().startsWith("base64:") ? "base64"
                : o.raw().startsWith("base64url:") ? "base64url" : "text");
        Map<String, String> decodings = new LinkedHashMap<>();
        String text = stripPrefix(o.raw()).strip();
        decode(() -> Base64.getDecoder().decode(text)).ifPresent(b -> decodings.put("Base64", Fingerprints.of(b)));
        decode(() -> Base64.getUrlDecoder().decode(text)).ifPresent(b -> decodings.put("Base64url", Fingerprints.of(b)));
        hex(text).ifPresent(b -> decodings.put("hex", Fingerprints.of(b)));
        byte[] bytes;
        try {
            if (o.raw().isBlank()) {
                throw new AuthConfigurationException(o.label() + " is set but empty: unset it or give it the secret");
            }
            bytes = parse(Settings.HMAC_SECRET, o);
        } catch (AuthConfigurationException e) {
            return new ConfigurationReport.Variable(o.name(), o.kind(), setting, true, encoding, Optional.empty(),
                    Optional.of(e.getMessage()), decodings);
        }
        String problem = null;
        try {
            checkSecretText(List.of(o));
            SecretRules.check(bytes, JwsAlgorithm.HS256.minKeyBytes(), o.label());
        } catch (AuthConfigurationException e) {
            problem = e.getMessage();
        }
        return new ConfigurationReport.Variable(o.name(), o.kind(), setting, true, encoding,
                Optional.of(Fingerprints.of(bytes)),
                Optional.ofNullable(problem), decodings);
    }

    private static Optional<byte[]> decode(java.util.function.Supplier<byte[]> decoder) {
        try {
            byte[] bytes = decoder.get();
            return bytes.length == 0 ? Optional.empty() : Optional.of(bytes);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<byte[]> hex(String text) {
        if (text.isEmpty() || text.length() % 2 != 0) {
            return Optional.empty();
        }
        byte[] out = new byte[text.length() / 2];
        for (int i = 0; i < out.length; i++) {
            int hi = Character.digit(text.charAt(2 * i), 16);
            int lo = Character.digit(text.charAt(2 * i + 1), 16);
            if (hi < 0 || lo < 0) {
                return Optional.empty();
            }
            out[i] = (byte) (hi << 4 | lo);
        }
        return Optional.of(out);
    }
}
