package dev.ssotauth.loadtest;

import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * One life of a {@link LoadUser}: one login and one connection, checking every answer as it arrives
 * (the checks are listed on {@link LoadUser}). Thread-safe: the run's timers, the HTTP client's threads
 * and the listener call it; its state is guarded by its own lock.
 */
final class UserConnection implements WebSocket.Listener {

    private static final Duration EXPIRY_TOLERANCE = Duration.ofMillis(100);

    /** An answer awaited, with when its request was handed to the socket and the exp it must name. */
    private record Awaited(Instant sentAt, Instant expiry) {
    }

    private final LoadUser user;
    private final LoadRun run;
    private final String name;
    final int number;
    private final Object lock = new Object();
    private final StringBuilder partial = new StringBuilder();
    // guarded by lock
    private WebSocket socket;
    private String token;
    private Instant expiry;
    private Instant letExpireAt;
    private CompletableFuture<?> sends = CompletableFuture.completedFuture(null);
    private int inFlight;
    private boolean opened;
    private boolean closed;
    private boolean closingByClient;
    private int says;
    private int nextEcho = 1;
    private int agents;
    private final ArrayDeque<Awaited> whoamis = new ArrayDeque<>();
    private final ArrayDeque<Awaited> reauths = new ArrayDeque<>();
    private final Map<Integer, Instant> pendingSays = new HashMap<>();
    private final Map<Integer, Instant> pendingAgents = new HashMap<>();
    // the listener's own: one callback at a time
    private final Map<String, Integer> lastHeard = new HashMap<>();

    /**
     * @param user   whose life this is
     * @param run    the run the user belongs to
     * @param number the life's number, from 1
     * @param token  the token of the login that began it
     */
    UserConnection(LoadUser user, LoadRun run, int number, String token) {
        this.user = user;
        this.run = run;
        this.name = user.name;
        this.number = number;
        this.token = token;
        this.expiry = LoadRun.expiryOf(token);
    }

    void open() {
        user.began(this);
        WebSocket.Builder builder = run.http.newWebSocketBuilder().connectTimeout(LoadRun.STEP);
        String first;
        synchronized (lock) {
            first = token;
        }
        if (number % 2 == 0) {
            builder.header("Authorization", "Bearer " + first);
        } else {
            builder.subprotocols("bearer", first);
        }
        long started = System.nanoTime();
        builder.buildAsync(run.chat, this).whenComplete((webSocket, error) -> {
            if (error != null) {
                run.tally.handshakeFailures.increment();
                Throwable cause = error instanceof CompletionException && error.getCause() != null
                        ? error.getCause() : error;
                run.problem(name + " life " + number + ": handshake failed: "
                        + (cause instanceof WebSocketHandshakeException refused
                        ? "HTTP " + refused.getResponse().statusCode() : cause.getClass().getSimpleName()));
                return;
            }
            run.handshakeTook(System.nanoTime() - started);
            run.tally.handshakes.increment();
            if (number > 1) {
                run.tally.reconnects.increment();
            }
            schedule(this::tick, nextInterval());
            schedule(this::decide, refreshLead());
        });
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        synchronized (lock) {
            socket = webSocket;
            opened = true;
        }
        run.opened();
        webSocket.request(1);
    }

    private long nextInterval() {
        return (long) (run.plan.messageInterval().toMillis() * (0.5 + user.nextDouble()));
    }

    /** Milliseconds until the refresh decision: 20 to 40 % of the lifetime before the exp. */
    private long refreshLead() {
        Instant at;
        synchronized (lock) {
            long lifetime = run.plan.tokenTtl().toMillis();
            at = expiry.minusMillis((long) (lifetime * (0.2 + 0.2 * user.nextDouble())));
        }
        return Math.max(0, Duration.between(run.now(), at).toMillis());
    }

