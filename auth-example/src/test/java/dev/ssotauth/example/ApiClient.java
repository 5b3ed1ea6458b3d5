package dev.ssotauth.example;

import com.fasterxml.jackson.core.type.TypeReference;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** The tests' HTTP client of the service, on the JDK's {@code java.net.http}, with Jackson. Thread-safe. */
final class ApiClient {

    static final Duration TIMEOUT = Duration.ofSeconds(20);

    /** An HTTP answer. */
    record Answer(int status, HttpHeaders headers, String body) {

        /** The body as a JSON object; an empty map when it is not one. */
        Map<String, Object> json() {
            try {
                return parse(body);
            } catch (IOException e) {
                return Map.of();
            }
        }
    }

    private final URI base;
    private final HttpClient http;

    /** @param base {@code http://host:port} */
    ApiClient(URI base) {
        this.base = base;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
    }

    HttpClient http() {
        return http;
    }

    URI http(String path) {
        return base.resolve(path);
    }

    URI ws(String path) {
        return URI.create("ws" + base.toString().substring("http".length())).resolve(path);
    }

    /** Sends a request; {@code token}, {@code contentType} and {@code body} may be {@code null}. */
    Answer send(String method, String path, String token, String contentType, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(http(path)).timeout(TIMEOUT)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.headers(), response.body());
    }

    Answer get(String path, String token) throws IOException, InterruptedException {
        return send("GET", path, token, null, null);
    }

    Answer post(String path, String token) throws IOException, InterruptedException {
        return send("POST", path, token, null, null);
    }

    Answer postLogin(String user, String password) throws IOException, InterruptedException {
        return send("POST", "/login", null, "application/json",
                HttpJson.write(Map.of("username", user, "password", password)));
    }

    /** {@code json}, a JSON object, as a map of Jackson's plain values (strings, numbers, lists, maps). */
    static Map<String, Object> parse(String json) throws IOException {
        return HttpJson.READER.forType(new TypeReference<Map<String, Object>>() { }).readValue(json);
    }

    /** Logs in; the access token, or {@code null} when the login was refused. */
    String login(String user, String password) throws IOException, InterruptedException {
        Answer answer = postLogin(user, password);
        Object token = answer.json().get("access_token");
        return answer.status() == 200 && token instanceof String ? (String) token : null;
    }
}
