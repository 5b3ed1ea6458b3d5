package dev.ssotauth.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ssotauth.core.ConfigurationReport;
import dev.ssotauth.core.JwtAuthority;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

final class SingleSecretSourceTest {

    /** Fingerprint ccb93d2fc0dde4ee. */
    private static final String MAIN = "main-backend-secret-0f3c9a7e51d24b86a1c0";
    /** Fingerprint f41d3e663c0d506c. */
    private static final String OTHER = "alternative-secret-6b2e8d4f90a13c57e2d1";
    /** MAIN in standard Base64, without a prefix; as text its fingerprint is 6189155409d741ec. */
    private static final String MAIN_BASE64 = "bWFpbi1iYWNrZW5kLXNlY3JldC0wZjNjOWE3ZTUxZDI0Yjg2YTFjMA==";
    /** MAIN in hex; as text its fingerprint is f732d4a4aec0a1cc. */
    private static final String MAIN_HEX =
            "6d61696e2d6261636b656e642d7365637265742d3066336339613765353164323462383661316330";
    /** On core's deny list of published secrets (32 bytes). */
    private static final String PUBLISHED = "JWTSecretKeyDontUseInProduction!";

    private static Map<String, String> variables(String... namesAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return map;
    }

    private static String failure(Map<String, String> variables) {
        return assertThrows(AssertionError.class,
                () -> FragmentationAssertions.assertSingleSecretSource(variables)).getMessage();
    }

    @Test
    void assertSingleSecretSourceWhenAnyJwtKeyVariableDiffersThenFingerprintsNamed() {
        // given
        Map<String, String> env = variables("JWT_SECRET_KEY", MAIN, "CHAT_JWT_SIGNING_KEY", OTHER);

        // when
        String message = failure(env);

        // then
        assertEquals("JWT secret is not single-sourced:\n"
                + "  - 2 variables hold 2 different secrets, so a token signed with one is rejected wherever another "
                + "is read: CHAT_JWT_SIGNING_KEY fingerprint f41d3e663c0d506c, JWT_SECRET_KEY fingerprint "
                + "ccb93d2fc0dde4ee; keep one secret in JWT_SECRET_KEY and remove the others", message);
        assertFalse(message.contains(MAIN) || message.contains(OTHER));
    }

    @Test
    void assertSingleSecretSourceWhenBase64OfSecretReadAsTextThenBothProblemsReported() {
        // given
        Map<String, String> env = variables("JWT_SECRET_KEY", MAIN, "JWT_SECRET", MAIN_BASE64);

        // when
        String message = failure(env);

        // then
        assertEquals("JWT secret is not single-sourced:\n"
                + "  - 2 variables hold 2 different secrets, so a token signed with one is rejected wherever another "
                + "is read: JWT_SECRET fingerprint 6189155409d741ec, JWT_SECRET_KEY fingerprint ccb93d2fc0dde4ee; "
                + "keep one secret in JWT_SECRET_KEY and remove the others\n"
                + "  - JWT_SECRET holds the Base64 encoding of the secret in JWT_SECRET_KEY (fingerprint "
                + "ccb93d2fc0dde4ee) but is read as text, which makes it a different secret (fingerprint "
                + "6189155409d741ec); keep one variable, in one encoding", message);
        assertFalse(message.contains(MAIN) || message.contains(MAIN_BASE64));
    }

    @Test
    void assertSingleSecretSourceWhenSameBytesBehindPrefixThenTwoEncodings() {
        // given
        Map<String, String> env = variables("JWT_SECRET_KEY", MAIN, "WEBSOCKET_JWT_SECRET", "base64:" + MAIN_BASE64);

        // when
        String message = failure(env);

        // then
        assertEquals("JWT secret is not single-sourced:\n"
                + "  - JWT_SECRET_KEY and WEBSOCKET_JWT_SECRET hold the same secret (fingerprint ccb93d2fc0dde4ee) "
                + "in two encodings; keep it in one variable, in one encoding", message);
    }

    @Test
    void assertSingleSecretSourceWhenHexOfSecretThenHexEncodingNamed() {
        // given
        Map<String, String> env = variables("AUTH_SERVICE_JWT_SECRET", MAIN_HEX, "JWT_SECRET_KEY", MAIN);

        // when
        String message = failure(env);

        // then
        assertEquals("JWT secret is not single-sourced:\n"
                + "  - 2 variables hold 2 different secrets, so a token signed with one is rejected wherever another "
                + "is read: AUTH_SERVICE_JWT_SECRET fingerprint f732d4a4aec0a1cc, JWT_SECRET_KEY fingerprint "
                + "ccb93d2fc0dde4ee; keep one secret in JWT_SECRET_KEY and remove the others\n"
                + "  - AUTH_SERVICE_JWT_SECRET holds the hex encoding of the secret in JWT_SECRET_KEY (fingerprint "
                + "ccb93d2fc0dde4ee) but is read as text, which makes it a different secret (fingerprint "
                + "f732d4a4aec0a1cc); keep one variable, in one encoding", message);
    }

