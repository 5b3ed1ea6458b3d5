package dev.ssotauth.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The report names variables and fingerprints, never a value. */
final class ConfigurationReportTest {

    private static final String SECRET = "report-secret-0123456789-abcdefghij-KLMN";

    @Test
    void ofWhenSecretIsSetThenItsFingerprintIsTheAuthoritysAndNoValueAppears() {
        // given
        Map<String, String> variables = Map.of("JWT_SECRET_KEY", SECRET, "JWT_ISSUER", "https://login.example",
                "JWT_AUDIENCE", "chat", "PATH", "/usr/bin");

        // when
        ConfigurationReport report = ConfigurationReport.of(variables);

        // then: the three variables ssot-auth reads, sorted; not PATH
        assertEquals(List.of("JWT_AUDIENCE", "JWT_ISSUER", "JWT_SECRET_KEY"),
                report.variables().stream().map(ConfigurationReport.Variable::name).toList());
        ConfigurationReport.Variable secret = report.variables().get(2);
        assertEquals(Optional.of("hmacSecret"), secret.setting());
        assertTrue(secret.secret());
        assertEquals(Optional.of(JwtAuthority.fromEnvironment(variables).fingerprint()), secret.fingerprint());
        assertEquals(Optional.empty(), secret.problem());
        assertEquals("JWT_SECRET_KEY (environment variable)", secret.label());
        assertFalse(report.toString().contains(SECRET));
        assertFalse(report.toString().contains("login.example"));
    }

    @Test
    void ofWhenSameSecretIsEncodedElsewhereThenDecodingsShowIt() {
        // given: the canonical secret as text, and a variable ssot-auth does not read holding its hex
        String hex = HexFormat.of().formatHex(SECRET.getBytes(StandardCharsets.UTF_8));
        String b64 = "base64:" + Base64.getEncoder().encodeToString(SECRET.getBytes(StandardCharsets.UTF_8));

        // when
        ConfigurationReport report = ConfigurationReport.of(Map.of("JWT_SECRET_KEY", SECRET, "CHAT_JWT_KEY", hex,
                "JWT_SECRET", b64));

        // then
        ConfigurationReport.Variable chat = report.variables().get(0);
        ConfigurationReport.Variable alias = report.variables().get(1);
        ConfigurationReport.Variable canonical = report.variables().get(2);
        assertEquals("CHAT_JWT_KEY", chat.name());
        assertEquals(Optional.empty(), chat.setting());
        assertTrue(chat.secret());
        assertEquals(canonical.fingerprint().orElseThrow(), chat.decodings().get("hex"));
        assertEquals(canonical.fingerprint(), alias.fingerprint()); // the same bytes in another encoding
        assertEquals(Optional.of("hmacSecret"), alias.setting());
    }

    @Test
    void ofWhenSecretIsWeakOrUnreadableThenProblemSaysWhyWithoutTheValue() {
        ConfigurationReport report = ConfigurationReport.of(Map.of("JWT_SECRET", "changeme",
                "WEBSOCKET_JWT_SECRET", "base64:%%%", "AUTH_SERVICE_JWT_SECRET", " "));
        Map<String, String> problems = new java.util.TreeMap<>();
        report.variables().forEach(v -> problems.put(v.name(), v.problem().orElse("")));
        assertEquals("AUTH_SERVICE_JWT_SECRET (environment variable) is set but empty: unset it or give it the secret",
                problems.get("AUTH_SERVICE_JWT_SECRET"));
        assertTrue(problems.get("JWT_SECRET").startsWith("JWT_SECRET (environment variable) is too short: 8 bytes"),
                problems.get("JWT_SECRET"));
        assertEquals("WEBSOCKET_JWT_SECRET (environment variable) is not valid base64 after its prefix",
                problems.get("WEBSOCKET_JWT_SECRET"));
        assertFalse(problems.toString().contains("changeme"));
    }

    @Test
    void ofWhenVariableOnlyLooksLikeALocationThenNotASecret() {
        ConfigurationReport report = ConfigurationReport.of(Map.of("JWT_PUBLIC_KEY_FILE", "/keys/pub.json",
                "JWT_KEY_ID", "k1", "JWT_JWKS_URI", "https://login.example/jwks"));
        assertEquals(List.of("JWT_JWKS_URI"), report.variables().stream().map(ConfigurationReport.Variable::name)
                .toList());
        assertFalse(report.variables().get(0).secret());
    }
}
