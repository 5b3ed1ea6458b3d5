package dev.ssotauth.spring.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ssotauth.core.AuthConfigurationException;
import dev.ssotauth.core.JwtAuthority;
import dev.ssotauth.spring.SpringConfiguration;

import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** What a Boot application's start-up does with the configuration: one source, one validation path. */
final class StartUpTest {

    private static final String SECRET = "ssot.auth.secret-key=startup-secret-0123456789-abcdefghij-KLMN";

    private static ConfigurableApplicationContext start(String... properties) {
        return new SpringApplicationBuilder(SecuredApp.class).web(WebApplicationType.NONE).properties(properties)
                .run();
    }

    private static Throwable rootOf(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    @Test
    void startWhenSpringsOwnJwtValidationIsConfiguredThenRefusedNamingTheTwoPaths() {
        Exception e = assertThrows(Exception.class, () -> start(SECRET, "ssot.auth.issuer=i", "ssot.auth.audience=a",
                "spring.security.oauth2.resourceserver.jwt.issuer-uri=https://idp.example/realms/a").close());
        Throwable root = rootOf(e);
        assertTrue(root instanceof IllegalStateException, root.toString());
        assertTrue(root.getMessage().startsWith("spring.security.oauth2.resourceserver.jwt.issuer-uri is set: Spring "
                + "Security would validate tokens on its own beside the JwtAuthority, and there would be two "
                + "validation paths."), root.getMessage());
    }

    @Test
    void startWhenAPropertyAndAVariableDisagreeThenRefusedNamingBoth() {
        String previous = System.setProperty("JWT_ISSUER", "https://variable.example");
        try {
            Exception e = assertThrows(Exception.class, () -> start(SECRET, "ssot.auth.issuer=https://property.example",
                    "ssot.auth.audience=a").close());
            Throwable root = rootOf(e);
            assertTrue(root instanceof AuthConfigurationException, root.toString());
            assertTrue(root.getMessage().startsWith("conflicting values for JWT_ISSUER: set it in one place only: "
                    + "JWT_ISSUER (system property) fingerprint "), root.getMessage());
            assertTrue(root.getMessage().contains("ssot.auth.issuer (Spring property) fingerprint "), root.getMessage());
        } finally {
            if (previous == null) {
                System.clearProperty("JWT_ISSUER");
            } else {
                System.setProperty("JWT_ISSUER", previous);
            }
        }
    }

    @Test
    void startWhenAPropertyIsOutOfRangeThenRefusedNamingTheProperty() {
        Exception e = assertThrows(Exception.class, () -> start(SECRET, "ssot.auth.issuer=i", "ssot.auth.audience=a",
                "ssot.auth.clock-skew=1h").close());
        assertEquals("ssot.auth.clock-skew (Spring property) must be between 0s and 10m; got 1h", rootOf(e).getMessage());
    }

    @Test
    void contextWhenClosedThenTheAuthorityIsClosedWithIt() {
        JwtAuthority authority;
        try (ConfigurableApplicationContext context = start(SECRET, "ssot.auth.issuer=i", "ssot.auth.audience=a")) {
            authority = context.getBean(JwtAuthority.class);
            authority.onRevocation(r -> { }).close();
        }
        assertThrows(IllegalStateException.class, () -> authority.onRevocation(r -> { }), "closed");
    }

    @Test
    void propertyNameWhenDerivedThenOneRuleForEverySetting() {
        assertEquals("ssot.auth.secret-key", SpringConfiguration.propertyName("JWT_SECRET_KEY"));
        assertEquals("ssot.auth.issuer-uri", SpringConfiguration.propertyName("JWT_ISSUER_URI"));
        assertEquals("ssot.auth.jwks-min-refresh-interval", SpringConfiguration.propertyName("JWT_JWKS_MIN_REFRESH_INTERVAL"));
    }
}
