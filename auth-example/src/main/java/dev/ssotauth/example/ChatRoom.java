package dev.ssotauth.example;

import dev.ssotauth.core.AuthContext;
import dev.ssotauth.core.UserContext;
import dev.ssotauth.websocket.WebSocketAuth;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chat: who is connected, what a message does, and the agent jobs. Messages are JSON text:
 *
 * <ul>
 * <li>{@code {"type":"whoami"}} → {@code {"type":"whoami","subject":…,"roles":[…],"expiresAt":…}};</li>
 * <li>{@code {"type":"say","text":…}} → {@code {"type":"said","from":<verified subject>,"text":…}}
 *     to every connection;</li>
 * <li>{@code {"type":"agent","task":…}} → a job on a background executor wrapped with
 *     {@link AuthContext#wrap(ExecutorService)}, which answers
 *     {@code {"type":"agent-done","subject":<the subject the job itself sees>,"task":…}};</li>
 * <li>{@code {"type":"reauth","token":<a fresh access token>}} → in-band re-authentication through
 *     {@link WebSocketAuth#reauthenticate(Session, String)}: a valid token for the connection's own
 *     subject becomes the connection's token, moves its expiry and answers
 *     {@code {"type":"reauthed","expiresAt":<the new exp>}}; a refused token, or one for another
 *     subject, closes the connection with 1008 (1011 when the authority cannot decide). A client
 *     keeps a connection open past its token's lifetime by logging in again over HTTP and sending
 *     the new token before the old one expires; a reauth that arrives after the expiry is too late,
 *     the connection closes with 1008 like any message would;</li>
 * <li>anything else → {@code {"type":"error","error":…,"message":…}}; the connection stays.</li>
 * </ul>
 *
 * <p>The sender's identity is always the verified user of the connection ({@link AuthContext}, set by
 * {@code WebSocketAuth.runAs}), never something the message says. Tokens are never logged nor sent
 * back. Thread-safe.
 */
final class ChatRoom {

    /** Longest {@code text} or {@code task}, in characters. */
    static final int MAX_TEXT = 1000;
    /** Largest text message read, in bytes; a larger one closes the connection with 1009. */
    static final int MAX_MESSAGE_BYTES = 16 * 1024;

    private static final Logger log = LoggerFactory.getLogger(ChatRoom.class);
    private static final String PEER = ChatRoom.class.getName() + ".peer";

    private final Set<Peer> peers = ConcurrentHashMap.newKeySet();
    private final ThreadPoolExecutor agentThreads;
    private final ExecutorService agents;

    ChatRoom() {
        AtomicInteger count = new AtomicInteger();
        this.agentThreads = new ThreadPoolExecutor(4, 4, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(1000),
                task -> {
                    Thread thread = new Thread(task, "agent-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        this.agents = AuthContext.wrap(agentThreads);
    }

    /** One connection and the lock that keeps its sends in order (a Session sends one message at a time). */
    private static final class Peer {
        private final Session session;

        Peer(Session session) {
            this.session = session;
        }

        void send(String json) {
            synchronized (this) {
                if (!session.isOpen()) {
                    return;
                }
                try {
                    session.getBasicRemote().sendText(json);
                } catch (IOException | IllegalStateException e) {
                    log.debug("a chat message could not be delivered ({})", e.getClass().getSimpleName());
                }
            }
        }
    }

    void join(Session session) {
        Peer peer = new Peer(session);
        session.getUserProperties().put(PEER, peer);
        peers.add(peer);
    }

    void leave(Session session) {
        Object peer = session.getUserProperties().remove(PEER);
        if (peer != null) {
            peers.remove(peer);
        }
    }

    int size() {
        return peers.size();
    }

    /** Handles one message from {@code session}; runs with the connection's user in {@link AuthContext}. */
    void receive(Session session, String text) {
        Object peerProperty = session.getUserProperties().get(PEER);
        if (!(peerProperty instanceof Peer)) {
            return;
        }
        Peer peer = (Peer) peerProperty;
        UserContext user = AuthContext.require();
        Map<String, Object> message;
        try {
            message = Json.parseObject(text);
        } catch (Json.MalformedException e) {
            peer.send(error("malformed_message", "a message is a JSON object with a \"type\": whoami, say, agent or "
                    + "reauth"));
            return;
        }
        Object type = message.get("type");
        if ("whoami".equals(type)) {
            peer.send(Json.object().put("type", "whoami").put("subject", user.subject())
                    .put("roles", List.copyOf(new TreeSet<>(user.roles())))
                    .put("expiresAt", user.expiresAt().toString()).toString());
        } else if ("say".equals(type)) {
            String said = text(message, "text");
            if (said == null) {
                peer.send(error("invalid_message", "say needs a \"text\" of 1 to " + MAX_TEXT + " characters"));
                return;
            }
            String json = Json.object().put("type", "said").put("from", user.subject()).put("text", said).toString();
            for (Peer each : peers) {
                each.send(json);
            }
        } else if ("agent".equals(type)) {
            String task = text(message, "task");
            if (task == null) {
                peer.send(error("invalid_message", "agent needs a \"task\" of 1 to " + MAX_TEXT + " characters"));
                return;
            }
            try {
                agents.execute(() -> runAgent(peer, task));
            } catch (RejectedExecutionException e) {
                peer.send(error("busy", "too many agent jobs are waiting; try again later"));
            }
        } else if ("reauth".equals(type)) {
            Object token = message.get("token");
            if (!(token instanceof String) || ((String) token).isEmpty()) {
                peer.send(error("invalid_message", "reauth needs a \"token\": a fresh access token"));
                return;
            }
            if (WebSocketAuth.reauthenticate(session, (String) token)) {
                peer.send(Json.object().put("type", "reauthed")
                        .put("expiresAt", WebSocketAuth.userContext(session).expiresAt().toString()).toString());
            }
        } else {
            peer.send(error("unknown_type", "\"type\" must be whoami, say, agent or reauth"));
        }
    }

    /** The agent job: runs on a pool thread as the user who asked for it, through the wrapped executor. */
    private static void runAgent(Peer peer, String task) {
        try {
            // Some work, so that jobs of different users overlap on the pool's threads.
            Thread.sleep(ThreadLocalRandom.current().nextInt(5, 25));
            String subject = AuthContext.require().subject();
            peer.send(Json.object().put("type", "agent-done").put("subject", subject).put("task", task).toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IllegalStateException e) {
            log.error("an agent job ran without a user; AuthContext did not reach its thread");
            peer.send(error("agent_failed", "the agent job could not run"));
        }
    }

    /** Closes every connection with {@code code} and stops the agents. */
    void close(CloseReason reason) {
        for (Peer peer : peers) {
            try {
                if (peer.session.isOpen()) {
                    peer.session.close(reason);
                }
            } catch (IOException | IllegalStateException e) {
                log.debug("closing a chat connection failed ({})", e.getClass().getSimpleName());
            }
        }
        agentThreads.shutdown();
        try {
            if (!agentThreads.awaitTermination(2, TimeUnit.SECONDS)) {
                agentThreads.shutdownNow();
            }
        } catch (InterruptedException e) {
            agentThreads.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static String text(Map<String, Object> message, String name) {
        Object value = message.get(name);
        if (!(value instanceof String)) {
            return null;
        }
        String text = (String) value;
        return text.isEmpty() || text.length() > MAX_TEXT ? null : text;
    }

    private static String error(String error, String message) {
        return Json.object().put("type", "error").put("error", error).put("message", message).toString();
    }
}
