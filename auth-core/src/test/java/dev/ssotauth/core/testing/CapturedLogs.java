package dev.ssotauth.core.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * Every line logged through SLF4J while tests run, as formatted text with any throwable's class,
 * message and causes appended, so tests can assert that no token, secret or claim value was logged.
 * Test-only; shared by all tests of a JVM.
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

    /** A snapshot of the lines logged so far. */
    public static List<String> lines() {
        synchronized (LINES) {
            return new ArrayList<>(LINES);
        }
    }

    /** The lines logged so far, joined with newlines. */
    public static String text() {
        return String.join("\n", lines());
    }

    /** Forgets the lines logged so far. */
    public static void clear() {
        synchronized (LINES) {
            LINES.clear();
        }
    }
}
