package dev.ssotauth.testkit;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Percentages with one decimal, as the origin report writes them ({@code 25.0%}). Stateless. */
final class Percent {

    private Percent() {
    }

    static String of(int part, int whole) {
        if (whole == 0) {
            return "0.0%";
        }
        return BigDecimal.valueOf(part * 100L).divide(BigDecimal.valueOf(whole), 1, RoundingMode.HALF_UP) + "%";
    }

    static double value(int part, int whole) {
        return whole == 0 ? 0.0 : part * 100.0 / whole;
    }
}
