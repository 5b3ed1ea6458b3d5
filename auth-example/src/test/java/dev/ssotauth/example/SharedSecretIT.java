package dev.ssotauth.example;

import static dev.ssotauth.example.Clients.ask;
import static dev.ssotauth.example.Clients.chat;
import static dev.ssotauth.example.Clients.subjectAt;
import static dev.ssotauth.example.Clients.tokenFrom;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ssotauth.testkit.AuthComponent;
import dev.ssotauth.testkit.CrossValidationMatrix;
import dev.ssotauth.testkit.FragmentationAssertions;
import dev.ssotauth.testkit.TestTokens;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Two processes configured the production way through the single configuration source — one
 * {@code --role all}, one {@code --role chat} — with the same {@code JWT_SECRET_KEY}, {@code JWT_ISSUER}
 * and {@code JWT_AUDIENCE} (the testkit's {@link TestTokens#environment()}). The testkit's attack suites
 * run against their HTTP API and WebSocket endpoint, and its fragmentation assertions across both
 * processes and the testkit's own authority.
 */
final class SharedSecretIT {

    private static final TestTokens TOKENS = TestTokens.create();

    private static ServiceProcess node;
    private static ServiceProcess chatNode;

    @BeforeAll
    static void start() throws Exception {
        node = ServiceProcess.start(TOKENS.environment());
        chatNode = ServiceProcess.start(TOKENS.environment(), "--role", "chat");
    }

    @AfterAll
    static void stop() {
        for (ServiceProcess process : new ServiceProcess[] {node, chatNode}) {
            if (process != null) {
                process.close();
            }
        }
    }

    @Test
    void startWhenConfiguredThenKeysFromTheEnvironmentAndNoDefaultsMentioned() {
        // when
        String output = node.output();

        // then
        assertTrue(output.contains("keys: from the environment (JWT_SECRET_KEY, fingerprint "
                + TOKENS.authority().fingerprint() + ")"), output);
        assertTrue(!output.contains("ephemeral") && !output.contains(TestTokens.DEFAULT_ISSUER), output);
        FragmentationAssertions.assertSingleSecretSource(TOKENS.environment());
    }

    @TestFactory
    List<DynamicTest> apiWhenAttackedThenEveryAttackRefusedWith401() {
        return TOKENS.httpAttackSuite(node.base().resolve("/api/me"));
    }

    @TestFactory
    List<DynamicTest> chatWhenAttackedThenEveryHandshakeRefusedWith401() {
        return TOKENS.webSocketAttackSuite(ws(node, ChatRoom.PATH));
    }

    @TestFactory
    List<DynamicTest> chatNodeWhenAttackedThenEveryHandshakeRefusedWith401() {
        return TOKENS.webSocketAttackSuite(ws(chatNode, ChatRoom.PATH));
    }

    @Test
    void crossValidationWhenEveryComponentMintsAndValidatesThenAllAccepted() {
        // given: who mints and who validates, across both processes and the testkit itself
        List<AuthComponent> system = List.of(
                AuthComponent.of("testkit", TOKENS.authority()),
                AuthComponent.of("login", subject -> tokenFrom(node, subject), token -> subjectAt(node, token)),
                AuthComponent.of("chat-api", subject -> TOKENS.valid(subject), token -> subjectAt(chatNode, token)),
                AuthComponent.of("chat-websocket", subject -> tokenFrom(node, subject),
                        token -> whoami(chatNode, token)));

        // when
        CrossValidationMatrix matrix = FragmentationAssertions.crossValidationMatrix(system);

        // then
        assertEquals(16, matrix.total());
        FragmentationAssertions.assertCrossValidation(system);
        FragmentationAssertions.assertGoldenPath(system.get(1), system.subList(2, 4), 3);
    }

    private static String whoami(ServiceProcess process, String token) {
        try (SocketClient socket = chat(process.client(), token, SocketClient.Transport.SUBPROTOCOL)) {
            Map<String, Object> answer = ask(socket, "{\"type\":\"whoami\"}", "whoami");
            return (String) answer.get("subject");
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return null; // refused
        }
    }

    private static URI ws(ServiceProcess process, String path) {
        return URI.create("ws://127.0.0.1:" + process.port() + path);
    }
}