    @Test
    void assertSingleSecretSourceWhenSecretTooShortThenCoreRuleQuotedWithLengthOnly() {
        // given
        Map<String, String> env = variables("JWT_SECRET", "changeme");

        // when
        String message = failure(env);

        // then
        assertEquals("JWT secret is not single-sourced:\n"
                + "  - JWT_SECRET is too short: 8 bytes, but at least 32 are needed for the allowed HMAC algorithms; "
                + "generate a random one, e.g. base64: followed by the output of 'openssl rand -base64 48'", message);
        assertFalse(message.contains("changeme"));
    }

    @Test
    void assertSingleSecretSourceWhenSecretPublishedThenCoreDenyListDecides() {
        // given
        Map<String, String> env = variables("JWT_SECRET_KEY", PUBLISHED);

        // when
        String message = failure(env);

        // then
        assertEquals("JWT secret is not single-sourced:\n"
                + "  - JWT_SECRET_KEY is a well-known secret published in public code and tutorials (32 bytes); "
                + "generate a random one, e.g. base64: followed by the output of 'openssl rand -base64 48'", message);
        assertFalse(message.contains(PUBLISHED));
    }

    @Test
    void assertSingleSecretSourceWhenEmptyOrUndecodableThenSaysSo() {
        // given
        Map<String, String> env = variables("JWT_SECRET_KEY", "", "JWT_SECRET", "base64:not base64!");

        // when
        String message = failure(env);

        // then
        assertEquals("JWT secret is not single-sourced:\n"
                + "  - JWT_SECRET is not valid base64 after its prefix\n"
                + "  - JWT_SECRET_KEY is set but empty: unset it or give it the secret", message);
    }

    @Test
    void assertSingleSecretSourceWhenOneSecretAndUnrelatedJwtSettingsThenPasses() {
        // given
        Map<String, String> env = variables(
                "JWT_SECRET_KEY", MAIN,
                "JWT_SIGNING_KEYS_FILE", "keys.json",
                "JWT_JWKS_URI", "https://keys.example/jwks.json",
                "JWT_KEY_ID", "2025-09",
                "JWT_ISSUER", "https://login.example",
                "OTHER_SECRET", OTHER);

        // when / then
        FragmentationAssertions.assertSingleSecretSource(env);
    }

    @Test
    void assertSingleSecretSourceWhenSameValueUnderTwoNamesThenPasses() {
        // given
        Map<String, String> env = variables("JWT_SECRET_KEY", MAIN, "app.jwt.secret", MAIN);

        // when / then
        FragmentationAssertions.assertSingleSecretSource(env);
    }

    @Test
    void assertSingleSecretSourceWhenLowercasePropertyDiffersThenRecognised() {
        // given
        Map<String, String> env = variables("JWT_SECRET_KEY", MAIN, "app.jwt.secret", OTHER);

        // when
        String message = failure(env);

        // then
        assertEquals("JWT secret is not single-sourced:\n"
                + "  - 2 variables hold 2 different secrets, so a token signed with one is rejected wherever another "
                + "is read: JWT_SECRET_KEY fingerprint ccb93d2fc0dde4ee, app.jwt.secret fingerprint "
                + "f41d3e663c0d506c; keep one secret in JWT_SECRET_KEY and remove the others", message);
    }

    @Test
    void assertSingleSecretSourceWithoutArgumentsWhenSystemPropertyWeakThenLabelledAsSystemProperty() {
        // given
        assumeTrue(ConfigurationReport.of(System.getenv()).variables().stream().noneMatch(ConfigurationReport.Variable::secret),
                "the process environment already holds a JWT secret variable");
        String property = "WEBSOCKET_JWT_SECRET";
        assumeTrue(System.getProperty(property) == null);
        System.setProperty(property, "short-secret");
        String message;
        try {
            // when
            message = assertThrows(AssertionError.class,
                    () -> FragmentationAssertions.assertSingleSecretSource()).getMessage();
        } finally {
            System.clearProperty(property);
        }

        // then
        assertEquals("JWT secret is not single-sourced:\n"
                + "  - WEBSOCKET_JWT_SECRET (system property) is too short: 12 bytes, but at least 32 are needed for "
                + "the allowed HMAC algorithms; generate a random one, e.g. base64: followed by the output of "
                + "'openssl rand -base64 48'", message);
        FragmentationAssertions.assertSingleSecretSource();
    }

    @Test
    void assertSingleSecretSourceWhenSecretsDifferThenFingerprintIsTheOneTheAuthorityReports() {
        // given
        JwtAuthority authority = JwtAuthority.fromEnvironment(OriginSystem.UNIFIED_ENVIRONMENT);
        Map<String, String> env = variables("JWT_SECRET_KEY", MAIN, "CHAT_JWT_SIGNING_KEY", OTHER);

        // when
        String message = failure(env);

        // then
        assertEquals("ccb93d2fc0dde4ee", authority.fingerprint());
        assertTrue(message.contains("JWT_SECRET_KEY fingerprint " + authority.fingerprint()), message);
    }
}
