package dev.ssotauth.example;

import dev.ssotauth.revocation.redis.RedisServer;
import static dev.ssotauth.example.Clients.ask;
import static dev.ssotauth.example.Clients.chat;
import static dev.ssotauth.example.Clients.login;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The jar's command line, its exit codes and its shutdown, each as a process of its own. */
final class CommandLineIT {

    private static final Duration RUN = Duration.ofSeconds(120);

    @Test
    void smokeWhenEverythingHoldsThenReportInTheOriginTermsAndExit0() throws Exception {
        // when
        ServiceProcess.Finished run = ServiceProcess.runToEnd(Map.of(), RUN, "--smoke", "--smoke-users", "12");

        // then
        assertEquals(0, run.exitCode(), run.output());
        for (String line : List.of(
                "smoke: 12 concurrent users: login → /api/me → WebSocket whoami / agent / say, on an ephemeral random "
                        + "HMAC secret",
                "Successful login→api handoffs: 12/12",
                "Successful login→websocket handoffs: 12/12",
                "Successful login→agent handoffs: 12/12",
                "Cross-validations (login token → /api/me, handshake by header, by subprotocol, agent job): 48/48 "
                        + "(100.0%)",
                "Users with identity corruption: 0/12",
                "Messages heard from their verified sender: 144/144",
                "User failure rate: 0.0%",
                "smoke: PASS")) {
            assertTrue(run.output().lines().anyMatch(l -> l.startsWith(line)), "missing '" + line + "' in:\n"
                    + run.output());
        }
    }

    @Test
    void smokeWhenConfigurationRefusedThenExit1WithTheReason() throws Exception {
        // when: a JWT_* variable is set, so the defaults are off, but the configuration is incomplete
        ServiceProcess.Finished run = ServiceProcess.runToEnd(Map.of("JWT_ISSUER", "https://login.example"), RUN,
                "--smoke");

        // then
        assertEquals(1, run.exitCode(), run.output());
        assertTrue(run.output().contains("error: "), run.output());
        assertTrue(run.output().contains("JWT_SECRET_KEY"), run.output());
        assertTrue(run.output().contains("(the example uses its ephemeral defaults only when no JWT_* variable is set)"),
                run.output());
    }

