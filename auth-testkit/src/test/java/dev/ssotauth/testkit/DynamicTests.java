package dev.ssotauth.testkit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DynamicTest;

/** Runs dynamic tests by hand, so that a test can assert which of them fail, and how. */
final class DynamicTests {

    private DynamicTests() {
    }

    /** Display name → failure message, or {@code "passed"}; in suite order. */
    static Map<String, String> run(List<DynamicTest> tests) {
        Map<String, String> outcomes = new LinkedHashMap<>();
        for (DynamicTest test : tests) {
            String outcome;
            try {
                test.getExecutable().execute();
                outcome = "passed";
            } catch (AssertionError e) {
                outcome = e.getMessage();
            } catch (Throwable t) {
                throw new IllegalStateException(test.getDisplayName() + " threw " + t, t);
            }
            outcomes.put(test.getDisplayName(), outcome);
        }
        return outcomes;
    }
}
