package dev.ssotauth.doctor;

import java.io.PrintStream;

/**
 * The progress line on standard error: one line, rewritten in place ({@code \r}) at each step, and
 * cleared before the report is printed. Names checks and components, never a token. Used from the
 * threads of one run; its methods are synchronized.
 */
final class ProgressLine implements Examination.Progress {

    private static final int WIDTH = 100;

    private final PrintStream err;
    private final boolean enabled;
    private int steps;
    private int shown;

    ProgressLine(PrintStream err, boolean enabled) {
        this.err = err;
        this.enabled = enabled;
    }

    @Override
    public synchronized void step(String phase, String what) {
        steps++;
        if (!enabled) {
            return;
        }
        String line = "auth-doctor: step " + steps + ", " + phase + ": " + what;
        if (line.length() > WIDTH) {
            line = line.substring(0, WIDTH - 1) + "…";
        }
        err.print("\r" + line + " ".repeat(Math.max(0, shown - line.length())));
        err.flush();
        shown = line.length();
    }

    /** Removes the line. */
    synchronized void clear() {
        if (enabled && shown > 0) {
            err.print("\r" + " ".repeat(shown) + "\r");
            err.flush();
            shown = 0;
        }
    }
}
