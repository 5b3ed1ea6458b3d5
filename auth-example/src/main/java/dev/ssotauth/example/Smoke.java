package dev.ssotauth.example;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * {@code --smoke}: N simulated users at once walk the golden path against the running service, on the
 * JDK's HTTP and WebSocket clients — log in, {@code GET /api/me}, open the chat by header and by
 * subprotocol, {@code whoami}, an agent job, then everybody says something and everybody must hear
 * everybody, each message from its verified sender. The report counts handoffs (login→api,
 * login→websocket, login→agent), cross-validations (the login token against {@code /api/me}, the
 * handshake by header, by subprotocol, and the agent job's {@code AuthContext}: 4 per user) and users
 * with identity corruption (told another user's identity anywhere, or a message whose {@code from} is
 * not its author).
 */
final class Smoke {

    private static final Duration STEP = Duration.ofSeconds(20);

    private final URI base;
    private final int users;
    private final HttpClient http;
    private final CountDownLatch ready;
    private final Set<String> speakers = ConcurrentHashMap.newKeySet();

    Smoke(URI base, int users) {
        this.base = base;
        this.users = users;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(STEP).build();
        this.ready = new CountDownLatch(users);
    }

    /** What happened to one simulated user; written by its own thread, read once {@code finished}. */
    private static final class UserRun {
        final String name;
        final List<String> problems = new ArrayList<>();
        boolean api;
        boolean header;
        boolean subprotocol;
        boolean agent;
        boolean corrupted;
        int heard;
        int heardExpected;
        volatile boolean finished;

        UserRun(String name) {
            this.name = name;
        }

        int crossValidations() {
            return (api ? 1 : 0) + (header ? 1 : 0) + (subprotocol ? 1 : 0) + (agent ? 1 : 0);
        }

        boolean ok() {
            return finished && problems.isEmpty() && crossValidations() == 4 && heard == heardExpected;
        }
    }

    /** Runs every user's walk at once, prints the report; whether everything held. */
    boolean run(String authorityLine, PrintWriter out) throws InterruptedException {
        out.println("smoke: " + users + " concurrent users: login → /api/me → WebSocket whoami / agent / say, on "
                + authorityLine);
        List<UserRun> runs = new ArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(users);
        for (int i = 1; i <= users; i++) {
            UserRun run = new UserRun("smoke-user-" + i);
            runs.add(run);
            threads.execute(() -> walk(run));
        }
        threads.shutdown();
        if (!threads.awaitTermination(3, TimeUnit.MINUTES)) {
            threads.shutdownNow();
        }
        return report(runs, out);
    }

    private void walk(UserRun run) {
        boolean counted = false;
        try {
            HttpResponse<String> login = http.send(HttpRequest.newBuilder(base.resolve("/login")).timeout(STEP)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                            HttpJson.write(Map.of("username", run.name, "password", Users.DEMO_PASSWORD)))).build(),
                    HttpResponse.BodyHandlers.ofString());
            String token = login.statusCode() == 200 ? HttpJson.readObject(login.body()).path("access_token")
                    .textValue() : null;
            if (token == null) {
                run.problems.add("login refused");
                return;
            }
            HttpResponse<String> me = http.send(HttpRequest.newBuilder(base.resolve("/api/me")).timeout(STEP)
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            run.api = me.statusCode() == 200 && observe(run, "/api/me", HttpJson.readObject(me.body()));
            try (Chat byHeader = new Chat(token, false)) {
                run.header = observe(run, "whoami (header)", byHeader.ask(Map.of("type", "whoami"), "whoami"));
                try (Chat bySubprotocol = new Chat(token, true)) {
                    run.subprotocol = "bearer".equals(bySubprotocol.socket.getSubprotocol()) && observe(run,
                            "whoami (subprotocol)", bySubprotocol.ask(Map.of("type", "whoami"), "whoami"));
                }
                String task = "summarise the day of " + run.name;
                JsonNode done = byHeader.ask(Map.of("type", "agent", "task", task), "agent-done");
                run.agent = done != null && task.equals(done.path("task").textValue())
                        && observe(run, "the agent job", done);
                speakers.add(run.name);
                ready.countDown();
                counted = true;
                if (!ready.await(90, TimeUnit.SECONDS)) {
                    run.problems.add("the other users were not ready in time");
                    return;
                }
                run.heardExpected = speakers.size();
                Set<String> heard = new HashSet<>();
                JsonNode said = byHeader.ask(Map.of("type", "say", "text", "hello from " + run.name), "said");
                for (; said != null; said = heard.size() < run.heardExpected ? byHeader.next("said") : null) {
                    String author = said.path("text").asText().replaceFirst("^hello from ", "");
                    if (!author.equals(said.path("from").textValue())) {
                        run.corrupted = true;
                        run.problems.add("a message by " + author + " arrived as from " + said.path("from").textValue());
                    } else if (heard.add(author)) {
                        run.heard++;
                    }
                }
            }
        } catch (Exception e) {
            run.problems.add(e.getClass().getSimpleName());
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

    /** Whether {@code answer} names the user's own subject; another user's is corruption. */
    private static boolean observe(UserRun run, String where, JsonNode answer) {
        String subject = answer == null ? null : answer.path("subject").textValue();
        if (subject != null && !subject.equals(run.name)) {
            run.corrupted = true;
            run.problems.add(where + " said " + subject);
        }
        return run.name.equals(subject);
    }

    /** One chat connection; its messages read by one thread. */
    private final class Chat implements WebSocket.Listener, AutoCloseable {
        private final LinkedBlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();
        private final WebSocket socket;

        Chat(String token, boolean subprotocol) throws Exception {
            WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(STEP);
            builder = subprotocol ? builder.subprotocols("bearer", token) : builder.header("Authorization",
                    "Bearer " + token);
            socket = builder.buildAsync(URI.create("ws" + base.toString().substring(4) + ChatRoom.PATH), this)
                    .get(STEP.toSeconds(), TimeUnit.SECONDS);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                received.add(HttpJson.readObject(partial.toString()));
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        /** Sends {@code message}, then returns the next message of {@code type}. */
        JsonNode ask(Map<String, String> message, String type) throws Exception {
            socket.sendText(HttpJson.write(message), true).get(STEP.toSeconds(), TimeUnit.SECONDS);
            return next(type);
        }

        /** The next message of {@code type}, skipping others; {@code null} when none came in time. */
        JsonNode next(String type) throws InterruptedException {
            for (JsonNode message; (message = received.poll(STEP.toSeconds(), TimeUnit.SECONDS)) != null; ) {
                if (type.equals(message.path("type").textValue())) {
                    return message;
                }
            }
            return null;
        }

        @Override
        public void close() {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").orTimeout(2, TimeUnit.SECONDS)
                    .whenComplete((sent, error) -> socket.abort());
        }
    }

    private boolean report(List<UserRun> runs, PrintWriter out) {
        List<UserRun> done = runs.stream().filter(run -> run.finished).toList();
        int crossValidations = done.stream().mapToInt(UserRun::crossValidations).sum();
        int heard = done.stream().mapToInt(run -> run.heard).sum();
        int heardExpected = done.stream().mapToInt(run -> run.heardExpected).sum();
        long failed = runs.stream().filter(run -> !run.ok()).count();
        out.println("Successful login→api handoffs: " + done.stream().filter(run -> run.api).count() + "/" + users);
        out.println("Successful login→websocket handoffs: " + done.stream().filter(run -> run.header
                && run.subprotocol).count() + "/" + users);
        out.println("Successful login→agent handoffs: " + done.stream().filter(run -> run.agent).count() + "/" + users);
        out.println("Cross-validations (login token → /api/me, handshake by header, by subprotocol, agent job): "
                + crossValidations + "/" + users * 4 + " (" + percent(crossValidations, users * 4) + ")");
        out.println("Users with identity corruption: " + done.stream().filter(run -> run.corrupted).count() + "/"
                + users);
        out.println("Messages heard from their verified sender: " + heard + "/" + heardExpected);
        out.println("User failure rate: " + percent(failed, users));
        for (UserRun run : runs) {
            if (!run.ok()) {
                out.println("  " + run.name + ": " + (!run.finished ? "did not finish in time" : String.format(
                        Locale.ROOT, "%s; api %s, header %s, subprotocol %s, agent %s, heard %d of %d", run.problems,
                        run.api, run.header, run.subprotocol, run.agent, run.heard, run.heardExpected)));
            }
        }
        boolean passed = failed == 0 && heardExpected == users * users;
        out.println(passed ? "smoke: PASS" : "smoke: FAIL");
        return passed;
    }

    private static String percent(long part, int whole) {
        return String.format(Locale.ROOT, "%.1f%%", 100.0 * part / whole);
    }
}
