package dev.ssotauth.spring.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ssotauth.core.JwtAuthority;
import dev.ssotauth.core.TokenRequest;
import dev.ssotauth.micrometer.AuthMetrics;
import dev.ssotauth.testkit.OffsetClock;

import com.sun.net.httpserver.HttpServer;

import io.micrometer.core.instrument.MeterRegistry;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The starter with Actuator and auth-micrometer on the class path, on embedded Tomcat and a JWK Set
 * served on loopback: the meters are bound and count real requests, and the health of the key
 * source follows a real outage — UP with the keys' age, UP while the cached set serves, DOWN once the
 * outage tolerance is spent, by the authority's clock.
 */
final class ObservabilityIT {

    private static final String ISSUER = "https://login.example";
    private static final String AUDIENCE = "chat";

    /** The authority's clock: real time plus an offset the test moves forward. */
    private final OffsetClock clock = new OffsetClock();
    private final AtomicBoolean jwksDown = new AtomicBoolean();
    private final HttpClient http = HttpClient.newHttpClient();
    private HttpServer jwks;
    private JwtAuthority signer;
    private ConfigurableApplicationContext app;

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
        if (jwks != null) {
            jwks.stop(0);
        }
        if (signer != null) {
            signer.close();
        }
    }

    private void start() throws Exception {
        signer = signer(clock);
        byte[] body = signer.publicJwks().getBytes(StandardCharsets.UTF_8);
        jwks = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        jwks.createContext("/jwks.json", exchange -> {
            if (jwksDown.get()) {
                exchange.sendResponseHeaders(503, -1);
            } else {
                exchange.getResponseHeaders().add("Content-Type", "application/jwk-set+json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            exchange.close();
        });
        jwks.start();
        app = new SpringApplicationBuilder(ObservedApp.class).web(WebApplicationType.SERVLET)
                .initializers(context -> context.getBeanFactory().registerSingleton("clock", clock))
                .properties("server.port=0", "server.address=127.0.0.1",
                        "ssot.auth.jwks-uri=http://user:pass@127.0.0.1:" + jwks.getAddress().getPort()
                                + "/jwks.json?tenant=secret-tenant",
                        "ssot.auth.issuer=" + ISSUER, "ssot.auth.audience=" + AUDIENCE, "ssot.auth.algorithms=ES256",
                        "ssot.auth.jwks-cache-ttl=PT5M", "ssot.auth.jwks-refresh-ahead=PT0S",
                        "ssot.auth.jwks-outage-tolerance=PT10M",
                        "management.endpoint.health.show-details=always")
                .run();
    }

    private static JwtAuthority signer(Clock clock) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        ECPublicKey pub = (ECPublicKey) pair.getPublic();
        String set = "{\"keys\":[{\"kty\":\"EC\",\"crv\":\"P-256\",\"kid\":\"k1\",\"x\":\""
                + coordinate(pub.getW().getAffineX()) + "\",\"y\":\"" + coordinate(pub.getW().getAffineY())
                + "\",\"d\":\"" + coordinate(((ECPrivateKey) pair.getPrivate()).getS()) + "\"}]}";
        Path file = Files.createTempFile(Files.createDirectories(Path.of("target")), "signing-keys", ".json");
        try {
            Files.writeString(file, set);
            return JwtAuthority.builder().signingKeys(file).algorithms("ES256").issuer(ISSUER).audience(AUDIENCE)
                    .clock(clock).build();
        } finally {
            Files.delete(file);
        }
    }

    private static String coordinate(BigInteger value) {
        byte[] bytes = value.toByteArray();
        byte[] fixed = new byte[32];
        int length = Math.min(bytes.length, 32);
        System.arraycopy(bytes, bytes.length - length, fixed, 32 - length, length);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(fixed);
    }

    private int port() {
        return Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
    }

    private HttpResponse<String> get(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String token() {
        // iat by the authority's clock, so that a token is never "issued in the future" for it
        return signer.issue(TokenRequest.forSubject("alice").ttl(Duration.ofMinutes(10)).build());
    }

    private double count(String name, String... tags) {
        return app.getBean(MeterRegistry.class).get(name).tags(tags).functionCounter().count();
    }

    private String health() {
        return get("/actuator/health/ssotAuth", null).body();
    }

    @Test
    void keySourceWhenFetchedThenDownBeyondTheToleranceThenHealthAndMetersFollow() throws Exception {
        // given
        start();
        assertTrue(app.getBean(AuthMetrics.class) != null);
        assertEquals(Status.UNKNOWN, app.getBean(KeySourcesHealthIndicator.class).health().getStatus());

        // when: a request fetches the keys
        assertEquals(200, get("/api/me", token()).statusCode());
        clock.advance(Duration.ofSeconds(42));

        // then
        String up = health();
        assertTrue(up.startsWith("{\"details\":{\"keys\":\"remote\",\"sources\":{\"http://127.0.0.1:"), up);
        assertTrue(up.endsWith("\"status\":\"UP\"}"), up);
        assertTrue(up.contains("/jwks.json\":{\"status\":\"UP\",\"keys\":1,\"age\":\"PT42S\""), up);
        assertEquals(1, count("ssot.auth.keyset.fetches", "outcome", "success", "failure", "none"));
        assertEquals(1, count("ssot.auth.authentications", "outcome", "accepted", "reason", "none"));

        // when: the key set goes down past its cache time, within the outage tolerance
        jwksDown.set(true);
        clock.advance(Duration.ofMinutes(6));
        assertEquals(200, get("/api/me", token()).statusCode(), "the cached set serves");

        // then
        String serving = health();
        assertTrue(serving.endsWith("\"status\":\"UP\"}"), serving);
        assertTrue(serving.contains("\"failure\":\"HTTP_STATUS\""), serving);
        assertTrue(serving.contains("\"servesUntil\""), serving);
        assertEquals(1, count("ssot.auth.keyset.fetches", "outcome", "failure", "failure", "http-status"));

        // when: the tolerance is spent
        clock.advance(Duration.ofMinutes(10));
        assertEquals(503, get("/api/me", token()).statusCode());

        // then
        HttpResponse<String> down = get("/actuator/health/ssotAuth", null);
        assertEquals(503, down.statusCode());
        assertTrue(down.body().endsWith("\"status\":\"DOWN\"}"), down.body());
        assertTrue(down.body().contains("\"status\":\"DOWN\",\"failure\":\"HTTP_STATUS\",\"keys\":1"), down.body());
        assertFalse(down.body().contains("user") || down.body().contains("pass") || down.body().contains("tenant"),
                down.body());
        assertEquals(2, count("ssot.auth.keyset.fetches", "outcome", "failure", "failure", "http-status"));
        assertEquals(1, count("ssot.auth.authentications", "outcome", "unavailable", "reason", "KEYS"));

        // when: the key set is back
        jwksDown.set(false);
        clock.advance(Duration.ofMinutes(1));
        assertEquals(200, get("/api/me", token()).statusCode());

        // then
        String back = health();
        assertTrue(back.endsWith("\"status\":\"UP\"}"), back);
    }

    @Test
    void requestsWhenForgedOrExpiredThenCountedByReason() throws Exception {
        // given
        start();
        String expired = signer.issue(TokenRequest.forSubject("bob").ttl(Duration.ofMinutes(1)).build());
        String good = token();
        String forged = good.substring(0, good.lastIndexOf('.') + 1) + expired.substring(expired.lastIndexOf('.') + 1);

        // when
        assertEquals(200, get("/api/me", good).statusCode());
        clock.advance(Duration.ofMinutes(3));
        assertEquals(401, get("/api/me", expired).statusCode());
        assertEquals(401, get("/api/me", forged).statusCode());

        // then
        assertEquals(1, count("ssot.auth.authentications", "outcome", "rejected", "reason", "EXPIRED"));
        assertEquals(1, count("ssot.auth.authentications", "outcome", "rejected", "reason", "BAD_SIGNATURE"));
    }
}
