package dev.ssotauth.spring;

import java.util.List;

import org.springframework.core.env.Environment;

/**
 * Refuses to start when Spring Security's own JWT validation is configured beside the authority
 * ({@code spring.security.oauth2.resourceserver.jwt.*}): that would be a second validation path, with
 * its own keys, issuer and rules — the fragmentation this library exists to prevent. Stateless.
 */
final class TwoValidationPaths {

    /** Spring Boot's resource-server JWT properties: each one configures Spring's own decoder. */
    static final List<String> SPRING_PROPERTIES = List.of("issuer-uri", "jwk-set-uri", "public-key-location",
            "jws-algorithms", "audiences", "authority-prefix", "authorities-claim-name", "authorities-claim-delimiter",
            "principal-claim-name");
    static final String SPRING_PREFIX = "spring.security.oauth2.resourceserver.jwt.";

    private TwoValidationPaths() {
    }

    /** The refusal: an {@link IllegalStateException} that names the Spring property, never its value. */
    static final class Refused extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    /**
     * @throws Refused naming the first Spring resource-server JWT property that is set
     */
    static void refuse(Environment environment) {
        for (String name : SPRING_PROPERTIES) {
            if (environment.containsProperty(SPRING_PREFIX + name)) {
                throw new Refused(SPRING_PREFIX + name + " is set: Spring Security would validate "
                        + "tokens on its own beside the JwtAuthority, and there would be two validation paths. "
                        + "Remove " + SPRING_PREFIX + "* and configure the authority alone (" + SpringConfiguration.PREFIX
                        + "*, or the JWT_* variables: " + SpringConfiguration.PREFIX + "issuer-uri for an identity "
                        + "provider, " + SpringConfiguration.PREFIX + "jwks-uri for a key set)");
            }
        }
    }
}
