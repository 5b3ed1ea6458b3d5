package dev.ssotauth.doctor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * One run of the doctor against a running system: logs every user in at every login, then the
 * cross-validation matrix, the golden path, identity isolation and the WebSocket handshakes, then
 * (through {@link Hazards}) the attacks and the secret sprawl. Made per run; not shared.
 */
final class Examination {

    /** Told what runs now, for a progress line. */
    interface Progress {
        /**
         * One step begins.
         *
         * @param phase the check, e.g. {@code golden path}
         * @param what  the step, e.g. {@code alice → chat}; never a token
         */
        void step(String phase, String what);
    }

    /** What a login gave a user: a token, or why not. */
    sealed interface Issued permits Token, Refused {
    }

    /** A token; {@link #toString()} hides it. */
    record Token(String value) implements Issued {
        @Override
        public String toString() {
            return "Token[hidden]";
        }
    }

    /** No token, and why (safe to print). */
    record Refused(String note) implements Issued {
    }

    private final SystemFile system;
    private final List<Credentials> users;
    private final Probe probe;
    private final Progress progress;
    /** Login component → one outcome per user, in the users' order. */
    private final Map<String, List<Issued>> issued = new LinkedHashMap<>();
    /** Check component → login component whose token (first user's) it accepted first; for isolation and attacks. */
    private final Map<String, String> trustedLogin = new LinkedHashMap<>();
    /** WebSocket check → handshake status of each valid token presented → how many times. */
    private final Map<String, Map<Integer, Integer>> handshakes = new ConcurrentHashMap<>();
    private final List<String> echoes = new CopyOnWriteArrayList<>();

    Examination(SystemFile system, List<Credentials> users, Probe probe, Progress progress) {
        this.system = system;
        this.users = List.copyOf(users);
        this.probe = probe;
        this.progress = progress;
    }

    /** Runs every check, in order; {@code hazards} adds the attacks and the secret sprawl. */
    Report run(Hazards hazards) {
        logIn();
        List<Report.Section> sections = new ArrayList<>();
        sections.add(crossValidation());
        sections.add(goldenPath());
        sections.add(isolation());
        if (system.checks().stream().anyMatch(c -> c.check().orElseThrow() instanceof SystemFile.WebSocketCheck)) {
            sections.add(handshakes());
        }
        sections.add(hazards.attacks(this));
        hazards.secrets().ifPresent(sections::add);
        String title = system.components().size() + " components (" + system.components().stream()
                .map(SystemFile.Component::name).collect(Collectors.joining(", ")) + "), " + users.size()
                + (users.size() == 1 ? " user" : " users");
        return new Report(title, sections);
    }

    private void logIn() {
        for (SystemFile.Component login : system.logins()) {
            List<Issued> outcomes = new ArrayList<>();
            for (Credentials user : users) {
                progress.step("logins", user.label() + " at " + login.name());
                try {
                    outcomes.add(new Token(probe.login(login.login().orElseThrow(), user.username(), user.password())));
                } catch (Probe.LoginFailed e) {
                    outcomes.add(new Refused(e.getMessage()));
                }
            }
            issued.put(login.name(), outcomes);
        }
    }

    /** The token {@code login} gave user {@code u}, or {@code null}. */
    String token(String login, int u) {
        return issued.get(login).get(u) instanceof Token token ? token.value() : null;
    }

    /** The login whose tokens {@code check} accepted, else the first login. */
    String trustedLogin(String check) {
        return trustedLogin.getOrDefault(check, system.logins().get(0).name());
    }

    /** Presents a valid token, counting handshake statuses and echoes. */
    Probe.Answer presentValid(SystemFile.Component component, String token) {
        Probe.Answer answer = probe.present(component.check().orElseThrow(), token);
        if (component.check().orElseThrow() instanceof SystemFile.WebSocketCheck) {
            handshakes.computeIfAbsent(component.name(), k -> new ConcurrentHashMap<>()).merge(answer.status(), 1,
                    Integer::sum);
        }
        if (answer.echoed()) {
            echoes.add(component.name());
        }
        return answer;
    }

    /** Components whose answers to valid tokens echoed them. */
    List<String> echoes() {
        return List.copyOf(echoes);
    }

    SystemFile system() {
        return system;
    }

    Probe probe() {
        return probe;
    }

    Progress progress() {
        return progress;
    }

