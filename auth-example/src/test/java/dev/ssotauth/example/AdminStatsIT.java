package dev.ssotauth.example;

import static dev.ssotauth.example.Clients.ask;
import static dev.ssotauth.example.Clients.chat;
import static dev.ssotauth.example.Clients.login;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code --admin-stats}: {@code GET /admin/stats} answers numbers only, with the members a load test
 * reads, and they follow the chat connections up and back down to nothing.
 */
final class AdminStatsIT {

    private static final List<String> MEMBERS = List.of("heapUsedBytes", "heapCommittedBytes", "heapMaxBytes",
            "openSessions", "webSocketSessions", "webSocketCloses", "expiryTimerThreads", "threads");

    private static ServiceProcess service;

    @BeforeAll
    static void start() throws Exception {
        service = ServiceProcess.start(Map.of(), "--admin-stats");
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void statsWhenConnectionsOpenAndCloseThenCountsFollowAndReturnToTheStart() throws Exception {
        // given
        ApiClient client = service.client();
        Map<String, Object> before = service.adminStats();
        List<SocketClient> sockets = new ArrayList<>();

        // when
        Map<String, Object> during;
        try {
            for (int i = 0; i < 5; i++) {
                SocketClient socket = chat(client, login(client, "stats-" + i), SocketClient.Transport.HEADER);
                sockets.add(socket);
                ask(socket, "{\"type\":\"whoami\"}", "whoami");
            }
            during = service.adminStats();
        } finally {
            sockets.forEach(SocketClient::close);
        }
        Map<String, Object> after = service.adminStats();
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < end && (number(after, "webSocketSessions") > 0
                || number(after, "webSocketCloses") < number(before, "webSocketCloses") + 5
                || number(after, "expiryTimerThreads") > 0 || number(after, "openSessions") > 0)) {
            Thread.sleep(500);
            after = service.adminStats();
        }

        // then
        assertEquals(MEMBERS, List.copyOf(before.keySet()), "the members, in order");
        for (Object value : before.values()) {
            assertTrue(value instanceof Integer || value instanceof Long, "a statistic that is not a number: "
                    + before);
        }
        assertEquals(0, number(before, "openSessions"));
        assertEquals(0, number(before, "webSocketSessions"));
        assertEquals(5, number(during, "openSessions"));
        assertEquals(5, number(during, "webSocketSessions"));
        assertEquals(number(before, "webSocketCloses"), number(during, "webSocketCloses"));
        assertTrue(number(during, "expiryTimerThreads") > 0);
        assertTrue(number(during, "threads") > 0);
        assertTrue(number(during, "heapUsedBytes") > 0 && number(during, "heapUsedBytes")
                <= number(during, "heapCommittedBytes"), during.toString());
        assertEquals(0, number(after, "openSessions"), after.toString());
        assertEquals(0, number(after, "webSocketSessions"), after.toString());
        assertEquals(number(before, "webSocketCloses") + 5, number(after, "webSocketCloses"), after.toString());
        assertEquals(0, number(after, "expiryTimerThreads"), after.toString());
    }

    @Test
    void statsWhenWrongMethodThen405AndTheBannerNamesTheRoute() throws Exception {
        // when
        ApiClient.Answer post = service.client().post("/admin/stats", null);

        // then
        assertEquals(405, post.status());
        assertTrue(service.output().contains("GET /admin/stats (loopback clients only)"), service.output());
    }

    private static long number(Map<String, Object> stats, String name) {
        return ((Number) stats.get(name)).longValue();
    }
}