    @Test
    void commandLineWhenWrongThenExit2WithUsage() throws Exception {
        // when
        ServiceProcess.Finished unknown = ServiceProcess.runToEnd(Map.of(), RUN, "--colour", "blue");
        ServiceProcess.Finished port = ServiceProcess.runToEnd(Map.of(), RUN, "--port", "http");
        ServiceProcess.Finished users = ServiceProcess.runToEnd(Map.of(), RUN, "--smoke", "--smoke-users", "0");

        // then
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.output().startsWith("error: unknown option '--colour'\nusage: java -jar auth-example.jar"),
                unknown.output());
        assertEquals(2, port.exitCode());
        assertTrue(port.output().startsWith("error: --port must be a number from 0 to 65535"), port.output());
        assertEquals(2, users.exitCode());
        assertTrue(users.output().startsWith("error: --smoke-users must be a number from 1 to 200\nusage: "),
                users.output());
    }

    @Test
    void chatRoleWhenNothingConfiguredThenExit1SayingWhatToSet() throws Exception {
        // when
        ServiceProcess.Finished run = ServiceProcess.runToEnd(Map.of(), RUN, "--role", "chat", "--port", "0");

        // then
        assertEquals(1, run.exitCode());
        assertTrue(run.output().startsWith("error: --role chat only verifies tokens, so it must be told whom to "
                + "trust: set JWT_ISSUER_URI"), run.output());
    }

    @Test
    void sigtermWhenSocketsOpenThenClosedWith1001AndTheProcessEndsLeavingNoFiles(@TempDir Path temp)
            throws Exception {
        // given a service whose temporary folder is this test's
        ServiceProcess service = ServiceProcess.start(Map.of(), List.of("-Djava.io.tmpdir=" + temp));
        try (SocketClient socket = chat(service.client(), login(service.client(), "bob"),
                SocketClient.Transport.HEADER)) {
            ask(socket, "{\"type\":\"whoami\"}", "whoami");

            // when
            service.process().destroy(); // SIGTERM

            // then
            assertEquals(1001, socket.closeCode(Duration.ofSeconds(20)));
            assertTrue(service.process().waitFor(20, TimeUnit.SECONDS), "the process did not end");
            assertEquals(143, service.process().exitValue(), "not ended by its SIGTERM handling:\n" + service.output());
            try (java.util.stream.Stream<Path> left = Files.list(temp)) {
                assertEquals(List.of(), left.map(p -> p.getFileName().toString())
                        .filter(name -> name.startsWith("ssot-auth-example")).toList(), "Tomcat's working directory");
            }
        } finally {
            service.close();
        }
    }

    @Test
    void portWhenTakenThenExit1() throws Exception {
        try (ServiceProcess first = ServiceProcess.start(Map.of())) {
            // when
            ServiceProcess.Finished second = ServiceProcess.runToEnd(Map.of(), RUN, "--port",
                    String.valueOf(first.port()));

            // then
            assertEquals(1, second.exitCode(), second.output());
            assertTrue(second.output().contains("error: the server cannot start: cannot listen on 127.0.0.1:"
                    + first.port() + " (BindException: Address already in use)"), second.output());
            assertFalse(second.output().contains("\tat "), "a stack trace:\n" + second.output());
        }
    }

    @Test
    void redisWhenUnreachableThenExit1NamingItWithoutThePassword() throws Exception {
        // given: a loopback port nothing listens on
        int port = RedisServer.freePort();

        // when
        ServiceProcess.Finished run = ServiceProcess.runToEnd(Map.of(), RUN, "--redis",
                "redis://:s3cret-pw@127.0.0.1:" + port);

        // then
        assertEquals(1, run.exitCode(), run.output());
        assertTrue(run.output().contains("error: revocations cannot be shared: could not connect to Redis at "
                + "redis://127.0.0.1:" + port + "/0 ("), run.output());
        assertFalse(run.output().contains("s3cret-pw"), run.output());
        assertFalse(run.output().contains("\tat "), "a stack trace:\n" + run.output());
    }

    @Test
    void redisWhenNotARedisUriOrTwoDifferentOnesThenRefusedWithoutRepeatingThem() throws Exception {
        // when
        ServiceProcess.Finished option = ServiceProcess.runToEnd(Map.of(), RUN, "--redis", "s3cret@127.0.0.1:6379");
        ServiceProcess.Finished variable = ServiceProcess.runToEnd(Map.of("REDIS_URL", "s3cret@127.0.0.1:6379"), RUN);
        ServiceProcess.Finished both = ServiceProcess.runToEnd(Map.of("REDIS_URL", "redis://:s3cret@127.0.0.1:6379"),
                RUN, "--redis", "redis://:other@127.0.0.1:6379");

        // then
        assertEquals(2, option.exitCode(), option.output());
        assertTrue(option.output().startsWith("error: --redis must be a redis:// or rediss:// URI with a host, such "
                + "as redis://127.0.0.1:6379\nusage: "), option.output());
        assertEquals(1, variable.exitCode(), variable.output());
        assertEquals("error: REDIS_URL must be a redis:// or rediss:// URI with a host, such as "
                + "redis://127.0.0.1:6379", variable.output().strip());
        assertEquals(1, both.exitCode(), both.output());
        assertEquals("error: --redis and REDIS_URL name different Redis URIs (neither is printed: they may hold a "
                + "password); give one of them", both.output().strip());
        for (ServiceProcess.Finished run : List.of(option, variable, both)) {
            assertFalse(run.output().contains("s3cret"), run.output());
        }
    }

    @Test
    void helpWhenAskedThenDescribesRedis() throws Exception {
        // when
        ServiceProcess.Finished help = ServiceProcess.runToEnd(Map.of(), RUN, "--help");

        // then
        assertEquals(0, help.exitCode());
        String text = help.output().replaceAll("\\s+", " ");
        assertTrue(text.contains(" --redis URI keep revocations (POST /logout, /logout-all) in the Redis at URI, "
                + "shared by every process with the same URI"), help.output());
        assertTrue(text.contains("Or set REDIS_URL."), help.output());
    }

    @Test
    void startWhenNoRedisThenTheBannerSaysRevocationsHoldInThisProcessOnly() throws Exception {
        try (ServiceProcess service = ServiceProcess.start(Map.of())) {
            // then
            assertTrue(service.output().contains("  revocations: in memory, this process only (--redis URI or "
                    + "REDIS_URL shares them between processes)"), service.output());
        }
    }
}
