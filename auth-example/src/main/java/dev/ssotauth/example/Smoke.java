package dev.ssotauth.example;

import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code --smoke}: N simulated users at once walk the origin report's golden path against the running
 * service — log in, {@code GET /api/me}, open the chat by header and by subprotocol, {@code whoami},
 * an agent job, then everybody says something and everybody must hear everybody, each message from
 * its verified sender. The report counts, in the origin report's terms:
 *
 * <ul>
 * <li>handoffs: login→api ({@code /api/me} answered for the user), login→websocket (both handshakes
 *     accepted and {@code whoami} right), login→agent (the job saw the user);</li>
 * <li>cross-validations: each login token against each validating path of the service ({@code /api/me},
 *     the handshake by header, by subprotocol, and the agent job's {@code AuthContext}) — 4 per user;</li>
 * <li>users with identity corruption: a user who was told another user's identity anywhere
 *     ({@code /api/me}, {@code whoami}, the agent's subject) or heard a message whose {@code from}
 *     is not its author.</li>
 * </ul>
 */
final class Smoke {

    private static final Duration STEP = Duration.ofSeconds(20);
    private static final Duration ALL_READY = Duration.ofSeconds(90);

    private final ApiClient client;
    private final int users;
    private final CountDownLatch ready;
    private final Set<String> speakers = ConcurrentHashMap.newKeySet();

    private Smoke(URI base, int users) {
        this.client = new ApiClient(base);
        this.users = users;
        this.ready = new CountDownLatch(users);
    }

    /** What happened to one simulated user. */
    private static final class UserRun {
        final String name;
        boolean loggedIn;
        boolean api;
        boolean webSocketHeader;
        boolean webSocketSubprotocol;
        boolean agent;
        int heardRight;
        int heardExpected;
        final List<String> corruption = new ArrayList<>();
        String failure;
        /** Set last by the user's thread: its other fields are then safe to read. */
        volatile boolean finished;

        UserRun(String name) {
            this.name = name;
        }

        int crossValidations() {
            return (api ? 1 : 0) + (webSocketHeader ? 1 : 0) + (webSocketSubprotocol ? 1 : 0) + (agent ? 1 : 0);
        }

        boolean ok() {
            return finished && crossValidations() == 4 && corruption.isEmpty() && heardRight == heardExpected
                    && failure == null;
        }
    }

    /**
     * Runs the golden path for {@code users} users against the service at {@code base} and prints the
     * report.
     *
     * @return whether everything held
     */
    static boolean run(URI base, int users, String authorityLine, PrintStream out) throws InterruptedException {
        return new Smoke(base, users).run(authorityLine, out);
    }

    private boolean run(String authorityLine, PrintStream out) throws InterruptedException {
        out.println("smoke: " + users + " concurrent users: login → /api/me → WebSocket whoami / agent / say, on "
                + authorityLine);
        List<UserRun> runs = new ArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(users);
        List<Future<?>> futures = new ArrayList<>();
        try {
            for (int i = 1; i <= users; i++) {
                UserRun run = new UserRun("smoke-user-" + i);
                runs.add(run);
                futures.add(threads.submit(() -> walk(run)));
            }
            for (Future<?> future : futures) {
                try {
                    future.get(3, TimeUnit.MINUTES);
                } catch (ExecutionException | TimeoutException e) {
                    future.cancel(true);
                }
            }
        } finally {
            threads.shutdownNow();
        }
        return report(runs, out);
    }

    private void walk(UserRun run) {
        boolean counted = false;
        try {
            String token = client.login(run.name, DemoUsers.PASSWORD);
            if (token == null) {
                run.failure = "login refused";
                return;
            }
            run.loggedIn = true;
            ApiClient.Answer me = client.get("/api/me", token);
            if (me.status() == 200) {
                run.api = observe(run, "/api/me", me.json().get("subject"));
            }
            try (SocketClient byHeader = SocketClient.open(client.http(), client.ws(ChatEndpoint.PATH), token,
                    SocketClient.Transport.HEADER, STEP)) {
                run.webSocketHeader = whoami(run, byHeader, "whoami (header)");
                try (SocketClient bySubprotocol = SocketClient.open(client.http(), client.ws(ChatEndpoint.PATH), token,
                        SocketClient.Transport.SUBPROTOCOL, STEP)) {
                    run.webSocketSubprotocol = "bearer".equals(bySubprotocol.subprotocol())
                            && whoami(run, bySubprotocol, "whoami (subprotocol)");
                }
                String task = "summarise the day of " + run.name;
                byHeader.send(Json.object().put("type", "agent").put("task", task).toString());
                Map<String, Object> done = byHeader.await(m -> "agent-done".equals(m.get("type"))
                        && task.equals(m.get("task")), STEP);
                run.agent = done != null && observe(run, "the agent job", done.get("subject"));

                speakers.add(run.name);
                ready.countDown();
                counted = true;
                if (!ready.await(ALL_READY.toSeconds(), TimeUnit.SECONDS)) {
                    run.failure = "the other users were not ready in time";
                    return;
                }
                byHeader.send(Json.object().put("type", "say").put("text", "hello from " + run.name).toString());
                Set<String> heard = ConcurrentHashMap.newKeySet();
                run.heardExpected = speakers.size();
                while (heard.size() < run.heardExpected) {
                    Map<String, Object> said = byHeader.await("said", STEP);
                    if (said == null) {
                        break;
                    }
                    Object text = said.get("text");
                    String author = text instanceof String && ((String) text).startsWith("hello from ")
                            ? ((String) text).substring("hello from ".length()) : null;
                    if (author == null || !author.equals(said.get("from"))) {
                        run.corruption.add("a message by " + author + " arrived as from " + said.get("from"));
                    } else if (heard.add(author)) {
                        run.heardRight++;
                    }
                }
            }
        } catch (Exception e) {
            run.failure = e.getClass().getSimpleName();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        } finally {
            if (!counted) {
                ready.countDown();
            }
            run.finished = true;
        }
    }

    private static boolean whoami(UserRun run, SocketClient socket, String where) throws Exception {
        socket.send("{\"type\":\"whoami\"}");
        Map<String, Object> answer = socket.await("whoami", STEP);
        return answer != null && observe(run, where, answer.get("subject"));
    }

    /** Whether {@code subject} is the user's own; another user's is recorded as corruption. */
    private static boolean observe(UserRun run, String where, Object subject) {
        if (run.name.equals(subject)) {
            return true;
        }
        if (subject != null) {
            run.corruption.add(where + " said " + subject);
        }
        return false;
    }

    private boolean report(List<UserRun> runs, PrintStream out) {
        int api = 0;
        int webSocket = 0;
        int agent = 0;
        int crossValidations = 0;
        int corrupted = 0;
        int heard = 0;
        int heardExpected = 0;
        int failed = 0;
        for (UserRun run : runs) {
            if (!run.finished) {
                failed++;
                continue;
            }
            api += run.api ? 1 : 0;
            webSocket += run.webSocketHeader && run.webSocketSubprotocol ? 1 : 0;
            agent += run.agent ? 1 : 0;
            crossValidations += run.crossValidations();
            corrupted += run.corruption.isEmpty() ? 0 : 1;
            heard += run.heardRight;
            heardExpected += run.heardExpected;
            failed += run.ok() ? 0 : 1;
        }
        int total = runs.size() * 4;
        out.println("Successful login→api handoffs: " + api + "/" + users);
        out.println("Successful login→websocket handoffs: " + webSocket + "/" + users);
        out.println("Successful login→agent handoffs: " + agent + "/" + users);
        out.println("Cross-validations (login token → /api/me, handshake by header, by subprotocol, agent job): "
                + crossValidations + "/" + total + " (" + percent(crossValidations, total) + ")");
        out.println("Users with identity corruption: " + corrupted + "/" + users);
        out.println("Messages heard from their verified sender: " + heard + "/" + heardExpected);
        out.println("User failure rate: " + percent(failed, users));
        for (UserRun run : runs) {
            if (!run.finished) {
                out.println("  " + run.name + ": did not finish in time");
            } else if (!run.ok()) {
                List<String> problems = new ArrayList<>(run.corruption);
                if (run.failure != null) {
                    problems.add(run.failure);
                }
                if (run.loggedIn && run.crossValidations() < 4) {
                    problems.add(String.format(Locale.ROOT, "api %s, websocket header %s, subprotocol %s, agent %s",
                            run.api, run.webSocketHeader, run.webSocketSubprotocol, run.agent));
                }
                if (run.heardRight < run.heardExpected) {
                    problems.add("heard " + run.heardRight + " of " + run.heardExpected + " messages");
                }
                out.println("  " + run.name + ": " + String.join("; ", problems));
            }
        }
        boolean passed = failed == 0 && heardExpected == users * users;
        out.println(passed ? "smoke: PASS" : "smoke: FAIL");
        return passed;
    }

    private static String percent(int part, int whole) {
        return whole == 0 ? "0.0%" : String.format(Locale.ROOT, "%.1f%%", 100.0 * part / whole);
    }
}
