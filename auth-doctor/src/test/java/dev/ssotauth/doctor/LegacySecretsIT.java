package dev.ssotauth.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The origin report's system, run for real: four example processes (login, chat, websocket, agent),
 * each with its own secret in one of the four variables of the report. The doctor prints the report's
 * figures (the cross-validation matrix, no login→other handoff for any user, every handshake with a
 * foreign token refused, four fingerprints) and exits 1; with one {@code JWT_SECRET_KEY} everywhere
 * the same file passes. Both reports are asserted exactly as printed.
 */
@Tag("process")
final class LegacySecretsIT {

    /** Component → the variable its process reads its secret from, and the secret. Made-up test values. */
    private static final Map<String, String[]> LEGACY = orderedMap(
            "login", new String[] {"JWT_SECRET_KEY", "main-backend-secret-0f3c9a7e51d24b86a1c0"},
            "chat", new String[] {"JWT_SECRET", "alternative-secret-6b2e8d4f90a13c57e2d1"},
            "websocket", new String[] {"WEBSOCKET_JWT_SECRET", "websocket-secret-d7a41f0c3e9b5a2864cf"},
            "agent", new String[] {"AUTH_SERVICE_JWT_SECRET", "auth-service-secret-93be0c4a7d1f6e25b8a0"});

    private static Map<String, String[]> orderedMap(Object... entries) {
        Map<String, String[]> map = new LinkedHashMap<>();
        for (int i = 0; i < entries.length; i += 2) {
            map.put((String) entries[i], (String[]) entries[i + 1]);
        }
        return map;
    }

    /** The four components, each a process: its login and one way in. */
    private static String systemYaml(List<URI> bases) {
        URI login = bases.get(0);
        URI chat = bases.get(1);
        String websocket = "ws://" + bases.get(2).getAuthority();
        String agent = "ws://" + bases.get(3).getAuthority();
        return "users:\n"
                + "  - {username: alice, password-env: ALICE_PASSWORD}\n"
                + "  - {username: bob, password-env: BOB_PASSWORD}\n"
                + "components:\n"
                + "  - name: login\n"
                + "    login: {url: \"" + login + "/login\"}\n"
                + "    http: {url: \"" + login + "/api/me\", subject: subject}\n"
                + "  - name: chat\n"
                + "    login: {url: \"" + chat + "/login\"}\n"
                + "    http: {url: \"" + chat + "/api/me\", subject: subject}\n"
                + "  - name: websocket\n"
                + "    login: {url: \"" + bases.get(2) + "/login\"}\n"
                + "    websocket: {url: \"" + websocket + "/chat\", send: '{\"type\":\"whoami\"}', subject: subject}\n"
                + "  - name: agent\n"
                + "    login: {url: \"" + bases.get(3) + "/login\"}\n"
                + "    websocket: {url: \"" + agent + "/chat\", send: '{\"type\":\"agent\",\"task\":\"report\"}',\n"
                + "                expect: agent-done, subject: subject}\n"
                + "environment-files: [login.env, chat.env, websocket.env, agent.env]\n";
    }

    /** Starts the four processes together with {@code variables}, writes their env files, runs the doctor. */
    private static Workspace.Outcome doctorAgainst(Path folder, Map<String, Map<String, String>> variables)
            throws Exception {
        List<RunningProcess> processes = new ArrayList<>();
        try {
            for (Map.Entry<String, Map<String, String>> component : variables.entrySet()) {
                Map<String, String> environment = new LinkedHashMap<>(component.getValue());
                environment.put("JWT_ISSUER", "https://login.example");
                environment.put("JWT_AUDIENCE", "chat");
                StringBuilder file = new StringBuilder();
                environment.forEach((name, value) -> file.append(name).append('=').append(value).append('\n'));
                Files.writeString(folder.resolve(component.getKey() + ".env"), file);
                processes.add(RunningProcess.example(environment, folder));
            }
            List<URI> bases = new ArrayList<>();
            for (RunningProcess process : processes) {
                bases.add(process.awaitListening());
            }
            return Workspace.doctor(folder, systemYaml(bases), Map.of("ALICE_PASSWORD", "demo", "BOB_PASSWORD",
                    "demo"));
        } finally {
            processes.forEach(RunningProcess::close);
        }
    }

