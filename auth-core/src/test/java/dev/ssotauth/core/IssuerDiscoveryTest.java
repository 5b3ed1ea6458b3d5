package dev.ssotauth.core;

import static dev.ssotauth.core.Fixtures.AUDIENCE;
import static dev.ssotauth.core.Fixtures.b64;
import static dev.ssotauth.core.Fixtures.reason;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Identity providers found through their discovery documents, on real loopback HTTP servers: the
 * document's issuer compared exactly, both well-known forms, the provider down at start-up, and
 * several issuers whose keys never cross. Time is moved by hand.
 */
final class IssuerDiscoveryTest {

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Fixtures.NOW);
    private final JwksServer idp = new JwksServer();
    private final JwksServer other = new JwksServer();

    /** Every authority a test built: closed after it, so no fetching thread outlives the test. */
    private final java.util.List<JwtAuthority> built = new java.util.ArrayList<>();

    @AfterEach
    void stop() {
        built.forEach(JwtAuthority::close);
        idp.close();
        other.close();
    }

    private JwtAuthority track(JwtAuthority authority) {
        built.add(authority);
        return authority;
    }

    /** An identity provider's signing side: tokens of {@code issuer} signed with {@code key}. */
    private JwtAuthority provider(String issuer, TestKeys.TestKey key) {
        Path file = TestKeys.write(dir, "idp-" + System.nanoTime() + ".json", TestKeys.set(key.privateJwk));
        return JwtAuthority.builder().signingKeys(file).algorithms("ES256").issuer(issuer).audience(AUDIENCE)
                .clock(clock).tokenTtl(Duration.ofHours(1)).build();
    }

    private JwtAuthority.Builder service(String... issuers) {
        URI[] uris = new URI[issuers.length];
        for (int i = 0; i < issuers.length; i++) {
            uris[i] = URI.create(issuers[i]);
        }
        return JwtAuthority.builder().issuerUri(uris).algorithms("ES256").audience(AUDIENCE).clock(clock)
                .jwksTimeout(Duration.ofSeconds(2));
    }

    private static String token(JwtAuthority authority, String subject) {
        return authority.issue(TokenRequest.forSubject(subject).build());
    }

    @Test
    void authenticateWhenTheIssuerPublishesAnOpenIdConfigurationThenItsKeysAreFoundThroughIt() {
        // given a provider whose issuer has a path, as Keycloak's realms do
        String issuer = idp.base("/realms/a");
        JwtAuthority a = provider(issuer, TestKeys.generate("ES256", "k1"));
        idp.publish(a.publicJwks());
        idp.discovery("/realms/a", false, issuer, idp.uri());
        JwtAuthority service = track(service(issuer).build());
        assertEquals(0, idp.discoveryRequests() + idp.requests(), "nothing is fetched at start-up");

        // when / then
        for (int i = 0; i < 20; i++) {
            UserContext user = service.verify(token(a, "user-" + i));
            assertEquals(issuer, user.issuer());
        }
        assertEquals(1, idp.discoveryRequests());
        assertEquals(1, idp.requests());
        assertEquals(issuer, service.issuer());
        assertEquals(a.fingerprint(), service.fingerprint(), "the same keys as given any other way");
        assertEquals(a.publicJwks(), service.publicJwks());
        assertEquals("JwtAuthority[algorithms=[ES256], keys=remote]", service.toString());
    }

    @Test
    void authenticateWhenOnlyTheRfc8414DocumentExistsThenItIsUsed() {
        String issuer = idp.base("/tenant/x/");
        JwtAuthority a = provider(issuer, TestKeys.generate("ES256", "k1"));
        idp.publish(a.publicJwks());
        idp.discovery("/tenant/x", true, issuer, idp.uri());

        assertEquals("alice", track(service(issuer).build()).verify(token(a, "alice")).subject());
        assertEquals(2, idp.discoveryRequests(), "the OpenID Connect form (404), then RFC 8414's");
    }

    @Test
    void authenticateWhenTheDocumentNamesAnotherIssuerThenNoTokenIsAcceptedAndTheAnswerIs503() {
        // given a document whose issuer differs by a trailing slash only
        String issuer = idp.base("/realms/a");
        JwtAuthority a = provider(issuer, TestKeys.generate("ES256", "k1"));
        idp.publish(a.publicJwks());
        idp.discovery("/realms/a", false, issuer + "/", idp.uri());
        JwtAuthority service = track(service(issuer).build());

        AuthUnavailableException e = assertThrows(AuthUnavailableException.class,
                () -> service.authenticate(token(a, "alice")));
        assertEquals("the keys of issuer " + issuer + " cannot be discovered (the discovery document names another "
                + "issuer)", e.getMessage());
        assertEquals(0, idp.requests(), "its jwks_uri is never fetched");
    }

    @Test
    void authenticateWhenTheDocumentIsUnfitThenEachIsRefusedWithItsReason() {
        String issuer = idp.base("/r");
        JwtAuthority a = provider(issuer, TestKeys.generate("ES256", "k1"));
        String t = token(a, "alice");
        Map<String, String> documents = Map.of(
                "{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"http://keys.example/jwks\"}",
                "the discovery document is refused: its jwks_uri is not https (http only on a loopback host)",
                "{\"issuer\":\"" + issuer + "\"}", "the discovery document is refused: it has no jwks_uri",
                "{\"jwks_uri\":\"" + idp.uri() + "\"}", "the discovery document is refused: it has no issuer",
                "<html>login</html>", "the discovery document is refused: it is not a valid JSON object",
                "{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"https://a b\"}",
                "the discovery document is refused: its jwks_uri is not a URI");
        for (Map.Entry<String, String> document : documents.entrySet()) {
            idp.discoveryDocument("/r", document.getKey());
            JwtAuthority service = track(service(issuer).build());
            AuthUnavailableException e = assertThrows(AuthUnavailableException.class, () -> service.authenticate(t));
            assertEquals("the keys of issuer " + issuer + " cannot be discovered (" + document.getValue() + ")",
                    e.getMessage());
            service.close();
        }
    }

    @Test
    void authenticateWhenTheProviderIsDownAtStartUpThen503UntilItIsUpThenAccepted() {
        // given the provider down while the service starts: start-up does not fail
        String issuer = idp.base("/realms/a");
        JwtAuthority a = provider(issuer, TestKeys.generate("ES256", "k1"));
        idp.publish(a.publicJwks());
        idp.discovery("/realms/a", false, issuer, idp.uri());
        idp.discoveryMode(JwksServer.Mode.UNAVAILABLE);
        JwtAuthority service = track(service(issuer).build());
        String t = token(a, "alice");

        // when tokens arrive, they are never accepted unverified, and the provider is not hammered
        for (int i = 0; i < 50; i++) {
            AuthUnavailableException e = assertThrows(AuthUnavailableException.class, () -> service.authenticate(t));
            assertEquals("the keys of issuer " + issuer + " cannot be discovered (HTTP 503)", e.getMessage());
        }
        assertEquals(1, idp.discoveryRequests(), "one attempt per minimum refresh interval");

        // then once it is up and the interval has passed, the same token is accepted
        idp.discoveryMode(JwksServer.Mode.SERVE);
        clock.advance(Duration.ofSeconds(1));
        assertEquals("alice", service.verify(t).subject());
        assertEquals(2, idp.discoveryRequests());
    }

    @Test
    void authenticateWhenTwoIssuersPublishTheSameKidThenAKeyOfOneNeverVerifiesATokenOfTheOther() {
        // given two realms, each with its own key named "k1"
        String issuerA = idp.base("/realms/a");
        String issuerB = other.base("/realms/b");
        TestKeys.TestKey keyA = TestKeys.generate("ES256", "k1");
        TestKeys.TestKey keyB = TestKeys.generate("ES256", "k1");
        JwtAuthority a = provider(issuerA, keyA);
        JwtAuthority b = provider(issuerB, keyB);
        idp.publish(a.publicJwks());
        idp.discovery("/realms/a", false, issuerA, idp.uri());
        other.publish(b.publicJwks());
        other.discovery("/realms/b", false, issuerB, other.uri());
        JwtAuthority service = track(service(issuerA, issuerB).build());

        // then each issuer's tokens verify with its own keys, and say which issuer they are of
        assertEquals(issuerA, service.verify(token(a, "alice")).issuer());
        assertEquals(issuerB, service.verify(token(b, "bob")).issuer());

        // when A's key signs a token that claims B
        JwtAuthority forger = provider(issuerB, keyA);
        // then B's k1 is the one tried, and it does not verify
        assertEquals(RejectionReason.BAD_SIGNATURE, reason(service, token(forger, "mallory")));
        assertEquals(1, idp.requests());
        assertEquals(1, other.requests());
        assertEquals(issuerA, service.issuer(), "the first trusted issuer");
        assertEquals("{\"keys\":[]}", service.publicJwks(), "one set cannot say which issuer a key is of");
        assertEquals(16, service.fingerprint().length());

        // and with the verified-token cache, a token presented again is still its issuer's
        try (JwtAuthority cached = track(service(issuerA, issuerB).verifiedTokenCache(100).build())) {
            String alice = token(a, "alice");
            String bob = token(b, "bob");
            String mallory = token(forger, "mallory");
            for (int i = 0; i < 3; i++) {
                assertEquals(issuerA, cached.verify(alice).issuer());
                assertEquals(issuerB, cached.verify(bob).issuer());
                assertEquals(RejectionReason.BAD_SIGNATURE, reason(cached, mallory));
            }
        }
    }

    @Test
    void authenticateWhenTheTokensIssuerIsNotTrustedThenWrongIssuerWithoutAnyFetch() {
        String issuer = idp.base("/realms/a");
        idp.discovery("/realms/a", false, issuer, idp.uri());
        JwtAuthority service = track(service(issuer).build());
        JwtAuthority stranger = provider("https://evil.example/realms/a", TestKeys.generate("ES256", "k9"));

        for (int i = 0; i < 100; i++) {
            assertEquals(RejectionReason.WRONG_ISSUER, reason(service, token(stranger, "mallory-" + i)));
        }
        String noIssuer = b64("{\"alg\":\"ES256\",\"kid\":\"k1\"}") + "." + b64("{\"sub\":\"x\",\"aud\":\"" + AUDIENCE
                + "\",\"iat\":1,\"exp\":2}") + "." + b64(new byte[64]);
        assertEquals(RejectionReason.MISSING_CLAIM, reason(service, noIssuer));
        String numericIssuer = b64("{\"alg\":\"ES256\",\"kid\":\"k1\"}") + "." + b64("{\"iss\":7,\"sub\":\"x\",\"aud\":\""
                + AUDIENCE + "\",\"iat\":1,\"exp\":2}") + "." + b64(new byte[64]);
        assertEquals(RejectionReason.INVALID_CLAIM, reason(service, numericIssuer));
        assertEquals(0, idp.discoveryRequests() + idp.requests(), "a stranger costs no fetch");
    }

    @Test
    void authenticateWhenTheIdpRotatesThenTheNewKeyIsFollowedAndTheWithdrawnOneStopsWithinTheCacheTtl() {
        String issuer = idp.base("/realms/a");
        TestKeys.TestKey k1 = TestKeys.generate("ES256", "k1");
        TestKeys.TestKey k2 = TestKeys.generate("ES256", "k2");
        JwtAuthority a1 = provider(issuer, k1);
        idp.publish(a1.publicJwks());
        idp.discovery("/realms/a", false, issuer, idp.uri());
        JwtAuthority service = track(service(issuer).jwksCacheTtl(Duration.ofMinutes(5)).build());
        clock.advance(Duration.ofSeconds(2));
        String t1 = token(a1, "alice");
        assertNull(reason(service, t1));

        // the provider adds k2 and signs with it: followed at the next allowed fetch
        Path both = TestKeys.write(dir, "both.json", TestKeys.set(k2.privateJwk, k1.privateJwk));
        JwtAuthority a2 = JwtAuthority.builder().signingKeys(both).algorithms("ES256").issuer(issuer)
                .audience(AUDIENCE).clock(clock).build();
        idp.publish(a2.publicJwks());
        clock.advance(Duration.ofSeconds(1));
        assertEquals("bob", service.verify(token(a2, "bob")).subject());

        // the provider withdraws k1: its tokens stop verifying once the cached set has expired
        idp.publish(provider(issuer, k2).publicJwks());
        clock.advance(Duration.ofMinutes(5));
        assertEquals(RejectionReason.UNKNOWN_KEY, reason(service, t1));
        assertEquals(1, idp.discoveryRequests(), "discovery happens once");
        assertEquals(3, idp.requests());
    }

    @Test
    void buildWhenIssuerUriIsGivenThenTheIssuerMayOnlyRepeatIt() {
        String issuer = idp.base("/realms/a");
        assertEquals(issuer, track(service(issuer).issuer(issuer).build()).issuer(), "the same issuer twice is fine");

        AuthConfigurationException conflict = assertThrows(AuthConfigurationException.class,
                () -> service(issuer).issuer("https://login.example").build());
        assertEquals("issuer (fingerprint " + dev.ssotauth.core.internal.Fingerprints.of("https://login.example")
                + ") conflicts with issuerUri (1 issuer, fingerprint " + dev.ssotauth.core.internal.Fingerprints.of(issuer)
                + "): each token's issuer is one of the issuer URLs, compared exactly; remove issuer",
                conflict.getMessage());
        AuthConfigurationException fromEnvironment = assertThrows(AuthConfigurationException.class,
                () -> JwtAuthority.fromEnvironment(Map.of("JWT_ISSUER_URI", issuer + "," + other.base(""),
                        "JWT_ISSUER", issuer, "JWT_AUDIENCE", AUDIENCE)));
        assertEquals("JWT_ISSUER (environment variable) (fingerprint " + dev.ssotauth.core.internal.Fingerprints.of(issuer)
                + ") conflicts with JWT_ISSUER_URI (environment variable) (2 issuers): each token's issuer is one of "
                + "the issuer URLs, compared exactly; remove JWT_ISSUER (environment variable)",
                fromEnvironment.getMessage());
    }

    @Test
    void buildWhenIssuerUriIsGivenBesideAnotherKeySourceOrMalformedThenRefused() {
        String issuer = idp.base("/realms/a");
        AuthConfigurationException two = assertThrows(AuthConfigurationException.class,
                () -> service(issuer).jwksUri(idp.uri()).build());
        assertEquals("two roots of trust are configured: jwksUri and issuerUri; configure exactly one source of keys",
                two.getMessage());
        for (String bad : new String[] {"http://idp.example/realms/a", "https://idp.example/r?x=1", "urn:issuer"}) {
            AuthConfigurationException e = assertThrows(AuthConfigurationException.class,
                    () -> JwtAuthority.fromEnvironment(Map.of("JWT_ISSUER_URI", bad, "JWT_AUDIENCE", AUDIENCE)), bad);
            assertTrue(e.getMessage().startsWith("JWT_ISSUER_URI (environment variable) must "), e.getMessage());
        }
        AuthConfigurationException twice = assertThrows(AuthConfigurationException.class,
                () -> service(issuer, issuer).build());
        assertEquals("issuerUri names an issuer twice", twice.getMessage());
    }

    @Test
    void fromEnvironmentWhenIssuerUriAndTuningAreGivenThenTheyApplyToTheDiscoveredSet() {
        // given a provider on the real clock (the environment's authority uses it)
        String issuer = idp.base("/realms/a");
        Path file = TestKeys.write(dir, "real.json", TestKeys.set(TestKeys.generate("ES256", "k1").privateJwk));
        JwtAuthority a = JwtAuthority.builder().signingKeys(file).algorithms("ES256").issuer(issuer)
                .audience(AUDIENCE).build();
        idp.publish(a.publicJwks());
        idp.discovery("/realms/a", false, issuer, idp.uri());
        // when
        try (JwtAuthority service = JwtAuthority.fromEnvironment(Map.of("JWT_ISSUER_URI", issuer,
                "JWT_AUDIENCE", AUDIENCE, "JWT_JWKS_CACHE_TTL", "10m", "JWT_ALGORITHMS", "ES256"))) {
            // then
            assertEquals(issuer, service.verify(token(a, "alice")).issuer());
            assertEquals(1, idp.discoveryRequests());
        }
    }
}
