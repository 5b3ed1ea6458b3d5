package dev.ssotauth.example.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ssotauth.core.JwtAuthority;
import dev.ssotauth.core.UserContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.json.JsonMapper;

/** The HTTP half of the sample on a real embedded Tomcat: login, {@code /api/me}, the open page. */
@SpringBootTest(classes = { ChatApplication.class, SampleTests.class },
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { SampleTests.SECRET, SampleTests.TOMCAT_DIR })
final class LoginTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    JwtAuthority authority;

    @Autowired
    JsonMapper json;

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder to(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    }

    private HttpResponse<String> login(String user, String password) throws Exception {
        return send(to("/login").header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                json.writeValueAsString(Map.of("username", user, "password", password)))));
    }

    @Test
    void loginWhenPasswordIsRightThenATokenOfTheAuthorityWithRolesAndASession() throws Exception {
        HttpResponse<String> response = login("alice", "demo");

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(""));
        Map<?, ?> body = json.readValue(response.body(), Map.class);
        assertEquals("Bearer", body.get("token_type"));
        UserContext user = authority.verify((String) body.get("access_token"));
        assertEquals("alice", user.subject());
        assertEquals(Set.of("user", "admin"), user.roles());
        assertTrue(user.sessionId().isPresent());
    }

    @Test
    void loginWhenPasswordIsWrongThen401AndNoToken() throws Exception {
        HttpResponse<String> response = login("alice", "not-the-password");

        assertEquals(401, response.statusCode());
        assertEquals(Map.of("error", "invalid_credentials", "message", "wrong user name or password"),
                json.readValue(response.body(), Map.class));
    }

    @Test
    void meWhenTokenFromLoginThenTheVerifiedUser() throws Exception {
        String token = (String) json.readValue(login("bob", "demo").body(), Map.class).get("access_token");

        HttpResponse<String> me = send(to("/api/me").header("Authorization", "Bearer " + token));

        assertEquals(200, me.statusCode(), me.body());
        Map<?, ?> body = json.readValue(me.body(), Map.class);
        assertEquals("bob", body.get("subject"));
        assertEquals(List.of("user"), body.get("roles"));
    }

    @Test
    void meWhenNoTokenThen401() throws Exception {
        assertEquals(401, send(to("/api/me")).statusCode());
    }

    @Test
    void pageWhenNoTokenThenServed() throws Exception {
        HttpResponse<String> page = send(to("/"));

        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<form id=\"login-form\">"), page.body());
        assertFalse(page.body().contains("http://") || page.body().contains("https://"), "the page loads nothing else");
    }
}
