package dev.ssotauth.example;

import dev.ssotauth.revocation.redis.RedisServer;
import static dev.ssotauth.example.Clients.ask;
import static dev.ssotauth.example.Clients.chat;
import static dev.ssotauth.example.Clients.handshakeStatus;
import static dev.ssotauth.example.Clients.login;
import static dev.ssotauth.example.Revocations.EVENTUALLY;
import static dev.ssotauth.example.Revocations.firstRefusal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.ssotauth.testkit.TestTokens;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

/**
 * Two example processes on one real Redis that crashes (no persistence) and comes back empty in the
 * middle of the test: no revoked token is accepted by either process at any moment, a logout while
 * Redis is down is refused with 503 rather than recorded on one process only, and afterwards the
 * processes have written their revocations back, so a process started later refuses them too.
 */
final class RedisRestartIT {

    private static final TestTokens TOKENS = TestTokens.create();
    /** What a process prints once it notices that its subscription to Redis is gone. */
    private static final String LOST_SUBSCRIPTION = "lost the subscription to Redis at ";

    @Test
    void redisWhenRestartedEmptyMidTestThenNoRevokedTokenIsAcceptedAnywhereAndTheListIsRestored() throws Exception {
        try (RedisServer redis = RedisServer.start();
                ServiceProcess a = ServiceProcess.start(TOKENS.environment(), "--role", "all", "--redis", redis.uri());
                ServiceProcess b = ServiceProcess.start(withRedis(redis), "--role", "chat")) {
            // given: rita logged out on A (so refused on B); sam has a socket open on B
            String revoked = login(a.client(), "rita");
            assertEquals(200, a.client().post("/logout", revoked).status());
            firstRefusal(b, revoked);
            String sam = login(a.client(), "sam");
            SocketClient samOnB = chat(b.client(), sam, SocketClient.Transport.HEADER);
            ask(samOnB, "{\"type\":\"whoami\"}", "whoami");
            Map<String, Integer> seen = new ConcurrentHashMap<>();
            AtomicBoolean watching = new AtomicBoolean(true);
            Thread watcher = new Thread(() -> watch(revoked, a, b, seen, watching), "revoked-token-watcher");
            watcher.start();
            try {
                // when: Redis crashes, a logout is tried once both processes have noticed, and Redis comes
                // back empty
                redis.kill();
                awaitPrinted(a, LOST_SUBSCRIPTION);
                awaitPrinted(b, LOST_SUBSCRIPTION);
                String duringOutage = login(a.client(), "tess");
                ApiClient.Answer refusedLogout = a.client().post("/logout", duringOutage);
                redis.startAgain();

                // then: once the processes are back on Redis, a new logout holds on both again
                awaitLogoutWorks(a, b);
                watching.set(false);
                watcher.join(10_000);

                // and at no moment was the revoked token accepted
                assertFalse(seen.containsKey("A 200") || seen.containsKey("B 200"),
                        "the revoked token was accepted while Redis was down or restarting: " + new TreeMap<>(seen));
                assertTrue(seen.containsKey("A 401") && seen.containsKey("B 401"), "not watched: " + seen);
                assertEquals(503, refusedLogout.status(), refusedLogout.body());
                assertEquals("temporarily_unavailable", refusedLogout.json().get("error"));
                // the refused logout holds nowhere, rather than on one process only
                assertEquals(200, a.client().get("/api/me", duringOutage).status());
                assertEquals(200, b.client().get("/api/me", duringOutage).status());
                assertEquals(401, a.client().get("/api/me", revoked).status());
                assertEquals(401, b.client().get("/api/me", revoked).status());
                assertEquals(401, handshakeStatus(b.client(), revoked, SocketClient.Transport.SUBPROTOCOL));
                assertEquals("sam", ask(samOnB, "{\"type\":\"whoami\"}", "whoami").get("subject"),
                        "a socket whose token is not revoked did not survive the restart");

                // and the emptied Redis got the revocation back: a process started now refuses it
                try (ServiceProcess late = ServiceProcess.start(withRedis(redis), "--role", "chat")) {
                    assertEquals(401, late.client().get("/api/me", revoked).status());
                    assertEquals(200, late.client().get("/api/me", sam).status());
                }
                System.out.printf("[measured] while Redis was down and restarting, the revoked token was asked "
                        + "%d times: %s%n", seen.values().stream().mapToInt(Integer::intValue).sum(), new TreeMap<>(seen));
            } finally {
                watching.set(false);
                samOnB.close();
            }
        }
    }

    private static Map<String, String> withRedis(RedisServer redis) {
        Map<String, String> environment = new HashMap<>(TOKENS.environment());
        environment.put(RevocationSetup.REDIS_URL, redis.uri());
        return environment;
    }

    /** Waits until {@code process} has printed {@code text}. */
    private static void awaitPrinted(ServiceProcess process, String text) throws InterruptedException {
        long deadline = System.nanoTime() + EVENTUALLY.toNanos();
        while (!process.output().contains(text)) {
            if (System.nanoTime() > deadline) {
                fail("'" + text + "' was not printed within " + EVENTUALLY.toSeconds() + " s:\n" + process.output());
            }
            Thread.sleep(20);
        }
    }

    /** Asks both processes about {@code token} until told to stop; counts each answer per process. */
    private static void watch(String token, ServiceProcess a, ServiceProcess b, Map<String, Integer> seen,
            AtomicBoolean watching) {
        while (watching.get()) {
            for (Map.Entry<String, ServiceProcess> node : Map.of("A", a, "B", b).entrySet()) {
                try {
                    int status = node.getValue().client().get("/api/me", token).status();
                    seen.merge(node.getKey() + " " + status, 1, Integer::sum);
                } catch (Exception e) {
                    seen.merge(node.getKey() + " " + e.getClass().getSimpleName(), 1, Integer::sum);
                }
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /**
     * Waits until a logout on A is recorded (200), then until B refuses it: B learns it from its
     * subscription or from the reload that follows its resubscription, so either way B is back on Redis.
     */
    private static void awaitLogoutWorks(ServiceProcess a, ServiceProcess b) throws Exception {
        long deadline = System.nanoTime() + EVENTUALLY.toNanos();
        int attempt = 0;
        while (System.nanoTime() < deadline) {
            String probe = login(a.client(), "probe-" + attempt++);
            int status = a.client().post("/logout", probe).status();
            if (status == 200) {
                firstRefusal(b, probe);
                return;
            } else {
                assertEquals(503, status, "a logout while the processes reconnect");
            }
            Thread.sleep(100);
        }
        fail("a logout did not hold on both processes within " + EVENTUALLY.toSeconds() + " s of the restart");
    }
}
