package dev.ssotauth.core.internal;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as configuration writes them: ISO-8601 ({@code PT15M}) or a whole number with a unit
 * ({@code 500ms}, {@code 30s}, {@code 15m}, {@code 1h}, {@code 1d}). Stateless.
 */
public final class Durations {

    private static final Pattern SHORT = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");

    private Durations() {
    }

    /**
     * Reads a duration.
     *
     * @param text the text
     * @return the duration
     * @throws IllegalArgumentException saying the text is not a duration (without quoting it)
     */
    public static Duration parse(String text) {
        String stripped = text.strip();
        Matcher m = SHORT.matcher(stripped.toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long amount = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        }
        try {
            return Duration.parse(stripped);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("is not a duration: use ISO-8601 such as PT15M, or a number with a unit: "
                    + "500ms, 30s, 15m, 1h, 1d");
        }
    }

    /**
     * Writes a duration in the short form when it is a whole number of one unit, ISO-8601 otherwise.
     *
     * @param duration the duration
     * @return e.g. {@code 500ms}, {@code 30s}, {@code 15m}, {@code 1d}, {@code PT1.5S}
     */
    public static String show(Duration duration) {
        if (duration.isNegative()) {
            return duration.equals(Duration.ofSeconds(Long.MIN_VALUE)) ? duration.toString()
                    : "-" + show(duration.negated());
        }
        if (duration.isZero()) {
            return "0s";
        }
        if (duration.getNano() % 1_000_000 != 0) {
            return duration.toString();
        }
        long millis = duration.toMillis();
        long[] sizes = {86_400_000L, 3_600_000L, 60_000L, 1_000L, 1L};
        String[] units = {"d", "h", "m", "s", "ms"};
        for (int i = 0; i < sizes.length; i++) {
            if (millis % sizes[i] == 0) {
                return millis / sizes[i] + units[i];
            }
        }
        return duration.toString();
    }
}
