package dev.ssotauth.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

final class DoctorTest {

    private record Run(int exitCode, String out, String err) {
    }

    private static Run run(Map<String, String> environment, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Doctor.run(environment, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void runWhenPasswordVariableUnsetThenExitTwoNamingIt() throws Exception {
        // given
        Path folder = Files.createDirectories(Path.of("target", "doctor-test"));
        Path file = Files.writeString(folder.resolve("system.yaml"), ""
                + "users: [{username: alice, password-env: ALICE_PASSWORD}]\n"
                + "components:\n"
                + "  - {name: login, login: {url: \"http://127.0.0.1:9/login\"}, http: {url: \"http://127.0.0.1:9/me\"}}\n");

        // when
        Run run = run(Map.of(), "--config", file.toString());

        // then
        assertEquals(Doctor.UNUSABLE, run.exitCode());
        assertEquals("", run.out());
        assertEquals("auth-doctor: the environment variable ALICE_PASSWORD (users[0] (alice) password) is not set\n",
                run.err().replace(System.lineSeparator(), "\n"));
    }

    @Test
    void runWhenNoConfigThenExitTwoWithUsage() {
        // when
        Run run = run(Map.of());

        // then
        assertEquals(Doctor.UNUSABLE, run.exitCode());
        assertTrue(run.err().startsWith("Missing required option: '--config=FILE'"), run.err());
    }

    @Test
    void runWhenHelpThenExitZeroListingOptions() {
        // when
        Run run = run(Map.of(), "--help");

        // then
        assertEquals(Doctor.HOLDS, run.exitCode());
        assertTrue(run.out().contains("--config=FILE") && run.out().contains("--junit=FILE"), run.out());
    }
}
