package dev.ssotauth.core;

import static org.junit.jupiter.api.Assertions.assertFalse;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.ssotauth.core.testing.CapturedLogs;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Fuzz target: any map of strings, read as environment variables, is an authority or an
 * {@link AuthConfigurationException}, never another exception; neither the message nor a line logged
 * meanwhile contains a secret's value. Names come from the settings' variables (and any string);
 * values from the data. The variables that make the resolver read a file or fetch a URL
 * ({@code JWT_JWKS_FILE}, {@code JWT_SIGNING_KEYS_FILE}, {@code JWT_JWKS_URI}, {@code JWT_ISSUER_URI})
 * are left out: a fuzzed path or URL would reach the machine's files and network.
 */
final class EnvironmentFuzzTest {

    private static final String[] SECRETS = {"JWT_SECRET_KEY", "JWT_SECRET", "WEBSOCKET_JWT_SECRET", "AUTH_SERVICE_JWT_SECRET"};
    private static final String[] OTHERS = {"JWT_ISSUER", "JWT_AUDIENCE", "JWT_ALGORITHMS", "JWT_ACCESS_TOKEN_TTL",
        "JWT_CLOCK_SKEW", "JWT_MAX_TOKEN_BYTES", "JWT_MAX_TOKEN_LIFETIME", "JWT_ROLES_CLAIM", "JWT_TOKEN_TYPE",
        "JWT_HMAC_KEY_ID", "JWT_JWKS_CACHE_TTL", "JWT_JWKS_MAX_BYTES", "JWT_JWKS_MIN_REFRESH_INTERVAL",
        "JWT_JWKS_OUTAGE_TOLERANCE", "JWT_JWKS_REFRESH_AHEAD", "JWT_JWKS_TIMEOUT", "JWT_VERIFIED_TOKEN_CACHE",
        "JWT_VERIFIED_TOKEN_CACHE_BYTES"};
    private static final String[] FILLED = {"https://login.example", "chat", "HS256", "15m", "PT30S", "8192", "roles",
        "at+jwt", "base64:", "0", "-1", "true", "PT0S", "9999999999999999999", "HS256,RS256", "", " "};
    private static final String GOOD_SECRET = "env-secret-0123456789-abcdefghij-KLMNOPQ";
    private static final List<String> EXCLUDED = List.of("JWT_JWKS_FILE", "JWT_SIGNING_KEYS_FILE", "JWT_JWKS_URI",
        "JWT_ISSUER_URI");

    @FuzzTest(maxDuration = "30s")
    void fromEnvironmentWhenAnyVariablesThenAnAuthorityOrAConfigurationException(FuzzedDataProvider data) {
        Map<String, String> variables = new HashMap<>();
        int count = data.consumeInt(0, 8);
        for (int i = 0; i < count; i++) {
            String name;
            switch (data.consumeInt(0, 2)) {
                case 0: name = data.pickValue(SECRETS); break;
                case 1: name = data.pickValue(OTHERS); break;
                default: name = data.consumeString(20);
            }
            if (EXCLUDED.contains(name.strip())) {
                continue;
            }
            String value;
            switch (data.consumeInt(0, 2)) {
                case 0: value = data.pickValue(FILLED); break;
                case 1: value = GOOD_SECRET + data.consumeString(4); break;
                default: value = data.consumeString(60);
            }
            variables.put(name, value);
        }

        int logged = CapturedLogs.lines().size();
        String message = null;
        try (JwtAuthority authority = JwtAuthority.fromEnvironment(variables)) {
            authority.fingerprint();
        } catch (AuthConfigurationException refused) {
            message = refused.getMessage();
        }

        List<String> lines = CapturedLogs.lines();
        for (Map.Entry<String, String> variable : variables.entrySet()) {
            String secret = variable.getValue();
            if (!isSecretName(variable.getKey()) || secret.strip().length() < 8) {
                continue;
            }
            assertFalse(message != null && message.contains(secret), "the message quotes a secret");
            for (String line : lines.subList(Math.min(logged, lines.size()), lines.size())) {
                assertFalse(line.contains(secret), "a log line quotes a secret");
            }
        }
    }

    private static boolean isSecretName(String name) {
        for (String secret : SECRETS) {
            if (secret.equals(name)) {
                return true;
            }
        }
        return false;
    }
}
