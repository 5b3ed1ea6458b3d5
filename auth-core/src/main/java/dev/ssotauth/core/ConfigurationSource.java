package dev.ssotauth.core;

import dev.ssotauth.core.internal.EnvironmentConfiguration;
import dev.ssotauth.core.internal.Setting;
import dev.ssotauth.core.internal.Settings;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * One place an authority's settings come from, for frameworks that add their own (Spring's
 * properties, say) to the process environment: its values are keyed by the variables of the
 * configuration reference ({@code JWT_ISSUER}, …), and {@code naming} says what each is called in
 * this source, so that messages name it the way the user wrote it. Read together by
 * {@link #builderFrom(List)}, the sources obey the rules of {@link JwtAuthority#fromEnvironment()}:
 * one setting given in two of them with different values is refused, naming both.
 *
 * <pre>{@code
 * JwtAuthority authority = ConfigurationSource.builderFrom(List.of(
 *         ConfigurationSource.environment(),
 *         ConfigurationSource.systemProperties(),
 *         new ConfigurationSource("Spring property", Map.of("JWT_ISSUER", "https://login.example"),
 *                 variable -> "ssot.auth.issuer"))).build();
 * }</pre>
 *
 * @param kind   how a value of this source is described in messages, e.g. {@code "Spring property"}
 * @param values the values, by variable name
 * @param naming what a variable is called in this source (the identity for variables)
 */
public record ConfigurationSource(String kind, Map<String, String> values, UnaryOperator<String> naming) {

    /**
     * Copies the values.
     *
     * @throws NullPointerException if a component is or holds {@code null}
     */
    public ConfigurationSource {
        Objects.requireNonNull(kind, "kind");
        values = Map.copyOf(values);
        Objects.requireNonNull(naming, "naming");
    }

    /**
     * The process environment.
     *
     * @return the source, its values called by their own names
     */
    public static ConfigurationSource environment() {
        return of(EnvironmentConfiguration.processSources().get(0));
    }

    /**
     * The system properties, read under the variables' names.
     *
     * @return the source, its values called by their own names
     */
    public static ConfigurationSource systemProperties() {
        return of(EnvironmentConfiguration.processSources().get(1));
    }

    private static ConfigurationSource of(EnvironmentConfiguration.Source source) {
        return new ConfigurationSource(source.kind(), source.values(), UnaryOperator.identity());
    }

    /**
     * A builder filled from {@code sources}, as {@link JwtAuthority#builderFromEnvironment()} fills one
     * from the process.
     *
     * @param sources where the settings come from, in the order messages list them
     * @return a new builder
     * @throws AuthConfigurationException when a value is empty, unreadable, out of range or given twice
     *                                    differently; the message names the values as their sources
     *                                    call them, and fingerprints, never secrets
     */
    public static JwtAuthority.Builder builderFrom(List<ConfigurationSource> sources) {
        return BuilderSettings.fromSources(sources.stream()
                .map(s -> new EnvironmentConfiguration.Source(s.kind(), s.values(), s.naming())).toList());
    }

    /**
     * Every setting that has a variable, as the configuration reference lists them.
     *
     * @return the settings, in the reference's order
     */
    public static List<Described> settings() {
        return Settings.ALL.stream().filter(Setting::hasVariable).map(s -> new Described(s.variable(), s.method(),
                s.kind(), s.defaultText(), s.rule().describe(), s.meaning(), s.isSecret())).toList();
    }

    /**
     * One setting of the configuration reference.
     *
     * @param variable the environment variable, e.g. {@code JWT_ISSUER}
     * @param method   the builder method, e.g. {@code issuer}
     * @param kind     what its text is, e.g. {@code duration}
     * @param defaults the default, as the reference shows it
     * @param accepted the values accepted
     * @param meaning  what it does
     * @param secret   whether its value is a secret
     */
    public record Described(String variable, String method, String kind, String defaults, String accepted,
            String meaning, boolean secret) {
    }
}
