package dev.ssotauth.core;

import static dev.ssotauth.core.Fixtures.AUDIENCE;
import static dev.ssotauth.core.Fixtures.CLOCK;
import static dev.ssotauth.core.Fixtures.ISSUER;
import static dev.ssotauth.core.Fixtures.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.nio.file.Path;
import java.util.Date;
import java.util.List;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Interoperability with an independent JOSE implementation (Nimbus JOSE+JWT, test scope only):
 * tokens Nimbus signs validate here, and tokens signed here validate in Nimbus, for every algorithm.
 */
final class NimbusInteropTest {

    @TempDir
    Path dir;

    private static JWK generate(String alg) throws Exception {
        if (alg.startsWith("RS") || alg.startsWith("PS")) {
            return new RSAKeyGenerator(2048).keyID("nimbus-" + alg).algorithm(JWSAlgorithm.parse(alg)).generate();
        }
        if (alg.startsWith("ES")) {
            Curve curve = alg.equals("ES256") ? Curve.P_256 : alg.equals("ES384") ? Curve.P_384 : Curve.P_521;
            return new ECKeyGenerator(curve).keyID("nimbus-" + alg).algorithm(JWSAlgorithm.parse(alg)).generate();
        }
        return new OctetKeyPairGenerator(Curve.Ed25519).keyID("nimbus-" + alg).algorithm(JWSAlgorithm.EdDSA)
                .generate();
    }

    private static JWSSigner signer(JWK key) throws Exception {
        if (key instanceof RSAKey) {
            return new RSASSASigner((RSAKey) key);
        }
        if (key instanceof ECKey) {
            return new ECDSASigner((ECKey) key);
        }
        return new Ed25519Signer((OctetKeyPair) key);
    }

    private static JWSVerifier verifier(JWK key) throws Exception {
        if (key instanceof RSAKey) {
            return new RSASSAVerifier((RSAKey) key);
        }
        if (key instanceof ECKey) {
            return new ECDSAVerifier((ECKey) key);
        }
        return new Ed25519Verifier((OctetKeyPair) key);
    }

    private static JWTClaimsSet claims(String subject) {
        return new JWTClaimsSet.Builder().issuer(ISSUER).subject(subject).audience(AUDIENCE)
                .issueTime(Date.from(NOW)).expirationTime(Date.from(NOW.plusSeconds(600)))
                .claim("roles", List.of("user")).jwtID("n-1").build();
    }

    @ParameterizedTest
    @ValueSource(strings = {"RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"})
    void authenticateWhenNimbusSignedThenValidHere(String alg) throws Exception {
        // given a key pair and a token made by Nimbus
        JWK key = generate(alg);
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.parse(alg)).keyID(key.getKeyID())
                .type(JOSEObjectType.JWT).build(), claims("alice"));
        jwt.sign(signer(key));
        Path published = TestKeys.write(dir, "nimbus.json", new JWKSet(key.toPublicJWK()).toString());
        JwtAuthority here = JwtAuthority.builder().jwksFile(published).algorithms(alg).issuer(ISSUER).audience(AUDIENCE)
                .clock(CLOCK).build();
        // when
        UserContext user = here.verify(jwt.serialize());
        // then
        assertEquals("alice", user.subject());
        assertTrue(user.hasRole("user"));
        assertEquals("n-1", user.tokenId().orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(strings = {"RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"})
    void issueWhenSignedHereThenValidInNimbus(String alg) throws Exception {
        // given our signing key, written as a private JWK Set by Nimbus
        JWK key = generate(alg);
        Path signing = TestKeys.write(dir, "ours.json", new JWKSet(key).toString(false));
        JwtAuthority here = JwtAuthority.builder().signingKeys(signing).algorithms(alg).issuer(ISSUER).audience(AUDIENCE)
                .clock(CLOCK).build();
        // when
        String token = here.issue(TokenRequest.forSubject("bob").roles("admin").build());
        // then Nimbus verifies it with the key set we publish
        SignedJWT parsed = SignedJWT.parse(token);
        JWK published = JWKSet.parse(here.publicJwks()).getKeyByKeyId(key.getKeyID());
        assertTrue(parsed.verify(verifier(published)));
        assertEquals("bob", parsed.getJWTClaimsSet().getSubject());
        assertEquals(List.of(AUDIENCE), parsed.getJWTClaimsSet().getAudience());
        assertEquals(alg, parsed.getHeader().getAlgorithm().getName());
    }

    @ParameterizedTest
    @ValueSource(strings = {"HS256", "HS384", "HS512"})
    void hmacWhenSignedEitherWayThenValidInTheOther(String alg) throws Exception {
        byte[] secret = new byte[64];
        new java.security.SecureRandom().nextBytes(secret);
        JwtAuthority here = JwtAuthority.builder().hmacSecret(secret).algorithms(alg).issuer(ISSUER).audience(AUDIENCE)
                .clock(CLOCK).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.parse(alg)), claims("carol"));
        jwt.sign(new MACSigner(secret));
        assertEquals("carol", here.verify(jwt.serialize()).subject());
        assertTrue(SignedJWT.parse(here.issue(TokenRequest.forSubject("dave").build())).verify(new MACVerifier(secret)));
    }
}
