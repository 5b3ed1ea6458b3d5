package dev.ssotauth.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Talks to the running system: logs users in and presents tokens to components over HTTP, as a
 * WebSocket handshake, or to a command. Never prints or keeps a token beyond the call. Thread-safe.
 */
final class Probe {

    /** The end of a WebSocket's messages: closed or failed. */
    private static final String END = new String("end of messages");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client;
    private final Duration timeout;

    Probe(Duration timeout) {
        this.timeout = timeout;
        // HTTP/1.1: no h2c upgrade offer, which a server with a WebSocket upgrade handler may take for a handshake
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    }

    /** A login that gave no token; the message is safe to print. */
    static final class LoginFailed extends Exception {
        private static final long serialVersionUID = 1L;

        LoginFailed(String message) {
            super(message);
        }
    }

    /**
     * What a component did with a token.
     *
     * @param status   the HTTP status (101 for an upgraded handshake), a command's exit code, or -1 when
     *                 there was no answer
     * @param accepted whether the component accepted the token
     * @param subject  the subject its answer names, or {@code null}
     * @param echoed   whether its answer contains the token
     * @param note     why it was not accepted, safe to print; empty when accepted
     */
    record Answer(int status, boolean accepted, String subject, boolean echoed, String note) {
    }

    /** Logs {@code username} in at {@code login}; returns the token of the answer. */
    String login(SystemFile.Login login, String username, String password) throws LoginFailed {
        String body;
        String type;
        if (login.form()) {
            body = form(login.usernameField(), username) + "&" + form(login.passwordField(), password);
            type = "application/x-www-form-urlencoded";
        } else {
            body = JSON.createObjectNode().put(login.usernameField(), username).put(login.passwordField(), password)
                    .toString();
            type = "application/json";
        }
        HttpRequest request = HttpRequest.newBuilder(login.url()).timeout(timeout).header("Content-Type", type)
                .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new LoginFailed("no answer (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LoginFailed("interrupted");
        }
        if (response.statusCode() / 100 != 2) {
            throw new LoginFailed("HTTP " + response.statusCode());
        }
        JsonNode token = at(parse(response.body()), login.tokenPath());
        if (token == null || !token.isTextual() || token.asText().isEmpty()) {
            throw new LoginFailed("HTTP " + response.statusCode() + " without a token at '" + login.tokenPath() + "'");
        }
        return token.asText();
    }

    /** Presents {@code token} ({@code null}: none) to {@code check}. */
    Answer present(SystemFile.Check check, String token) {
        if (check instanceof SystemFile.HttpCheck http) {
            return http(http, token);
        } else if (check instanceof SystemFile.WebSocketCheck webSocket) {
            return webSocket(webSocket, token);
        } else if (check instanceof SystemFile.CommandCheck command) {
            return command(command, token);
        }
        throw new IllegalArgumentException("unknown check " + check.getClass().getName());
    }

    private Answer http(SystemFile.HttpCheck check, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(withQuery(check.url(), check.placement(), token))
                .timeout(timeout).method(check.method(), HttpRequest.BodyPublishers.noBody());
        addHeader(check.placement(), token, request::header);
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return new Answer(-1, false, null, false, "no answer (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(-1, false, null, false, "interrupted");
        }
        int status = response.statusCode();
        boolean echoed = echoes(token, response.body(), response.headers());
        if (status / 100 != 2) {
            return new Answer(status, false, null, echoed, "HTTP " + status);
        }
        return new Answer(status, true, subject(check.subjectPath(), response.body()), echoed, "");
    }

