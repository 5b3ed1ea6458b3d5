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
 * authenticated at the handshake and closed with 1008 when its token expires; each message runs as
 * the connection's user ({@link WebSocketAuth#runAs}). Messages are JSON objects with a {@code type}:
 *
 * <ul>
 * <li>{@code whoami} → {@code {"type":"whoami","subject":…,"roles":[…],"expiresAt":…}};</li>
 * <li>{@code say} with {@code text} → {@code {"type":"said","from":<verified subject>,"text":…}} to all;</li>
 * <li>{@code agent} with {@code task} → a job on an executor wrapped with {@link AuthContext#wrap},
 *     answering {@code {"type":"agent-done","subject":<the subject the job sees>,"task":…}};</li>
 * <li>{@code reauth} with {@code token} → {@link WebSocketAuth#reauthenticate}: a valid token of the same
 *     subject moves the connection's expiry ({@code {"type":"reauthed","expiresAt":…}}); any other
 *     token closes it with 1008 (1011 when the authority cannot decide), as does one sent too late;</li>
 * <li>anything else → {@code {"type":"error","error":…,"message":…}}; the connection stays.</li>
 * </ul>
 *
 * <p>The sender is always the connection's verified user, never what a message says. Tokens are never
 * logged nor sent back. Thread-safe.
 */
final class ChatRoom {

    static final String PATH = "/chat";
    /** Longest {@code text} or {@code task}, in characters. */
    static final int MAX_TEXT = 1000;
    /** Largest message read, in bytes; a larger one closes the connection with 1009. */
    static final int MAX_MESSAGE_BYTES = 16 * 1024;

    private static final Logger log = LoggerFactory.getLogger(ChatRoom.class);

    /** The open connections, each with the lock that keeps its sends one at a time. */
    private final Map<Session, Object> sessions = new ConcurrentHashMap<>();
    private final ThreadPoolExecutor agentThreads = new ThreadPoolExecutor(4, 4, 0, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(1000), task -> {
                Thread thread = new Thread(task, "agent");
                thread.setDaemon(true);
                return thread;
            });
    private final ExecutorService agents = AuthContext.wrap(agentThreads);

    /** The endpoint's configuration: one endpoint per connection, all in this room. */
    ServerEndpointConfig endpoint() {
        return ServerEndpointConfig.Builder.create(Endpoint.class, PATH).configurator(
                new ServerEndpointConfig.Configurator() {
                    @Override
                    public <T> T getEndpointInstance(Class<T> endpointClass) {
                        return endpointClass.cast(new Connection());
                    }
                }).build();
    }

    /** One connection's endpoint. */
    private final class Connection extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.setMaxTextMessageBufferSize(MAX_MESSAGE_BYTES);
            sessions.put(session, new Object());
            session.addMessageHandler(String.class, (MessageHandler.Whole<String>) text ->
                    WebSocketAuth.runAs(session, () -> receive(session, text)));
        }

        @Override
        public void onClose(Session session, CloseReason closeReason) {
            sessions.remove(session);
        }

        @Override
        public void onError(Session session, Throwable error) {
            log.debug("chat connection error ({})", error.getClass().getSimpleName());
        }
    }

    /** The open connections. */
    int size() {
        return sessions.size();
    }

    private void receive(Session session, String text) {
        UserContext user = AuthContext.require();
        JsonNode message = HttpJson.readObject(text);
        String type = message.path("type").asText("");
        switch (type) {
            case "whoami" -> send(session, Map.of("type", "whoami", "subject", user.subject(),
                    "roles", new TreeSet<>(user.roles()), "expiresAt", user.expiresAt().toString()));
            case "say", "agent" -> {
                String member = type.equals("say") ? "text" : "task";
                String value = text(message, member);
                if (value == null) {
                    send(session, error("invalid_message", type + " needs a \"" + member + "\" of 1 to " + MAX_TEXT
                            + " characters"));
                } else if (type.equals("say")) {
                    String json = HttpJson.write(Map.of("type", "said", "from", user.subject(), "text", value));
                    sessions.keySet().forEach(each -> sendText(each, json));
                } else {
                    try {
                        agents.execute(() -> runAgent(session, value));
                    } catch (RejectedExecutionException e) {
                        send(session, error("busy", "too many agent jobs are waiting; try again later"));
                    }
                }
            }
            case "reauth" -> {
                String token = message.path("token").textValue();
                if (token == null || token.isEmpty()) {
                    send(session, error("invalid_message", "reauth needs a \"token\": a fresh access token"));
                } else if (WebSocketAuth.reauthenticate(session, token)) {
                    send(session, Map.of("type", "reauthed",
                            "expiresAt", WebSocketAuth.userContext(session).expiresAt().toString()));
                }
            }
            default -> send(session, message.isMissingNode()
                    ? error("malformed_message", "a message is a JSON object with a \"type\": whoami, say, agent or "
                            + "reauth")
                    : error("unknown_type", "\"type\" must be whoami, say, agent or reauth"));
        }
    }

    /** The agent job: runs on a pool thread as the user who asked for it, through the wrapped executor. */
    private void runAgent(Session session, String task) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextInt(5, 25)); // some work: users' jobs overlap
            send(session, Map.of("type", "agent-done", "subject", AuthContext.require().subject(), "task", task));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IllegalStateException e) {
            log.error("an agent job ran without a user; AuthContext did not reach its thread");
            send(session, error("agent_failed", "the agent job could not run"));
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
        agentThreads.shutdown();
        try {
            agentThreads.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        agentThreads.shutdownNow();
    }

    /** The member {@code name} when it is a string of 1 to {@value #MAX_TEXT} characters; else {@code null}. */
    private static String text(JsonNode message, String name) {
        String text = message.path(name).textValue();
        return text == null || text.isEmpty() || text.length() > MAX_TEXT ? null : text;
    }

    private static Map<String, String> error(String error, String message) {
        return Map.of("type", "error", "error", error, "message", message);
    }
}
