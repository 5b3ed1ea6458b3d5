package dev.ssotauth.core.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;

/**
 * Every line logged while tests run, as formatted text with any throwable's class, message and
 * causes appended, so tests can assert that no token, secret, claim or revoked value was logged:
 * SLF4J through {@link CapturingServiceProvider} (this library's loggers at every level, others from
 * INFO up), and — after {@link #install()} — java.util.logging, which embedded Tomcat uses.
 * Test-only; shared by all tests of a JVM, and by the other modules' tests through auth-core's
 * test-jar.
 */
public final class CapturedLogs {

    private static final List<String> LINES = new ArrayList<>();

    private CapturedLogs() {
    }

    /** Loaded on first {@link #install()}: a java.util.logging root handler that feeds these lines. */
    private static final class Jul {
        static {
            java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
            SimpleFormatter formatter = new SimpleFormatter();
            root.addHandler(new Handler() {
                @Override
                public void publish(LogRecord record) {
                    if (isLoggable(record)) {
                        String line = "jul " + record.getLevel() + " " + record.getLoggerName() + " "
                                + formatter.formatMessage(record);
                        if (record.getThrown() != null) {
                            java.io.StringWriter trace = new java.io.StringWriter();
                            record.getThrown().printStackTrace(new java.io.PrintWriter(trace));
                            line += "\n" + trace;
                        }
                        add(line);
                    }
                }

                @Override
                public void flush() {
                }

                @Override
                public void close() {
                }
            });
        }

        static void load() {
            // the static initialiser does the work
        }
    }

    /** Also captures java.util.logging from now on (SLF4J capture starts by itself). */
    public static void install() {
        Jul.load();
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

    /** Forgets the lines logged so far. */
    public static void clear() {
        synchronized (LINES) {
            LINES.clear();
        }
    }
}
