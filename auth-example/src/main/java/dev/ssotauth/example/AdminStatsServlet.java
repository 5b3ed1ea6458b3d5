package dev.ssotauth.example;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /admin/stats}, served only with {@code --admin-stats} and only to loopback clients (others
 * get 403): what a load or soak test needs to see that the service returns to where it started, as
 * numbers and nothing else — no user, token, session id or address.
 *
 * <pre>
 * {"heapUsedBytes":…,"heapCommittedBytes":…,"heapMaxBytes":…,   after a full collection
 *  "openSessions":…,                                                chat connections in the room (chat roles)
 *  "liveWebSocketSessions":…,                                       the container's session objects still reachable
 *  "liveConnectionGuards":…,                                        the adapter's per-connection state still reachable
 *  "liveScheduledTasks":…,                                          scheduled tasks still reachable, the adapter's
 *                                                                   expiry timers among them
 *  "expiryTimerThreads":…,"threads":…}
 * </pre>
 *
 * <p>The {@code live…} counts come from the JVM's class histogram of live objects (the
 * {@code GC.class_histogram} diagnostic command, which runs a full collection first); they are
 * {@code -1} on a JVM without it. Each call stops the world for the collection, hence off by
 * default and one call at a time. The numbers are read one after another, not at one instant: while
 * users connect and disconnect, {@code openSessions} and the {@code live…} counts differ by the
 * connections that came or went in between. Thread-safe.
 */
final class AdminStatsServlet extends HttpServlet {

    static final String PATH = "/admin/stats";

    private static final long serialVersionUID = 1L;
    private static final Logger log = LoggerFactory.getLogger(AdminStatsServlet.class);

    /** The classes whose live instances are counted, by the JSON member that reports them. */
    private static final Map<String, String> COUNTED = Map.of(
            "liveWebSocketSessions", "org.apache.tomcat.websocket.WsSession",
            "liveConnectionGuards", "dev.ssotauth.websocket.ConnectionGuard",
            "liveScheduledTasks", "java.util.concurrent.ScheduledThreadPoolExecutor$ScheduledFutureTask");
    private static final Pattern LOOPBACK_V4 = Pattern.compile("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    private static final Set<String> LOOPBACK_V6 = Set.of("::1", "0:0:0:0:0:0:0:1", "[::1]", "[0:0:0:0:0:0:0:1]");
    /** The name of the adapter's expiry timer threads. */
    static final String EXPIRY_THREAD = "ssot-auth-websocket-expiry";

    private final transient ChatRoom room;
    private final transient Object gate = new Object();

    /** @param room the chat room, or {@code null} for a process that does not chat */
    AdminStatsServlet(ChatRoom room) {
        this.room = room;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!isLoopback(request.getRemoteAddr())) {
            HttpJson.error(response, HttpServletResponse.SC_FORBIDDEN, "forbidden",
                    "admin statistics are served to loopback clients only");
            return;
        }
        if (!"GET".equals(request.getMethod())) {
            HttpJson.methodNotAllowed(response, "GET");
            return;
        }
        String json;
        synchronized (gate) {
            json = measure();
        }
        HttpJson.send(response, HttpServletResponse.SC_OK, json);
    }

    private String measure() {
        Map<String, Long> live = liveInstances();
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        Json.ObjectWriter json = Json.object().put("heapUsedBytes", heap.getUsed())
                .put("heapCommittedBytes", heap.getCommitted()).put("heapMaxBytes", heap.getMax());
        if (room != null) {
            json.put("openSessions", room.size());
        }
        for (String member : new String[] {"liveWebSocketSessions", "liveConnectionGuards", "liveScheduledTasks"}) {
            json.put(member, live.get(member));
        }
        long expiryThreads = Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals(EXPIRY_THREAD)).count();
        return json.put("expiryTimerThreads", expiryThreads)
                .put("threads", ManagementFactory.getThreadMXBean().getThreadCount()).toString();
    }

    /** The live-instance counts, after the full collection the histogram makes; -1 when unavailable. */
    private static Map<String, Long> liveInstances() {
        Map<String, Long> counts = new LinkedHashMap<>();
        COUNTED.keySet().forEach(member -> counts.put(member, -1L));
        String histogram;
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            histogram = (String) server.invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"),
                    "gcClassHistogram", new Object[] {new String[0]}, new String[] {String[].class.getName()});
        } catch (JMException | RuntimeException e) {
            log.debug("no class histogram on this JVM ({})", e.getClass().getSimpleName());
            System.gc();
            return counts;
        }
        COUNTED.keySet().forEach(member -> counts.put(member, 0L));
        for (String line : histogram.split("\n")) {
            String[] columns = line.strip().split("\\s+");
            // "  12:   345   6789  class.Name (module@version)"
            if (columns.length < 4 || !columns[0].endsWith(":")) {
                continue;
            }
            for (Map.Entry<String, String> counted : COUNTED.entrySet()) {
                if (columns[3].equals(counted.getValue())) {
                    counts.put(counted.getKey(), Long.parseLong(columns[1]));
                }
            }
        }
        return counts;
    }

    /**
     * Whether {@code address}, the IP literal the container gives as the remote address, is on the
     * loopback interface: {@code 127.0.0.0/8} or {@code ::1}. Never a name lookup.
     */
    static boolean isLoopback(String address) {
        return address != null && (LOOPBACK_V4.matcher(address).matches() || LOOPBACK_V6.contains(address));
    }
}
