package dev.ssotauth.spring.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ssotauth.core.JwtAuthority;
import dev.ssotauth.core.TokenRequest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * An application's own chain ({@code oauth2ResourceServer(o -> o.jwt(...))} with role rules) verifies
 * through the starter's decoder too: roles from the token are {@code ROLE_*} authorities.
 */
@SpringBootTest(classes = { SecuredApp.class, CustomChainTest.Chain.class },
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
                "ssot.auth.secret-key=spring-test-secret-0123456789-abcdefghijKLMN",
                "ssot.auth.issuer=https://login.example", "ssot.auth.audience=chat" })
final class CustomChainTest {

    /** Admins only, on a bearer token. */
    @Configuration(proxyBeanMethods = false)
    static class Chain {
        @Bean
        SecurityFilterChain chain(HttpSecurity http) throws Exception {
            return http.authorizeHttpRequests(requests -> requests.requestMatchers("/api/me").hasRole("admin")
                            .anyRequest().authenticated())
                    .oauth2ResourceServer(resourceServer -> resourceServer.jwt(Customizer.withDefaults()))
                    .build();
        }
    }

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    JwtAuthority authority;

    private HttpResponse<String> me(String token) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/me"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void requestWhenTheRoleIsMissingThen403AndWithItThen200() {
        assertEquals(403, me(authority.issue(TokenRequest.forSubject("bob").roles("user").build())).statusCode());
        assertEquals(200, me(authority.issue(TokenRequest.forSubject("carol").roles("admin").build())).statusCode());
    }
}