    private void schedule(Runnable task, long millis) {
        try {
            run.timers.schedule(task, millis, TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            // the run is over
        }
    }

    private void tick() {
        if (!run.sending()) {
            return;
        }
        synchronized (lock) {
            if (closed) {
                return;
            }
        }
        double draw = user.nextDouble();
        if (draw < run.plan.sayShare()) {
            say();
        } else if (draw < run.plan.sayShare() + run.plan.agentShare()) {
            agent();
        } else {
            whoami();
        }
        schedule(this::tick, nextInterval());
    }

    /** Before the exp: refresh in-band, or (by the plan's chance, while sending) let the token expire. */
    private void decide() {
        synchronized (lock) {
            if (closed || run.closing()) {
                return;
            }
        }
        if (run.sending() && user.nextDouble() < run.plan.expiringShare()) {
            synchronized (lock) {
                letExpireAt = expiry.plus(run.plan.clockSkew());
            }
            run.tally.expiringTokens.increment();
            return;
        }
        run.login(name).thenAccept(fresh -> {
            if (fresh == null) {
                return; // counted by the run; this connection will expire and count as unexpected
            }
            Instant freshExpiry = LoadRun.expiryOf(fresh);
            boolean late;
            synchronized (lock) {
                late = !run.now().isBefore(expiry);
            }
            if (late) {
                run.tally.lateRefreshes.increment();
                run.problem(name + " life " + number + ": the fresh token came after the old one expired");
            }
            if (send(run.json.createObjectNode().put("type", "reauth").put("token", fresh).toString(), now -> {
                reauths.add(new Awaited(now, freshExpiry));
                token = fresh;
                expiry = freshExpiry;
            }, null, true)) {
                run.tally.sentReauth.increment();
                schedule(this::decide, refreshLead());
            }
        });
    }

    private void whoami() {
        send("{\"type\":\"whoami\"}", now -> whoamis.add(new Awaited(now, expiry)));
    }

    private void say() {
        int[] index = new int[1];
        if (send(null, now -> {
            index[0] = ++says;
            pendingSays.put(index[0], now);
        }, () -> run.json.createObjectNode().put("type", "say").put("text", name + "|" + number + "|" + index[0]).toString(),
                false)) {
            run.tally.sentSay.increment();
        }
    }

    private void agent() {
        int[] index = new int[1];
        if (send(null, now -> {
            index[0] = ++agents;
            pendingAgents.put(index[0], now);
        }, () -> run.json.createObjectNode().put("type", "agent").put("task", name + "|" + number + "|" + index[0])
                .toString(), false)) {
            run.tally.sentAgent.increment();
        }
    }

    private boolean send(String json, Consumer<Instant> register) {
        return send(json, register, null, false);
    }

    /**
     * Registers what the message awaits and queues it behind the previous one (one send at a time
     * per connection), both under the lock, so the order of registration is the order on the wire.
     * More than 16 queued messages skip the next ordinary one (the service is behind); a
     * {@code reauth} is never skipped.
     */
    private boolean send(String fixed, Consumer<Instant> register, Supplier<String> made, boolean essential) {
        synchronized (lock) {
            if (closed || socket == null) {
                return false;
            }
            if (inFlight >= 16 && !essential) {
                run.tally.skippedSends.increment();
                return false;
            }
            register.accept(run.now());
            String json = fixed != null ? fixed : made.get();
            WebSocket webSocket = socket;
            inFlight++;
            sends = sends.thenCompose(ignored -> webSocket.sendText(json, true));
            sends.whenComplete((ignored, error) -> {
                synchronized (lock) {
                    inFlight--;
                }
            });
            run.tally.sent.increment();
            return true;
        }
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            String text = partial.toString();
            partial.setLength(0);
            receive(text);
        }
        webSocket.request(1);
        return null;
    }

    private void receive(String text) {
        run.tally.received.increment();
        JsonNode message;
        try {
            message = run.json.readTree(text);
        } catch (JsonProcessingException e) {
            message = null;
        }
        if (message == null || !message.isObject()) {
            run.tally.unsolicited.increment();
            run.problem(name + " life " + number + ": an answer is not a JSON object");
            return;
        }
        String type = message.path("type").textValue();
        if ("said".equals(type)) {
            said(message);
        } else if ("whoami".equals(type)) {
            subjectIsMine(message.path("subject").textValue(), "whoami");
            Awaited awaited;
            synchronized (lock) {
                awaited = whoamis.poll();
            }
            answered(awaited, "whoami", message.path("expiresAt").textValue());
        } else if ("agent-done".equals(type)) {
            subjectIsMine(message.path("subject").textValue(), "agent-done");
            Instant sentAt = null;
            String[] task = message.path("task").asText().split("\\|");
            if (task.length == 3 && task[0].equals(name) && task[1].equals(String.valueOf(number))) {
                synchronized (lock) {
                    sentAt = pendingAgents.remove(Integer.valueOf(task[2]));
                }
            } else {
                run.tally.identityMixups.increment();
                run.problem(name + " life " + number + ": agent-done for a task it did not ask for");
            }
            answered(sentAt == null ? null : new Awaited(sentAt, null), "agent-done", null);
        } else if ("reauthed".equals(type)) {
            Awaited awaited;
            synchronized (lock) {
                awaited = reauths.poll();
            }
            if (awaited != null) {
                run.tally.refreshes.increment();
            }
            answered(awaited, "reauthed", message.path("expiresAt").textValue());
        } else if ("error".equals(type)) {
            run.tally.errorAnswers.increment();
            run.problem(name + " life " + number + ": error answer " + message.path("error").asText());
        } else {
            run.tally.unsolicited.increment();
            run.problem(name + " life " + number + ": unexpected message type " + type);
        }
    }

