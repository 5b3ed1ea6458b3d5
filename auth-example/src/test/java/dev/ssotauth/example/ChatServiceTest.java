package dev.ssotauth.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** The command line through picocli: what each option means, its default, and the refusals (exit 2). */
final class ChatServiceTest {

    /** The options of {@code args}, parsed and checked as a run would before starting anything. */
    private static ChatService parse(String... args) {
        ChatService service = new ChatService();
        ChatService.command(service, System.out, System.err).parseArgs(args);
        service.validate();
        return service;
    }

    /** A run that ends before anything starts: its exit code and what it printed (out, then err). */
    private record Run(int exitCode, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ChatService.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void parseWhenNoArgumentsThenServeEverythingOnPort8080OfLoopbackWithTheDemoUsers() {
        // when
        ChatService options = parse();

        // then
        assertEquals(8080, options.port);
        assertEquals("127.0.0.1", options.bind);
        assertEquals(Role.ALL, options.role);
        assertNull(options.redis);
        assertFalse(options.adminStats);
        assertFalse(options.smoke);
    }

    @Test
    void parseWhenEveryServeOptionThenTaken() {
        // when
        ChatService options = parse("--port", "0", "--bind", "0.0.0.0", "--role", "login", "--admin-stats",
                "--redis", "redis://:s3cret@127.0.0.1:6379/2");

        // then
        assertEquals(0, options.port);
        assertEquals("0.0.0.0", options.bind);
        assertEquals(Role.LOGIN, options.role);
        assertTrue(options.adminStats);
        assertEquals("redis://:s3cret@127.0.0.1:6379/2", options.redis);
    }

    @Test
    void parseWhenSmokeThenTwentyUsersAndAFreePortUnlessGiven() {
        // when
        ChatService plain = parse("--smoke");
        ChatService sized = parse("--smoke", "--smoke-users", "200", "--port", "8090");

        // then
        assertTrue(plain.smoke);
        assertEquals(20, plain.smokeUsers);
        assertEquals(0, plain.port);
        assertEquals(200, sized.smokeUsers);
        assertEquals(8090, sized.port);
    }

    @Test
    void helpWhenAskedThenEveryOptionWithItsDefaultAndExit0() {
        // when
        Run help = run("--help");

        // then
        assertEquals(0, help.exitCode());
        assertTrue(help.out().startsWith("usage: java -jar auth-example.jar"), help.out());
        for (OptionSpec option : new CommandLine(new ChatService()).getCommandSpec().options()) {
            assertTrue(help.out().contains(option.longestName()), option.longestName() + " missing:\n" + help.out());
            if (!option.usageHelp()) {
                String described = String.join(" ", option.description());
                assertTrue(described.contains("(default: "), option.longestName() + " says no default");
            }
        }
        for (String shown : List.of("(default: 8080; with --smoke, 0)", "(default: 127.0.0.1)", "(default: all)",
                "(default: 20)", "(default: off)")) {
            assertTrue(help.out().replaceAll("\\s+", " ").contains(shown), shown + " missing:\n" + help.out());
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--colour                      | unknown option '--colour'",
        "--port 65536                  | --port must be a number from 0 to 65535",
        "--port -1                     | --port must be a number from 0 to 65535",
        "--port http                   | --port must be a number from 0 to 65535",
        "--port 80 --port 81           | option '--port' (N) should be specified only once",
        "--role admin                  | --role must be all, login or chat",
        "--smoke --role chat           | --smoke runs the whole service in one process with its own demo users; it takes no --role or --admin-stats (the number of users is --smoke-users N)",
        "--smoke --admin-stats         | --smoke runs the whole service in one process with its own demo users; it takes no --role or --admin-stats (the number of users is --smoke-users N)",
        "--smoke --smoke-users 0       | --smoke-users must be a number from 1 to 200",
        "--smoke --smoke-users 201     | --smoke-users must be a number from 1 to 200",
        "--smoke --smoke-users many    | --smoke-users must be a number from 1 to 200",
        "--smoke-users 5               | --smoke-users is for --smoke",
        "--redis localhost:6379        | --redis must be a redis:// or rediss:// URI with a host, such as redis://127.0.0.1:6379",
        "--redis redis://              | --redis must be a redis:// or rediss:// URI with a host, such as redis://127.0.0.1:6379"})
    void runWhenCommandLineWrongThenErrorUsageAndExit2(String line, String message) {
        // when
        Run run = run(line.split(" "));

        // then
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().startsWith("error: " + message + "\nusage: java -jar auth-example.jar"), run.err());
        assertEquals("", run.out());
    }

    @Test
    void runWhenRedisRefusedThenItsValueIsNeverPrinted() {
        // when
        Run run = run("--redis", "s3cret@127.0.0.1:6379");

        // then
        assertEquals(2, run.exitCode());
        assertFalse(run.err().contains("s3cret"), run.err());
    }
}
