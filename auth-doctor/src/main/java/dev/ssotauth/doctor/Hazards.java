package dev.ssotauth.doctor;

import com.fasterxml.jackson.databind.JsonNode;

import dev.ssotauth.core.ConfigurationReport;
import dev.ssotauth.testkit.ForgedTokens;
import dev.ssotauth.testkit.FragmentationAssertions;
import dev.ssotauth.testkit.TestTokens;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The checks that look for harm rather than for a working path: the testkit's attack suites against
 * every HTTP and WebSocket component, and the secret-sprawl check over the services' environment
 * files. Secrets and tokens are used, never kept in the report. Made per run.
 */
final class Hazards {

    private final Optional<byte[]> attackSecret;
    private final List<Path> environmentFiles;
    private final Clock clock;

    /**
     * @param attackSecret     the system's HMAC secret as core reads it, for the attacks that need the key
     * @param environmentFiles the services' environment files
     * @param clock            dates the attack tokens
     */
    Hazards(Optional<byte[]> attackSecret, List<Path> environmentFiles, Clock clock) {
        this.attackSecret = attackSecret.map(byte[]::clone);
        this.environmentFiles = List.copyOf(environmentFiles);
        this.clock = clock;
    }

    /** A secret's bytes as core reads a variable: {@code base64:} / {@code base64url:} prefixed, or UTF-8 text. */
    static byte[] secretBytes(String value) {
        if (value.startsWith("base64:")) {
            return Base64.getMimeDecoder().decode(value.substring("base64:".length()));
        }
        if (value.startsWith("base64url:")) {
            return Base64.getUrlDecoder().decode(value.substring("base64url:".length()));
        }
        return value.getBytes(StandardCharsets.UTF_8);
    }

    /** The attack suites: nothing may be accepted, no answer may echo the token. */
    Report.Section attacks(Examination examination) {
        List<String> lines = new ArrayList<>();
        Map<String, Object> accepted = new LinkedHashMap<>();
        boolean holds = true;
        int echoed = 0;
        for (SystemFile.Component component : examination.system().checks()) {
            SystemFile.Check check = component.check().orElseThrow();
            if (check instanceof SystemFile.CommandCheck) {
                continue;
            }
            String base = examination.token(examination.trustedLogin(component.name()), 0);
            List<ForgedTokens.Forgery> forgeries = forgeries(base);
            List<String> acceptedHere = new ArrayList<>();
            int tried = 1 + forgeries.size();
            examination.progress().step("attacks", component.name() + ": no token");
            Probe.Answer none = examination.probe().present(check, null);
            if (none.accepted()) {
                acceptedHere.add("no token (" + status(none) + ")");
            }
            for (ForgedTokens.Forgery forgery : forgeries) {
                examination.progress().step("attacks", component.name() + ": " + forgery.description());
                Probe.Answer answer = examination.probe().present(check, forgery.token());
                if (answer.accepted()) {
                    acceptedHere.add(forgery.description() + " (" + status(answer) + ")");
                }
                if (answer.echoed()) {
                    echoed++;
                    lines.add("  " + component.name() + " echoed " + forgery.description() + " in its answer");
                }
            }
            holds &= acceptedHere.isEmpty();
            accepted.put(component.name(), acceptedHere.size());
            lines.add(component.name() + ": " + acceptedHere.size() + "/" + tried + " attacks accepted");
            acceptedHere.forEach(a -> lines.add("  accepted: " + a));
        }
        List<String> validEchoes = examination.echoes();
        validEchoes.stream().distinct().forEach(c -> lines.add(c + " echoed a valid token in its answer"));
        echoed += validEchoes.size();
        holds &= echoed == 0;
        lines.add("Answers that echoed a token: " + echoed);
        if (attackSecret.isEmpty()) {
            lines.add("(attacks that need no key; give attacks.secret-env for expired, wrong audience and the rest)");
        }
        if (accepted.isEmpty()) {
            lines.add(0, "not checked: no HTTP or WebSocket component");
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("attacksAccepted", accepted);
        figures.put("answersEchoingToken", echoed);
        return new Report.Section("attacks", holds, lines, figures);
    }

    private List<ForgedTokens.Forgery> forgeries(String base) {
        if (attackSecret.isPresent() && base != null) {
            JsonNode claims = claims(base);
            JsonNode issuer = claims == null ? null : claims.get("iss");
            JsonNode audience = claims == null ? null : claims.get("aud");
            if (audience != null && audience.isArray()) {
                audience = audience.get(0);
            }
            if (issuer != null && issuer.isTextual() && audience != null && audience.isTextual()) {
                return ForgedTokens.of(TestTokens.of(attackSecret.get(), issuer.asText(), audience.asText(), clock));
            }
        }
        return base == null ? List.of() : ForgedTokens.from(base);
    }

    private static JsonNode claims(String token) {
        String[] parts = token.split("\\.");
        if (parts.length != 3) {
            return null;
        }
        try {
            return Probe.parse(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String status(Probe.Answer answer) {
        return answer.status() == 101 ? "upgraded, 101" : "status " + answer.status();
    }

    /** The secret-sprawl check, when environment files are given. */
    Optional<Report.Section> secrets() {
        if (environmentFiles.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> variables = new LinkedHashMap<>();
        for (Path file : environmentFiles) {
            variables.putAll(read(file));
        }
        List<String> lines = new ArrayList<>();
        boolean holds;
        try {
            FragmentationAssertions.assertSingleSecretSource(variables);
            holds = true;
            long secrets = ConfigurationReport.of(variables).variables().stream()
                    .filter(ConfigurationReport.Variable::secret).count();
            lines.add("JWT secret single-sourced: " + secrets + (secrets == 1 ? " variable" : " variables") + " in "
                    + environmentFiles.size() + (environmentFiles.size() == 1 ? " file" : " files")
                    + (secrets == 1 ? " holds it" : " hold one secret"));
        } catch (AssertionError sprawl) {
            holds = false;
            lines.addAll(sprawl.getMessage().lines().toList());
        }
        return Optional.of(new Report.Section("secret sprawl", holds, lines,
                Map.of("files", environmentFiles.size())));
    }

    /** Reads {@code NAME=value} lines ({@code export}, quotes and comments allowed), each named {@code file:NAME}. */
    static Map<String, String> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UnreadableFile("cannot read the environment file " + file.getFileName() + " ("
                    + e.getClass().getSimpleName() + ")");
        }
        Map<String, String> variables = new LinkedHashMap<>();
        for (String line : lines) {
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            if (text.startsWith("export ")) {
                text = text.substring("export ".length()).strip();
            }
            int equals = text.indexOf('=');
            if (equals <= 0) {
                continue;
            }
            String value = text.substring(equals + 1).strip();
            if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                    || value.startsWith("'") && value.endsWith("'"))) {
                value = value.substring(1, value.length() - 1);
            }
            variables.put(file.getFileName() + ":" + text.substring(0, equals).strip(), value);
        }
        return variables;
    }

    /** An environment file that cannot be read; the message names it, never its content. */
    static final class UnreadableFile extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UnreadableFile(String message) {
            super(message);
        }
    }
}
