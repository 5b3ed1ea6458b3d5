package dev.ssotauth.example;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Numbers for operators, to loopback clients only (others get 403); no user, token, session or address in
 * them. {@code GET /metrics}: the {@code ssot.auth.*} meters in Prometheus's text format. {@code GET
 * /admin/stats} (with {@code --admin-stats}; a full collection each, one call at a time): {@link Stats}, what a
 * load test needs to see that the service returns to where it started.
 */
final class AdminServlet extends HttpServlet {

    static final String METRICS = "/metrics";
    static final String STATS = "/admin/stats";
    static final String EXPIRY_THREAD = "ssot-auth-websocket-expiry";

    private static final long serialVersionUID = 1L;
    private static final Pattern LOOPBACK_V4 = Pattern.compile("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    private static final Set<String> LOOPBACK_V6 = Set.of("::1", "0:0:0:0:0:0:0:1", "[::1]", "[0:0:0:0:0:0:0:1]");

    private final transient ChatRoom room;
    private final transient PrometheusMeterRegistry registry;

    /** {@code /admin/stats}, read after a full collection; auth-loadtest reads these members. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Stats(long heapUsedBytes, long heapCommittedBytes, long heapMaxBytes, Integer openSessions,
            long webSocketSessions, long webSocketCloses, long expiryTimerThreads, int threads) {
    }

    AdminServlet(ChatRoom room, PrometheusMeterRegistry registry) {
        this.room = room;
        this.registry = registry;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!isLoopback(request.getRemoteAddr())) {
            HttpJson.error(response, 403, "forbidden", "served to loopback clients only");
        } else if (request.getServletPath().equals(METRICS)) {
            response.setContentType("text/plain; version=0.0.4; charset=utf-8");
            response.getWriter().write(registry.scrape());
        } else {
            HttpJson.send(response, 200, stats());
        }
    }

    private synchronized Stats stats() {
        ManagementFactory.getMemoryMXBean().gc();
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return new Stats(heap.getUsed(), heap.getCommitted(), heap.getMax(), room == null ? null : room.size(),
                (long) registry.get("ssot.auth.websocket.sessions").gauge().value(),
                (long) registry.get("ssot.auth.websocket.closes").functionCounters().stream() // one per reason
                        .mapToDouble(FunctionCounter::count).sum(),
                Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(EXPIRY_THREAD)).count(),
                ManagementFactory.getThreadMXBean().getThreadCount());
    }

    /** Whether the IP literal {@code address} is in {@code 127.0.0.0/8} or is {@code ::1}; no name lookup. */
    static boolean isLoopback(String address) {
        return address != null && (LOOPBACK_V4.matcher(address).matches() || LOOPBACK_V6.contains(address));
    }
}
