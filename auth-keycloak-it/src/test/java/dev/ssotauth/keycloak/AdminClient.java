package dev.ssotauth.keycloak;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Keycloak's admin REST API ({@code /admin/realms/...}) through {@link java.net.http} and Jackson,
 * signed in as the bootstrap administrator of the {@code master} realm. The administrator's access
 * token (60 s by default) is fetched again when less than a third of its life is left, and once more
 * after a 401 (a restarted Keycloak keeps its keys, but the session may be gone). Every failed call
 * is an {@link AssertionError} naming the method, the path and Keycloak's answer (admin answers carry
 * no secret). Not thread-safe: one test thread at a time.
 */
final class AdminClient {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http;
    private final URI base;
    private final String username;
    private final String password;
    private String token;
    private long tokenRenewAt;

    AdminClient(HttpClient http, URI base, String username, String password) {
        this.http = http;
        this.base = base;
        this.username = username;
        this.password = password;
    }

    /** {@code GET path}, a 200 answer's JSON. */
    JsonNode get(String path) {
        HttpResponse<String> response = send("GET", path, null);
        expect(response, "GET", path, 200);
        return parse(response.body());
    }

    /** {@code GET path}, a 200 answer's JSON, or {@code null} on 404. */
    JsonNode find(String path) {
        HttpResponse<String> response = send("GET", path, null);
        if (response.statusCode() == 404) {
            return null;
        }
        expect(response, "GET", path, 200);
        return parse(response.body());
    }

    /**
     * {@code POST path} with {@code body} as JSON; 201 or 204 expected.
     *
     * @return the last segment of the {@code Location} header (the new object's id), or {@code null}
     */
    String post(String path, Object body) {
        HttpResponse<String> response = send("POST", path, body);
        expect(response, "POST", path, 201, 204);
        return response.headers().firstValue("Location")
                .map(location -> location.substring(location.lastIndexOf('/') + 1))
                .orElse(null);
    }

    /** {@code PUT path} with {@code body} as JSON; 204 expected. */
    void put(String path, Object body) {
        expect(send("PUT", path, body), "PUT", path, 204);
    }

    /** {@code DELETE path}, with {@code body} as JSON when not {@code null}; 204 expected. */
    void delete(String path, Object body) {
        expect(send("DELETE", path, body), "DELETE", path, 204);
    }

    /**
     * {@code POST} of an HTML form (as the token endpoint takes it), outside the admin API and
     * without the administrator's token.
     *
     * @return the answer, whatever its status
     */
    HttpResponse<String> postForm(URI uri, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return exchange(request);
    }

    /** A JSON object, written as a map with its keys in the given order. */
    static Map<String, Object> object(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values come in pairs");
        }
        Map<String, Object> object = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            object.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return object;
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new AssertionError("Keycloak answered what is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private HttpResponse<String> send(String method, String path, Object body) {
        HttpResponse<String> response = exchange(request(method, path, body, adminToken()));
        if (response.statusCode() == 401) {
            token = null;
            response = exchange(request(method, path, body, adminToken()));
        }
        return response;
    }

    private HttpRequest request(String method, String path, Object body, String bearer) {
        HttpRequest.BodyPublisher publisher;
        try {
            publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new AssertionError("cannot write the body of " + method + " " + path, e);
        }
        return HttpRequest.newBuilder(base.resolve("/admin/realms" + path)).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + bearer)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .method(method, publisher)
                .build();
    }

    private String adminToken() {
        if (token != null && System.nanoTime() - tokenRenewAt < 0) {
            return token;
        }
        long asked = System.nanoTime();
        HttpResponse<String> response = postForm(base.resolve("/realms/master/protocol/openid-connect/token"),
                Map.of("grant_type", "password", "client_id", "admin-cli",
                        "username", username, "password", password));
        if (response.statusCode() != 200) {
            throw new AssertionError("the bootstrap administrator cannot sign in: HTTP " + response.statusCode()
                    + " " + response.body());
        }
        JsonNode answer = parse(response.body());
        token = answer.path("access_token").asText();
        long lifetimeNanos = Duration.ofSeconds(answer.path("expires_in").asLong(60)).toNanos();
        tokenRenewAt = asked + lifetimeNanos * 2 / 3;
        return token;
    }

    private HttpResponse<String> exchange(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(request.method() + " " + request.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted: " + request.method() + " " + request.uri(), e);
        }
    }

    private static void expect(HttpResponse<String> response, String method, String path, int... statuses) {
        for (int status : statuses) {
            if (response.statusCode() == status) {
                return;
            }
        }
        throw new AssertionError("Keycloak admin API: " + method + " " + path + " answered HTTP "
                + response.statusCode() + " " + response.body());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
