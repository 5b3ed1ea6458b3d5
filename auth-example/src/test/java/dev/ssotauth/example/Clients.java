package dev.ssotauth.example;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/** Small steps the tests share, on the JDK's own HTTP and WebSocket clients. */
final class Clients {

    static final Duration STEP = Duration.ofSeconds(20);

    private Clients() {
    }

    /** Logs in a demo user and returns the token. */
    static String login(ApiClient client, String user) throws Exception {
        String token = client.login(user, Users.DEMO_PASSWORD);
        assertNotNull(token, "login of " + user + " was refused");
        return token;
    }

    /** Opens the chat with {@code token} sent by {@code transport}. */
    static SocketClient chat(ApiClient client, String token, SocketClient.Transport transport) throws Exception {
        return SocketClient.open(client.http(), client.ws(ChatRoom.PATH), token, transport, STEP);
    }

    /**
     * The HTTP status of a chat handshake: 101 when upgraded, else the refusal's status.
     *
     * @param token {@code null} for none
     */
    static int handshakeStatus(ApiClient client, String token, SocketClient.Transport transport) throws Exception {
        try {
            SocketClient socket = token == null
                    ? SocketClient.open(client.http(), client.ws(ChatRoom.PATH), null, null, STEP)
                    : chat(client, token, transport);
            socket.close();
            return 101;
        } catch (ExecutionException e) {
            return refusal(e);
        }
    }

    private static int refusal(ExecutionException e) {
        if (e.getCause() instanceof WebSocketHandshakeException) {
            return ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode();
        }
        throw new AssertionError("the handshake failed without an HTTP answer", e);
    }

    /** Sends {@code json} and returns the next message of {@code type}; fails when none comes. */
    static Map<String, Object> ask(SocketClient socket, String json, String type)
            throws ExecutionException, InterruptedException, TimeoutException {
        socket.send(json);
        Map<String, Object> answer = socket.await(type, STEP);
        if (answer == null) {
            fail("no '" + type + "' answer within " + STEP.toSeconds() + " s");
        }
        return answer;
    }

    /**
     * For an {@code AuthComponent}: a demo user's token from {@code process}'s {@code POST /login},
     * {@code null} when refused.
     */
    static String tokenFrom(ServiceProcess process, String subject) {
        return unchecked(() -> process.client().login(subject, Users.DEMO_PASSWORD));
    }

    /**
     * For an {@code AuthComponent}: the subject {@code process}'s {@code GET /api/me} names for
     * {@code token}, {@code null} when refused.
     */
    static String subjectAt(ServiceProcess process, String token) {
        return unchecked(() -> {
            ApiClient.Answer answer = process.client().get("/api/me", token);
            return answer.status() == 200 ? (String) answer.json().get("subject") : null;
        });
    }

    /** A step that does HTTP I/O. */
    private interface Exchange {
        String run() throws IOException, InterruptedException;
    }

    /** Runs {@code exchange} where no checked exception may pass (a testkit callback). */
    private static String unchecked(Exchange exchange) {
        try {
            return exchange.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The signature part of a token: what a leak check looks for. */
    static String signature(String token) {
        return token.substring(token.lastIndexOf('.') + 1);
    }
}
