package dev.ssotauth.loadtest;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Samples of Prometheus's text exposition format, as the example's {@code GET /metrics} serves them.
 */
final class PrometheusText {

    private PrometheusText() {
    }

    /**
     * Each sample by its name and labels as written
     * ({@code ssot_auth_websocket_closes_total{reason="expired"}}), comments and blank lines left out;
     * a trailing timestamp is dropped.
     *
     * @throws IllegalArgumentException naming the line number of a sample whose value is not a number
     */
    static Map<String, Double> parse(String text) {
        Map<String, Double> samples = new TreeMap<>();
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int labelsEnd = line.lastIndexOf('}');
            int space = line.indexOf(' ', Math.max(0, labelsEnd));
            if (space < 0) {
                throw new IllegalArgumentException("line " + (i + 1) + " of /metrics has no value");
            }
            String[] rest = line.substring(space + 1).strip().split("\\s+");
            try {
                samples.put(line.substring(0, space), value(rest[0]));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("line " + (i + 1) + " of /metrics has a value that is not a number");
            }
        }
        return Collections.unmodifiableMap(samples);
    }

    private static double value(String text) {
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(text);
        };
    }
}
