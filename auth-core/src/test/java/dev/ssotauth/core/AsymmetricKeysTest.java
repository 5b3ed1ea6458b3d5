package dev.ssotauth.core;

import static dev.ssotauth.core.Fixtures.AUDIENCE;
import static dev.ssotauth.core.Fixtures.CLOCK;
import static dev.ssotauth.core.Fixtures.ISSUER;
import static dev.ssotauth.core.Fixtures.b64;
import static dev.ssotauth.core.Fixtures.claims;
import static dev.ssotauth.core.Fixtures.reason;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Signing with private JWK Sets, verifying with public ones, and the rules that keep keys apart. */
final class AsymmetricKeysTest {

    @TempDir
    Path dir;

    private JwtAuthority.Builder signer(String alg, TestKeys.TestKey... keys) {
        List<Map<String, String>> jwks = new java.util.ArrayList<>();
        for (TestKeys.TestKey key : keys) {
            jwks.add(key.privateJwk);
        }
        Path file = TestKeys.write(dir, "signing-" + System.nanoTime() + ".json", TestKeys.set(jwks));
        return JwtAuthority.builder().signingKeys(file).algorithms(alg).issuer(ISSUER).audience(AUDIENCE).clock(CLOCK);
    }

    private JwtAuthority.Builder verifier(String alg, String publicJwks) {
        Path file = TestKeys.write(dir, "public-" + System.nanoTime() + ".json", publicJwks);
        return JwtAuthority.builder().jwksFile(file).algorithms(alg).issuer(ISSUER).audience(AUDIENCE).clock(CLOCK);
    }

