package dev.ssotauth.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends tokens to a server over HTTP or as a WebSocket handshake and judges the answer: a valid
 * token must get through (2xx, or 101 for a handshake); every attack must be refused with 401 and a
 * {@code WWW-Authenticate: Bearer} challenge (an oversized token may also be refused for its size
 * with 400, 413 or 431), and no answer may echo the token. Tokens travel as
 * {@code Authorization: Bearer}. Thread-safe.
 */
final class RemoteAttacks {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(15);
    private static final Set<Integer> SIZE_REFUSALS = Set.of(400, 413, 431);

    private final URI url;
    private final HttpClient client;

    RemoteAttacks(URI url) {
        this.url = url;
        this.client = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
    }

    /** An answer: the status (101 when upgraded) and the headers and body to look for leaks in. */
    private static final class Answer {
        final int status;
        final HttpHeaders headers;
        final String body;

        Answer(int status, HttpHeaders headers, String body) {
            this.status = status;
            this.headers = headers;
            this.body = body == null ? "" : body;
        }
    }

    void httpControl(String token) {
        Answer answer = http(token, "a valid token (control)");
        if (answer.status / 100 != 2) {
            throw new AssertionError("a valid token (control): expected a 2xx answer from " + url + ", got HTTP "
                    + answer.status + "; configure the server with TestTokens.environment() so that it trusts "
                    + "these tokens");
        }
    }

    void httpAttack(Attack attack, String token) {
        judge(attack, token, http(token, attack.description), "HTTP");
    }

    void webSocketControl(String token) {
        Answer answer = handshake(token, "a valid token (control)");
        if (answer.status != 101) {
            throw new AssertionError("a valid token (control): expected the WebSocket handshake with " + url
                    + " to succeed (101), got HTTP " + answer.status + "; configure the server with "
                    + "TestTokens.environment() so that it trusts these tokens");
        }
    }

    void webSocketAttack(Attack attack, String token) {
        Answer answer = handshake(token, attack.description);
        if (answer.status == 101) {
            throw new AssertionError(attack.description + ": expected the WebSocket handshake to be refused with "
                    + "HTTP 401, but the connection was upgraded (101)");
        }
        judge(attack, token, answer, "the WebSocket handshake got HTTP");
    }

    private static void judge(Attack attack, String token, Answer answer, String what) {
        boolean refusedForSize = attack.oversized && SIZE_REFUSALS.contains(answer.status);
        if (answer.status != 401 && !refusedForSize) {
            throw new AssertionError(attack.description + ": expected HTTP 401" + (attack.oversized
                    ? " (or 400, 413, 431)" : "") + ", but " + what + " " + answer.status
                    + (answer.status / 100 == 2 ? ": the server accepted it" : ""));
        }
        if (answer.status == 401 && answer.headers.allValues("WWW-Authenticate").stream()
                .noneMatch(v -> v.toLowerCase(Locale.ROOT).startsWith("bearer"))) {
            throw new AssertionError(attack.description + ": the 401 answer has no WWW-Authenticate: Bearer "
                    + "challenge (RFC 6750 section 3)");
        }
        if (token != null && leaks(token, answer)) {
            throw new AssertionError(attack.description + ": the answer echoes the token; never put a token in "
                    + "a response, a log line or an error message");
        }
    }

    private static boolean leaks(String token, Answer answer) {
        String signature = token.substring(token.lastIndexOf('.') + 1);
        String needle = signature.length() >= 16 ? signature : token;
        if (answer.body.contains(needle) || answer.body.contains(token)) {
            return true;
        }
        for (Map.Entry<String, List<String>> header : answer.headers.map().entrySet()) {
            for (String value : header.getValue()) {
                if (value.contains(needle) || value.contains(token)) {
                    return true;
                }
            }
        }
        return false;
    }

    private Answer http(String token, String description) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(ANSWER_TIMEOUT).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new AssertionError(description + ": no HTTP answer from " + url + " ("
                    + e.getClass().getName() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(description + ": interrupted", e);
        }
    }

    private Answer handshake(String token, String description) {
        WebSocket.Builder builder = client.newWebSocketBuilder().connectTimeout(CONNECT_TIMEOUT);
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        try {
            WebSocket socket = builder.buildAsync(url, new WebSocket.Listener() { })
                    .get(ANSWER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            socket.abort();
            return new Answer(101, HttpHeaders.of(Map.of(), (k, v) -> true), "");
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof WebSocketHandshakeException
                    && ((WebSocketHandshakeException) cause).getResponse() != null) {
                HttpResponse<?> response = ((WebSocketHandshakeException) cause).getResponse();
                Object body = response.body();
                return new Answer(response.statusCode(), response.headers(), body instanceof String
                        ? (String) body : null);
            }
            throw new AssertionError(description + ": the WebSocket handshake with " + url
                    + " failed without an HTTP answer (" + (cause == null ? e : cause).getClass().getName() + ")",
                    cause);
        } catch (TimeoutException e) {
            throw new AssertionError(description + ": no answer to the WebSocket handshake with " + url + " within "
                    + ANSWER_TIMEOUT.toSeconds() + " seconds", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(description + ": interrupted", e);
        }
    }
}
