package dev.ssotauth.core;

import dev.ssotauth.core.internal.EnvironmentConfiguration;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a configuration source holds, without a single value: which of the variables ssot-auth reads
 * are set, and where; which variables look like a JWT secret; and for each a fingerprint, the same
 * one {@link JwtAuthority#fingerprint()} and configuration messages show. Compare the reports of two
 * components to see whether they share one secret, or find a secret ssot-auth would refuse, without
 * ever printing it. The testkit's {@code assertSingleSecretSource} is built on it.
 *
 * <pre>{@code
 * for (ConfigurationReport.Variable v : ConfigurationReport.of(System.getenv()).variables()) {
 *     log.info("{} {} {}", v.label(), v.fingerprint().orElse("-"), v.problem().orElse("ok"));
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param variables every variable found, sorted by name, then source
 */
public record ConfigurationReport(List<Variable> variables) {

    /**
     * Copies the list.
     *
     * @throws NullPointerException if {@code variables} is or contains {@code null}
     */
    public ConfigurationReport {
        variables = List.copyOf(variables);
    }

    /**
     * One variable of the source.
     *
     * @param name        the variable's name
     * @param source      where it was read: {@code "environment variable"} or {@code "system property"}
     * @param setting     the builder method of the setting it carries; empty when ssot-auth does not
     *                    read it (a variable that only looks like a JWT secret)
     * @param secret      whether it holds, or looks like it holds, a JWT secret
     * @param encoding    for a secret, how ssot-auth reads its text: {@code text}, {@code base64} or
     *                    {@code base64url} (after the prefix of that name); empty for other variables
     * @param fingerprint for a secret, the fingerprint of its bytes as ssot-auth reads them (equal for
     *                    the same bytes in any encoding), empty when it cannot be read; for other
     *                    variables, of its text
     * @param problem     for a secret, why ssot-auth would refuse it on its own (empty, too short for
     *                    HS256, published, not valid base64), phrased after {@link #label()}; never
     *                    its content
     * @param decodings   for a secret, the fingerprints of its text decoded as {@code Base64},
     *                    {@code Base64url} and {@code hex}, where it decodes: the same secret kept
     *                    encoded in one variable and as text in another shows here
     */
    public record Variable(String name, String source, Optional<String> setting, boolean secret,
            Optional<String> encoding, Optional<String> fingerprint, Optional<String> problem, Map<String, String> decodings) {

        /**
         * Checks and copies the components.
         *
         * @throws NullPointerException if a component is {@code null}
         */
        public Variable {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(setting, "setting");
            Objects.requireNonNull(encoding, "encoding");
            Objects.requireNonNull(fingerprint, "fingerprint");
            Objects.requireNonNull(problem, "problem");
            decodings = Map.copyOf(decodings);
        }

        /**
         * The name and where it was read, as configuration messages name it.
         *
         * @return e.g. {@code JWT_SECRET (environment variable)}
         */
        public String label() {
            return name + " (" + source + ")";
        }
    }

    /**
     * The report of the process environment and the system properties, read as
     * {@link JwtAuthority#fromEnvironment()} reads them.
     *
     * @return the report
     */
    public static ConfigurationReport ofEnvironment() {
        return new ConfigurationReport(EnvironmentConfiguration.report(EnvironmentConfiguration.processSources()));
    }

    /**
     * The report of {@code variables}, read as environment variables.
     *
     * @param variables the variables
     * @return the report
     * @throws NullPointerException if {@code variables} is or contains {@code null}
     */
    public static ConfigurationReport of(Map<String, String> variables) {
        Objects.requireNonNull(variables, "variables");
        return new ConfigurationReport(EnvironmentConfiguration.report(
                List.of(new EnvironmentConfiguration.Source("environment variable", variables))));
    }
}
