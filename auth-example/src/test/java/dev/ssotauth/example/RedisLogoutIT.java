package dev.ssotauth.example;

import dev.ssotauth.revocation.redis.RedisServer;
import static dev.ssotauth.example.Clients.ask;
import static dev.ssotauth.example.Clients.chat;
import static dev.ssotauth.example.Clients.handshakeStatus;
import static dev.ssotauth.example.Clients.login;
import static dev.ssotauth.example.Revocations.EVENTUALLY;
import static dev.ssotauth.example.Revocations.assertClosedWith1008;
import static dev.ssotauth.example.Revocations.firstRefusal;
import static dev.ssotauth.example.Revocations.millisBetween;
import static dev.ssotauth.example.Revocations.summary;
import static dev.ssotauth.example.Revocations.watch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ssotauth.testkit.TestTokens;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two example processes sharing one real Redis and one {@code JWT_SECRET_KEY}: node A is
 * {@code --role all --redis <uri>}, node B is {@code --role chat} with {@code REDIS_URL}. A logout on
 * one node is refused on the other, and the open sockets of what it revoked close with 1008 on both
 * nodes; other sessions and other users keep working. How long each took is printed.
 */
final class RedisLogoutIT {

    private static final TestTokens TOKENS = TestTokens.create();
    private static final int ROUNDS = 5;

    private static RedisServer redis;
    private static ServiceProcess a;
    private static ServiceProcess b;

