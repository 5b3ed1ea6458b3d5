package dev.ssotauth.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The doctor against a system in two languages: the example and a Node.js service ({@code ws} and
 * {@code jose} from npm, installed into {@code target/} from the committed lock file) that validates
 * tokens on its own. With its own secret the Node service rejects every token the example's login
 * issues, and the doctor shows it; once the Node service and the example's chat process both trust
 * the example login's JWK Set, every check holds.
 *
 * <p>Needs {@code node} and {@code npm} (Debian's {@code nodejs} and {@code npm}, which {@code .ci/run}
 * installs): skipped with a message without them, except in CI ({@code CI=true}), where that fails.
 */
@Tag("process")
final class NodeServiceIT {

    private static final Map<String, String> PASSWORDS = Map.of("ALICE_PASSWORD", "demo", "BOB_PASSWORD", "demo");
    private static Path service;

    @BeforeAll
    static void installNodeService() throws Exception {
        for (String tool : List.of("node", "npm")) {
            if (!runs(List.of(tool, "--version"), Path.of("."), 60)) {
                String message = tool + " is not installed: install Debian's nodejs and npm packages (.ci/run does) to "
                        + "run the doctor against the Node.js service";
                if ("true".equals(System.getenv("CI"))) {
                    fail(message);
                }
                Assumptions.assumeTrue(false, message);
            }
        }
        service = Workspace.folder("node-service");
        Path sources = Path.of(System.getProperty("node.service.dir", "src/test/node-service"));
        for (String file : List.of("package.json", "package-lock.json", "server.mjs")) {
            Files.copy(sources.resolve(file), service.resolve(file));
        }
        if (!runs(List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"), service, 300)) {
            fail("npm ci did not install ws and jose into " + service + "; see " + service.resolve("npm.log"));
        }
    }

    /** Runs {@code command} in {@code folder} to its end; its output goes to {@code folder/npm.log}. */
    private static boolean runs(List<String> command, Path folder, long seconds) throws InterruptedException {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true)
                    .redirectOutput(folder.resolve("npm.log").toFile());
            builder.environment().put("TMPDIR", Workspace.temporary(folder).toString());
            Process process = builder.start();
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                return false;
            }
            return process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static RunningProcess node(Map<String, String> environment) throws IOException {
        return RunningProcess.launch(List.of("node", "server.mjs"), environment, service);
    }

    /** The example's login, api and chat, and the Node service's API and WebSocket endpoint. */
    private static String systemYaml(URI login, URI chat, URI node) {
        return "users:\n"
                + "  - {username: alice, password-env: ALICE_PASSWORD}\n"
                + "  - {username: bob, password-env: BOB_PASSWORD}\n"
                + "components:\n"
                + "  - {name: login, login: {url: \"" + login + "/login\"}}\n"
                + "  - {name: api, http: {url: \"" + chat + "/api/me\", subject: subject}}\n"
                + "  - {name: chat, websocket: {url: \"ws://" + chat.getAuthority() + "/chat\","
                + " send: '{\"type\":\"whoami\"}', subject: subject}}\n"
                + "  - {name: node-api, http: {url: \"" + node + "/me\", subject: subject}}\n"
                + "  - {name: node-chat, websocket: {url: \"ws://" + node.getAuthority() + "/ws\","
                + " send: '{\"type\":\"whoami\"}', subject: subject}}\n";
    }

    @Test
    void doctorWhenNodeServiceHasItsOwnSecretThenFragmentationBetweenItAndTheExample() throws Exception {
        // given
        Path folder = Workspace.folder("node-own-secret");
        String exampleSecret = ExampleIT.randomSecret();
        String nodeSecret = ExampleIT.randomSecret();
        Map<String, String> claims = Map.of("JWT_ISSUER", "https://login.example", "JWT_AUDIENCE", "chat");
        Map<String, String> exampleEnvironment = new HashMap<>(claims);
        exampleEnvironment.put("JWT_SECRET_KEY", exampleSecret);
        Map<String, String> nodeEnvironment = new HashMap<>(claims);
        nodeEnvironment.put("NODE_JWT_SECRET", nodeSecret);
        try (RunningProcess example = RunningProcess.example(exampleEnvironment, folder);
                RunningProcess node = node(nodeEnvironment)) {
            URI base = example.awaitListening();

            // when
            Workspace.Outcome outcome = Workspace.doctor(folder, systemYaml(base, base, node.awaitListening()),
                    PASSWORDS);

            // then
            assertEquals(1, outcome.exitCode(), outcome.out() + outcome.err());
            assertTrue(outcome.out().contains("[FAIL] cross-validation\n"
                    + "  minted by \\ accepted by  api  chat  node-api             node-chat\n"
                    + "  login                    ok   ok    rejected (HTTP 401)  rejected (HTTP 401)\n"
                    + "  Total cross-validations: 4\n"
                    + "  Successful validations: 2\n"
                    + "  Success rate: 50.0%\n"), outcome.out());
            assertTrue(outcome.out().contains("  Successful login→api handoffs: 2/2\n"
                    + "  Successful login→chat handoffs: 2/2\n"
                    + "  Successful login→node-api handoffs: 0/2\n"
                    + "  Successful login→node-chat handoffs: 0/2\n"
                    + "  User failure rate: 100.0%\n"), outcome.out());
            assertTrue(outcome.out().contains("  node-chat: 401 ×"), outcome.out());
            assertTrue(outcome.out().endsWith("Result: 3 of 5 checks fail: authentication is fragmented\n"),
                    outcome.out());
            assertFalse(outcome.out().contains(nodeSecret.substring("base64url:".length())));
        }
    }

    @Test
    void doctorWhenNodeServiceAndChatTrustTheExampleLoginsJwksThenEveryCheckHolds() throws Exception {
        // given: a login process with its own key pair (no configuration), a chat process and the Node
        // service that both find its keys from its URL
        Path folder = Workspace.folder("node-jwks");
        try (RunningProcess login = RunningProcess.example(Map.of(), folder, "--role", "login")) {
            URI issuer = login.awaitListening();
            try (RunningProcess chat = RunningProcess.example(Map.of("JWT_ISSUER_URI", issuer.toString(),
                    "JWT_AUDIENCE", "chat"), folder, "--role", "chat");
                    RunningProcess node = node(Map.of("JWKS_URL", issuer + "/.well-known/jwks.json", "JWT_ISSUER",
                            issuer.toString(), "JWT_AUDIENCE", "chat"))) {

                // when
                Workspace.Outcome outcome = Workspace.doctor(folder, systemYaml(issuer, chat.awaitListening(),
                        node.awaitListening()), PASSWORDS);

                // then
                assertEquals(0, outcome.exitCode(), outcome.out() + outcome.err());
                assertTrue(outcome.out().contains("  Total cross-validations: 4\n  Successful validations: 4\n"
                        + "  Success rate: 100.0%\n"), outcome.out());
                assertTrue(outcome.out().contains("  Successful login→node-chat handoffs: 2/2\n"), outcome.out());
                assertTrue(outcome.out().endsWith("\nResult: all 5 checks hold\n"), outcome.out());
            }
        }
    }
}
