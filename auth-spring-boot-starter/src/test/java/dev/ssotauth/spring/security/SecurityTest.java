package dev.ssotauth.spring.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ssotauth.core.JwtAuthority;
import dev.ssotauth.core.TokenRequest;
import dev.ssotauth.testkit.AuthComponent;
import dev.ssotauth.testkit.FragmentationAssertions;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * Boot's own resource-server chain on the starter, on a real embedded Tomcat: tokens minted by the
 * application's own authority bean, no mocked decoder.
 */
@SpringBootTest(classes = SecuredApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ssot.auth.secret-key=spring-test-secret-0123456789-abcdefghijKLMN",
        "ssot.auth.issuer=https://login.example", "ssot.auth.audience=chat",
        "ssot.auth.roles-claim=roles" })
final class SecurityTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    JwtAuthority authority;

    @Autowired
    JwtDecoder decoder;

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Autowired
    org.springframework.context.ApplicationContext context;

    @Test
    void decoderWhenTheAppStartsThenItIsTheAuthoritysAndTheOnlyOne() {
        assertTrue(decoder instanceof AuthorityJwtDecoder, decoder.getClass().getName());
        assertEquals(List.of("jwtDecoder"), List.of(context.getBeanNamesForType(JwtDecoder.class)));
        // Boot's default resource-server chain was built, on this decoder
        assertEquals(1, context.getBeanNamesForType(org.springframework.security.web.SecurityFilterChain.class).length);
        assertEquals(1, context.getBeanNamesForType(JwtAuthority.class).length);
    }

    @Test
    void requestWhenTokenIsValidThen200WithTheSubjectEverywhere() throws Exception {
        String token = authority.issue(TokenRequest.forSubject("alice").roles("admin").claim("scope", "chat read")
                .build());

        HttpResponse<String> me = get("/api/me", token);

        assertEquals(200, me.statusCode(), me.body());
        assertTrue(me.body().contains("\"subject\":\"alice\""), me.body());
        assertTrue(me.body().contains("\"name\":\"alice\""), me.body());
        assertTrue(me.body().contains("\"current\":\"alice\""), me.body());
        assertTrue(me.body().contains("\"authorities\":[\"ROLE_admin\",\"SCOPE_chat\",\"SCOPE_read\"]"), me.body());
    }

    @Test
    void requestWhenTokenIsRefusedThen401InvalidTokenWithoutTheTokenAnywhere() throws Exception {
        String good = authority.issue(TokenRequest.forSubject("mallory").build());
        String tampered = good.substring(0, good.length() - 4) + (good.endsWith("AAAA") ? "BBBB" : "AAAA");

        HttpResponse<String> refused = get("/api/me", tampered);

        assertEquals(401, refused.statusCode());
        String challenge = refused.headers().firstValue("WWW-Authenticate").orElse("");
        assertTrue(challenge.startsWith("Bearer error=\"invalid_token\""), challenge);
        assertTrue(challenge.contains("BAD_SIGNATURE"), challenge);
        String payload = good.substring(good.indexOf('.') + 1, good.lastIndexOf('.'));
        assertFalse(refused.body().contains(payload) || challenge.contains(payload), "the token leaked");
        assertFalse(refused.body().contains("mallory") || challenge.contains("mallory"), "a claim leaked");
    }

    @Test
    void crossValidationWhenTheAppsHttpEntryPointAndTheAuthorityThenEveryPairAgrees() {
        AuthComponent viaHttp = AuthComponent.of("spring http", subject -> authority.issue(
                TokenRequest.forSubject(subject).build()), token -> {
                    HttpResponse<String> answer;
                    try {
                        answer = get("/api/me", token);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    if (answer.statusCode() != 200) {
                        return null;
                    }
                    String body = answer.body();
                    int at = body.indexOf("\"subject\":\"") + "\"subject\":\"".length();
                    return body.substring(at, body.indexOf('"', at));
                });
        FragmentationAssertions.assertCrossValidation(List.of(AuthComponent.of("authority", authority), viaHttp));
    }

    @Test
    void requestWhenNoTokenThen401BearerChallenge() throws Exception {
        HttpResponse<String> none = get("/api/me", null);
        assertEquals(401, none.statusCode());
        String challenge = none.headers().firstValue("WWW-Authenticate").orElse("");
        assertTrue(challenge.startsWith("Bearer"), challenge);
        assertFalse(challenge.contains("error="), "no token, no error: " + challenge);
    }
}