    private Report.Section crossValidation() {
        List<SystemFile.Component> logins = system.logins();
        List<SystemFile.Component> checks = system.checks();
        Credentials user = users.get(0);
        List<List<String>> rows = new ArrayList<>();
        int ok = 0;
        for (SystemFile.Component login : logins) {
            List<String> row = new ArrayList<>();
            String token = token(login.name(), 0);
            for (SystemFile.Component check : checks) {
                progress.step("cross-validation", login.name() + " → " + check.name());
                String cell;
                if (token == null) {
                    cell = "login-failed";
                } else {
                    cell = judge(presentValid(check, token), user);
                }
                if (cell.equals("ok")) {
                    ok++;
                    trustedLogin.putIfAbsent(check.name(), login.name());
                }
                row.add(cell);
            }
            rows.add(row);
        }
        int total = logins.size() * checks.size();
        List<String> lines = new ArrayList<>(table(logins, checks, rows));
        lines.add("Total cross-validations: " + total);
        lines.add("Successful validations: " + ok);
        lines.add("Success rate: " + Report.percent(ok, total));
        issued.forEach((login, outcomes) -> {
            for (int u = 0; u < outcomes.size(); u++) {
                if (outcomes.get(u) instanceof Refused refused) {
                    lines.add("Login refused: " + users.get(u).label() + " at " + login + " (" + refused.note() + ")");
                }
            }
        });
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("total", total);
        figures.put("successful", ok);
        figures.put("successRate", Report.rate(ok, total));
        figures.put("mintedBy", logins.stream().map(SystemFile.Component::name).toList());
        figures.put("acceptedBy", checks.stream().map(SystemFile.Component::name).toList());
        figures.put("cells", rows);
        return new Report.Section("cross-validation", ok == total, lines, figures);
    }

    /** The cell for one answer: {@code ok}, {@code other-subject} or {@code rejected (why)}. */
    private static String judge(Probe.Answer answer, Credentials user) {
        if (!answer.accepted()) {
            return "rejected (" + answer.note().replace("handshake ", "") + ")";
        }
        return answer.subject() == null || answer.subject().equals(user.subject()) ? "ok" : "other-subject";
    }

