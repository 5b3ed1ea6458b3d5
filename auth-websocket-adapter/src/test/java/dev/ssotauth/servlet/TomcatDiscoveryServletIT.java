package dev.ssotauth.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ssotauth.core.AuthResult;
import dev.ssotauth.core.JwtAuthority;
import dev.ssotauth.core.TokenRequest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link DiscoveryServlet} on embedded Tomcat 11, in an application at context path {@code /auth}:
 * what a discovering verifier reads, and where the document sends it.
 */
final class TomcatDiscoveryServletIT {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String PUBLIC_JWKS = "https://login.example/auth/.well-known/jwks.json";
    private static final Pattern JWKS_URI = Pattern.compile("\"jwks_uri\":\"([^\"]+)\"");

    private static Path baseDir;
    private static Tomcat tomcat;
    private static Connector connector;
    private static JwtAuthority signer;

    @BeforeAll
    static void start() throws Exception {
        // Under the build directory, as the other Tomcat tests', not the system temp folder.
        baseDir = Files.createTempDirectory(Files.createDirectories(Path.of("target").toAbsolutePath()),
                "ssot-auth-discovery");
        signer = SigningAuthorities.es256("https://login.test/auth");

        tomcat = new Tomcat();
        tomcat.setBaseDir(baseDir.toString());
        connector = new Connector("HTTP/1.1");
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        tomcat.getService().addConnector(connector);
        tomcat.setConnector(connector);
        Context context = tomcat.addContext("/auth", baseDir.toString());
        Tomcat.addServlet(context, "jwks", new JwksServlet(signer)).addMapping(JwksServlet.PATH);
        Tomcat.addServlet(context, "discovery", new DiscoveryServlet(signer)).addMapping(DiscoveryServlet.PATH);
        Tomcat.addServlet(context, "discovery-behind-proxy", new DiscoveryServlet(signer, URI.create(PUBLIC_JWKS)))
                .addMapping("/proxied" + DiscoveryServlet.PATH);
        tomcat.start();
    }

    @AfterAll
    static void stop() throws Exception {
        try {
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
    void getWhenSigningAuthorityThenIssuerAndTheKeySetOfThisApplication() throws Exception {
        // when
        HttpResponse<String> response = send("GET", "/auth" + DiscoveryServlet.PATH);

        // then
        assertEquals(200, response.statusCode());
        assertEquals("{\"issuer\":\"https://login.test/auth\",\"jwks_uri\":\"http://127.0.0.1:"
                + connector.getLocalPort() + "/auth/.well-known/jwks.json\"}", response.body());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(""));
        assertEquals("nosniff", response.headers().firstValue("X-Content-Type-Options").orElse(""));
    }

    @Test
    void getWhenVerifierFollowsTheDocumentThenSignerTokensVerify() throws Exception {
        // given
        String document = send("GET", "/auth" + DiscoveryServlet.PATH).body();
        Matcher jwksUri = JWKS_URI.matcher(document);
        assertTrue(jwksUri.find(), document);
        String token = signer.issue(TokenRequest.forSubject("alice").roles("user").build());

        // when
        try (JwtAuthority verifier = JwtAuthority.builder().jwksUri(URI.create(jwksUri.group(1)))
                .issuer("https://login.test/auth").audience("chat").build()) {
            AuthResult result = verifier.authenticate(token);

            // then
            AuthResult.Authenticated authenticated = assertInstanceOf(AuthResult.Authenticated.class, result);
            assertEquals("alice", authenticated.user().subject());
            assertEquals(signer.fingerprint(), verifier.fingerprint());
        }
    }

    @Test
    void getWhenJwksUriGivenThenPublishedAsGiven() throws Exception {
        // when
        HttpResponse<String> response = send("GET", "/auth/proxied" + DiscoveryServlet.PATH);

        // then
        assertEquals(200, response.statusCode());
        assertEquals("{\"issuer\":\"https://login.test/auth\",\"jwks_uri\":\"" + PUBLIC_JWKS + "\"}", response.body());
    }

    @Test
    void headWhenRequestedThenHeadersWithoutBody() throws Exception {
        // when
        HttpResponse<String> response = send("HEAD", "/auth" + DiscoveryServlet.PATH);

        // then
        assertEquals(200, response.statusCode());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
        assertEquals("", response.body());
    }

    @Test
    void postWhenSentThen405() throws Exception {
        // when
        HttpResponse<String> response = send("POST", "/auth" + DiscoveryServlet.PATH);

        // then
        assertEquals(405, response.statusCode());
    }

    private static HttpResponse<String> send(String method, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + connector.getLocalPort() + path))
                .timeout(Duration.ofSeconds(15)).method(method, HttpRequest.BodyPublishers.noBody()).build();
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
