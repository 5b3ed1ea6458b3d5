package dev.ssotauth.doctor;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the doctor found, in the origin report's terms: one {@link Section} per check, each holding
 * or not, with the lines a person reads and the figures a machine reads. Holds no token, password or
 * secret. Immutable.
 *
 * @param system   one line naming the components and the users tried
 * @param sections the checks, in the order they ran
 */
record Report(String system, List<Section> sections) {

    Report {
        Objects.requireNonNull(system, "system");
        sections = List.copyOf(sections);
    }

    /** Whether every check holds: the exit code is 0 only then. */
    boolean holds() {
        return sections.stream().allMatch(Section::holds);
    }

    /** How many checks do not hold. */
    long failures() {
        return sections.stream().filter(s -> !s.holds()).count();
    }

    /**
     * One check.
     *
     * @param name    its name, e.g. {@code cross-validation}
     * @param holds   whether it holds
     * @param lines   what it found, for a person
     * @param figures what it found, for a machine: numbers, texts and lists of them, in a fixed order
     */
    record Section(String name, boolean holds, List<String> lines, Map<String, Object> figures) {

        Section {
            Objects.requireNonNull(name, "name");
            lines = List.copyOf(lines);
            figures = Collections.unmodifiableMap(new LinkedHashMap<>(figures));
        }
    }

    /** A share in percent with one decimal, as the origin report writes it ({@code 25.0%}). */
    static String percent(int part, int whole) {
        if (whole == 0) {
            return "0.0%";
        }
        return BigDecimal.valueOf(part * 100L).divide(BigDecimal.valueOf(whole), 1, RoundingMode.HALF_UP) + "%";
    }

    /** The same share as a number, for JSON. */
    static double rate(int part, int whole) {
        return whole == 0 ? 0.0 : BigDecimal.valueOf(part * 100L).divide(BigDecimal.valueOf(whole), 1,
                RoundingMode.HALF_UP).doubleValue();
    }
}