    private final ExecutorService watchers = Executors.newCachedThreadPool();
    private final List<SocketClient> sockets = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        redis = RedisServer.start();
        a = ServiceProcess.start(TOKENS.environment(), "--role", "all", "--redis", redis.uri());
        Map<String, String> chatEnvironment = new HashMap<>(TOKENS.environment());
        chatEnvironment.put(RevocationSetup.REDIS_URL, redis.uri());
        b = ServiceProcess.start(chatEnvironment, "--role", "chat");
    }

    @AfterAll
    static void stop() {
        for (ServiceProcess process : new ServiceProcess[] {b, a}) {
            if (process != null) {
                process.close();
            }
        }
        if (redis != null) {
            redis.close();
        }
    }

    @AfterEach
    void closeSockets() {
        sockets.forEach(SocketClient::close);
        watchers.shutdownNow();
    }

    @Test
    void startWhenRedisGivenByOptionOrVariableThenTheBannerNamesTheSharedStore() {
        // when
        String onA = a.output();
        String onB = b.output();

        // then
        String store = "revocations: RedisRevocationStore[redis://127.0.0.1:" + redis.port() + "/0]";
        assertTrue(onA.contains(store + " (from --redis), shared by every process on that Redis: a logout on one "
                + "holds on all of them"), onA);
        assertTrue(onB.contains(store + " (from REDIS_URL), shared by every process on that Redis"), onB);
    }

    @Test
    void startWhenLoginRoleOnRedisThenTheLineForAChatProcessSaysToShareTheRedis() throws Exception {
        try (ServiceProcess login = ServiceProcess.start(Map.of(), "--role", "login", "--redis", redis.uri())) {
            // then
            assertTrue(login.output().contains(" java -jar auth-example.jar --role chat --port 8081\n"
                    + "    with the same REDIS_URL (or --redis) as this process, so that a logout holds on both"),
                    login.output());
        }
    }

    @Test
    void logoutWhenOnNodeAThenNodeBRefusesTheSessionAndItsSocketsOnBothNodesCloseWith1008()
            throws Exception {
        // given: another user with a socket on each node, who must not notice anything
        String bystander = login(a.client(), "omar");
        SocketClient bystanderOnA = open(a, bystander);
        SocketClient bystanderOnB = open(b, bystander);
        List<Long> refusals = new ArrayList<>();
        List<Long> closes = new ArrayList<>();

        for (int round = 0; round < ROUNDS; round++) {
            // given: lena logged in twice on A (two sessions); the first has a socket on each node
            String user = "lena-" + round;
            String token = login(a.client(), user);
            String otherSession = login(a.client(), user);
            assertEquals(200, b.client().get("/api/me", token).status());
            CompletableFuture<Revocations.Closed> onA = watch(open(a, token), watchers);
            CompletableFuture<Revocations.Closed> onB = watch(open(b, token), watchers);
            SocketClient otherSessionOnB = open(b, otherSession);

            // when
            long start = System.nanoTime();
            ApiClient.Answer logout = a.client().post("/logout", token);

            // then
            assertEquals(200, logout.status(), logout.body());
            assertEquals(Map.of("status", "logged_out", "revoked", "session"), logout.json());
            refusals.add(millisBetween(start, firstRefusal(b, token)));
            closes.add(assertClosedWith1008(onB, start, "the socket on node B"));
            closes.add(assertClosedWith1008(onA, start, "the socket on node A"));
            assertEquals(401, handshakeStatus(b.client(), token, SocketClient.Transport.SUBPROTOCOL));
            assertEquals(200, b.client().get("/api/me", otherSession).status(), "the other session was logged out");
            assertEquals(user, ask(otherSessionOnB, "{\"type\":\"whoami\"}", "whoami").get("subject"));
        }
        assertStillServed(bystanderOnA, "omar");
        assertStillServed(bystanderOnB, "omar");
        System.out.printf("[measured] POST /logout on node A until node B answers 401: %s; until the session's "
                + "sockets on A and B are closed with 1008: %s%n", summary(refusals), summary(closes));
    }

    @Test
    void logoutAllWhenOnNodeBThenNodeARefusesEverySessionAndEverySocketOfTheUserClosesWith1008()
            throws Exception {
        // given: pia logged in twice, each session with a socket on each node; quinn too, once
        String first = login(a.client(), "pia");
        String second = login(a.client(), "pia");
        String bystander = login(a.client(), "quinn");
        List<CompletableFuture<Revocations.Closed>> pias = new ArrayList<>();
        for (String token : List.of(first, second)) {
            for (ServiceProcess node : List.of(a, b)) {
                pias.add(watch(open(node, token), watchers));
            }
        }
        SocketClient bystanderOnA = open(a, bystander);
        SocketClient bystanderOnB = open(b, bystander);

        // when
        long start = System.nanoTime();
        ApiClient.Answer logout = b.client().post("/logout-all", second);

        // then
        assertEquals(200, logout.status(), logout.body());
        assertEquals(Map.of("status", "logged_out", "revoked", "subject"), logout.json());
        List<Long> refusals = List.of(millisBetween(start, firstRefusal(a, first)),
                millisBetween(start, firstRefusal(a, second)));
        List<Long> closes = new ArrayList<>();
        for (int i = 0; i < pias.size(); i++) {
            closes.add(assertClosedWith1008(pias.get(i), start, "pia's socket " + (i + 1) + " of 4"));
        }
        assertEquals(401, handshakeStatus(a.client(), first, SocketClient.Transport.HEADER));
        assertEquals(200, a.client().get("/api/me", bystander).status());
        assertStillServed(bystanderOnA, "quinn");
        assertStillServed(bystanderOnB, "quinn");
        System.out.printf("[measured] POST /logout-all on node B until node A answers 401: %s; until all 4 sockets "
                + "on A and B are closed with 1008: %s%n", summary(refusals), summary(closes));

        // and pia can log in again once the second of the logout has passed (issue times are whole seconds)
        long deadline = System.nanoTime() + EVENTUALLY.toNanos();
        int status = 0;
        while (status != 200 && System.nanoTime() < deadline) {
            Thread.sleep(200);
            status = b.client().get("/api/me", login(a.client(), "pia")).status();
        }
        assertEquals(200, status, "a fresh login after /logout-all was refused");
    }

    @Test
    void sigtermWhenOnRedisThenSocketsCloseWith1001AndTheProcessEndsWithoutAComplaint() throws Exception {
        // given: a third process on the same Redis, with a socket open
        Map<String, String> environment = new HashMap<>(TOKENS.environment());
        environment.put(RevocationSetup.REDIS_URL, redis.uri());
        ServiceProcess c = ServiceProcess.start(environment, "--role", "chat");
        try {
            SocketClient socket = open(c, login(a.client(), "rosa"));

            // when
            c.process().destroy(); // SIGTERM

            // then: the server stopped first, then the store closed its connections, quietly
            assertEquals(1001, socket.closeCode(EVENTUALLY));
            assertTrue(c.process().waitFor(20, java.util.concurrent.TimeUnit.SECONDS), "the process did not end");
            String output = c.finalOutput();
            assertEquals(143, c.process().exitValue(), output);
            for (String complaint : List.of("[WARN]", "[ERROR]", "Exception", "\tat ")) {
                assertFalse(output.contains(complaint), "'" + complaint + "' at shutdown:\n" + output);
            }
            assertEquals(200, a.client().get("/api/me", login(a.client(), "rosa")).status(),
                    "the other processes lost Redis");
        } finally {
            c.close();
        }
    }

    private SocketClient open(ServiceProcess node, String token) throws Exception {
        SocketClient socket = chat(node.client(), token, SocketClient.Transport.SUBPROTOCOL);
        sockets.add(socket);
        // The answer proves the server side is open, so the adapter listens for revocations.
        ask(socket, "{\"type\":\"whoami\"}", "whoami");
        return socket;
    }

    private static void assertStillServed(SocketClient socket, String subject) throws Exception {
        assertFalse(socket.isClosed(), subject + "'s socket was closed");
        assertEquals(subject, ask(socket, "{\"type\":\"whoami\"}", "whoami").get("subject"));
    }
}
