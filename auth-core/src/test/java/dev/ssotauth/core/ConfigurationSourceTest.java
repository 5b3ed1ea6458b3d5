package dev.ssotauth.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Sources of settings a framework adds, named the way its users write them. */
final class ConfigurationSourceTest {

    private static final String SECRET = "source-secret-0123456789-abcdefghij-KLMNO";

    /** Spring's rule, for the test: JWT_ROLES_CLAIM is ssot.auth.roles-claim. */
    private static String property(String variable) {
        return "ssot.auth." + variable.substring(4).toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static ConfigurationSource properties(Map<String, String> values) {
        return new ConfigurationSource("Spring property", values, ConfigurationSourceTest::property);
    }

    @Test
    void builderFromWhenTwoSourcesDisagreeThenRefusedNamingEachTheWayItWasWritten() {
        AuthConfigurationException e = assertThrows(AuthConfigurationException.class, () -> ConfigurationSource
                .builderFrom(List.of(new ConfigurationSource("environment variable", Map.of("JWT_ISSUER", "a"),
                        v -> v), properties(Map.of("JWT_ISSUER", "b")))));
        assertTrue(e.getMessage().startsWith("conflicting values for JWT_ISSUER: set it in one place only: "
                + "JWT_ISSUER (environment variable) fingerprint "), e.getMessage());
        assertTrue(e.getMessage().contains(", ssot.auth.issuer (Spring property) fingerprint "), e.getMessage());
    }

    @Test
    void builderFromWhenSourcesCompleteEachOtherThenOneAuthority() {
        JwtAuthority authority = ConfigurationSource.builderFrom(List.of(
                new ConfigurationSource("environment variable", Map.of("JWT_SECRET_KEY", SECRET), v -> v),
                properties(Map.of("JWT_ISSUER", "https://login.example", "JWT_AUDIENCE", "chat",
                        "JWT_ACCESS_TOKEN_TTL", "1s")))).build();
        assertEquals("https://login.example", authority.issuer());
        AuthConfigurationException range = assertThrows(AuthConfigurationException.class, () -> ConfigurationSource
                .builderFrom(List.of(properties(Map.of("JWT_CLOCK_SKEW", "1h")))));
        assertEquals("ssot.auth.clock-skew (Spring property) must be between 0s and 10m; got 1h", range.getMessage());
    }

    @Test
    void settingsWhenListedThenEveryVariableOnceWithItsMeaning() {
        List<ConfigurationSource.Described> settings = ConfigurationSource.settings();
        assertEquals(settings.size(), settings.stream().map(ConfigurationSource.Described::variable).distinct().count());
        assertTrue(settings.stream().anyMatch(s -> s.variable().equals("JWT_ISSUER_URI") && s.method().equals("issuerUri")));
        assertTrue(settings.stream().filter(ConfigurationSource.Described::secret).map(ConfigurationSource.Described::variable)
                .toList().equals(List.of("JWT_SECRET_KEY")));
    }
}
