package dev.ssotauth.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class OptionsTest {

    @Test
    void parseWhenNoArgumentsThenServeEverythingOnPort8080OfLoopback() throws Exception {
        // when
        Options options = Options.parse();

        // then
        assertEquals(new Options(Options.Mode.SERVE, 8080, "127.0.0.1", Options.Role.ALL, null, 0, null, List.of(),
                null, false), options);
    }

    @Test
    void parseWhenEveryServeOptionThenTaken() throws Exception {
        // when
        Options options = Options.parse("--port", "0", "--bind", "0.0.0.0", "--role", "login", "--users", "u.txt",
                "--admin-stats");

        // then
        assertEquals(new Options(Options.Mode.SERVE, 0, "0.0.0.0", Options.Role.LOGIN, Path.of("u.txt"), 0, null,
                List.of(), null, true), options);
    }

    @Test
    void parseWhenRedisGivenThenTakenForEveryRoleAndSmokeButNeverShownByToString() throws Exception {
        // when
        Options chat = Options.parse("--role", "chat", "--redis", "redis://:s3cret@127.0.0.1:6379/2");
        Options smoke = Options.parse("--smoke", "--redis", "rediss://redis.example:6380");

        // then
        assertEquals("redis://:s3cret@127.0.0.1:6379/2", chat.redis());
        assertEquals("rediss://redis.example:6380", smoke.redis());
        assertEquals(null, Options.parse().redis());
        assertFalse(chat.toString().contains("s3cret"), chat.toString());
        assertTrue(chat.toString().contains("redis=given"), chat.toString());
    }

    @Test
    void parseWhenSmokeThenUsersIsACountAndThePortDefaultsToAFreeOne() throws Exception {
        // when
        Options plain = Options.parse("--smoke");
        Options counted = Options.parse("--users", "50", "--smoke");

        // then
        assertEquals(Options.Mode.SMOKE, plain.mode());
        assertEquals(0, plain.port());
        assertEquals(20, plain.smokeUsers());
        assertEquals(50, counted.smokeUsers());
    }

    @Test
    void parseWhenHashPasswordThenUserAndRoles() throws Exception {
        // when
        Options options = Options.parse("--hash-password", "zoe", "user,admin");
        Options plain = Options.parse("--hash-password", "zoe");

        // then
        assertEquals(Options.Mode.HASH_PASSWORD, options.mode());
        assertEquals("zoe", options.hashUser());
        assertEquals(List.of("user", "admin"), options.hashRoles());
        assertEquals(List.of("user"), plain.hashRoles());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--colour                      | unknown option '--colour'",
        "--port                        | --port needs a value",
        "--port --role                 | --port needs a value",
        "--port 65536                  | --port must be a number from 0 to 65535",
        "--port -1                     | --port must be a number from 0 to 65535",
        "--port 80 --port 81           | --port is given twice",
        "--role admin                  | --role must be all, login or chat",
        "--role chat --users u.txt     | --users is for a process that logs users in; --role chat only verifies tokens",
        "--smoke --role chat           | --smoke runs the whole service in one process; it takes no --role",
        "--smoke --admin-stats         | --admin-stats is for a service that keeps running; --smoke ends by itself",
        "--admin-stats --admin-stats   | --admin-stats is given twice",
        "--smoke --users many          | with --smoke, --users is how many simulated users: a number from 1 to 200",
        "--smoke --users 201           | with --smoke, --users is how many simulated users: a number from 1 to 200",
        "--redis                       | --redis needs a value",
        "--redis localhost:6379        | --redis must be a redis:// or rediss:// URI with a host, such as redis://127.0.0.1:6379",
        "--redis http://127.0.0.1:6379 | --redis must be a redis:// or rediss:// URI with a host, such as redis://127.0.0.1:6379",
        "--redis redis://              | --redis must be a redis:// or rediss:// URI with a host, such as redis://127.0.0.1:6379",
        "--redis redis://a --redis redis://b | --redis is given twice",
        "--hash-password               | --hash-password takes a user name and, optionally, a comma-separated list of roles",
        "--hash-password Zoe           | a user name is 1 to 32 characters: a lowercase letter, then lowercase letters, digits or '-'",
        "--hash-password zoe a,,b      | roles are a comma-separated list of names made of letters, digits, '-' and '_'",
        "--port 1 --hash-password zoe  | --hash-password comes first and alone: --hash-password USER [ROLES]"})
    void parseWhenWrongThenUsageExceptionSayingWhy(String line, String message) {
        // when
        Options.UsageException thrown = assertThrows(Options.UsageException.class,
                () -> Options.parse(line.split(" ")));

        // then
        assertEquals(message, thrown.getMessage());
    }
}
