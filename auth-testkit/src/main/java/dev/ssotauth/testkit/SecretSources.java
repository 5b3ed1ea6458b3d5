package dev.ssotauth.testkit;

import dev.ssotauth.core.ConfigurationReport;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The analysis behind {@link FragmentationAssertions#assertSingleSecretSource(Map)}, over core's
 * {@link ConfigurationReport}: core decides which variables hold a secret, how each is read, whether
 * it is weak, and fingerprints it; this class only compares the entries. Stateless.
 */
final class SecretSources {

    /** The variable core reads, and the one to keep. */
    static final String CANONICAL = "JWT_SECRET_KEY";

    /**
     * One variable holding a secret, as the report describes it.
     *
     * @param label       how the message names it
     * @param fingerprint of its bytes as core reads them; {@code null} when it cannot be read or is empty
     * @param encoding    how core reads its text
     * @param problem     core's refusal of it alone, phrased after {@code label}; {@code null} if none
     * @param decodings   fingerprints of its text decoded as Base64, Base64url and hex
     */
    record Entry(String label, String fingerprint, String encoding, String problem, Map<String, String> decodings) {
    }

    private SecretSources() {
    }

    /**
     * The secrets of {@code report}.
     *
     * @param withSource whether labels say where a variable was read ({@code NAME (environment variable)})
     */
    static List<Entry> of(ConfigurationReport report, boolean withSource) {
        List<Entry> entries = new ArrayList<>();
        for (ConfigurationReport.Variable v : report.variables()) {
            if (!v.secret()) {
                continue;
            }
            String label = withSource ? v.label() : v.name();
            String problem = v.problem().map(p -> p.startsWith(v.label()) ? label + p.substring(v.label().length())
                    : label + " is refused by ssot-auth: " + p).orElse(null);
            String fingerprint = v.fingerprint().filter(f -> !f.equals("(empty)")).orElse(null);
            entries.add(new Entry(label, fingerprint, v.encoding().orElse("text"), problem, v.decodings()));
        }
        return entries;
    }

    /** The problems, in a fixed order; empty when the secret is single-sourced. */
    static List<String> problems(List<Entry> entries) {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparing(Entry::label));
        List<String> problems = new ArrayList<>();
        sorted.stream().map(Entry::problem).filter(p -> p != null).forEach(problems::add);
        List<Entry> decoded = sorted.stream().filter(e -> e.fingerprint() != null).collect(Collectors.toList());
        Set<String> fingerprints = decoded.stream().map(Entry::fingerprint)
                .collect(Collectors.toCollection(TreeSet::new));
        if (fingerprints.size() > 1) {
            problems.add(decoded.size() + " variables hold " + fingerprints.size() + " different secrets, so a token "
                    + "signed with one is rejected wherever another is read: " + decoded.stream()
                    .map(e -> e.label() + " fingerprint " + e.fingerprint()).collect(Collectors.joining(", "))
                    + "; keep one secret in " + CANONICAL + " and remove the others");
        }
        for (int i = 0; i < decoded.size(); i++) {
            for (int j = 0; j < decoded.size(); j++) {
                String encoding = encodingProblem(decoded.get(i), decoded.get(j), i < j);
                if (encoding != null) {
                    problems.add(encoding);
                }
            }
        }
        return problems;
    }

    /** The failure message for {@code problems}, or {@code null} when there are none. */
    static String message(List<String> problems) {
        if (problems.isEmpty()) {
            return null;
        }
        return "JWT secret is not single-sourced:\n" + problems.stream().map(p -> "  - " + p)
                .collect(Collectors.joining("\n"));
    }

    /**
     * {@code b} repeats {@code a}'s secret in another encoding: the same bytes written differently, or
     * an encoding of {@code a}'s bytes that is read as plain text. Same-byte pairs are reported once.
     */
    private static String encodingProblem(Entry a, Entry b, boolean firstOfPair) {
        if (a == b) {
            return null;
        }
        if (a.fingerprint().equals(b.fingerprint())) {
            return firstOfPair && !a.encoding().equals(b.encoding()) ? a.label() + " and " + b.label()
                    + " hold the same secret (fingerprint " + a.fingerprint() + ") in two encodings; keep it in one "
                    + "variable, in one encoding" : null;
        }
        for (String encoding : List.of("Base64", "Base64url", "hex")) {
            if (a.fingerprint().equals(b.decodings().get(encoding))) {
                return b.label() + " holds the " + encoding + " encoding of the secret in " + a.label()
                        + " (fingerprint " + a.fingerprint() + ") but is read as text, which makes it a different "
                        + "secret (fingerprint " + b.fingerprint() + "); keep one variable, in one encoding";
            }
        }
        return null;
    }
}