    private static List<String> table(List<SystemFile.Component> logins, List<SystemFile.Component> checks,
            List<List<String>> cells) {
        List<List<String>> rows = new ArrayList<>();
        List<String> header = new ArrayList<>();
        header.add("minted by \\ accepted by");
        checks.forEach(c -> header.add(c.name()));
        rows.add(header);
        for (int i = 0; i < logins.size(); i++) {
            List<String> row = new ArrayList<>();
            row.add(logins.get(i).name());
            row.addAll(cells.get(i));
            rows.add(row);
        }
        int[] widths = new int[header.size()];
        rows.forEach(row -> {
            for (int c = 0; c < row.size(); c++) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        });
        List<String> lines = new ArrayList<>();
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < row.size(); c++) {
                line.append(row.get(c));
                if (c < row.size() - 1) {
                    line.append(" ".repeat(widths[c] - row.get(c).length() + 2));
                }
            }
            lines.add(line.toString());
        }
        return lines;
    }

    private Report.Section goldenPath() {
        SystemFile.Component login = system.logins().get(0);
        List<SystemFile.Component> downstream = system.checks().stream().filter(c -> c != login).toList();
        if (downstream.isEmpty()) {
            downstream = List.of(login);
        }
        int[] handoffs = new int[downstream.size()];
        List<String> failures = new ArrayList<>();
        for (int u = 0; u < users.size(); u++) {
            Credentials user = users.get(u);
            String token = token(login.name(), u);
            List<String> problems = new ArrayList<>();
            for (int d = 0; d < downstream.size(); d++) {
                SystemFile.Component target = downstream.get(d);
                progress.step("golden path", user.label() + " → " + target.name());
                if (token == null) {
                    problems.add(login.name() + " refused the login");
                    break;
                }
                Probe.Answer answer = presentValid(target, token);
                if (!answer.accepted()) {
                    problems.add(target.name() + " rejected the token (" + answer.note() + ")");
                } else if (answer.subject() != null && !answer.subject().equals(user.subject())) {
                    problems.add(target.name() + " accepted it for another subject");
                } else {
                    handoffs[d]++;
                }
            }
            if (!problems.isEmpty()) {
                failures.add(user.label() + ": " + String.join("; ", problems));
            }
        }
        List<String> lines = new ArrayList<>();
        Map<String, Object> pairs = new LinkedHashMap<>();
        for (int d = 0; d < downstream.size(); d++) {
            String pair = login.name() + "→" + downstream.get(d).name();
            lines.add("Successful " + pair + " handoffs: " + handoffs[d] + "/" + users.size());
            pairs.put(pair, handoffs[d]);
        }
        lines.add("User failure rate: " + Report.percent(failures.size(), users.size()));
        failures.forEach(f -> lines.add("  " + f));
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("users", users.size());
        figures.put("handoffs", pairs);
        figures.put("failedUsers", failures.size());
        figures.put("userFailureRate", Report.rate(failures.size(), users.size()));
        return new Report.Section("golden path", failures.isEmpty(), lines, figures);
    }

    private Report.Section isolation() {
        List<String> lines = new ArrayList<>();
        Map<String, Object> corrupted = new LinkedHashMap<>();
        boolean holds = true;
        for (SystemFile.Component check : system.checks()) {
            if (check.check().orElseThrow().subjectPath().isEmpty()) {
                continue;
            }
            if (users.size() < 2) {
                lines.add(check.name() + ": not checked: it takes two users or more");
                continue;
            }
            String login = trustedLogin(check.name());
            List<String> tokens = new ArrayList<>();
            for (int u = 0; u < users.size(); u++) {
                tokens.add(token(login, u));
            }
            if (tokens.contains(null) || !trustedLogin.containsKey(check.name())) {
                lines.add(check.name() + ": not checked: it accepts no login's tokens for every user");
                continue;
            }
            Map<Integer, Map<String, Integer>> seen = together(check, tokens);
            int victims = seen.size();
            holds &= victims == 0;
            corrupted.put(check.name(), victims);
            lines.add(check.name() + ": " + victims + "/" + users.size() + " concurrent users experienced identity "
                    + "corruption (" + users.size() + " users together, " + system.rounds() + " rounds)");
            seen.forEach((u, others) -> lines.add("  " + users.get(u).label() + " saw " + others.entrySet().stream()
                    .map(e -> e.getKey() + " in " + e.getValue() + " of " + system.rounds() + " rounds")
                    .collect(Collectors.joining(", "))));
        }
        if (corrupted.isEmpty() && lines.isEmpty()) {
            lines.add("not checked: no component names the subject in its answer (give a subject path)");
        }
        return new Report.Section("identity isolation", holds, lines, Map.of("usersWithIdentityCorruption", corrupted));
    }

    /** Every user presents its token at once, {@code rounds} times; user → other identity seen → count. */
    private Map<Integer, Map<String, Integer>> together(SystemFile.Component check, List<String> tokens) {
        Map<Integer, Map<String, Integer>> seen = new TreeMap<>();
        ExecutorService threads = Executors.newFixedThreadPool(users.size(), r -> {
            Thread thread = new Thread(r, "auth-doctor-user");
            thread.setDaemon(true);
            return thread;
        });
        try {
            for (int round = 1; round <= system.rounds(); round++) {
                progress.step("identity isolation", check.name() + " round " + round + "/" + system.rounds());
                CyclicBarrier start = new CyclicBarrier(users.size());
                List<Future<Probe.Answer>> answers = new ArrayList<>();
                for (String token : tokens) {
                    answers.add(threads.submit(() -> {
                        start.await(system.timeout().toMillis(), TimeUnit.MILLISECONDS);
                        return presentValid(check, token);
                    }));
                }
                for (int u = 0; u < users.size(); u++) {
                    String subject = await(answers.get(u)).subject();
                    if (subject != null && !subject.equals(users.get(u).subject())) {
                        String other = users.stream().filter(o -> o.subject().equals(subject)).findFirst()
                                .map(o -> o.label() + "'s identity").orElse("an identity of no listed user");
                        seen.computeIfAbsent(u, k -> new TreeMap<>()).merge(other, 1, Integer::sum);
                    }
                }
            }
        } finally {
            threads.shutdownNow();
        }
        return seen;
    }

    private Probe.Answer await(Future<Probe.Answer> answer) {
        try {
            return answer.get(system.timeout().toMillis() * 3, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            return new Probe.Answer(-1, false, null, false, "no answer");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Probe.Answer(-1, false, null, false, "interrupted");
        }
    }

    private Report.Section handshakes() {
        List<String> lines = new ArrayList<>();
        Map<String, Object> figures = new LinkedHashMap<>();
        boolean holds = true;
        for (SystemFile.Component check : system.checks()) {
            if (!(check.check().orElseThrow() instanceof SystemFile.WebSocketCheck)) {
                continue;
            }
            Map<Integer, Integer> statuses = new TreeMap<>(handshakes.getOrDefault(check.name(), Map.of()));
            holds &= statuses.keySet().stream().allMatch(s -> s == 101);
            lines.add(check.name() + ": " + (statuses.isEmpty() ? "no handshake tried" : statuses.entrySet().stream()
                    .map(e -> (e.getKey() < 0 ? "no answer" : String.valueOf(e.getKey())) + " ×" + e.getValue())
                    .collect(Collectors.joining(", "))));
            Map<String, Integer> byStatus = new LinkedHashMap<>();
            statuses.forEach((status, count) -> byStatus.put(String.valueOf(status), count));
            figures.put(check.name(), byStatus);
        }
        return new Report.Section("websocket handshakes", holds, lines, Map.of("statusCodes", figures));
    }

    /**
     * A user with its name and password resolved from the environment; {@link #toString()} hides the
     * password.
     *
     * @param label    how reports name the user
     * @param username the name to log in with
     * @param password the password
     * @param subject  the subject the system should give the user
     */
    record Credentials(String label, String username, String password, String subject) {
        @Override
        public String toString() {
            return "Credentials[" + label + "]";
        }
    }
}
