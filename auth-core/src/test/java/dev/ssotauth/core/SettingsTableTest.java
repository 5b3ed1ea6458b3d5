package dev.ssotauth.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ssotauth.core.internal.Setting;
import dev.ssotauth.core.internal.Settings;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The settings table is the one description: the builder and the environment follow it, and agree. */
final class SettingsTableTest {

    private static final String SECRET = "table-secret-0123456789-abcdefghij-KLMN";

    @Test
    void tableWhenReadThenEveryNameIsUniqueAndEveryVariableFollowsTheNamingRule() {
        Set<String> names = new HashSet<>();
        for (Setting<?> setting : Settings.ALL) {
            assertTrue(names.add(setting.method()), setting.method());
            if (setting.hasVariable()) {
                assertTrue(names.add(setting.variable()), setting.variable());
                assertTrue(setting.variable().matches("JWT_[A-Z0-9_]+"), setting.variable());
                assertTrue(setting.parser() != null, setting.method());
                setting.aliases().forEach(alias -> assertTrue(names.add(alias), alias));
            }
        }
        assertEquals(Settings.ALL.size(), Set.copyOf(Settings.ALL).size());
    }

    @Test
    void tableWhenReadThenEverySettingHasABuilderMethodOfItsName() {
        Set<String> setters = new HashSet<>();
        Arrays.stream(JwtAuthority.Builder.class.getMethods())
                .filter(m -> m.getReturnType() == JwtAuthority.Builder.class).forEach(m -> setters.add(m.getName()));
        for (Setting<?> setting : Settings.ALL) {
            assertTrue(setters.contains(setting.method()), "no builder method " + setting.method());
        }
        // and no setter outside the table
        Set<String> table = new HashSet<>();
        Settings.ALL.forEach(s -> table.add(s.method()));
        assertEquals(table, setters);
    }

    /** Settings with a number or duration range, and a value below every range. */
    static Stream<Setting<?>> rangedSettings() {
        return Settings.ALL.stream().filter(Setting::hasVariable)
                .filter(s -> s.kind().equals("duration") || s.kind().equals("whole number"));
    }

    @ParameterizedTest
    @MethodSource("rangedSettings")
    void sameMistakeWhenGivenByEnvironmentOrBuilderThenSameExceptionAndRuleText(Setting<?> setting) throws Exception {
        // given: a value below the range, once as a variable and once through the builder method
        boolean duration = setting.kind().equals("duration");
        Map<String, String> variables = base(setting);
        variables.put(setting.variable(), duration ? "PT-1S" : "-1");
        JwtAuthority.Builder builder = JwtAuthority.builder();

        // when
        AuthConfigurationException fromEnvironment = assertThrows(AuthConfigurationException.class,
                () -> JwtAuthority.fromEnvironment(variables));
        AuthConfigurationException fromBuilder = assertThrows(AuthConfigurationException.class,
                () -> call(builder, setting, duration ? Duration.ofSeconds(-1) : (Object) (-1)));

        // then: each names the setting the way it was given, with the same rule after the name
        String label = setting.variable() + " (environment variable) ";
        assertTrue(fromEnvironment.getMessage().startsWith(label), fromEnvironment.getMessage());
        assertTrue(fromBuilder.getMessage().startsWith(setting.method() + " "), fromBuilder.getMessage());
        assertEquals(fromEnvironment.getMessage().substring(label.length()),
                fromBuilder.getMessage().substring(setting.method().length() + 1));
    }

