package dev.ssotauth.example;

import com.fasterxml.jackson.databind.JsonNode;

import dev.ssotauth.core.AuthContext;
import dev.ssotauth.core.UserContext;
import dev.ssotauth.websocket.JwtUpgradeFilter;
import dev.ssotauth.websocket.WebSocketAuth;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;

import java.io.IOException;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chat at {@value #PATH}, reachable only through {@link JwtUpgradeFilter}: every connection is
 * authenticated at the handshake and closed with 1008 when its token expires; each message runs as the
 * connection's user ({@link WebSocketAuth#runAs}). JSON messages by {@code type}: {@code whoami}; {@code say}
 * ({@code text}, to all, {@code from} the verified subject); {@code agent} ({@code task}, run on a pool
 * wrapped with {@link AuthContext#wrap}); {@code reauth} ({@code token}, {@link WebSocketAuth#reauthenticate}:
 * a fresh token of the same subject moves the expiry, any other closes with 1008). Anything else gets an
 * {@code error} and the connection stays. Tokens are never logged nor sent back. Thread-safe.
 */
final class ChatRoom extends Endpoint {

    static final String PATH = "/chat";
    /** Longest {@code text} or {@code task}, in characters. */
    static final int MAX_TEXT = 1000;
    /** The member each type of message needs. */
    private static final Map<String, String> MEMBERS = Map.of("say", "text", "agent", "task", "reauth", "token");

    private static final Logger log = LoggerFactory.getLogger(ChatRoom.class);

    /** The open connections, each with the lock that keeps its sends one at a time. */
    private final Map<Session, Object> sessions = new ConcurrentHashMap<>();
    /** Four agent threads and at most 1,000 jobs waiting: a flood gets {@code busy}, not unbounded memory. */
    private final ExecutorService agentThreads = new ThreadPoolExecutor(4, 4, 0, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(1000));
    private final ExecutorService agents = AuthContext.wrap(agentThreads);

    /** The endpoint's configuration: this room serves every connection. */
    ServerEndpointConfig endpoint() {
        return ServerEndpointConfig.Builder.create(ChatRoom.class, PATH).configurator(
                new ServerEndpointConfig.Configurator() {
                    @Override
                    public <T> T getEndpointInstance(Class<T> endpointClass) {
                        return endpointClass.cast(ChatRoom.this);
                    }
                }).build();
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        sessions.put(session, new Object());
        session.addMessageHandler(String.class, (MessageHandler.Whole<String>) text ->
                WebSocketAuth.runAs(session, () -> receive(session, text)));
    }

    @Override
    public void onClose(Session session, CloseReason closeReason) {
        sessions.remove(session);
    }

    int size() {
        return sessions.size();
    }

    private void receive(Session session, String text) {
        UserContext user = AuthContext.require();
        JsonNode message = HttpJson.readObject(text);
        String type = message.path("type").asText("");
        String value = MEMBERS.containsKey(type) ? text(message, MEMBERS.get(type)) : null;
        if (message.isMissingNode()) {
            send(session, error("malformed_message", "a message is a JSON object with a \"type\": whoami, say, "
                    + "agent or reauth"));
        } else if (type.equals("whoami")) {
            send(session, Map.of("type", "whoami", "subject", user.subject(), "roles", new TreeSet<>(user.roles()),
                    "expiresAt", user.expiresAt().toString()));
        } else if (!MEMBERS.containsKey(type)) {
            send(session, error("unknown_type", "\"type\" must be whoami, say, agent or reauth"));
        } else if (value == null) {
            send(session, error("invalid_message", type + " needs a \"text\", \"task\" or \"token\" of 1 to "
                    + MAX_TEXT + " characters"));
        } else if (type.equals("say")) {
            String json = HttpJson.write(Map.of("type", "said", "from", user.subject(), "text", value));
            sessions.keySet().forEach(each -> sendText(each, json));
        } else if (type.equals("agent")) {
            try {
                agents.execute(() -> runAgent(session, value));
            } catch (RejectedExecutionException full) {
                send(session, error("busy", "too many agent jobs are waiting; try again later"));
            }
        } else if (WebSocketAuth.reauthenticate(session, value)) {
            send(session, Map.of("type", "reauthed",
                    "expiresAt", WebSocketAuth.userContext(session).expiresAt().toString()));
        }
    }

    /** The agent job, on a pool thread: {@link AuthContext#wrap} brought the user who asked for it. */
    private void runAgent(Session session, String task) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextInt(5, 25)); // some work: users' jobs overlap
            send(session, Map.of("type", "agent-done", "subject", AuthContext.require().subject(), "task", task));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void send(Session session, Map<String, ?> message) {
        sendText(session, HttpJson.write(message));
    }

    private void sendText(Session session, String json) {
        Object lock = sessions.get(session);
        if (lock == null) {
            return; // gone
        }
        synchronized (lock) {
            try {
                session.getBasicRemote().sendText(json);
            } catch (IOException | IllegalStateException e) {
                log.debug("a chat message could not be delivered ({})", e.getClass().getSimpleName());
            }
        }
    }

    /** Closes every connection with {@code reason} and stops the agents. */
    void close(CloseReason reason) {
        for (Session session : sessions.keySet()) {
            try {
                session.close(reason);
            } catch (IOException | IllegalStateException e) {
                log.debug("closing a chat connection failed ({})", e.getClass().getSimpleName());
            }
        }
        agentThreads.shutdownNow();
    }

    /** The member {@code name} when it is a non-empty string (a text or task of at most {@value #MAX_TEXT}). */
    private static String text(JsonNode message, String name) {
        String text = message.path(name).textValue();
        boolean tooLong = text != null && !name.equals("token") && text.length() > MAX_TEXT;
        return text == null || text.isEmpty() || tooLong ? null : text;
    }

    private static Map<String, String> error(String error, String message) {
        return Map.of("type", "error", "error", error, "message", message);
    }
}
