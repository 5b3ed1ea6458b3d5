package dev.ssotauth.spring.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.ssotauth.core.JwtAuthority;
import dev.ssotauth.core.Revocation;
import dev.ssotauth.core.RevocationStore;
import dev.ssotauth.core.TokenRequest;
import dev.ssotauth.core.UserContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The authority cannot decide (its revocation store is down): 503, never 401 (the token may be
 * valid) or 500. The store is the application's bean, which the starter gives the authority.
 */
@SpringBootTest(classes = { SecuredApp.class, UnavailableTest.DownStore.class },
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
                "ssot.auth.secret-key=spring-test-secret-0123456789-abcdefghijKLMN",
                "ssot.auth.issuer=https://login.example", "ssot.auth.audience=chat" })
final class UnavailableTest {

    /** A revocation store that cannot be reached. */
    @Configuration(proxyBeanMethods = false)
    static class DownStore {
        @Bean
        RevocationStore revocationStore() {
            return new RevocationStore() {
                @Override
                public void revoke(Revocation revocation) {
                    throw new IllegalStateException("store down");
                }

                @Override
                public boolean isRevoked(UserContext user) {
                    throw new IllegalStateException("store down");
                }

                @Override
                public Subscription subscribe(Consumer<Revocation> listener) {
                    return () -> { };
                }
            };
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    JwtAuthority authority;

    @Test
    void requestWhenTheAuthorityCannotDecideThen503TemporarilyUnavailable() throws Exception {
        String token = authority.issue(TokenRequest.forSubject("alice").build());
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/api/me")).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(503, answer.statusCode(), answer.body());
        assertEquals("{\"error\":\"temporarily_unavailable\"}", answer.body());
        assertEquals("1", answer.headers().firstValue("Retry-After").orElse(""));
        assertFalse(answer.headers().firstValue("WWW-Authenticate").isPresent(), "not a challenge: not a 401");
    }
}
