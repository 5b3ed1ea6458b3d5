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
import java.util.TreeSet;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * {@code --smoke}: N simulated users at once log in, {@code GET /api/me}, open the chat by header and by
 * subprotocol, ask {@code whoami} and an agent job, then each says something and must hear everybody, each
 * message from its verified sender. Four cross-validations per user; any other user's identity is corruption.
 */
final class Smoke {

    private static final Duration STEP = Duration.ofSeconds(20);

    private final URI base;
    private final int users;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(STEP).build();
    private final CountDownLatch ready;

    Smoke(URI base, int users) {
        this.base = base;
        this.users = users;
        this.ready = new CountDownLatch(users);
    }

    /** What happened to one simulated user; written by its own thread, read once {@code finished}. */
    private final class UserRun {
        final String name;
        final List<String> problems = new ArrayList<>();
        /** Of api, header, subprotocol and agent: the cross-validations that held. */
        final Set<String> held = new HashSet<>();
        boolean corrupted;
        int heard;
        volatile boolean finished;

        UserRun(String name) {
            this.name = name;
        }

        boolean ok() {
            return finished && problems.isEmpty() && held.size() == 4 && heard == users;
        }
    }

    /** Runs every user's walk at once, prints the report; whether everything held. */
    boolean run(String authorityLine, PrintWriter out) {
        out.println("smoke: " + users + " concurrent users: login → /api/me → WebSocket whoami / agent / say, on "
                + authorityLine);
        List<UserRun> runs = IntStream.rangeClosed(1, users).mapToObj(i -> new UserRun("smoke-user-" + i)).toList();
        ExecutorService threads = Executors.newFixedThreadPool(users);
        try {
            threads.invokeAll(runs.stream().map(run -> Executors.callable(() -> walk(run))).toList(), 3,
                    TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        threads.shutdownNow();
        return report(runs, out);
    }

    private void walk(UserRun run) {
        boolean counted = false;
        try {
            String credentials = HttpJson.write(Map.of("username", run.name, "password", Users.DEMO_PASSWORD));
            HttpResponse<String> login = http.send(HttpRequest.newBuilder(base.resolve("/login")).timeout(STEP)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(credentials))
                    .build(), HttpResponse.BodyHandlers.ofString());
            String token = HttpJson.readObject(login.body()).path("access_token").textValue();
            if (token == null) {
                run.problems.add("login refused");
                return;
            }
            HttpResponse<String> me = http.send(HttpRequest.newBuilder(base.resolve("/api/me")).timeout(STEP)
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            observe(run, "api", HttpJson.readObject(me.body()));
            try (Chat chat = new Chat(token, false)) {
                observe(run, "header", chat.ask(Map.of("type", "whoami"), "whoami"));
                try (Chat bySubprotocol = new Chat(token, true)) {
                    if ("bearer".equals(bySubprotocol.socket.getSubprotocol())) {
                        observe(run, "subprotocol", bySubprotocol.ask(Map.of("type", "whoami"), "whoami"));
                    }
                }
                String task = "summarise the day of " + run.name;
                JsonNode done = chat.ask(Map.of("type", "agent", "task", task), "agent-done");
                if (done != null && task.equals(done.path("task").textValue())) {
                    observe(run, "agent", done);
                }
                ready.countDown();
                counted = true;
                if (!ready.await(90, TimeUnit.SECONDS)) {
                    run.problems.add("the other users were not ready in time");
                    return;
                }
                Set<String> heard = new HashSet<>();
                JsonNode said = chat.ask(Map.of("type", "say", "text", "hello from " + run.name), "said");
                for (; said != null; said = heard.size() < users ? chat.next("said") : null) {
                    String author = said.path("text").asText().replaceFirst("^hello from ", "");
                    String from = said.path("from").textValue();
                    if (author.equals(from)) {
                        heard.add(author);
                    } else {
                        run.corrupted = true;
                        run.problems.add("a message by " + author + " arrived as from " + from);
                    }
                }
                run.heard = heard.size();
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

    /** The check holds when {@code answer} names the user's own subject; another user's is corruption. */
    private static void observe(UserRun run, String check, JsonNode answer) {
        String subject = answer == null ? null : answer.path("subject").textValue();
        if (run.name.equals(subject)) {
            run.held.add(check);
        } else if (subject != null) {
            run.corrupted = true;
            run.problems.add(check + " said " + subject);
        }
    }

    /** One chat connection; its messages read by one thread. */
    private final class Chat implements WebSocket.Listener, AutoCloseable {
        private final LinkedBlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();
        private final WebSocket socket;

        Chat(String token, boolean subprotocol) throws Exception {
            WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(STEP);
            builder = subprotocol ? builder.subprotocols("bearer", token)
                    : builder.header("Authorization", "Bearer " + token);
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
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").whenComplete((sent, error) -> socket.abort());
        }
    }

    private boolean report(List<UserRun> runs, PrintWriter out) {
        List<UserRun> done = runs.stream().filter(run -> run.finished).toList();
        int crossValidations = done.stream().mapToInt(run -> run.held.size()).sum();
        long failed = runs.stream().filter(run -> !run.ok()).count();
        out.println("Successful login→api handoffs: " + count(done, "api") + "/" + users);
        out.println("Successful login→websocket handoffs: " + count(done, "header", "subprotocol") + "/" + users);
        out.println("Successful login→agent handoffs: " + count(done, "agent") + "/" + users);
        out.println("Cross-validations (login token → /api/me, handshake by header, by subprotocol, agent job): "
                + crossValidations + "/" + users * 4 + " (" + percent(crossValidations, users * 4) + ")");
        out.println("Users with identity corruption: " + done.stream().filter(run -> run.corrupted).count() + "/"
                + users);
        out.println("Messages heard from their verified sender: " + done.stream().mapToInt(run -> run.heard).sum()
                + "/" + users * users);
        out.println("User failure rate: " + percent(failed, users));
        runs.stream().filter(run -> !run.ok()).forEach(run -> out.println("  " + run.name + ": "
                + (run.finished ? run.problems + ", held " + new TreeSet<>(run.held) : "unfinished")));
        out.println(failed == 0 ? "smoke: PASS" : "smoke: FAIL");
        return failed == 0;
    }

    private static long count(List<UserRun> runs, String... checks) {
        return runs.stream().filter(run -> run.held.containsAll(List.of(checks))).count();
    }

    private static String percent(long part, int whole) {
        return String.format(Locale.ROOT, "%.1f%%", 100.0 * part / whole);
    }
}
