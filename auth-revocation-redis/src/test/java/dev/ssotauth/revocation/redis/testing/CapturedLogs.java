package dev.ssotauth.revocation.redis.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * Every line logged through SLF4J while tests run (this library's loggers at every level, others from
 * INFO up), as formatted text with any throwable's class, message and causes appended, so tests can
 * assert that no revoked value was logged. Test-only; shared by all tests of a JVM.
 */
public final class CapturedLogs {

    private static final List<String> LINES = new ArrayList<>();

    private CapturedLogs() {
    }

    static void add(String line) {
        synchronized (LINES) {
            LINES.add(line);
        }
    }

    /**
     * A snapshot of the lines logged so far.
     *
     * @return the lines
     */
    public static List<String> lines() {
        synchronized (LINES) {
            return new ArrayList<>(LINES);
        }
    }

    /**
     * The lines logged so far, joined with newlines.
     *
     * @return the text
     */
    public static String text() {
        return String.join("\n", lines());
    }
}
