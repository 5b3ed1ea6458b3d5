package dev.ssotauth.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ssotauth.core.AuthResult;
import dev.ssotauth.core.JwtAuthority;
import dev.ssotauth.core.TokenRequest;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link JwksServlet} on embedded Tomcat 11: what a verifying node and an HTTP cache read. */
final class TomcatJwksServletIT {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static Path baseDir;
    private static Tomcat tomcat;
    private static Connector connector;
    private static JwtAuthority signer;
    private static JwtAuthority unreachable;

    @BeforeAll
    static void start() throws Exception {
        // Under the build directory, not the system temp folder.
        baseDir = Files.createTempDirectory(Files.createDirectories(Path.of("target").toAbsolutePath()),
                "ssot-auth-jwks");
        signer = SigningAuthorities.es256("https://login.test");
        unreachable = JwtAuthority.builder().jwksUri(URI.create("http://127.0.0.1:" + closedPort()
                + "/.well-known/jwks.json")).jwksTimeout(Duration.ofSeconds(1))
                .issuer("https://login.test").audience("chat").build();

        tomcat = new Tomcat();
        tomcat.setBaseDir(baseDir.toString());
        connector = new Connector("HTTP/1.1");
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        tomcat.getService().addConnector(connector);
        tomcat.setConnector(connector);
        Context context = tomcat.addContext("", baseDir.toString());
        Tomcat.addServlet(context, "jwks", new JwksServlet(signer)).addMapping(JwksServlet.PATH);
        Tomcat.addServlet(context, "jwks-short", new JwksServlet(signer).withMaxAge(Duration.ofSeconds(60)))
                .addMapping("/short/jwks.json");
        Tomcat.addServlet(context, "jwks-unavailable", new JwksServlet(unreachable)).addMapping("/down/jwks.json");
        tomcat.start();
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            unreachable.close(); // as the application would on its way down: its fetching threads end
            tomcat.stop();
            tomcat.destroy();
        } finally {
            try (Stream<Path> paths = Files.walk(baseDir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
            // Embedded Tomcat records the JVM's first base directory as catalina.home, and the next
            // embedded Tomcat of the JVM would make it again: forget it with the directory.
            for (String property : List.of("catalina.home", "catalina.base")) {
                if (baseDir.toString().equals(System.getProperty(property))) {
                    System.clearProperty(property);
                }
            }
        }
    }

    @Test
    void getWhenSigningKeysThenPublicSetWithCacheHeaders() throws Exception {
        // when
        HttpResponse<String> response = send("GET", JwksServlet.PATH);

        // then
        assertEquals(200, response.statusCode());
        assertEquals("application/jwk-set+json", response.headers().firstValue("Content-Type").orElse(""));
        assertEquals("public, max-age=300", response.headers().firstValue("Cache-Control").orElse(""));
        assertEquals("nosniff", response.headers().firstValue("X-Content-Type-Options").orElse(""));
        assertEquals(signer.publicJwks(), response.body());
        assertTrue(response.body().contains("\"kty\":\"EC\""), response.body());
        assertFalse(response.body().contains("\"d\""), "a private member was published");
    }

    @Test
    void getWhenVerifierReadsThePublishedSetThenSignerTokensVerify() {
        // given
        String token = signer.issue(TokenRequest.forSubject("alice").roles("user").build());
        try (JwtAuthority verifier = JwtAuthority.builder().jwksUri(url(JwksServlet.PATH))
                .issuer("https://login.test").audience("chat").build()) {

            // when
            AuthResult result = verifier.authenticate(token);

            // then
            AuthResult.Authenticated authenticated = assertInstanceOf(AuthResult.Authenticated.class, result);
            assertEquals("alice", authenticated.user().subject());
            assertEquals(signer.fingerprint(), verifier.fingerprint());
            assertFalse(verifier.canIssue());
        }
    }

    @Test
    void headWhenRequestedThenHeadersWithoutBody() throws Exception {
        // when
        HttpResponse<String> response = send("HEAD", JwksServlet.PATH);

        // then
        assertEquals(200, response.statusCode());
        assertEquals("application/jwk-set+json", response.headers().firstValue("Content-Type").orElse(""));
        assertEquals("public, max-age=300", response.headers().firstValue("Cache-Control").orElse(""));
        assertEquals("", response.body());
    }

    @Test
    void getWhenMaxAgeConfiguredThenCacheControlUsesIt() throws Exception {
        // when
        HttpResponse<String> response = send("GET", "/short/jwks.json");

        // then
        assertEquals(200, response.statusCode());
        assertEquals("public, max-age=60", response.headers().firstValue("Cache-Control").orElse(""));
    }

    @Test
    void getWhenAuthorityCannotDecideThen503WithoutDetails() throws Exception {
        // when
        HttpResponse<String> response = send("GET", "/down/jwks.json");

        // then
        assertEquals(503, response.statusCode());
        assertEquals("{\"error\":\"temporarily_unavailable\"}", response.body());
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(""));
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
    }

    @Test
    void postWhenSentThen405() throws Exception {
        // when
        HttpResponse<String> response = send("POST", JwksServlet.PATH);

        // then
        assertEquals(405, response.statusCode());
    }

    private static HttpResponse<String> send(String method, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(url(path)).timeout(Duration.ofSeconds(15))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static URI url(String path) {
        return URI.create("http://127.0.0.1:" + connector.getLocalPort() + path);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
