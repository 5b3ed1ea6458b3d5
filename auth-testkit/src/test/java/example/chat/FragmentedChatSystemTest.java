package example.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ssotauth.core.JwtAuthority;
import dev.ssotauth.core.TokenRequest;
import dev.ssotauth.core.UserContext;
import dev.ssotauth.testkit.AuthComponent;
import dev.ssotauth.testkit.FragmentationAssertions;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The README's before/after example, from outside the testkit's package: only exported API. A chat
 * system whose four services each read the JWT secret from their own variable, and keep the current
 * user of the agent job in a shared field; then the same system on one {@link JwtAuthority}.
 */
final class FragmentedChatSystemTest {

    /** Before: four variables, four secrets (made-up test values). */
    private static final Map<String, String> BEFORE = Map.of(
            "JWT_SECRET_KEY", "main-backend-secret-0f3c9a7e51d24b86a1c0",
            "JWT_SECRET", "alternative-secret-6b2e8d4f90a13c57e2d1",
            "WEBSOCKET_JWT_SECRET", "websocket-secret-d7a41f0c3e9b5a2864cf",
            "AUTH_SERVICE_JWT_SECRET", "auth-service-secret-93be0c4a7d1f6e25b8a0");

    /** After: one variable. */
    private static final Map<String, String> AFTER = Map.of(
            "JWT_SECRET_KEY", "main-backend-secret-0f3c9a7e51d24b86a1c0",
            "JWT_ISSUER", "https://login.example",
            "JWT_AUDIENCE", "chat");

    /** A legacy service: signs with the secret of one variable, verifies with another's. */
    private static AuthComponent legacyService(String name, String signsWith, String verifiesWith) {
        JwtAuthority signer = authorityOver(BEFORE.get(signsWith));
        JwtAuthority verifier = authorityOver(BEFORE.get(verifiesWith));
        return AuthComponent.of(name,
                subject -> signer.issue(TokenRequest.forSubject(subject).build()),
                token -> verifier.verify(token).subject());
    }

    private static JwtAuthority authorityOver(String secret) {
        return JwtAuthority.builder().hmacSecret(secret.getBytes(StandardCharsets.UTF_8))
                .issuer("https://login.example").audience("chat").build();
    }

    /** The agent job of the report: the current user lives in one field for all threads. */
    static final class AgentJob {
        private final JwtAuthority authority;
        private UserContext currentUser;

        AgentJob(JwtAuthority authority) {
            this.authority = authority;
        }

        void start(String token) {
            currentUser = authority.verify(token);
        }

        String runFor() {
            return currentUser.subject();
        }
    }

    @Test
    void fragmentedSystemWhenAssertedThenEveryAssertionFailsWithTheReportsFigures() {
        // given
        List<AuthComponent> system = List.of(
                legacyService("login", "AUTH_SERVICE_JWT_SECRET", "JWT_SECRET_KEY"),
                legacyService("chat", "JWT_SECRET", "JWT_SECRET_KEY"),
                legacyService("websocket", "JWT_SECRET", "WEBSOCKET_JWT_SECRET"),
                legacyService("agent", "AUTH_SERVICE_JWT_SECRET", "WEBSOCKET_JWT_SECRET"));
        JwtAuthority agentKey = authorityOver(BEFORE.get("WEBSOCKET_JWT_SECRET"));
        AgentJob job = new AgentJob(agentKey);
        AuthComponent agentJob = AuthComponent.of("agent",
                subject -> agentKey.issue(TokenRequest.forSubject(subject).build()), job::start, job::runFor);

        // when
        String crossValidation = assertThrows(AssertionError.class,
                () -> FragmentationAssertions.assertCrossValidation(system)).getMessage();
        String secrets = assertThrows(AssertionError.class,
                () -> FragmentationAssertions.assertSingleSecretSource(BEFORE)).getMessage();
        String goldenPath = assertThrows(AssertionError.class,
                () -> FragmentationAssertions.assertGoldenPath(system.get(0), system.subList(1, 4), 2)).getMessage();
        String isolation = assertThrows(AssertionError.class,
                () -> FragmentationAssertions.assertContextIsolation(agentJob, 3, 1)).getMessage();

        // then
        assertTrue(crossValidation.endsWith("Total cross-validations: 16\nSuccessful validations: 0\n"
                + "Success rate: 0.0%"), crossValidation);
        assertTrue(secrets.startsWith("JWT secret is not single-sourced:\n  - 4 variables hold 4 different secrets"),
                secrets);
        assertTrue(goldenPath.contains("Successful login→chat handoffs: 0/2\n"), goldenPath);
        assertTrue(goldenPath.contains("User failure rate: 100.0%\n"), goldenPath);
        assertEquals("context isolation failed for component 'agent': 1/3 concurrent users experienced identity "
                + "corruption (3 users, 1 operation each, interleaved on 3 threads)\n"
                + "  user-1 saw user-3's identity in 1 of 1 operations", isolation);
    }

    @Test
    void sameSystemWhenOnOneAuthorityThenEveryAssertionPasses() {
        // given
        JwtAuthority authority = JwtAuthority.fromEnvironment(AFTER);
        ThreadLocal<UserContext> currentUser = new ThreadLocal<>();
        AuthComponent agentJob = AuthComponent.of("agent",
                subject -> authority.issue(TokenRequest.forSubject(subject).build()),
                token -> currentUser.set(authority.verify(token)),
                () -> currentUser.get().subject());
        List<AuthComponent> system = List.of(
                AuthComponent.of("login", authority),
                AuthComponent.of("chat", authority),
                AuthComponent.of("websocket", authority),
                agentJob);

        // when
        FragmentationAssertions.assertCrossValidation(system);
        FragmentationAssertions.assertSingleSecretSource(AFTER);
        FragmentationAssertions.assertGoldenPath(system.get(0), system.subList(1, 4), 2);
        FragmentationAssertions.assertContextIsolation(agentJob, 3, 6);

        // then
        assertEquals(16, FragmentationAssertions.crossValidationMatrix(system).successful());
    }
}
