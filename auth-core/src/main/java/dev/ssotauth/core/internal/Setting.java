package dev.ssotauth.core.internal;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * One setting of an authority, described once: the builder method that sets it, the environment
 * variable (and legacy aliases) that carries it, how its text is read, the rule a value must meet,
 * its default, what it means, and the settings it needs to mean anything. {@link Settings} holds
 * every one; the builder, the environment, error messages and the generated reference derive from
 * them. Immutable.
 *
 * @param <T>         the type of a value
 * @param method      the builder method, which is also the setting's name in messages from the builder
 * @param variable    the environment variable, or {@code null} for a setting only the builder takes
 *                    (an object such as a clock)
 * @param aliases     legacy names of the variable, recognised so that fragmentation is caught
 * @param kind        what the variable's text is, for the reference (e.g. "duration")
 * @param parser      reads the variable's text; throws {@link IllegalArgumentException} whose message
 *                    is the problem, phrased to follow the variable's name (e.g. "is not a duration")
 * @param rule        what every value must meet, however it came in
 * @param defaultValue the default, or {@code null} when there is none or it depends on other settings
 * @param defaultText the default, as the reference shows it
 * @param meaning     one sentence for the reference
 * @param requires    the settings of which one must be set for this one to apply, or {@code null}
 */
public record Setting<T>(String method, String variable, List<String> aliases, String kind,
        Function<String, T> parser, Rule<T> rule, T defaultValue, String defaultText, String meaning, Requirement requires) {

    /**
     * The canonical constructor.
     *
     * @throws NullPointerException if a component other than {@code variable}, {@code parser} and
     *                              {@code requires} is {@code null}
     */
    public Setting {
        Objects.requireNonNull(method, "method");
        aliases = List.copyOf(aliases);
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(defaultText, "defaultText");
        Objects.requireNonNull(meaning, "meaning");
    }

    /**
     * A setting that only applies beside another one.
     *
     * @param anyOf   the settings of which one must be set
     * @param purpose what this setting does for them, in the plural, to follow its names ("tune a
     *                remote key set")
     */
    public record Requirement(List<Setting<?>> anyOf, String purpose) {
        /** Copies the list. */
        public Requirement {
            anyOf = List.copyOf(anyOf);
        }
    }

    /**
     * What a value must meet: one check and its description for the reference.
     *
     * @param <T>         the type of a value
     * @param description the accepted values, for the reference
     * @param check       the problem with a value, phrased to follow the setting's name ("must be
     *                    between 1s and 1d; got 500ms"), or {@code null} when it is acceptable; never
     *                    quotes a secret, a path or a text value
     */
    public record Rule<T>(String description, Function<T, String> check) {

        /**
         * The problem with {@code value}, or {@code null} when it is acceptable.
         *
         * @param value the value, not {@code null}
         * @return the problem, or {@code null}
         */
        public String problem(T value) {
            return check.apply(value);
        }

        /**
         * The accepted values, for the reference.
         *
         * @return a short description
         */
        public String describe() {
            return description;
        }
    }

    /** Whether the environment carries this setting. */
    public boolean hasVariable() {
        return variable != null;
    }

    /** Whether the value is a secret: compared and named by fingerprint only. */
    public boolean isSecret() {
        return "secret".equals(kind);
    }

    /**
     * How a value given by this route is named in messages.
     *
     * @param fromEnvironment whether it came from the environment
     * @return the variable, or the builder method
     */
    public String name(boolean fromEnvironment) {
        return fromEnvironment && variable != null ? variable : method;
    }

    /**
     * Checks {@code value} against the rule.
     *
     * @param value the value
     * @param label how the value is named in the message
     * @return the value
     * @throws dev.ssotauth.core.AuthConfigurationException naming {@code label} when the rule is broken
     */
    public T check(T value, String label) {
        String problem = rule.problem(value);
        if (problem != null) {
            throw new dev.ssotauth.core.AuthConfigurationException(label + " " + problem);
        }
        return value;
    }

    @Override
    public String toString() {
        return method;
    }
}
