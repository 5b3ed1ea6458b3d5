package dev.ssotauth.spring;

import dev.ssotauth.core.ConfigurationSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.core.env.Environment;

/**
 * The single configuration source inside Spring: the {@code JWT_*} environment variables and system
 * properties, plus Spring properties {@code ssot.auth.*}, whose names derive from the variables by
 * one rule ({@link #propertyName}): {@code JWT_ISSUER} is {@code ssot.auth.issuer},
 * {@code JWT_SECRET_KEY} is {@code ssot.auth.secret-key}, {@code JWT_ISSUER_URI} is
 * {@code ssot.auth.issuer-uri}. A value given both ways and differing is refused, naming both. Stateless.
 */
public final class SpringConfiguration {

    /** The prefix of every property. */
    public static final String PREFIX = "ssot.auth.";

    /** How a Spring property is described in messages. */
    static final String KIND = "Spring property";

    private SpringConfiguration() {
    }

    /**
     * The Spring property of a variable of the configuration reference.
     *
     * @param variable a variable, e.g. {@code JWT_ROLES_CLAIM}
     * @return its property, e.g. {@code ssot.auth.roles-claim}
     */
    public static String propertyName(String variable) {
        String name = variable.startsWith("JWT_") ? variable.substring("JWT_".length()) : variable;
        return PREFIX + name.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * The sources to build the authority from: the environment, the system properties, then the
     * {@code ssot.auth.*} properties {@code environment} holds (from any of Spring's property sources,
     * relaxed names included: {@code SSOT_AUTH_ISSUER} is {@code ssot.auth.issuer}).
     *
     * @param environment Spring's environment
     * @return the sources
     */
    public static List<ConfigurationSource> sources(Environment environment) {
        Map<String, String> properties = new LinkedHashMap<>();
        for (ConfigurationSource.Described setting : ConfigurationSource.settings()) {
            String value = environment.getProperty(propertyName(setting.variable()));
            if (value != null) {
                properties.put(setting.variable(), value);
            }
        }
        List<ConfigurationSource> sources = new ArrayList<>();
        sources.add(ConfigurationSource.environment());
        sources.add(ConfigurationSource.systemProperties());
        sources.add(new ConfigurationSource(KIND, properties, SpringConfiguration::propertyName));
        return sources;
    }
}
