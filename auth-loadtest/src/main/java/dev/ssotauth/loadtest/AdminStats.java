package dev.ssotauth.loadtest;

import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The example service's {@code GET /admin/stats} (served with {@code --admin-stats}, to loopback
 * clients only): numbers that show whether the service returns to where it started.
 *
 * @param heapUsedBytes      heap used after a full collection
 * @param heapCommittedBytes heap committed after it
 * @param heapMaxBytes       the heap's limit
 * @param openSessions       the chat room's connections
 * @param webSocketSessions  the WebSocket adapter's open-session gauge
 * @param webSocketCloses    connections the adapter saw close, over all reasons, since the start
 * @param expiryTimerThreads the adapter's expiry timer threads alive
 * @param threads            the service's threads
 */
record AdminStats(long heapUsedBytes, long heapCommittedBytes, long heapMaxBytes, long openSessions,
        long webSocketSessions, long webSocketCloses, long expiryTimerThreads, long threads) {

    /** The members, in the order of the record's components. */
    static final List<String> MEMBERS = List.of("heapUsedBytes", "heapCommittedBytes", "heapMaxBytes",
            "openSessions", "webSocketSessions", "webSocketCloses", "expiryTimerThreads", "threads");

    /** Thread-safe once configured, and never configured further. */
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Reads the JSON object the service answers.
     *
     * @throws IllegalArgumentException if it is not a JSON object with every member as an integer,
     *                                  naming the members that are missing
     */
    static AdminStats parse(String body) {
        JsonNode stats;
        try {
            stats = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("GET /admin/stats answered something that is not JSON");
        }
        if (stats == null || !stats.isObject()) {
            throw new IllegalArgumentException("GET /admin/stats answered something that is not a JSON object");
        }
        List<String> missing = MEMBERS.stream().filter(name -> !stats.path(name).canConvertToExactIntegral())
                .toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("GET /admin/stats lacks the integer members " + missing);
        }
        long[] value = MEMBERS.stream().mapToLong(name -> stats.path(name).longValue()).toArray();
        return new AdminStats(value[0], value[1], value[2], value[3], value[4], value[5], value[6], value[7]);
    }

    /** One line for the report. */
    String describe() {
        return String.format(Locale.ROOT, "heap %.1f MiB used after GC (committed %.1f MiB, max %.1f MiB), open "
                        + "sessions %d, WebSocket sessions %d, WebSocket closes %d, expiry timer threads %d, threads %d",
                heapUsedBytes / 1048576.0, heapCommittedBytes / 1048576.0, heapMaxBytes / 1048576.0, openSessions,
                webSocketSessions, webSocketCloses, expiryTimerThreads, threads);
    }
}
