package dev.ssotauth.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

final class SystemFileReaderTest {

    private static final Path FOLDER = Path.of("/systems");

    private static final String EXAMPLE = ""
            + "users:\n"
            + "  - {username: alice, password-env: ALICE_PASSWORD}\n"
            + "components:\n"
            + "  - {name: login, login: {url: \"http://127.0.0.1:8080/login\"}}\n"
            + "  - {name: api, http: {url: \"http://127.0.0.1:8080/api/me\", token: \"cookie:session\", subject: subject}}\n"
            + "  - {name: chat, websocket: {url: \"ws://127.0.0.1:8080/chat\", token: subprotocol, send: hi}}\n"
            + "  - {name: agent, command: {run: [agent, --once], token-env: AGENT_TOKEN, subject: user.id}}\n"
            + "environment-files: [login.env]\n";

    private static String refusal(String yaml) {
        return assertThrows(SystemFileReader.InvalidSystemFile.class, () -> SystemFileReader.parse(yaml, FOLDER))
                .getMessage();
    }

    @Test
    void parseWhenEveryKindOfComponentThenRecordsWithDefaults() throws Exception {
        // when
        SystemFile system = SystemFileReader.parse(EXAMPLE, FOLDER);

        // then
        assertEquals(List.of(new SystemFile.User("alice", null, "ALICE_PASSWORD", null)), system.users());
        assertEquals(new SystemFile.Login(URI.create("http://127.0.0.1:8080/login"), false, "username", "password",
                "access_token"), system.logins().get(0).login().orElseThrow());
        assertEquals(new SystemFile.HttpCheck("GET", URI.create("http://127.0.0.1:8080/api/me"),
                new SystemFile.Placement(SystemFile.Carrier.COOKIE, "session"), Optional.of("subject")),
                system.components().get(1).check().orElseThrow());
        assertEquals(new SystemFile.WebSocketCheck(URI.create("ws://127.0.0.1:8080/chat"),
                new SystemFile.Placement(SystemFile.Carrier.SUBPROTOCOL, null), Optional.of("hi"), Optional.empty(),
                Optional.empty()), system.components().get(2).check().orElseThrow());
        assertEquals(new SystemFile.CommandCheck(List.of("agent", "--once"), "AGENT_TOKEN", Optional.of("user.id")),
                system.components().get(3).check().orElseThrow());
        assertEquals(3, system.checks().size());
        assertEquals(3, system.rounds());
        assertEquals(Duration.ofSeconds(15), system.timeout());
        assertEquals(List.of(FOLDER.resolve("login.env")), system.environmentFiles());
    }

    @Test
    void parseWhenMistakesThenEachRefusedWithWhereAndWhy() {
        assertEquals("the file: unknown key 'user'; known: attacks, components, environment-files, rounds, "
                + "timeout-seconds, users", refusal("user: []\n"));
        assertEquals("users[0]: give username or username-env, one of them",
                refusal(EXAMPLE.replace("username: alice, ", "")));
        assertEquals("users[0].password-env must name an environment variable; got 'not a name'",
                refusal(EXAMPLE.replace("ALICE_PASSWORD", "not a name")));
        assertEquals("components[1] (api).http.token must be header, header:NAME, cookie:NAME or query:NAME; "
                + "got 'subprotocol'", refusal(EXAMPLE.replace("\"cookie:session\"", "subprotocol")));
        assertEquals("components[2] (chat).websocket.url must be an absolute ws or wss URL; got "
                + "'http://127.0.0.1:8080/chat'", refusal(EXAMPLE.replace("ws://127.0.0.1:8080/chat",
                "http://127.0.0.1:8080/chat")));
        assertEquals("components: two components are named 'api'", refusal(EXAMPLE.replace("name: chat", "name: api")));
        assertEquals("components: at least one component must have a login",
                refusal(EXAMPLE.replace("{name: login, login: {url: \"http://127.0.0.1:8080/login\"}}",
                        "{name: login, http: {url: \"http://127.0.0.1:8080/x\"}}")));
        assertEquals("the file: rounds must be a whole number from 1 to 100; got '0'", refusal(EXAMPLE + "rounds: 0\n"));
    }
}
