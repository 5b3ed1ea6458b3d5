package dev.ssotauth.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

final class AdminStatsTest {

    @Test
    void parseWhenEveryMemberThenTheStatisticsAndOneLineForTheReport() {
        // given
        String body = "{\"heapUsedBytes\":10485760,\"heapCommittedBytes\":20971520,\"heapMaxBytes\":268435456,"
                + "\"openSessions\":3,\"webSocketSessions\":4,\"webSocketCloses\":250,\"expiryTimerThreads\":2,"
                + "\"threads\":40}";

        // when
        AdminStats stats = AdminStats.parse(body);

        // then
        assertEquals(new AdminStats(10485760, 20971520, 268435456, 3, 4, 250, 2, 40), stats);
        assertEquals("heap 10.0 MiB used after GC (committed 20.0 MiB, max 256.0 MiB), open sessions 3, WebSocket "
                + "sessions 4, WebSocket closes 250, expiry timer threads 2, threads 40", stats.describe());
    }

    @Test
    void parseWhenTheOldHistogramMembersInsteadOfTheCountersThenRefusedNamingTheMissing() {
        // given
        String old = "{\"heapUsedBytes\":1,\"heapCommittedBytes\":2,\"heapMaxBytes\":3,\"openSessions\":0,"
                + "\"liveWebSocketSessions\":0,\"liveConnectionGuards\":0,\"liveScheduledTasks\":6,"
                + "\"expiryTimerThreads\":0,\"threads\":20}";

        // when
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> AdminStats.parse(old));

        // then
        assertEquals("GET /admin/stats lacks the integer members [webSocketSessions, webSocketCloses]",
                refused.getMessage());
    }

    @Test
    void parseWhenNotAnObjectThenRefused() {
        // when
        IllegalArgumentException array = assertThrows(IllegalArgumentException.class, () -> AdminStats.parse("[]"));
        IllegalArgumentException text = assertThrows(IllegalArgumentException.class, () -> AdminStats.parse("{"));

        // then
        assertEquals("GET /admin/stats answered something that is not a JSON object", array.getMessage());
        assertEquals("GET /admin/stats answered something that is not JSON", text.getMessage());
    }
}
