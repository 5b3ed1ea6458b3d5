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
 * meanwhile contains a secret's value (text that equals a secret but comes from elsewhere, such as
 * another variable's value, is told apart by resolving again with the secret changed). Names come from the settings' variables (and any string);
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
        String message = resolve(variables);
        List<String> lines = CapturedLogs.lines();
        String logText = String.join("\n", lines.subList(Math.min(logged, lines.size()), lines.size()));

        for (Map.Entry<String, String> variable : variables.entrySet()) {
            String secret = variable.getValue();
            if (isSecretName(variable.getKey()) && secret.strip().length() >= 8
                    && (message != null && message.contains(secret) || logText.contains(secret))) {
                // The text may come from elsewhere (another variable's value, the message's own words):
                // it is the secret's only if a changed secret shows up changed.
                Map<String, String> changed = new HashMap<>(variables);
                changed.replaceAll((name, value) -> isSecretName(name) ? rotate(value) : value);
                logged = CapturedLogs.lines().size();
                String again = resolve(changed);
                lines = CapturedLogs.lines();
                String logsAgain = String.join("\n", lines.subList(Math.min(logged, lines.size()), lines.size()));
                assertFalse(again != null && again.contains(rotate(secret)), "the message quotes a secret");
                assertFalse(logsAgain.contains(rotate(secret)), "a log line quotes a secret");
            }
        }
    }

    /** The authority's configuration problem, or {@code null} when it is built. */
    private static String resolve(Map<String, String> variables) {
        try (JwtAuthority authority = JwtAuthority.fromEnvironment(variables)) {
            authority.fingerprint();
            return null;
        } catch (AuthConfigurationException refused) {
            return refused.getMessage();
        }
    }

    /** Each letter and digit replaced by the next of its kind (z to a, 9 to 0); the rest kept. */
    private static String rotate(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            out.append(c == 'z' ? 'a' : c == 'Z' ? 'A' : c == '9' ? '0'
                    : (c >= 'a' && c < 'z') || (c >= 'A' && c < 'Z') || (c >= '0' && c < '9') ? (char) (c + 1) : c);
        }
        return out.toString();
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
