package dev.ssotauth.testlog;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * A test SLF4J backend that keeps every line in {@link CapturedLogs}: all levels for
 * {@code dev.ssotauth}, INFO and above for everything else (the containers' debug output is large and
 * theirs to keep clean), and echoes WARN and above to standard error.
 */
public final class CapturingSlf4jProvider implements SLF4JServiceProvider {

    private final Map<String, Logger> loggers = new ConcurrentHashMap<>();
    private final ILoggerFactory factory = name -> loggers.computeIfAbsent(name, CapturingLogger::new);
    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final MDCAdapter mdc = new NOPMDCAdapter();

    /** Called by SLF4J's service loader. */
    public CapturingSlf4jProvider() {
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return factory;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {
    }

    private static final class CapturingLogger extends LegacyAbstractLogger {
        private static final long serialVersionUID = 1L;

        private final boolean ours;

        CapturingLogger(String name) {
            this.name = name;
            this.ours = name.startsWith("dev.ssotauth");
        }

        @Override
        public boolean isTraceEnabled() {
            return ours;
        }

        @Override
        public boolean isDebugEnabled() {
            return ours;
        }

        @Override
        public boolean isInfoEnabled() {
            return true;
        }

        @Override
        public boolean isWarnEnabled() {
            return true;
        }

        @Override
        public boolean isErrorEnabled() {
            return true;
        }

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(Level level, Marker marker, String messagePattern,
                Object[] arguments, Throwable throwable) {
            String line = "slf4j " + level + " " + name + " "
                    + MessageFormatter.basicArrayFormat(messagePattern, arguments);
            CapturedLogs.add(line, throwable);
            if (level.toInt() >= Level.WARN.toInt()) {
                System.err.println(line + (throwable == null ? "" : " (" + throwable + ")"));
            }
        }
    }
}
