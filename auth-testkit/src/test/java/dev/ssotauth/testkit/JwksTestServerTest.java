package dev.ssotauth.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

import org.junit.jupiter.api.Test;

final class JwksTestServerTest {

    private static final String FIRST_SET = "{\"keys\":[{\"kty\":\"oct\",\"kid\":\"first\"}]}";
    private static final String SECOND_SET = "{\"keys\":[{\"kty\":\"oct\",\"kid\":\"second\"}]}";

    /** A fresh client per request, so that no pooled connection outlives a switch. */
    private static HttpResponse<String> get(URI uri, Duration timeout) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        return client.send(java.net.http.HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return get(uri, Duration.ofSeconds(15));
    }

    @Test
    void startWhenFetchedThenServesSetOnLoopbackAndCounts() throws Exception {
        // given
        try (JwksTestServer jwks = JwksTestServer.start(FIRST_SET)) {

            // when
            HttpResponse<String> first = get(jwks.uri());
            HttpResponse<String> second = get(jwks.uri());

            // then
            assertEquals(200, first.statusCode());
            assertEquals(FIRST_SET, first.body());
            assertEquals("application/jwk-set+json", first.headers().firstValue("Content-Type").orElseThrow());
            assertEquals(FIRST_SET, second.body());
            assertEquals(2, jwks.requests());
            assertEquals("127.0.0.1", jwks.uri().getHost());
            assertEquals("/.well-known/jwks.json", jwks.uri().getPath());
        }
    }

    @Test
    void rotateToWhenFetchedAgainThenServesNewSet() throws Exception {
        // given
        try (JwksTestServer jwks = JwksTestServer.start(FIRST_SET)) {
            get(jwks.uri());

            // when
            jwks.rotateTo(SECOND_SET);
            HttpResponse<String> after = get(jwks.uri());

            // then
            assertEquals(SECOND_SET, after.body());
            assertEquals(2, jwks.requests());
        }
    }

    @Test
    void failWith503WhenFetchedThen503CountedAndRestoreServesAgain() throws Exception {
        // given
        try (JwksTestServer jwks = JwksTestServer.start(FIRST_SET)) {

            // when
            jwks.failWith503();
            HttpResponse<String> outage = get(jwks.uri());
            jwks.restore();
            HttpResponse<String> restored = get(jwks.uri());

            // then
            assertEquals(503, outage.statusCode());
            assertEquals("1", outage.headers().firstValue("Retry-After").orElseThrow());
            assertEquals(200, restored.statusCode());
            assertEquals(2, jwks.requests());
        }
    }

    @Test
    void refuseConnectionsWhenFetchedThenConnectionRefusedAndRestoreRebindsSamePort() throws Exception {
        // given
        try (JwksTestServer jwks = JwksTestServer.start(FIRST_SET)) {
            URI uri = jwks.uri();
            get(uri);

            // when
            jwks.refuseConnections();
            assertThrows(ConnectException.class, () -> get(uri));
            jwks.restore();
            HttpResponse<String> restored = get(uri);

            // then
            assertEquals(uri, jwks.uri());
            assertEquals(FIRST_SET, restored.body());
            assertEquals(2, jwks.requests());
        }
    }

    @Test
    void delayResponsesWhenClientTimeoutShorterThenClientTimesOut() throws Exception {
        // given: the server sleeps at least the delay, so the shorter client timeout always fires first
        try (JwksTestServer jwks = JwksTestServer.start(FIRST_SET)) {
            jwks.delayResponses(Duration.ofMillis(1500));

            // when
            assertThrows(HttpTimeoutException.class, () -> get(jwks.uri(), Duration.ofMillis(200)));
            jwks.restore();
            HttpResponse<String> restored = get(jwks.uri());

            // then
            assertEquals(200, restored.statusCode());
            assertTrue(jwks.requests() >= 2);
        }
    }

    @Test
    void fetchWhenOtherPathThen404AndNotCounted() throws Exception {
        // given
        try (JwksTestServer jwks = JwksTestServer.start(FIRST_SET)) {

            // when
            HttpResponse<String> other = get(jwks.uri().resolve("/other"));

            // then
            assertEquals(404, other.statusCode());
            assertEquals(0, jwks.requests());
        }
    }

