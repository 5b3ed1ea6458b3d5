package dev.ssotauth.spring;

import dev.ssotauth.core.AuthConfigurationException;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;

/**
 * Turns a start-up that the authority's configuration refused into Spring Boot's "APPLICATION FAILED
 * TO START" report: the refusal as the description (its message names settings and fingerprints,
 * never a value that could be a secret) and what to change as the action, instead of a stack trace
 * several exceptions deep. Registered in {@code META-INF/spring.factories}. Stateless.
 */
final class StartUpFailureAnalyzer implements FailureAnalyzer {

    /** How deep into the causes to look: Spring wraps a bean's failure a few times, never this often. */
    private static final int MAX_DEPTH = 32;

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < MAX_DEPTH; depth++, cause = cause.getCause()) {
            if (cause instanceof AuthConfigurationException refused) {
                return new FailureAnalysis("The JwtAuthority could not be built from the configuration: "
                        + refused.getMessage(), "Change the setting it names. The authority reads the "
                        + SpringConfiguration.PREFIX + "* properties and the JWT_* environment variables, one "
                        + "setting under two spellings (" + SpringConfiguration.PREFIX + "secret-key is "
                        + "JWT_SECRET_KEY); every setting, its default and its range are in the configuration "
                        + "reference, docs/configuration.md.", refused);
            }
            if (cause instanceof TwoValidationPaths.Refused refused) {
                return new FailureAnalysis(refused.getMessage(), "Remove every "
                        + TwoValidationPaths.SPRING_PREFIX + "* property: the starter's JwtDecoder already "
                        + "validates through the one JwtAuthority.", refused);
            }
        }
        return null;
    }
}
