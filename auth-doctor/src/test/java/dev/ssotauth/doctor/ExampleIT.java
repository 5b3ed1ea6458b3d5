package dev.ssotauth.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The doctor against the example as users run it: one process ({@code --role all}), then a login
 * process and a chat process sharing one secret. Every check holds and the exit code is 0, in text,
 * JSON and JUnit XML alike; nothing printed holds the secret.
 */
@Tag("process")
final class ExampleIT {

    /** The example's demo users log in with this password; it reaches the doctor through a variable. */
    private static final Map<String, String> PASSWORDS = Map.of("ALICE_PASSWORD", "demo", "BOB_PASSWORD", "demo");

    static String randomSecret() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return "base64url:" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    /** The README's system.yaml, for a login at {@code login} and the chat at {@code chat}. */
    static String systemYaml(URI login, URI chat) {
        String ws = "ws://" + chat.getAuthority();
        return "users:\n"
                + "  - {username: alice, password-env: ALICE_PASSWORD}\n"
                + "  - {username: bob, password-env: BOB_PASSWORD}\n"
                + "components:\n"
                + "  - {name: login, login: {url: \"" + login + "/login\"}}\n"
                + "  - {name: api, http: {url: \"" + chat + "/api/me\", subject: subject}}\n"
                + "  - {name: chat, websocket: {url: \"" + ws + "/chat\", send: '{\"type\":\"whoami\"}', subject: subject}}\n"
                + "  - {name: agent, websocket: {url: \"" + ws + "/chat\", token: subprotocol,\n"
                + "      send: '{\"type\":\"agent\",\"task\":\"report\"}', expect: agent-done, subject: subject}}\n";
    }

    @Test
    void doctorWhenExampleInOneProcessThenEveryCheckHoldsInEveryFormat() throws Exception {
        // given
        Path folder = Workspace.folder("example-one-process");
        String secret = randomSecret();
        Map<String, String> environment = Map.of("JWT_SECRET_KEY", secret, "JWT_ISSUER", "https://login.example",
                "JWT_AUDIENCE", "chat");
        Files.writeString(folder.resolve("chat.env"), "JWT_SECRET_KEY=" + secret + "\nJWT_ISSUER=https://login.example\n");
        try (RunningProcess example = RunningProcess.example(environment, folder)) {
            URI base = example.awaitListening();
            String yaml = systemYaml(base, base) + "attacks: {secret-env: CHAT_SECRET}\nenvironment-files: [chat.env]\n";
            Map<String, String> doctorEnvironment = new HashMap<>(PASSWORDS);
            doctorEnvironment.put("CHAT_SECRET", secret);

            // when
            Workspace.Outcome outcome = Workspace.doctor(folder, yaml, doctorEnvironment, "--junit", "report.xml",
                    "--json", "report.json");

            // then
            assertEquals(0, outcome.exitCode(), outcome.out() + outcome.err());
            assertTrue(outcome.out().startsWith("ssot-auth doctor: 4 components (login, api, chat, agent), 2 users\n"),
                    outcome.out());
            assertTrue(outcome.out().contains("  Total cross-validations: 3\n  Successful validations: 3\n"
                    + "  Success rate: 100.0%\n"), outcome.out());
            assertTrue(outcome.out().contains("  Successful login→chat handoffs: 2/2\n"), outcome.out());
            assertTrue(outcome.out().contains("  api: 0/18 attacks accepted\n  chat: 0/18 attacks accepted\n"
                    + "  agent: 0/18 attacks accepted\n  Answers that echoed a token: 0\n"), outcome.out());
            assertTrue(outcome.out().contains("  chat: 101 ×9\n"), outcome.out());
            assertTrue(outcome.out().endsWith("\nResult: all 6 checks hold\n"), outcome.out());
            assertEquals("", outcome.err());
            assertFalse((outcome.out() + example.output()).contains(secret.substring("base64url:".length())));

            JsonNode json = new ObjectMapper().readTree(folder.resolve("report.json").toFile());
            assertTrue(json.get("holds").asBoolean());
            assertEquals(3, json.at("/checks/0/figures/successful").asInt());
            Document junit = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(
                    new ByteArrayInputStream(Files.readAllBytes(folder.resolve("report.xml"))));
            assertEquals("6", junit.getDocumentElement().getAttribute("tests"));
            assertEquals("0", junit.getDocumentElement().getAttribute("failures"));
            assertTrue(new String(Files.readAllBytes(folder.resolve("report.xml")), StandardCharsets.UTF_8)
                    .contains("Result: all 6 checks hold"));
        }
    }

    @Test
    void doctorWhenLoginAndChatInTwoProcessesOnOneSecretThenEveryCheckHolds() throws Exception {
        // given
        Path folder = Workspace.folder("example-two-processes");
        Map<String, String> environment = Map.of("JWT_SECRET_KEY", randomSecret(), "JWT_ISSUER",
                "https://login.example", "JWT_AUDIENCE", "chat");
        try (RunningProcess login = RunningProcess.example(environment, folder, "--role", "login");
                RunningProcess chat = RunningProcess.example(environment, folder, "--role", "chat")) {
            String yaml = systemYaml(login.awaitListening(), chat.awaitListening());

            // when
            Workspace.Outcome outcome = Workspace.doctor(folder, yaml, PASSWORDS, "--format", "json");

            // then
            assertEquals(0, outcome.exitCode(), outcome.out() + outcome.err());
            JsonNode json = new ObjectMapper().readTree(outcome.out());
            assertTrue(json.get("holds").asBoolean(), outcome.out());
            assertEquals(2, json.at("/checks/1/figures/handoffs/login→agent").asInt(), outcome.out());
            assertEquals("Result: all 5 checks hold", json.get("verdict").asText());
        }
    }
}
