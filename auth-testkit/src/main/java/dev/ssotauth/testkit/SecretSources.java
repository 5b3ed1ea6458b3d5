package dev.ssotauth.testkit;

import dev.ssotauth.core.AuthConfigurationException;
import dev.ssotauth.core.JwtAuthority;
import dev.ssotauth.core.internal.Fingerprints;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The analysis behind {@link FragmentationAssertions#assertSingleSecretSource(Map)}. Whether a secret
 * is weak is decided by core (the one definition of "weak", with its deny list); this class only finds
 * the variables, decodes them as core does, and compares them by fingerprint. Stateless.
 */
final class SecretSources {

    /** The variable core reads, and the one to keep. */
    static final String CANONICAL = "JWT_SECRET_KEY";
    /** The four names of the origin report. */
    static final Set<String> KNOWN_NAMES =
            Set.of(CANONICAL, "JWT_SECRET", "WEBSOCKET_JWT_SECRET", "AUTH_SERVICE_JWT_SECRET");
    /** Names that contain JWT and KEY but hold a location or an id, not a secret. */
    private static final List<String> NOT_A_SECRET_SUFFIXES = List.of("_FILE", "_PATH", "_URI", "_URL", "_ID");
    private static final String CORE_LABEL = CANONICAL + " (environment variable)";

    /** One variable holding a secret. */
    static final class Entry {
        final String label;
        final String raw;
        final byte[] bytes; // as core reads it; null when it cannot be decoded

        Entry(String label, String raw) {
            this.label = label;
            this.raw = raw;
            this.bytes = decode(raw);
        }
    }

    private SecretSources() {
    }

    /** Whether a variable of this name is taken for a JWT secret. */
    static boolean isSecretName(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        if (KNOWN_NAMES.contains(upper)) {
            return true;
        }
        if (!upper.contains("JWT") || !(upper.contains("SECRET") || upper.contains("KEY"))) {
            return false;
        }
        return NOT_A_SECRET_SUFFIXES.stream().noneMatch(upper::endsWith);
    }

    /** The problems, in a fixed order; empty when the secret is single-sourced. */
    static List<String> problems(List<Entry> entries) {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparing(e -> e.label));
        List<String> problems = new ArrayList<>();
        for (Entry entry : sorted) {
            String weak = weakness(entry);
            if (weak != null) {
                problems.add(weak);
            }
        }
        List<Entry> decoded = sorted.stream().filter(e -> e.bytes != null && e.bytes.length > 0)
                .collect(Collectors.toList());
        Set<String> fingerprints = decoded.stream().map(e -> Fingerprints.of(e.bytes))
                .collect(Collectors.toCollection(TreeSet::new));
        if (fingerprints.size() > 1) {
            problems.add(decoded.size() + " variables hold " + fingerprints.size() + " different secrets, so a token "
                    + "signed with one is rejected wherever another is read: " + decoded.stream()
                    .map(e -> e.label + " fingerprint " + Fingerprints.of(e.bytes)).collect(Collectors.joining(", "))
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

    /** Core's verdict on the secret alone, with the variable's own label; {@code null} when strong. */
    private static String weakness(Entry entry) {
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put(CANONICAL, entry.raw);
        variables.put("JWT_ISSUER", "https://secret-check.invalid");
        variables.put("JWT_AUDIENCE", "secret-check");
        try {
            JwtAuthority.fromEnvironment(variables);
            return null;
        } catch (AuthConfigurationException e) {
            String message = String.valueOf(e.getMessage());
            if (message.startsWith(CORE_LABEL)) {
                return entry.label + message.substring(CORE_LABEL.length());
            }
            return entry.label + " is refused by ssot-auth: " + message;
        }
    }

    /**
     * {@code b} repeats {@code a}'s secret in another encoding: the same bytes written differently, or
     * an encoding of {@code a}'s bytes that is read as plain text. Same-byte pairs are reported once.
     */
    private static String encodingProblem(Entry a, Entry b, boolean firstOfPair) {
        if (a == b || a.raw.equals(b.raw)) {
            return null;
        }
        if (Arrays.equals(a.bytes, b.bytes)) {
            return firstOfPair ? a.label + " and " + b.label + " hold the same secret (fingerprint "
                    + Fingerprints.of(a.bytes) + ") in two encodings; keep it in one variable, in one encoding" : null;
        }
        String encoding = plainEncodingOf(b.raw, a.bytes);
        if (encoding == null) {
            return null;
        }
        return b.label + " holds the " + encoding + " encoding of the secret in " + a.label + " (fingerprint "
                + Fingerprints.of(a.bytes) + ") but is read as text, which makes it a different secret (fingerprint "
                + Fingerprints.of(b.bytes) + "); keep one variable, in one encoding";
    }

    /** Which encoding of {@code secret} the text {@code raw} is, if any. */
    private static String plainEncodingOf(String raw, byte[] secret) {
        String text = stripPrefix(raw).strip();
        if (Arrays.equals(tryDecode(Base64.getDecoder(), text), secret)) {
            return "Base64";
        }
        if (Arrays.equals(tryDecode(Base64.getUrlDecoder(), text), secret)) {
            return "Base64url";
        }
        if (Arrays.equals(hex(text), secret)) {
            return "hex";
        }
        return null;
    }

    /** As core reads a secret variable: {@code base64:} / {@code base64url:} prefixed, or UTF-8 text. */
    static byte[] decode(String raw) {
        if (raw.startsWith("base64:")) {
            return tryDecode(Base64.getDecoder(), raw.substring("base64:".length()).strip());
        }
        if (raw.startsWith("base64url:")) {
            return tryDecode(Base64.getUrlDecoder(), raw.substring("base64url:".length()).strip());
        }
        return raw.getBytes(StandardCharsets.UTF_8);
    }

    private static String stripPrefix(String raw) {
        if (raw.startsWith("base64:")) {
            return raw.substring("base64:".length());
        }
        if (raw.startsWith("base64url:")) {
            return raw.substring("base64url:".length());
        }
        return raw;
    }

    private static byte[] tryDecode(Base64.Decoder decoder, String text) {
        try {
            return decoder.decode(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static byte[] hex(String text) {
        if (text.isEmpty() || text.length() % 2 != 0) {
            return null;
        }
        byte[] out = new byte[text.length() / 2];
        for (int i = 0; i < out.length; i++) {
            int hi = Character.digit(text.charAt(2 * i), 16);
            int lo = Character.digit(text.charAt(2 * i + 1), 16);
            if (hi < 0 || lo < 0) {
                return null;
            }
            out[i] = (byte) (hi << 4 | lo);
        }
        return out;
    }
}