    @Test
    void discoveryWhenFetchedAtEitherPathThenIssuerAndJwksUriCountedApartFromTheKeySet() throws Exception {
        // given
        try (JwksTestServer jwks = JwksTestServer.start(FIRST_SET)) {
            String expected = "{\"issuer\":\"http://127.0.0.1:" + jwks.uri().getPort() + "\",\"jwks_uri\":\""
                    + jwks.uri() + "\"}";

            // when
            HttpResponse<String> openId = get(jwks.discoveryUri());
            HttpResponse<String> rfc8414 = get(URI.create(jwks.issuer() + "/.well-known/oauth-authorization-server"));
            HttpResponse<String> keySet = get(jwks.uri());

            // then
            assertEquals("http://127.0.0.1:" + jwks.uri().getPort(), jwks.issuer());
            assertEquals(URI.create(jwks.issuer() + "/.well-known/openid-configuration"), jwks.discoveryUri());
            assertEquals(200, openId.statusCode());
            assertEquals("application/json", openId.headers().firstValue("Content-Type").orElseThrow());
            assertEquals(expected, openId.body());
            assertEquals(200, rfc8414.statusCode());
            assertEquals(expected, rfc8414.body());
            assertEquals(FIRST_SET, keySet.body());
            assertEquals(2, jwks.discoveryRequests());
            assertEquals(1, jwks.requests());
        }
    }

    @Test
    void discoveryIssuerWhenSetThenTheDocumentNamesItUntilSetBack() throws Exception {
        // given
        try (JwksTestServer jwks = JwksTestServer.start(FIRST_SET)) {

            // when
            jwks.discoveryIssuer("http://127.0.0.1:" + jwks.uri().getPort() + "/");
            HttpResponse<String> trailingSlash = get(jwks.discoveryUri());
            jwks.discoveryIssuer("a \"quoted\\ issuer\n");
            HttpResponse<String> escaped = get(jwks.discoveryUri());
            jwks.discoveryIssuer(jwks.issuer());
            HttpResponse<String> back = get(jwks.discoveryUri());

            // then
            assertEquals("{\"issuer\":\"" + jwks.issuer() + "/\",\"jwks_uri\":\"" + jwks.uri() + "\"}",
                    trailingSlash.body());
            assertEquals("{\"issuer\":\"a \\\"quoted\\\\ issuer\\u000a\",\"jwks_uri\":\"" + jwks.uri() + "\"}",
                    escaped.body());
            assertEquals("{\"issuer\":\"" + jwks.issuer() + "\",\"jwks_uri\":\"" + jwks.uri() + "\"}", back.body());
            assertEquals("http://127.0.0.1:" + jwks.uri().getPort(), jwks.issuer(), "issuer() is the base URL");
            assertThrows(NullPointerException.class, () -> jwks.discoveryIssuer(null));
        }
    }

    @Test
    void outageSwitchesWhenDiscoveryFetchedThenTheyApplyToTheDocumentToo() throws Exception {
        // given
        try (JwksTestServer jwks = JwksTestServer.start(FIRST_SET)) {
            URI discovery = jwks.discoveryUri();

            // when
            jwks.failWith503();
            HttpResponse<String> outage = get(discovery);
            jwks.restore();
            jwks.refuseConnections();
            assertThrows(ConnectException.class, () -> get(discovery));
            jwks.restore();
            HttpResponse<String> restored = get(discovery);

            // then
            assertEquals(503, outage.statusCode());
            assertEquals("1", outage.headers().firstValue("Retry-After").orElseThrow());
            assertEquals(200, restored.statusCode());
            assertEquals(2, jwks.discoveryRequests());
            assertEquals(0, jwks.requests());
        }
    }

    @Test
    void delayResponsesWhenDiscoveryFetchedWithShorterTimeoutThenClientTimesOut() throws Exception {
        // given: the server sleeps at least the delay, so the shorter client timeout always fires first
        try (JwksTestServer jwks = JwksTestServer.start(FIRST_SET)) {
            jwks.delayResponses(Duration.ofMillis(1500));

            // when
            assertThrows(HttpTimeoutException.class, () -> get(jwks.discoveryUri(), Duration.ofMillis(200)));
            jwks.restore();
            HttpResponse<String> restored = get(jwks.discoveryUri());

            // then
            assertEquals(200, restored.statusCode());
            assertTrue(jwks.discoveryRequests() >= 2);
            assertEquals(0, jwks.requests());
        }
    }

    @Test
    void switchesWhenClosedOrInvalidThenRefused() {
        // given
        JwksTestServer jwks = JwksTestServer.start(FIRST_SET);
        jwks.close();

        // when
        IllegalStateException closed = assertThrows(IllegalStateException.class, jwks::restore);
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> jwks.delayResponses(Duration.ofMillis(-1)));

        // then
        assertEquals("the JWK Set test server is closed", closed.getMessage());
        assertEquals("delay must not be negative; got PT-0.001S", negative.getMessage());
        jwks.close(); // idempotent
    }
}
