package dev.ssotauth.example;

import static dev.ssotauth.example.Clients.ask;
import static dev.ssotauth.example.Clients.chat;
import static dev.ssotauth.example.Clients.login;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code --admin-stats}: {@code GET /admin/stats} answers numbers only, and they follow the chat
 * connections up and back down to nothing.
 */
final class AdminStatsIT {

    private static final Set<String> MEMBERS = Set.of("heapUsedBytes", "heapCommittedBytes", "heapMaxBytes",
            "openSessions", "liveWebSocketSessions", "liveConnectionGuards", "liveScheduledTasks",
            "expiryTimerThreads", "threads");

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
        while (System.nanoTime() < end && (number(after, "liveConnectionGuards") > 0
                || number(after, "liveWebSocketSessions") > 0 || number(after, "expiryTimerThreads") > 0
                || number(after, "openSessions") > 0)) {
            Thread.sleep(500);
            after = service.adminStats();
        }

        // then
        assertEquals(MEMBERS, before.keySet());
        for (Object value : before.values()) {
            assertTrue(value instanceof BigDecimal, "a statistic that is not a number: " + before);
        }
        assertEquals(0, number(before, "openSessions"));
        assertEquals(5, number(during, "openSessions"));
        assertEquals(5, number(during, "liveWebSocketSessions"));
        assertEquals(5, number(during, "liveConnectionGuards"));
        assertTrue(number(during, "liveScheduledTasks") >= number(before, "liveScheduledTasks") + 5,
                "one pending expiry timer per connection: " + during);
        assertTrue(number(during, "expiryTimerThreads") > 0);
        assertEquals(0, number(after, "openSessions"), after.toString());
        assertEquals(0, number(after, "liveWebSocketSessions"), after.toString());
        assertEquals(0, number(after, "liveConnectionGuards"), after.toString());
        assertTrue(number(after, "liveScheduledTasks") <= number(before, "liveScheduledTasks"), after.toString());
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
        return ((BigDecimal) stats.get(name)).longValueExact();
    }
}
