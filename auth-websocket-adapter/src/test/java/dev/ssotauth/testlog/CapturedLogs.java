package dev.ssotauth.testlog;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;

/**
 * Every log line of the test JVM, for assertions that no token reaches a log: SLF4J (this library,
 * Jetty) through {@link CapturingSlf4jProvider}, and java.util.logging (Tomcat's JULI) through a
 * root handler. A test-only singleton: an SLF4J provider is one per JVM by design.
 */
public final class CapturedLogs {

    private static final Queue<String> LINES = new ConcurrentLinkedQueue<>();

    static {
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        SimpleFormatter formatter = new SimpleFormatter();
        root.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (isLoggable(record)) {
                    add("jul " + record.getLevel() + " " + record.getLoggerName() + " " + formatter.formatMessage(record),
                            record.getThrown());
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

    private CapturedLogs() {
    }

    /** Starts capturing java.util.logging (SLF4J capture starts by itself). */
    public static void install() {
        // the static initialiser does the work
    }

    static void add(String line, Throwable thrown) {
        if (thrown == null) {
            LINES.add(line);
            return;
        }
        StringWriter trace = new StringWriter();
        thrown.printStackTrace(new PrintWriter(trace));
        LINES.add(line + "\n" + trace);
    }

    /** @return every line so far, in order */
    public static List<String> lines() {
        return new ArrayList<>(LINES);
    }
}