    @Test
    void doctorWhenFourSecretsInTheFourLegacyVariablesThenTheOriginReportsFiguresAndExitOne() throws Exception {
        // given
        Path folder = Workspace.folder("legacy-four-secrets");
        Map<String, Map<String, String>> variables = new LinkedHashMap<>();
        LEGACY.forEach((component, secret) -> variables.put(component, Map.of(secret[0], secret[1])));

        // when
        Workspace.Outcome outcome = doctorAgainst(folder, variables);

        // then
        assertEquals(1, outcome.exitCode(), outcome.out() + outcome.err());
        assertEquals(""
                + "ssot-auth doctor: 4 components (login, chat, websocket, agent), 2 users\n"
                + "\n"
                + "[FAIL] cross-validation\n"
                + "  minted by \\ accepted by  login                chat                 websocket       "
                + "     agent\n"
                + "  login                    ok                   rejected (HTTP 401)  rejected (HTTP "
                + "401)  rejected (HTTP 401)\n"
                + "  chat                     rejected (HTTP 401)  ok                   rejected (HTTP "
                + "401)  rejected (HTTP 401)\n"
                + "  websocket                rejected (HTTP 401)  rejected (HTTP 401)  ok              "
                + "     rejected (HTTP 401)\n"
                + "  agent                    rejected (HTTP 401)  rejected (HTTP 401)  rejected (HTTP 401)  ok\n"
                + "  Total cross-validations: 16\n"
                + "  Successful validations: 4\n"
                + "  Success rate: 25.0%\n"
                + "\n"
                + "[FAIL] golden path\n"
                + "  Successful login→chat handoffs: 0/2\n"
                + "  Successful login→websocket handoffs: 0/2\n"
                + "  Successful login→agent handoffs: 0/2\n"
                + "  User failure rate: 100.0%\n"
                + "    alice: chat rejected the token (HTTP 401); websocket rejected the token "
                + "(handshake HTTP 401); agent rejected the token (handshake HTTP 401)\n"
                + "    bob: chat rejected the token (HTTP 401); websocket rejected the token (handshake "
                + "HTTP 401); agent rejected the token (handshake HTTP 401)\n"
                + "\n"
                + "[PASS] identity isolation\n"
                + "  login: 0/2 concurrent users experienced identity corruption (2 users together, 3 rounds)\n"
                + "  chat: 0/2 concurrent users experienced identity corruption (2 users together, 3 rounds)\n"
                + "  websocket: 0/2 concurrent users experienced identity corruption (2 users together, "
                + "3 rounds)\n"
                + "  agent: 0/2 concurrent users experienced identity corruption (2 users together, 3 rounds)\n"
                + "\n"
                + "[FAIL] websocket handshakes\n"
                + "  websocket: 101 ×7, 401 ×5\n"
                + "  agent: 101 ×7, 401 ×5\n"
                + "\n"
                + "[PASS] attacks\n"
                + "  login: 0/7 attacks accepted\n"
                + "  chat: 0/7 attacks accepted\n"
                + "  websocket: 0/7 attacks accepted\n"
                + "  agent: 0/7 attacks accepted\n"
                + "  Answers that echoed a token: 0\n"
                + "  (attacks that need no key; give attacks.secret-env for expired, wrong audience and "
                + "the rest)\n"
                + "\n"
                + "[FAIL] secret sprawl\n"
                + "  JWT secret is not single-sourced:\n"
                + "    - 4 variables hold 4 different secrets, so a token signed with one is rejected "
                + "wherever another is read: agent.env:AUTH_SERVICE_JWT_SECRET fingerprint "
                + "8eb041be10887400, chat.env:JWT_SECRET fingerprint f41d3e663c0d506c, "
                + "login.env:JWT_SECRET_KEY fingerprint ccb93d2fc0dde4ee, "
                + "websocket.env:WEBSOCKET_JWT_SECRET fingerprint 27dbcda46042e522; keep one secret in "
                + "JWT_SECRET_KEY and remove the others\n"
                + "\n"
                + "Result: 4 of 6 checks fail: authentication is fragmented\n", outcome.out());
        LEGACY.values().forEach(secret -> assertFalse(outcome.out().contains(secret[1])));
    }

    @Test
    void doctorWhenOneSecretInJwtSecretKeyEverywhereThenEveryCheckHolds() throws Exception {
        // given
        Path folder = Workspace.folder("legacy-one-secret");
        Map<String, Map<String, String>> variables = new LinkedHashMap<>();
        LEGACY.keySet().forEach(component -> variables.put(component, Map.of("JWT_SECRET_KEY",
                LEGACY.get("login")[1])));

        // when
        Workspace.Outcome outcome = doctorAgainst(folder, variables);

        // then
        assertEquals(0, outcome.exitCode(), outcome.out() + outcome.err());
        assertEquals(""
                + "ssot-auth doctor: 4 components (login, chat, websocket, agent), 2 users\n"
                + "\n"
                + "[PASS] cross-validation\n"
                + "  minted by \\ accepted by  login  chat  websocket  agent\n"
                + "  login                    ok     ok    ok         ok\n"
                + "  chat                     ok     ok    ok         ok\n"
                + "  websocket                ok     ok    ok         ok\n"
                + "  agent                    ok     ok    ok         ok\n"
                + "  Total cross-validations: 16\n"
                + "  Successful validations: 16\n"
                + "  Success rate: 100.0%\n"
                + "\n"
                + "[PASS] golden path\n"
                + "  Successful login→chat handoffs: 2/2\n"
                + "  Successful login→websocket handoffs: 2/2\n"
                + "  Successful login→agent handoffs: 2/2\n"
                + "  User failure rate: 0.0%\n"
                + "\n"
                + "[PASS] identity isolation\n"
                + "  login: 0/2 concurrent users experienced identity corruption (2 users together, 3 rounds)\n"
                + "  chat: 0/2 concurrent users experienced identity corruption (2 users together, 3 rounds)\n"
                + "  websocket: 0/2 concurrent users experienced identity corruption (2 users together, "
                + "3 rounds)\n"
                + "  agent: 0/2 concurrent users experienced identity corruption (2 users together, 3 rounds)\n"
                + "\n"
                + "[PASS] websocket handshakes\n"
                + "  websocket: 101 ×12\n"
                + "  agent: 101 ×12\n"
                + "\n"
                + "[PASS] attacks\n"
                + "  login: 0/7 attacks accepted\n"
                + "  chat: 0/7 attacks accepted\n"
                + "  websocket: 0/7 attacks accepted\n"
                + "  agent: 0/7 attacks accepted\n"
                + "  Answers that echoed a token: 0\n"
                + "  (attacks that need no key; give attacks.secret-env for expired, wrong audience and "
                + "the rest)\n"
                + "\n"
                + "[PASS] secret sprawl\n"
                + "  JWT secret single-sourced: 4 variables in 4 files hold one secret\n"
                + "\n"
                + "Result: all 6 checks hold\n", outcome.out());
    }
}
