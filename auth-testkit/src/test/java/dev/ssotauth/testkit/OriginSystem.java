package dev.ssotauth.testkit;

import dev.ssotauth.core.JwtAuthority;
import dev.ssotauth.core.TokenRequest;
import dev.ssotauth.core.UserContext;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The system of the origin report, rebuilt: a login service, a chat HTTP API, a WebSocket gateway and
 * an agent job. In its fragmented form each component signs with the secret of one variable and
 * verifies with the secret of another (the four variables of the report, four different secrets),
 * and the agent job keeps the current user in a field that all threads share. In its unified form
 * every component uses one {@link JwtAuthority} from the single configuration source, and the agent
 * keeps the current user per thread.
 */
final class OriginSystem {

    static final String ISSUER = "https://login.example";
    static final String AUDIENCE = "chat";

    /** The four secrets of the report, under the four variable names. Made-up test values. */
    static final Map<String, String> FRAGMENTED_ENVIRONMENT = orderedMap(
            "JWT_SECRET_KEY", "main-backend-secret-0f3c9a7e51d24b86a1c0",
            "JWT_SECRET", "alternative-secret-6b2e8d4f90a13c57e2d1",
            "WEBSOCKET_JWT_SECRET", "websocket-secret-d7a41f0c3e9b5a2864cf",
            "AUTH_SERVICE_JWT_SECRET", "auth-service-secret-93be0c4a7d1f6e25b8a0",
            "JWT_ISSUER", ISSUER,
            "JWT_AUDIENCE", AUDIENCE);

    /** After the fix: one secret, one variable. */
    static final Map<String, String> UNIFIED_ENVIRONMENT = orderedMap(
            "JWT_SECRET_KEY", "main-backend-secret-0f3c9a7e51d24b86a1c0",
            "JWT_ISSUER", ISSUER,
            "JWT_AUDIENCE", AUDIENCE);

    private OriginSystem() {
    }

    /** What each component of the fragmented system does with a variable's secret. */
    private static JwtAuthority authorityFor(String variable) {
        return JwtAuthority.builder()
                .hmacSecret(FRAGMENTED_ENVIRONMENT.get(variable).getBytes(StandardCharsets.UTF_8))
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .build();
    }

    /** A component that signs with one variable's secret and verifies with another's. */
    private static AuthComponent legacy(String name, String signsWith, String verifiesWith) {
        JwtAuthority signer = authorityFor(signsWith);
        JwtAuthority verifier = authorityFor(verifiesWith);
        return AuthComponent.of(name,
                subject -> signer.issue(TokenRequest.forSubject(subject).build()),
                token -> verifier.verify(token).subject());
    }

    /**
     * login signs with AUTH_SERVICE_JWT_SECRET and verifies with JWT_SECRET_KEY; chat signs with
     * JWT_SECRET and verifies with JWT_SECRET_KEY; the WebSocket gateway signs with JWT_SECRET and
     * verifies with WEBSOCKET_JWT_SECRET; the agent job signs with AUTH_SERVICE_JWT_SECRET and verifies
     * with WEBSOCKET_JWT_SECRET. No component verifies with a secret any component signs with.
     */
    static List<AuthComponent> fragmented() {
        return List.of(
                legacy("login", "AUTH_SERVICE_JWT_SECRET", "JWT_SECRET_KEY"),
                legacy("chat", "JWT_SECRET", "JWT_SECRET_KEY"),
                legacy("websocket", "JWT_SECRET", "WEBSOCKET_JWT_SECRET"),
                legacy("agent", "AUTH_SERVICE_JWT_SECRET", "WEBSOCKET_JWT_SECRET"));
    }

    /**
     * The fragmented agent job as its requests reach it (tokens signed with the secret it verifies
     * with), described in its two steps: authenticate the request, then read the current user.
     */
    static AuthComponent fragmentedAgentJob() {
        JwtAuthority verifier = authorityFor("WEBSOCKET_JWT_SECRET");
        SharedFieldAgent agent = new SharedFieldAgent(verifier);
        return AuthComponent.of("agent",
                subject -> verifier.issue(TokenRequest.forSubject(subject).build()),
                agent::authenticate, agent::currentSubject);
    }

    /** The same four components on one authority from the single configuration source. */
    static List<AuthComponent> unified() {
        JwtAuthority authority = JwtAuthority.fromEnvironment(UNIFIED_ENVIRONMENT);
        return List.of(
                AuthComponent.of("login", authority),
                AuthComponent.of("chat", authority),
                AuthComponent.of("websocket", authority),
                unifiedAgentJob(authority));
    }

    static AuthComponent unifiedAgentJob(JwtAuthority authority) {
        PerThreadAgent agent = new PerThreadAgent(authority);
        return AuthComponent.of("agent",
                subject -> authority.issue(TokenRequest.forSubject(subject).build()),
                agent::authenticate, agent::currentSubject);
    }

    /** The origin's agent job: one field for the current user, shared by every thread. */
    static final class SharedFieldAgent {
        private final JwtAuthority verifier;
        private UserContext current; // the bug

        SharedFieldAgent(JwtAuthority verifier) {
            this.verifier = verifier;
        }

        void authenticate(String token) {
            current = verifier.verify(token);
        }

        String currentSubject() {
            return current == null ? null : current.subject();
        }
    }

    /** The fix: each thread has its own current user, replaced when the next request starts. */
    static final class PerThreadAgent {
        private final JwtAuthority verifier;
        private final ThreadLocal<UserContext> current = new ThreadLocal<>();

        PerThreadAgent(JwtAuthority verifier) {
            this.verifier = verifier;
        }

        void authenticate(String token) {
            current.remove();
            current.set(verifier.verify(token));
        }

        String currentSubject() {
            UserContext user = current.get();
            return user == null ? null : user.subject();
        }
    }

    private static Map<String, String> orderedMap(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(map);
    }
}
