package dev.ssotauth.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ssotauth.core.internal.EnvironmentConfiguration;
import dev.ssotauth.core.internal.GivenSettings;
import dev.ssotauth.core.internal.Fingerprints;
import dev.ssotauth.core.testing.CapturedLogs;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/** Every rule of the single configuration source, each a test. */
@Isolated
final class EnvironmentConfigurationTest {

    private static final String SECRET = "env-secret-0123456789-abcdefghij-KLMNOPQ";
    private static final String OTHER = "env-secret-9876543210-zyxwvutsrq-PONMLKJ";

    @BeforeEach
    void clearLogs() {
        CapturedLogs.clear();
    }

    private static Map<String, String> base() {
        Map<String, String> env = new HashMap<>();
        env.put("JWT_ISSUER", "https://login.example");
        env.put("JWT_AUDIENCE", "chat");
        return env;
    }

    private static Map<String, String> with(String... pairs) {
        Map<String, String> env = base();
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    private static String fp(String value) {
        return Fingerprints.of(value.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> warnings() {
        List<String> warnings = new ArrayList<>();
        for (String line : CapturedLogs.lines()) {
            if (line.startsWith("WARN ")) {
                warnings.add(line.substring(line.indexOf(" - ") + 3));
            }
        }
        return warnings;
    }

    @Test
    void fromEnvironmentWhenCanonicalSecretOnlyThenStartsWithoutWarning() {
        JwtAuthority authority = JwtAuthority.fromEnvironment(with("JWT_SECRET_KEY", SECRET));
        assertEquals(fp(SECRET), authority.fingerprint());
        assertEquals(List.of(), warnings());
    }

    @Test
    void fromEnvironmentWhenOnlyAliasSetThenStartsAndWarnsToRename() {
        JwtAuthority authority = JwtAuthority.fromEnvironment(with("WEBSOCKET_JWT_SECRET", SECRET));
        assertEquals(fp(SECRET), authority.fingerprint());
        assertEquals(List.of("ssot-auth configuration: the JWT secret is read from the legacy variable "
                + "WEBSOCKET_JWT_SECRET (environment variable): rename it to JWT_SECRET_KEY"), warnings());
    }

    @Test
    void fromEnvironmentWhenAliasesOnlyAndAllEqualThenStartsAndWarnsOnce() {
        JwtAuthority.fromEnvironment(with("JWT_SECRET", SECRET, "AUTH_SERVICE_JWT_SECRET", SECRET));
        assertEquals(List.of("ssot-auth configuration: the JWT secret is set in 2 places with the same value "
                + "(fingerprint " + fp(SECRET) + "): rename JWT_SECRET (environment variable) to JWT_SECRET_KEY and remove "
                + "AUTH_SERVICE_JWT_SECRET (environment variable)"), warnings());
    }

    @Test
    void fromEnvironmentWhenCanonicalAndAliasEqualThenStartsAndWarnsOnceNamingTheDuplicate() {
        JwtAuthority authority = JwtAuthority.fromEnvironment(with("JWT_SECRET_KEY", SECRET, "JWT_SECRET", SECRET));
        assertEquals(fp(SECRET), authority.fingerprint());
        assertEquals(List.of("ssot-auth configuration: the JWT secret is set in 2 places with the same value "
                + "(fingerprint " + fp(SECRET) + "): keep JWT_SECRET_KEY (environment variable) and remove "
                + "JWT_SECRET (environment variable)"), warnings());
    }

    @Test
    void fromEnvironmentWhenCanonicalAndAliasDifferThenRefusedNamingBothWithFingerprints() {
        AuthConfigurationException e = assertThrows(AuthConfigurationException.class,
                () -> JwtAuthority.fromEnvironment(with("JWT_SECRET_KEY", SECRET, "WEBSOCKET_JWT_SECRET", OTHER)));
        assertEquals("conflicting JWT secrets: 2 variables hold 2 different secrets, so tokens signed with one fail "
                + "everywhere else; keep one secret in JWT_SECRET_KEY and remove the others: "
                + "JWT_SECRET_KEY (environment variable) fingerprint " + fp(SECRET) + ", "
                + "WEBSOCKET_JWT_SECRET (environment variable) fingerprint " + fp(OTHER), e.getMessage());
        assertFalse(e.getMessage().contains(SECRET) || e.getMessage().contains(OTHER));
    }

    @Test
    void fromEnvironmentWhenOriginReportsFourSecretsThenRefusedNamingAllFour() {
        String a = SECRET + "-a";
        String b = SECRET + "-b";
        String c = SECRET + "-c";
        String d = SECRET + "-d";
        AuthConfigurationException e = assertThrows(AuthConfigurationException.class,
                () -> JwtAuthority.fromEnvironment(with("JWT_SECRET_KEY", a, "JWT_SECRET", b,
                        "WEBSOCKET_JWT_SECRET", c, "AUTH_SERVICE_JWT_SECRET", d)));
        assertEquals("conflicting JWT secrets: 4 variables hold 4 different secrets, so tokens signed with one fail "
                + "everywhere else; keep one secret in JWT_SECRET_KEY and remove the others: "
                + "AUTH_SERVICE_JWT_SECRET (environment variable) fingerprint " + fp(d) + ", "
                + "JWT_SECRET (environment variable) fingerprint " + fp(b) + ", "
                + "JWT_SECRET_KEY (environment variable) fingerprint " + fp(a) + ", "
                + "WEBSOCKET_JWT_SECRET (environment variable) fingerprint " + fp(c), e.getMessage());
    }

    @Test
    void resolveWhenEnvironmentAndSystemPropertyDifferThenRefused() {
        List<EnvironmentConfiguration.Source> sources = List.of(
                new EnvironmentConfiguration.Source("environment variable", with("JWT_SECRET_KEY", SECRET)),
                new EnvironmentConfiguration.Source("system property", Map.of("JWT_SECRET_KEY", OTHER)));
        AuthConfigurationException e = assertThrows(AuthConfigurationException.class,
                () -> EnvironmentConfiguration.read(sources, new GivenSettings(), w -> { }));
        assertEquals("conflicting JWT secrets: 2 variables hold 2 different secrets, so tokens signed with one fail "
                + "everywhere else; keep one secret in JWT_SECRET_KEY and remove the others: "
                + "JWT_SECRET_KEY (environment variable) fingerprint " + fp(SECRET) + ", "
                + "JWT_SECRET_KEY (system property) fingerprint " + fp(OTHER), e.getMessage());
    }

    @Test
    void resolveWhenOtherSettingDiffersBetweenEnvironmentAndSystemPropertyThenRefusedWithFingerprints() {
        List<EnvironmentConfiguration.Source> sources = List.of(
                new EnvironmentConfiguration.Source("environment variable", with("JWT_SECRET_KEY", SECRET)),
                new EnvironmentConfiguration.Source("system property", Map.of("JWT_ISSUER", "https://other.example")));
        AuthConfigurationException e = assertThrows(AuthConfigurationException.class,
                () -> EnvironmentConfiguration.read(sources, new GivenSettings(), w -> { }));
        assertEquals("conflicting values for JWT_ISSUER: set it in one place only: JWT_ISSUER (environment variable) "
                + "fingerprint " + fp("https://login.example") + ", JWT_ISSUER (system property) fingerprint "
                + fp("https://other.example"), e.getMessage());
    }

    @Test
    void resolveWhenSameValueInEnvironmentAndSystemPropertyThenWarnsToRemoveOne() {
        List<String> warnings = new ArrayList<>();
        EnvironmentConfiguration.read(List.of(
                new EnvironmentConfiguration.Source("environment variable", with("JWT_SECRET_KEY", SECRET)),
                new EnvironmentConfiguration.Source("system property", Map.of("JWT_SECRET_KEY", SECRET,
                        "JWT_AUDIENCE", "chat"))), new GivenSettings(), warnings::add);
        assertEquals(List.of("the JWT secret is set in 2 places with the same value (fingerprint " + fp(SECRET)
                + "): keep JWT_SECRET_KEY (environment variable) and remove JWT_SECRET_KEY (system property)",
                "JWT_AUDIENCE is set in 2 places with the same value: keep JWT_AUDIENCE (environment variable) and "
                        + "remove JWT_AUDIENCE (system property)"), warnings);
    }

    @Test
    void fromEnvironmentWhenSystemPropertiesCarryConfigurationThenTheyAreRead() {
        // the build's own environment must not configure a JWT secret for this test to mean anything
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv().keySet().stream().noneMatch(k -> k.startsWith("JWT_")));
        try {
            System.setProperty("JWT_SECRET_KEY", SECRET);
            System.setProperty("JWT_ISSUER", "https://props.example");
            System.setProperty("JWT_AUDIENCE", "props");
            JwtAuthority authority = JwtAuthority.fromEnvironment();
            assertEquals(fp(SECRET), authority.fingerprint());
            assertEquals("https://props.example", authority.issuer());
        } finally {
            System.clearProperty("JWT_SECRET_KEY");
            System.clearProperty("JWT_ISSUER");
            System.clearProperty("JWT_AUDIENCE");
        }
    }

    @Test
    void fromEnvironmentWhenSameSecretInThreeEncodingsThenSameFingerprintAndNoConflict() {
        byte[] bytes = SECRET.getBytes(StandardCharsets.UTF_8);
        String b64 = "base64:" + Base64.getEncoder().encodeToString(bytes);
        String b64url = "base64url:" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        JwtAuthority raw = JwtAuthority.fromEnvironment(with("JWT_SECRET_KEY", SECRET));
        assertEquals(raw.fingerprint(), JwtAuthority.fromEnvironment(with("JWT_SECRET_KEY", b64)).fingerprint());
        assertEquals(raw.fingerprint(), JwtAuthority.fromEnvironment(with("JWT_SECRET_KEY", b64url)).fingerprint());
        assertEquals(raw.fingerprint(), JwtAuthority.fromEnvironment(with("JWT_SECRET_KEY", b64, "JWT_SECRET", SECRET))
                .fingerprint());
    }

    @Test
    void fromEnvironmentWhenRandomBinarySecretInBase64ThenTokensRoundTrip() {
        byte[] random = new byte[48];
        new java.security.SecureRandom().nextBytes(random);
        JwtAuthority authority = JwtAuthority.fromEnvironment(
                with("JWT_SECRET_KEY", "base64:" + Base64.getEncoder().encodeToString(random)));
        assertEquals("alice", authority.verify(authority.issue(TokenRequest.forSubject("alice").build())).subject());
    }

    @Test
    void fromEnvironmentWhenPrefixedValueIsNotBase64ThenRefusedWithoutValue() {
        AuthConfigurationException e = assertThrows(AuthConfigurationException.class,
                () -> JwtAuthority.fromEnvironment(with("JWT_SECRET_KEY", "base64:%%%not-base64%%%")));
        assertEquals("JWT_SECRET_KEY (environment variable) is not valid base64 after its prefix", e.getMessage());
    }

    @Test
    void fromEnvironmentWhenSecretTooShortThenRefusedWithLength() {
        AuthConfigurationException e = assertThrows(AuthConfigurationException.class,
                () -> JwtAuthority.fromEnvironment(with("JWT_SECRET", "changeme")));
        assertEquals("JWT_SECRET (environment variable) is too short: 8 bytes, but at least 32 are needed for the "
                + "allowed HMAC algorithms; generate a random one, e.g. base64: followed by the output of "
                + "'openssl rand -base64 48'", e.getMessage());
        assertFalse(e.getMessage().contains("changeme"));
    }

    @Test
    void fromEnvironmentWhenAlgorithmsNeedLongerSecretThenRefusedWithTheLongerMinimum() {
        AuthConfigurationException e = assertThrows(AuthConfigurationException.class,
                () -> JwtAuthority.fromEnvironment(with("JWT_SECRET_KEY", SECRET, "JWT_ALGORITHMS", "HS512")));
        assertTrue(e.getMessage().startsWith("JWT_SECRET_KEY (environment variable) is too short: 40 bytes, but at "
                + "least 64 are needed"), e.getMessage());
    }

    @Test
    void fromEnvironmentWhenSecretIsPublishedThenRefused() {
        String published = "37I55x+uqygp+G2VIRXczS6Wew77xm6iJ37L7J5CnY0=";
        AuthConfigurationException e = assertThrows(AuthConfigurationException.class,
                () -> JwtAuthority.fromEnvironment(with("JWT_SECRET_KEY", published)));
        assertEquals("JWT_SECRET_KEY (environment variable) is a well-known secret published in public code and "
                + "tutorials (44 bytes); generate a random one, e.g. base64: followed by the output of "
                + "'openssl rand -base64 48'", e.getMessage());
        // the same published text used as a base64 value is refused too
        AuthConfigurationException encoded = assertThrows(AuthConfigurationException.class,
                () -> JwtAuthority.fromEnvironment(with("JWT_SECRET_KEY", "base64:" + published)));
        assertTrue(encoded.getMessage().contains("is a well-known secret"), encoded.getMessage());
    }

    @Test
    void fromEnvironmentWhenNothingConfiguredThenRefusedNamingTheVariablesToSet() {
        AuthConfigurationException e = assertThrows(AuthConfigurationException.class,
                () -> JwtAuthority.fromEnvironment(Map.of()));
        assertEquals("JWT configuration is incomplete; set JWT_SECRET_KEY (an HMAC secret of at least 32 bytes; or "
                + "JWT_SIGNING_KEYS_FILE, JWT_JWKS_FILE or JWT_JWKS_URI for asymmetric keys; or JWT_ISSUER_URI for an identity provider), JWT_ISSUER (the exact iss "
                + "of every token), JWT_AUDIENCE (the aud to issue; a comma list is the set accepted)", e.getMessage());
    }

    @Test
    void fromEnvironmentWhenIssuerOrAudienceMissingThenRefused() {
        AuthConfigurationException e = assertThrows(AuthConfigurationException.class,
                () -> JwtAuthority.fromEnvironment(Map.of("JWT_SECRET_KEY", SECRET, "JWT_AUDIENCE", "chat")));
        assertEquals("JWT configuration is incomplete; set JWT_ISSUER (the exact iss of every token)", e.getMessage());
        AuthConfigurationException noAudience = assertThrows(AuthConfigurationException.class,
                () -> JwtAuthority.fromEnvironment(Map.of("JWT_SECRET_KEY", SECRET, "JWT_ISSUER", "i")));
        assertEquals("JWT configuration is incomplete; set JWT_AUDIENCE (the aud to issue; a comma list is the set "
                + "accepted)", noAudience.getMessage());
    }

    @Test
    void fromEnvironmentWhenSecretAndKeySetTogetherThenRefusedAsTwoRootsOfTrust() {
        AuthConfigurationException e = assertThrows(AuthConfigurationException.class,
                () -> JwtAuthority.fromEnvironment(with("JWT_SECRET_KEY", SECRET, "JWT_JWKS_URI", "https://login/jwks")));
        assertEquals("two roots of trust are configured: JWT_SECRET_KEY (environment variable) and JWT_JWKS_URI "
                + "(environment variable); "
                + "configure exactly one source of keys", e.getMessage());
    }

    @Test
    void fromEnvironmentWhenVariableIsEmptyThenRefused() {
        AuthConfigurationException e = assertThrows(AuthConfigurationException.class,
                () -> JwtAuthority.fromEnvironment(with("JWT_SECRET_KEY", SECRET, "JWT_SECRET", "")));
        assertEquals("JWT_SECRET (environment variable) is set but empty: unset it or give it the secret", e.getMessage());
    }

    @Test
    void fromEnvironmentWhenDurationsAndLimitsGivenThenApplied() {
        JwtAuthority authority = JwtAuthority.fromEnvironment(with("JWT_SECRET_KEY", SECRET,
                "JWT_ACCESS_TOKEN_TTL", "5m", "JWT_CLOCK_SKEW", "PT10S", "JWT_MAX_TOKEN_BYTES", "4096"));
        assertEquals(Duration.ofMinutes(5), authority.tokenTtl());
        assertEquals(Duration.ofSeconds(10), authority.clockSkew());
        assertEquals(4096, authority.maxTokenBytes());
        assertEquals(Duration.ofMinutes(15), JwtAuthority.fromEnvironment(with("JWT_SECRET_KEY", SECRET)).tokenTtl());
    }

    @Test
    void fromEnvironmentWhenDurationOrNumberUnreadableThenRefusedNamingTheVariable() {
        assertEquals("JWT_ACCESS_TOKEN_TTL (environment variable) is not a duration: use ISO-8601 such as PT15M, or a "
                + "number with a unit: 500ms, 30s, 15m, 1h, 1d", assertThrows(AuthConfigurationException.class,
                () -> JwtAuthority.fromEnvironment(with("JWT_SECRET_KEY", SECRET, "JWT_ACCESS_TOKEN_TTL", "900")))
                .getMessage());
        assertEquals("JWT_MAX_TOKEN_BYTES (environment variable) must be a whole number", assertThrows(AuthConfigurationException.class,
                () -> JwtAuthority.fromEnvironment(with("JWT_SECRET_KEY", SECRET, "JWT_MAX_TOKEN_BYTES", "lots")))
                .getMessage());
        assertEquals("JWT_CLOCK_SKEW (environment variable) must be between 0s and 10m; got 1h",
                assertThrows(AuthConfigurationException.class,
                () -> JwtAuthority.fromEnvironment(with("JWT_SECRET_KEY", SECRET, "JWT_CLOCK_SKEW", "1h"))).getMessage());
    }

    @Test
    void fromEnvironmentWhenAudienceIsCommaListThenFirstIssuedAndAllAccepted() {
        JwtAuthority authority = JwtAuthority.fromEnvironment(with("JWT_SECRET_KEY", SECRET, "JWT_AUDIENCE", "chat, api"));
        assertEquals(List.of("chat", "api"), authority.audiences());
        UserContext user = authority.verify(authority.issue(TokenRequest.forSubject("alice").build()));
        assertEquals(java.util.Set.of("chat"), user.audience());
    }

    @Test
    void fromEnvironmentWhenUnreadSecretLikeVariableExistsThenWarns() {
        JwtAuthority.fromEnvironment(with("JWT_SECRET_KEY", SECRET, "AGENT_JWT_SECRET", OTHER));
        assertEquals(List.of("ssot-auth configuration: AGENT_JWT_SECRET (environment variable) looks like a JWT secret "
                + "but ssot-auth does not read it: if a component uses it, that component validates tokens on its own; "
                + "move the secret to JWT_SECRET_KEY"), warnings());
    }

    @Test
    void fromEnvironmentWhenKeySetFileIsMissingThenRefusedNamingTheVariable() {
        AuthConfigurationException e = assertThrows(AuthConfigurationException.class,
                () -> JwtAuthority.fromEnvironment(with("JWT_JWKS_FILE", "no-such-keys.json")));
        assertEquals("cannot read JWT_JWKS_FILE (environment variable) (no-such-keys.json): NoSuchFileException", e.getMessage());
    }

    @Test
    void builderFromEnvironmentWhenClockAndRevocationStoreAddedThenTheAuthorityUsesThemWithTheConfiguredKeys() {
        // given: a store shared with another authority, and a clock of the test's
        MutableClock clock = new MutableClock(java.time.Instant.parse("2030-01-01T00:00:00Z"));
        InMemoryRevocationStore store = new InMemoryRevocationStore(clock);
        JwtAuthority other = JwtAuthority.builderFromEnvironment(with("JWT_SECRET_KEY", SECRET)).clock(clock)
                .revocationStore(store).build();

        // when
        JwtAuthority authority = JwtAuthority.builderFromEnvironment(with("JWT_SECRET_KEY", SECRET,
                "JWT_ACCESS_TOKEN_TTL", "5m")).clock(clock).revocationStore(store).build();
        String token = authority.issue(TokenRequest.forSubject("alice").sessionId("s-1").build());
        other.revokeSession("s-1");

        // then: the environment's keys and settings, the builder's clock and store
        assertEquals(fp(SECRET), authority.fingerprint());
        assertEquals("https://login.example", authority.issuer());
        assertEquals(Duration.ofMinutes(5), authority.tokenTtl());
        assertEquals(clock, authority.clock());
        assertEquals(RejectionReason.REVOKED,
                ((AuthResult.Rejected) authority.authenticate(token)).reason());
        assertEquals(clock.instant(), other.verify(other.issue(TokenRequest.forSubject("bob").build())).issuedAt());
        assertEquals(List.of(), warnings());
    }

    @Test
    void builderFromEnvironmentWhenBuiltAsIsThenSameAsFromEnvironment() {
        // when
        JwtAuthority built = JwtAuthority.builderFromEnvironment(with("JWT_SECRET_KEY", SECRET,
                "JWT_AUDIENCE", "chat,api", "JWT_CLOCK_SKEW", "10s")).build();
        JwtAuthority direct = JwtAuthority.fromEnvironment(with("JWT_SECRET_KEY", SECRET,
                "JWT_AUDIENCE", "chat,api", "JWT_CLOCK_SKEW", "10s"));

        // then
        assertEquals(direct.toString(), built.toString());
        assertEquals(direct.audiences(), built.audiences());
        assertEquals(direct.clockSkew(), built.clockSkew());
        assertEquals("alice", direct.verify(built.issue(TokenRequest.forSubject("alice").build())).subject());
    }

    @Test
    void builderFromEnvironmentWhenASettingTheEnvironmentGaveIsGivenAgainThenIllegalState() {
        // given
        JwtAuthority.Builder builder = JwtAuthority.builderFromEnvironment(with("JWT_SECRET_KEY", SECRET,
                "JWT_CLOCK_SKEW", "10s"));

        // when / then
        assertEquals("issuer is already set by JWT_ISSUER (environment variable)",
                assertThrows(IllegalStateException.class, () -> builder.issuer("https://other.example")).getMessage());
        assertEquals("clockSkew is already set by JWT_CLOCK_SKEW (environment variable)",
                assertThrows(IllegalStateException.class, () -> builder.clockSkew(Duration.ZERO)).getMessage());
        assertEquals("hmacSecret is already set by JWT_SECRET_KEY (environment variable)", assertThrows(IllegalStateException.class,
                () -> builder.hmacSecret(OTHER.getBytes(StandardCharsets.UTF_8))).getMessage());
    }

    @Test
    void builderFromEnvironmentWhenAKeyIsAddedBesideTheConfiguredOneThenRefusedAsTwoRootsOfTrust() {
        // given
        JwtAuthority.Builder builder = JwtAuthority.builderFromEnvironment(with("JWT_SECRET_KEY", SECRET))
                .jwksUri(java.net.URI.create("https://login.example/jwks.json"));

        // when
        AuthConfigurationException e = assertThrows(AuthConfigurationException.class, builder::build);

        // then: the variable is named as such, the added key by its setting
        assertEquals("two roots of trust are configured: JWT_SECRET_KEY (environment variable) and jwksUri; "
                + "configure exactly one source of keys", e.getMessage());
    }

    @Test
    void builderFromEnvironmentWhenConfigurationIncompleteThenBuildRefusesNamingTheVariableAndTheBuilderMayComplete() {
        // given: the environment lacks the issuer
        Map<String, String> variables = Map.of("JWT_SECRET_KEY", SECRET, "JWT_AUDIENCE", "chat");

        // when / then: build() names the variable that is missing, since the builder came from the environment
        AuthConfigurationException e = assertThrows(AuthConfigurationException.class,
                () -> JwtAuthority.builderFromEnvironment(variables).build());
        assertEquals("JWT configuration is incomplete; set JWT_ISSUER (the exact iss of every token)", e.getMessage());
        // and the builder may add what the environment lacks
        assertEquals("https://added.example", JwtAuthority.builderFromEnvironment(variables)
                .issuer("https://added.example").build().issuer());
        assertThrows(NullPointerException.class, () -> JwtAuthority.builderFromEnvironment(null));
    }

    @Test
    void fromEnvironmentWhenRemoteKeySetTuningGivenThenCacheRefreshAndOutageFollowIt(@TempDir Path dir) {
        // given: a 1 s cache, no minimum between fetches, no outage tolerance
        TestKeys.TestKey key = TestKeys.generate("ES256", "k1");
        JwtAuthority signer = JwtAuthority.builder().signingKeys(TestKeys.write(dir, "signing.json",
                TestKeys.set(key.privateJwk))).issuer("https://login.example").audience("chat").build();
        String token = signer.issue(TokenRequest.forSubject("alice").build());
        try (JwksServer server = new JwksServer()) {
            server.publish(signer.publicJwks());
            MutableClock clock = new MutableClock(Instant.now());
            JwtAuthority authority = JwtAuthority.builderFromEnvironment(with("JWT_JWKS_URI", server.uri().toString(),
                    "JWT_JWKS_CACHE_TTL", "1s", "JWT_JWKS_MIN_REFRESH_INTERVAL", "0s",
                    "JWT_JWKS_OUTAGE_TOLERANCE", "PT0S")).clock(clock).build();
            assertEquals("alice", authority.verify(token).subject());
            assertEquals(1, server.requests());

            // when: the source goes down and the cached set expires
            server.mode(JwksServer.Mode.UNAVAILABLE);
            clock.advance(Duration.ofSeconds(1));

            // then: no tolerance, so the authority cannot decide; each call may fetch again
            assertThrows(AuthUnavailableException.class, () -> authority.authenticate(token));
            assertThrows(AuthUnavailableException.class, () -> authority.authenticate(token));
            assertEquals(3, server.requests());

            // and it recovers without a restart
            server.mode(JwksServer.Mode.SERVE);
            assertEquals("alice", authority.verify(token).subject());
        }
    }

    @Test
    void fromEnvironmentWhenRemoteKeySetTuningWithoutJwksUriThenRefusedNamingTheVariables() {
        AuthConfigurationException one = assertThrows(AuthConfigurationException.class,
                () -> JwtAuthority.fromEnvironment(with("JWT_SECRET_KEY", SECRET, "JWT_JWKS_CACHE_TTL", "1m")));
        AuthConfigurationException three = assertThrows(AuthConfigurationException.class,
                () -> JwtAuthority.fromEnvironment(with("JWT_SECRET_KEY", SECRET, "JWT_JWKS_OUTAGE_TOLERANCE", "1m",
                        "JWT_JWKS_MIN_REFRESH_INTERVAL", "5s", "JWT_JWKS_CACHE_TTL", "1m")));

        assertEquals("JWT_JWKS_CACHE_TTL (environment variable) tunes a remote key set, but JWT_JWKS_URI or JWT_ISSUER_URI is "
                + "not set; remove it or set JWT_JWKS_URI or JWT_ISSUER_URI", one.getMessage());
        assertEquals("JWT_JWKS_CACHE_TTL (environment variable), JWT_JWKS_MIN_REFRESH_INTERVAL (environment variable), "
                + "JWT_JWKS_OUTAGE_TOLERANCE (environment variable) tune a remote key set, but JWT_JWKS_URI or JWT_ISSUER_URI is "
                + "not set; remove them or set JWT_JWKS_URI or JWT_ISSUER_URI", three.getMessage());
    }

    @Test
    void fromEnvironmentWhenRemoteKeySetTuningUnreadableOrOutOfRangeThenRefusedNamingIt() {
        String uri = "https://login.example/.well-known/jwks.json";
        assertEquals("JWT_JWKS_CACHE_TTL (environment variable) is not a duration: use ISO-8601 such as PT15M, or a number with a unit: "
                + "500ms, 30s, 15m, 1h, 1d", assertThrows(AuthConfigurationException.class,
                () -> JwtAuthority.fromEnvironment(with("JWT_JWKS_URI", uri, "JWT_JWKS_CACHE_TTL", "300")))
                .getMessage());
        assertEquals("JWT_JWKS_CACHE_TTL (environment variable) must be between 1s and 1d; got 500ms", assertThrows(
                AuthConfigurationException.class, () -> JwtAuthority.fromEnvironment(with("JWT_JWKS_URI", uri,
                        "JWT_JWKS_CACHE_TTL", "500ms"))).getMessage());
        assertEquals("JWT_JWKS_OUTAGE_TOLERANCE (environment variable) must be between 0s and 7d; got 8d", assertThrows(
                AuthConfigurationException.class, () -> JwtAuthority.fromEnvironment(with("JWT_JWKS_URI", uri,
                        "JWT_JWKS_OUTAGE_TOLERANCE", "8d"))).getMessage());
    }
}