    private static String header(String token) {
        return new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))), StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"RS256", "PS256", "ES256", "EdDSA"})
    void authenticateWhenTheSignatureHasACharacterOutsideTheAlphabetThenMalformed(String alg) {
        // given a valid token whose signature text is changed: padded, or with a character outside
        // the alphabet in place of its first, middle or last
        TestKeys.TestKey key = TestKeys.generate(alg, "k-" + alg);
        JwtAuthority authority = signer(alg, key).build();
        String token = authority.issue(TokenRequest.forSubject("alice").build());
        int signature = token.lastIndexOf('.') + 1;
        int middle = (signature + token.length()) / 2;
        List<String> changed = List.of(token + "=", token + "==",
                token.substring(0, signature) + "$" + token.substring(signature + 1),
                token.substring(0, middle) + "+" + token.substring(middle + 1),
                token.substring(0, token.length() - 1) + "/");
        for (String bad : changed) {
            // when
            AuthResult.Rejected rejected = (AuthResult.Rejected) authority.authenticate(bad);
            // then
            assertEquals(RejectionReason.MALFORMED, rejected.reason(), bad);
            assertEquals("token contains a character outside unpadded base64url", rejected.message());
        }
        assertTrue(authority.authenticate(token).isAuthenticated());
    }

    @ParameterizedTest
    @ValueSource(strings = {"RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"})
    void issueWhenSigningKeysThenTokenCarriesKidAndVerifiesThroughThePublishedSet(String alg) {
        // given node A with a private set, node B with the public set A publishes
        TestKeys.TestKey key = TestKeys.generate(alg, "k-" + alg);
        JwtAuthority a = signer(alg, key).build();
        JwtAuthority b = verifier(alg, a.publicJwks()).build();
        // when
        String token = a.issue(TokenRequest.forSubject("alice").roles("user").build());
        // then
        assertEquals("{\"alg\":\"" + alg + "\",\"kid\":\"k-" + alg + "\",\"typ\":\"JWT\"}", header(token));
        assertEquals("alice", b.verify(token).subject());
        assertEquals("alice", a.verify(token).subject());
        assertEquals(a.fingerprint(), b.fingerprint());
        assertFalse(b.canIssue());
        assertThrows(IllegalStateException.class, () -> b.issue(TokenRequest.forSubject("x").build()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ES256", "ES512", "EdDSA"})
    void verifyWhenOnlyTheJdkProvidersAreUsedThenSameResults(String alg) {
        TestKeys.TestKey key = TestKeys.generate(alg, "k1");
        JwtAuthority.Builder builder = signer(alg, key);
        builder.provider = null;
        JwtAuthority a = builder.build();
        JwtAuthority.Builder publicBuilder = verifier(alg, a.publicJwks());
        publicBuilder.provider = null;
        JwtAuthority b = publicBuilder.build();
        String token = a.issue(TokenRequest.forSubject("alice").build());
        assertEquals("alice", b.verify(token).subject());
        String tampered = token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BA" : "AA");
        assertEquals(RejectionReason.BAD_SIGNATURE, reason(b, tampered));
    }

    @Test
    void cryptoProvidersWhenBouncyCastleIsOnTheClassPathThenItIsFound() {
        assertEquals("BC", dev.ssotauth.core.internal.CryptoProviders.bouncyCastle().getName());
    }

    @Test
    void publicJwksWhenSigningKeysThenNoPrivateMemberIsPublished() {
        JwtAuthority a = signer("RS256", TestKeys.generate("RS256", "r1"), TestKeys.generate("RS256", "r2")).build();
        String jwks = a.publicJwks();
        for (String member : List.of("\"d\"", "\"p\"", "\"q\"", "\"dp\"", "\"dq\"", "\"qi\"", "\"k\"")) {
            assertFalse(jwks.contains(member), member + " in " + jwks);
        }
        assertTrue(jwks.contains("\"kid\":\"r1\"") && jwks.contains("\"kid\":\"r2\""), jwks);
    }

    @Test
    void issueWhenSetHasSeveralKeysThenTheFirstSignsAndAllVerify() {
        TestKeys.TestKey first = TestKeys.generate("ES256", "new");
        TestKeys.TestKey second = TestKeys.generate("ES256", "old");
        JwtAuthority a = signer("ES256", first, second).build();
        assertTrue(header(a.issue(TokenRequest.forSubject("alice").build())).contains("\"kid\":\"new\""));
        JwtAuthority old = signer("ES256", second).build();
        assertEquals("alice", a.verify(old.issue(TokenRequest.forSubject("alice").build())).subject());
    }

    @Test
    void authenticateWhenHs256TokenIsSignedWithThePublicKeysBytesThenUnsupportedAlgorithm() {
        // the classic key-confusion attack: HMAC keyed with the verifier's public key material
        TestKeys.TestKey key = TestKeys.generate("RS256", "r1");
        JwtAuthority b = verifier("RS256", TestKeys.set(key.publicJwk)).build();
        List<byte[]> publicBytes = List.of(key.pair.getPublic().getEncoded(),
                TestKeys.jwk(key.publicJwk).getBytes(StandardCharsets.UTF_8),
                b.publicJwks().getBytes(StandardCharsets.UTF_8));
        for (byte[] bytes : publicBytes) {
            String forged = Fixtures.sign(bytes, "{\"alg\":\"HS256\",\"kid\":\"r1\"}", claims("mallory", ""));
            assertEquals(RejectionReason.UNSUPPORTED_ALGORITHM, reason(b, forged));
        }
    }

    @Test
    void buildWhenAllowListMixesHmacAndKeySetThenRefused() {
        TestKeys.TestKey key = TestKeys.generate("RS256", "r1");
        Path file = TestKeys.write(dir, "p.json", TestKeys.set(key.publicJwk));
        AuthConfigurationException e = assertThrows(AuthConfigurationException.class, () -> JwtAuthority.builder()
                .jwksFile(file).algorithms("RS256", "HS256").issuer(ISSUER).audience(AUDIENCE).build());
        assertEquals("algorithm HS256 needs an HMAC secret, but a key set is configured; one authority has one kind of "
                + "key", e.getMessage());
    }

    @Test
    void authenticateWhenKidOrFamilyDoesNotMatchThenUnknownKey() {
        TestKeys.TestKey rsa = TestKeys.generate("RS256", "rsa-1");
        TestKeys.TestKey ec = TestKeys.generate("ES256", "ec-1");
        JwtAuthority both = verifier("RS256", TestKeys.set(rsa.publicJwk, ec.publicJwk)).build();
        JwtAuthority rsaSigner = signer("RS256", rsa).build();
        String token = rsaSigner.issue(TokenRequest.forSubject("alice").build());
        assertNull(reason(both, token));
        // an ES256 token that names the RSA key's kid: the key is bound to its family
        JwtAuthority mixed = verifier("ES256", TestKeys.set(rsa.publicJwk, ec.publicJwk)).build();
        String esHeaderRsaKid = b64("{\"alg\":\"ES256\",\"kid\":\"rsa-1\"}") + "." + b64(claims("a", "")) + "."
                + b64(new byte[64]);
        assertEquals(RejectionReason.UNKNOWN_KEY, reason(mixed, esHeaderRsaKid));
        String unknownKid = b64("{\"alg\":\"RS256\",\"kid\":\"nope\"}") + "." + b64(claims("a", "")) + "." + b64(new byte[256]);
        assertEquals(RejectionReason.UNKNOWN_KEY, reason(both, unknownKid));
    }

    @Test
    void authenticateWhenNoKidAndSeveralKeysFitThenUnknownKeyButOneKeyIsSelected() {
        TestKeys.TestKey k1 = TestKeys.generate("ES256", "k1");
        TestKeys.TestKey k2 = TestKeys.generate("ES256", "k2");
        Map<String, String> noKid = new LinkedHashMap<>(k1.privateJwk);
        noKid.remove("kid");
        Path file = TestKeys.write(dir, "nokid.json", TestKeys.set(noKid));
        JwtAuthority signerWithoutKid = JwtAuthority.builder().signingKeys(file).algorithms("ES256").issuer(ISSUER)
                .audience(AUDIENCE).clock(CLOCK).build();
        String token = signerWithoutKid.issue(TokenRequest.forSubject("a").build());
        // the issuer always writes a kid (the thumbprint); strip it to test selection without one
        String[] parts = token.split("\\.");
        JwtAuthority one = verifier("ES256", TestKeys.set(k1.publicJwk)).build();
        JwtAuthority two = verifier("ES256", TestKeys.set(k1.publicJwk, k2.publicJwk)).build();
        String reheadered = b64("{\"alg\":\"ES256\"}") + "." + parts[1] + "." + parts[2];
        // the signature covers the header, so a changed header fails verification, but key selection happens first
        assertEquals(RejectionReason.BAD_SIGNATURE, reason(one, reheadered));
        assertEquals(RejectionReason.UNKNOWN_KEY, reason(two, reheadered));
    }

    @Test
    void authenticateWhenEcdsaSignatureHasZeroOrOversizedValuesThenBadSignature() {
        TestKeys.TestKey key = TestKeys.generate("ES256", "e1");
        JwtAuthority b = verifier("ES256", TestKeys.set(key.publicJwk)).build();
        String input = b64("{\"alg\":\"ES256\",\"kid\":\"e1\"}") + "." + b64(claims("a", ""));
        byte[] ones = new byte[64];
        java.util.Arrays.fill(ones, (byte) 0xff);
        assertEquals(RejectionReason.BAD_SIGNATURE, reason(b, input + "." + b64(new byte[64])));
        assertEquals(RejectionReason.BAD_SIGNATURE, reason(b, input + "." + b64(ones)));
        assertEquals(RejectionReason.BAD_SIGNATURE, reason(b, input + "." + b64(new byte[65])));
        assertEquals(RejectionReason.BAD_SIGNATURE, reason(b, input + "." + b64(new byte[70])));
    }

    @Test
    void buildWhenKeyIsNotForSignaturesThenSetIsRefused() {
        TestKeys.TestKey key = TestKeys.generate("RS256", "r1");
        Map<String, String> enc = new LinkedHashMap<>(key.publicJwk);
        enc.put("use", "enc");
        AuthConfigurationException e = assertThrows(AuthConfigurationException.class,
                () -> verifier("RS256", TestKeys.set(enc)).build());
        assertEquals("jwksFile is refused: the JWK Set has no signature key for the allowed algorithms", e.getMessage());
        String ops = TestKeys.jwk(key.publicJwk).replace("\"use\":\"sig\"", "\"key_ops\":[\"encrypt\"]");
        assertThrows(AuthConfigurationException.class, () -> verifier("RS256", "{\"keys\":[" + ops + "]}").build());
        String verifyOps = TestKeys.jwk(key.publicJwk).replace("\"use\":\"sig\"", "\"key_ops\":[\"verify\"]");
        verifier("RS256", "{\"keys\":[" + verifyOps + "]}").build();
        String signOnly = TestKeys.jwk(key.publicJwk).replace("\"use\":\"sig\"", "\"key_ops\":[\"sign\"]");
        assertThrows(AuthConfigurationException.class, () -> verifier("RS256", "{\"keys\":[" + signOnly + "]}").build());
        String verifyOnlyPrivate = TestKeys.jwk(key.privateJwk).replace("\"use\":\"sig\"", "\"key_ops\":[\"verify\"]");
        Path signing = TestKeys.write(dir, "ops.json", "{\"keys\":[" + verifyOnlyPrivate + "]}");
        assertThrows(AuthConfigurationException.class, () -> JwtAuthority.builder().signingKeys(signing)
                .algorithms("RS256").issuer(ISSUER).audience(AUDIENCE).build());
        // an encryption key beside a signature key is passed over, not fatal
        verifier("RS256", TestKeys.set(enc, TestKeys.generate("RS256", "r2").publicJwk)).build();
    }

    @Test
    void buildWhenPrivateKeyInPublicSetOrPublicKeyInSigningSetThenRefused() {
        TestKeys.TestKey key = TestKeys.generate("ES256", "e1");
        AuthConfigurationException pub = assertThrows(AuthConfigurationException.class,
                () -> verifier("ES256", TestKeys.set(key.privateJwk)).build());
        assertEquals("jwksFile is refused: key #0: a private key was given where only public keys are expected",
                pub.getMessage());
        Path file = TestKeys.write(dir, "s.json", TestKeys.set(key.publicJwk));
        AuthConfigurationException sign = assertThrows(AuthConfigurationException.class, () -> JwtAuthority.builder()
                .signingKeys(file).algorithms("ES256").issuer(ISSUER).audience(AUDIENCE).build());
        assertEquals("signingKeys is refused: key #0: a signing key must include its private part", sign.getMessage());
    }

    @Test
    void buildWhenKidRepeatsOrKeyIsWeakThenRefused() {
        TestKeys.TestKey a = TestKeys.generate("RS256", "same");
        TestKeys.TestKey b = TestKeys.generate("RS256", "same");
        assertEquals("jwksFile is refused: two keys share one kid; each key needs its own",
                assertThrows(AuthConfigurationException.class,
                        () -> verifier("RS256", TestKeys.set(a.publicJwk, b.publicJwk)).build()).getMessage());
        Map<String, String> smallExponent = new LinkedHashMap<>(a.publicJwk);
        smallExponent.put("e", "AQ");
        assertEquals("jwksFile is refused: key #0: the RSA public exponent must be odd and at least 3",
                assertThrows(AuthConfigurationException.class,
                        () -> verifier("RS256", TestKeys.set(smallExponent)).build()).getMessage());
        Map<String, String> offCurve = new LinkedHashMap<>(TestKeys.generate("ES256", "e").publicJwk);
        offCurve.put("y", offCurve.get("x"));
        assertEquals("jwksFile is refused: key #0: the EC point is not on P-256",
                assertThrows(AuthConfigurationException.class,
                        () -> verifier("ES256", TestKeys.set(offCurve)).build()).getMessage());
        Map<String, String> wrongAlg = new LinkedHashMap<>(TestKeys.generate("ES256", "e").publicJwk);
        wrongAlg.put("alg", "ES384");
        assertThrows(AuthConfigurationException.class, () -> verifier("ES256", TestKeys.set(wrongAlg))
                .build());
        String oct = "{\"keys\":[{\"kty\":\"oct\",\"k\":\"" + b64(Fixtures.SECRET) + "\"}]}";
        assertThrows(AuthConfigurationException.class, () -> verifier("RS256", oct).build());
    }

    @Test
    void buildWhenSecretAndKeySetOrTwoKeySetsThenRefusedAsTwoRootsOfTrust() {
        TestKeys.TestKey key = TestKeys.generate("RS256", "r1");
        Path file = TestKeys.write(dir, "p.json", TestKeys.set(key.publicJwk));
        assertEquals("two roots of trust are configured: hmacSecret and jwksFile; configure exactly one source of keys",
                assertThrows(AuthConfigurationException.class, () -> JwtAuthority.builder().hmacSecret(Fixtures.SECRET)
                        .jwksFile(file).issuer(ISSUER).audience(AUDIENCE).build()).getMessage());
        assertEquals("two roots of trust are configured: jwksFile and jwksUri; configure exactly one source of keys",
                assertThrows(AuthConfigurationException.class, () -> JwtAuthority.builder().jwksFile(file)
                        .jwksUri(URI.create("https://login.example/jwks.json")).issuer(ISSUER).audience(AUDIENCE).build())
                        .getMessage());
        Map<String, String> env = new java.util.HashMap<>();
        env.put("JWT_ISSUER", ISSUER);
        env.put("JWT_AUDIENCE", AUDIENCE);
        env.put("JWT_JWKS_FILE", file.toString());
        env.put("JWT_JWKS_URI", "https://login.example/jwks.json");
        assertEquals("two roots of trust are configured: JWT_JWKS_FILE (environment variable) and JWT_JWKS_URI "
                + "(environment variable); configure exactly one source of keys", assertThrows(AuthConfigurationException.class, () -> JwtAuthority.fromEnvironment(env))
                .getMessage());
    }

    @Test
    void fromEnvironmentWhenSigningKeysFileThenIssuesAndAJwksFileNodeVerifies() {
        TestKeys.TestKey key = TestKeys.generate("EdDSA", "ed-1");
        Path signing = TestKeys.write(dir, "signing.json", TestKeys.set(key.privateJwk));
        Path published = TestKeys.write(dir, "published.json", TestKeys.set(key.publicJwk));
        JwtAuthority login = JwtAuthority.fromEnvironment(Map.of("JWT_SIGNING_KEYS_FILE", signing.toString(),
                "JWT_ISSUER", ISSUER, "JWT_AUDIENCE", AUDIENCE));
        JwtAuthority chat = JwtAuthority.fromEnvironment(Map.of("JWT_JWKS_FILE", published.toString(),
                "JWT_ISSUER", ISSUER, "JWT_AUDIENCE", AUDIENCE));
        assertEquals("bob", chat.verify(login.issue(TokenRequest.forSubject("bob").build())).subject());
        assertEquals(login.fingerprint(), chat.fingerprint());
    }

    @Test
    void jwksUriWhenPlainHttpToANonLoopbackHostThenIllegalArgument() {
        assertThrows(IllegalArgumentException.class, () -> JwtAuthority.builder().jwksUri(URI.create("http://login.example/jwks")));
        assertThrows(IllegalArgumentException.class, () -> JwtAuthority.builder().jwksUri(URI.create("http://10.0.0.1/jwks")));
        assertThrows(IllegalArgumentException.class, () -> JwtAuthority.builder().jwksUri(URI.create("file:///etc/jwks")));
        JwtAuthority.builder().jwksUri(URI.create("http://127.0.0.1:8080/jwks"));
        JwtAuthority.builder().jwksUri(URI.create("http://localhost:8080/jwks"));
        JwtAuthority.builder().jwksUri(URI.create("https://login.example/.well-known/jwks.json"));
    }
}