    private Answer webSocket(SystemFile.WebSocketCheck check, String token) {
        BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        WebSocket.Builder builder = client.newWebSocketBuilder().connectTimeout(timeout);
        addHeader(check.placement(), token, builder::header);
        if (check.placement().carrier() == SystemFile.Carrier.SUBPROTOCOL && token != null) {
            builder.subprotocols("bearer", token);
        }
        WebSocket socket;
        try {
            socket = builder.buildAsync(withQuery(check.url(), check.placement(), token), new Collector(messages))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused && refused.getResponse() != null) {
                HttpResponse<?> response = refused.getResponse();
                String body = response.body() instanceof String text ? text : "";
                return new Answer(response.statusCode(), false, null, echoes(token, body, response.headers()),
                        "handshake HTTP " + response.statusCode());
            }
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return new Answer(-1, false, null, false, "no handshake answer (" + cause.getClass().getSimpleName() + ")");
        } catch (TimeoutException e) {
            return new Answer(-1, false, null, false, "no handshake answer within " + timeout.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(-1, false, null, false, "interrupted");
        }
        try {
            if (check.send().isEmpty()) {
                return new Answer(101, true, null, false, "");
            }
            socket.sendText(check.send().get(), true);
            StringBuilder seen = new StringBuilder();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                String message = messages.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (message == null || message == END) {
                    boolean echoed = echoes(token, seen.toString(), null);
                    return new Answer(101, false, null, echoed, message == null ? "upgraded (101), no answer within "
                            + timeout.toSeconds() + " s" : "upgraded (101), then closed without an answer");
                }
                seen.append(message).append('\n');
                boolean wanted = check.expect().map(message::contains)
                        .orElseGet(() -> check.subjectPath().map(p -> at(parse(message), p) != null).orElse(true));
                if (wanted) {
                    return new Answer(101, true, subject(check.subjectPath(), message),
                            echoes(token, seen.toString(), null), "");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(101, false, null, false, "interrupted");
        } finally {
            socket.abort();
        }
    }

    private Answer command(SystemFile.CommandCheck check, String token) {
        ProcessBuilder builder = new ProcessBuilder(check.command()).redirectErrorStream(true);
        builder.environment().remove(check.tokenEnv());
        if (token != null) {
            builder.environment().put(check.tokenEnv(), token);
        }
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return new Answer(-1, false, null, false, "could not start (" + e.getClass().getSimpleName() + ")");
        }
        try {
            process.getOutputStream().close();
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            Thread reader = new Thread(() -> copy(process.getInputStream(), output), "auth-doctor-command-output");
            reader.setDaemon(true);
            reader.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return new Answer(-1, false, null, false, "did not end within " + timeout.toSeconds() + " s");
            }
            reader.join(timeout.toMillis());
            String text;
            synchronized (output) {
                text = output.toString(StandardCharsets.UTF_8);
            }
            int exit = process.exitValue();
            boolean echoed = echoes(token, text, null);
            if (exit != 0) {
                return new Answer(exit, false, null, echoed, "exit code " + exit);
            }
            return new Answer(0, true, subject(check.subjectPath(), lastJson(text)), echoed, "");
        } catch (IOException e) {
            return new Answer(-1, false, null, false, "no output (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(-1, false, null, false, "interrupted");
        } finally {
            process.destroyForcibly();
        }
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        byte[] buffer = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                synchronized (out) {
                    out.write(buffer, 0, n);
                }
            }
        } catch (IOException e) {
            // the process is gone
        }
    }

    /** The command's output if it is JSON, else its last line that is. */
    private static String lastJson(String text) {
        if (parse(text) != null) {
            return text;
        }
        List<String> lines = new ArrayList<>(text.lines().toList());
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (parse(lines.get(i)) != null) {
                return lines.get(i);
            }
        }
        return "";
    }

    private interface HeaderSink {
        void header(String name, String value);
    }

    private static void addHeader(SystemFile.Placement placement, String token, HeaderSink sink) {
        if (token == null) {
            return;
        }
        switch (placement.carrier()) {
            case HEADER -> {
                if (placement.name() == null) {
                    sink.header("Authorization", "Bearer " + token);
                } else {
                    sink.header(placement.name(), token);
                }
            }
            case COOKIE -> sink.header("Cookie", placement.name() + "=" + token);
            case QUERY, SUBPROTOCOL -> {
                // in the URL, or as the subprotocol
            }
        }
    }

    private static URI withQuery(URI url, SystemFile.Placement placement, String token) {
        if (placement.carrier() != SystemFile.Carrier.QUERY || token == null) {
            return url;
        }
        String text = url.toString();
        return URI.create(text + (url.getRawQuery() == null ? "?" : "&") + form(placement.name(), token));
    }

    private static String form(String name, String value) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /**
     * Whether the answer contains the token: its signature when it has one of at least 16 characters
     * (a server that echoes a token's signature has echoed the token), else the whole token.
     */
    static boolean echoes(String token, String body, HttpHeaders headers) {
        if (token == null) {
            return false;
        }
        String signature = token.substring(token.lastIndexOf('.') + 1);
        String needle = signature.length() >= 16 ? signature : token;
        if (body != null && body.contains(needle)) {
            return true;
        }
        return headers != null && headers.map().values().stream().flatMap(List::stream)
                .anyMatch(value -> value.contains(needle));
    }

    private static String subject(Optional<String> path, String json) {
        if (path.isEmpty()) {
            return null;
        }
        JsonNode node = at(parse(json), path.get());
        return node == null || !node.isValueNode() ? null : node.asText();
    }

    /** The node at a dotted path ({@code user.id}) or JSON Pointer ({@code /user/id}); {@code null} if none. */
    static JsonNode at(JsonNode root, String path) {
        if (root == null) {
            return null;
        }
        String pointer = path.startsWith("/") ? path : "/" + path.replace("~", "~0").replace("/", "~1")
                .replace('.', '/');
        JsonNode node = root.at(pointer);
        return node.isMissingNode() || node.isNull() ? null : node;
    }

    /** The JSON of {@code text}, or {@code null} when it is not JSON. */
    static JsonNode parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            return null;
        }
    }

    /** Queues each whole text message, and {@link #END} when the socket closes or fails. */
    private static final class Collector implements WebSocket.Listener {
        private final BlockingQueue<String> messages;
        private final StringBuilder partial = new StringBuilder();

        Collector(BlockingQueue<String> messages) {
            this.messages = messages;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                messages.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            messages.add(END);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            messages.add(END);
        }
    }
}