    private void said(JsonNode message) {
        run.tally.receivedBroadcasts.increment();
        String[] text = message.path("text").asText().split("\\|");
        String from = message.path("from").textValue();
        if (text.length != 3) {
            run.tally.unsolicited.increment();
            run.problem(name + " life " + number + ": a said text not made by this run");
            return;
        }
        if (!text[0].equals(from)) {
            run.tally.identityMixups.increment();
            run.problem(name + " life " + number + ": a said whose from is not the user its text names");
            return;
        }
        int index;
        try {
            index = Integer.parseInt(text[2]);
        } catch (NumberFormatException e) {
            run.tally.unsolicited.increment();
            run.problem(name + " life " + number + ": a said text not made by this run");
            return;
        }
        if (text[0].equals(name) && text[1].equals(String.valueOf(number))) {
            Instant sentAt;
            boolean inOrder;
            synchronized (lock) {
                sentAt = pendingSays.remove(index);
                inOrder = index == nextEcho;
                nextEcho = index + 1;
            }
            if (!inOrder) {
                run.tally.outOfOrder.increment();
                run.problem(name + " life " + number + ": own say " + index + " came back out of order");
            }
            answered(sentAt == null ? null : new Awaited(sentAt, null), "said", null);
            return;
        }
        String sender = text[0] + "|" + text[1];
        Integer last = lastHeard.put(sender, index);
        if (last != null && index != last + 1) {
            run.tally.broadcastGaps.increment();
            run.problem(name + " life " + number + ": from " + sender + " heard " + index + " after " + last);
        }
    }

    private void subjectIsMine(String subject, String what) {
        if (!name.equals(subject)) {
            run.tally.identityMixups.increment();
            run.problem(name + " life " + number + ": " + what + " names another subject");
        }
    }

    /** An answer to one of this connection's requests: it was awaited, and not sent after a let-expire exp. */
    private void answered(Awaited awaited, String what, String expiresAt) {
        if (awaited == null) {
            run.tally.unsolicited.increment();
            run.problem(name + " life " + number + ": a " + what + " nobody asked for");
            return;
        }
        Instant limit;
        synchronized (lock) {
            limit = letExpireAt;
        }
        if (limit != null && !awaited.sentAt().isBefore(limit)) {
            run.tally.servedAfterExpiry.increment();
            run.problem(name + " life " + number + ": a " + what + " sent after the token expired was answered");
        }
        if (awaited.expiry() != null && !awaited.expiry().toString().equals(expiresAt)) {
            run.tally.staleExpiry.increment();
            run.problem(name + " life " + number + ": " + what + " names another token's exp");
        }
    }

    int unanswered() {
        synchronized (lock) {
            return closed ? 0 : whoamis.size() + reauths.size() + pendingSays.size() + pendingAgents.size();
        }
    }

    /** The awaited answers by kind, for the report of a lost one. */
    String unansweredByKind() {
        synchronized (lock) {
            return "whoami " + whoamis.size() + ", reauth " + reauths.size() + ", say " + pendingSays.size()
                    + ", agent " + pendingAgents.size();
        }
    }

    boolean openPastExpiry(Instant now) {
        synchronized (lock) {
            return !closed && letExpireAt != null && now.isAfter(letExpireAt.plusSeconds(10));
        }
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        ended(statusCode, reason);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        ended(-1, error.getClass().getSimpleName());
    }

    private void ended(int code, String reason) {
        Instant at = run.now();
        Instant expected;
        boolean byClient;
        synchronized (lock) {
            if (closed || !opened) {
                return;
            }
            closed = true;
            expected = letExpireAt;
            byClient = closingByClient;
        }
        run.tally.open.decrementAndGet();
        if (expected != null && code == 1008 && "token expired".equals(reason)) {
            run.tally.expiredWith1008.increment();
            long lateness = Duration.between(expected, at).toMillis();
            run.tally.latestExpiryCloseMillis.accumulateAndGet(lateness, Math::max);
            if (at.isBefore(expected.minus(EXPIRY_TOLERANCE))) {
                run.tally.closedBeforeExpiry.increment();
                run.problem(name + " life " + number + ": closed " + (-lateness) + " ms before its exp");
            }
        } else if (byClient && code == WebSocket.NORMAL_CLOSURE) {
            run.tally.closedAtEnd.increment();
            return;
        } else if (expected != null) {
            run.tally.expiredOtherwise.increment();
            run.problem(name + " life " + number + ": expired token closed with " + code + " " + reason);
        } else {
            run.tally.unexpectedCloses.increment();
            run.problem(name + " life " + number + ": closed with " + code + " " + reason
                    + (byClient ? " while the client closed" : ""));
        }
        if (run.mayReconnect()) {
            run.timers.schedule(user::connect, 100 + (long) (400 * user.nextDouble()), TimeUnit.MILLISECONDS);
        }
    }

    void closeNormally() {
        WebSocket webSocket;
        synchronized (lock) {
            if (closed || socket == null) {
                return;
            }
            closingByClient = true;
            webSocket = socket;
        }
        sendsThenClose(webSocket);
    }

    private void sendsThenClose(WebSocket webSocket) {
        CompletableFuture<?> pending;
        synchronized (lock) {
            pending = sends;
        }
        pending.handle((ignored, error) -> webSocket.sendClose(WebSocket.NORMAL_CLOSURE, "done"));
    }

    void abort() {
        WebSocket webSocket;
        synchronized (lock) {
            webSocket = socket;
        }
        if (webSocket != null) {
            webSocket.abort();
        }
    }
}