    @Test
    void sameMistakeWhenTuningWithoutWhatItTunesThenRefusedBothWays() {
        // the environment refused this before; the builder used to ignore it silently
        assertEquals("jwksCacheTtl tunes a remote key set, but jwksUri or issuerUri is not set; remove it or set "
                + "jwksUri or issuerUri",
                assertThrows(AuthConfigurationException.class, () -> JwtAuthority.builder()
                        .hmacSecret(SECRET.getBytes(java.nio.charset.StandardCharsets.UTF_8)).issuer("i").audience("a")
                        .jwksCacheTtl(Duration.ofMinutes(1)).build()).getMessage());
        assertEquals("hmacKeyId names the HMAC secret's key, but hmacSecret is not set; remove it or set hmacSecret",
                assertThrows(AuthConfigurationException.class, () -> JwtAuthority.builder()
                        .jwksUri(URI.create("https://login.example/jwks")).issuer("i").audience("a").hmacKeyId("k")
                        .build()).getMessage());
        assertEquals("JWT_VERIFIED_TOKEN_CACHE_BYTES (environment variable) bounds the verified-token cache, but "
                + "JWT_VERIFIED_TOKEN_CACHE is not set; remove it or set JWT_VERIFIED_TOKEN_CACHE",
                assertThrows(AuthConfigurationException.class, () -> JwtAuthority.fromEnvironment(Map.of(
                        "JWT_SECRET_KEY", SECRET, "JWT_ISSUER", "i", "JWT_AUDIENCE", "a",
                        "JWT_VERIFIED_TOKEN_CACHE_BYTES", "4096"))).getMessage());
    }

    @Test
    void environmentWhenEveryVariableOfTheTableIsGivenThenTheAuthorityFollowsEach() {
        // given: the settings that were builder-only before the table, now from the environment
        Map<String, String> variables = new LinkedHashMap<>(Map.of("JWT_SECRET_KEY", SECRET, "JWT_ISSUER", "i",
                "JWT_AUDIENCE", "a", "JWT_HMAC_KEY_ID", "key-1", "JWT_VERIFIED_TOKEN_CACHE", "10",
                "JWT_VERIFIED_TOKEN_CACHE_BYTES", "65536"));

        // when
        JwtAuthority authority = JwtAuthority.fromEnvironment(variables);
        String token = authority.issue(TokenRequest.forSubject("alice").build());

        // then: the kid is issued, and the token verifies (twice: the second time from the cache)
        String header = new String(java.util.Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))),
                java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(header.contains("\"kid\":\"key-1\""), header);
        assertEquals("alice", authority.verify(token).subject());
        assertEquals("alice", authority.verify(token).subject());
    }

    @Test
    void environmentWhenRemoteTuningVariablesGivenThenAcceptedWithJwksUri() {
        JwtAuthority authority = JwtAuthority.fromEnvironment(Map.of("JWT_JWKS_URI", "https://login.example/jwks",
                "JWT_ISSUER", "i", "JWT_AUDIENCE", "a", "JWT_JWKS_REFRESH_AHEAD", "10s", "JWT_JWKS_TIMEOUT", "500ms",
                "JWT_JWKS_MAX_BYTES", "2048"));
        assertEquals("JwtAuthority[algorithms=[ES256, EdDSA, PS256, RS256], keys=remote]", authority.toString());
        authority.close();
    }

    private static Map<String, String> base(Setting<?> setting) {
        Map<String, String> variables = new LinkedHashMap<>(Map.of("JWT_ISSUER", "i", "JWT_AUDIENCE", "a"));
        List<Setting<?>> needs = setting.requires() == null ? List.of() : setting.requires().anyOf();
        if (needs.contains(Settings.JWKS_URI)) {
            variables.put("JWT_JWKS_URI", "https://login.example/jwks");
        } else {
            variables.put("JWT_SECRET_KEY", SECRET);
        }
        if (needs.contains(Settings.VERIFIED_TOKEN_CACHE)) {
            variables.put("JWT_VERIFIED_TOKEN_CACHE", "10");
        }
        return variables;
    }

    private static void call(JwtAuthority.Builder builder, Setting<?> setting, Object value) throws Exception {
        for (Method method : JwtAuthority.Builder.class.getMethods()) {
            if (method.getName().equals(setting.method()) && method.getParameterCount() == 1) {
                Class<?> type = method.getParameterTypes()[0];
                Object argument = type == long.class ? (Object) ((Number) value).longValue() : value;
                try {
                    method.invoke(builder, argument);
                    return;
                } catch (InvocationTargetException e) {
                    if (e.getCause() instanceof Exception cause) {
                        throw cause;
                    }
                    throw e;
                }
            }
        }
        throw new AssertionError("no setter " + setting.method());
    }
}
