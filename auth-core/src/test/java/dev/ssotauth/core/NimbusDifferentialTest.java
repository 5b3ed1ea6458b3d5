package dev.ssotauth.core;

import static dev.ssotauth.core.Fixtures.AUDIENCE;
import static dev.ssotauth.core.Fixtures.CLOCK;
import static dev.ssotauth.core.Fixtures.ISSUER;
import static dev.ssotauth.core.Fixtures.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The differential against Nimbus for every algorithm (issue 17, point 3): tokens generated with
 * varied claims and then mutated character by character, segment by segment. Whenever this library
 * accepts, Nimbus verifies the same signature with the same key, its claims pass the same rules, and
 * it reads the same user. Whenever only Nimbus accepts, the difference is one of
 * {@link NimbusDifferences}' categories where this library is stricter — here, non-canonical
 * base64url. Seeded, so a failure reproduces.
 */
final class NimbusDifferentialTest {

    private static final int TOKENS = 24;
    private static final int MUTATIONS = 30;
    private static final long SKEW = 60;

    @TempDir
    Path dir;

    private static JWK generate(String alg) throws Exception {
        if (alg.startsWith("HS")) {
            byte[] secret = new byte[alg.equals("HS256") ? 32 : alg.equals("HS384") ? 48 : 64];
            new Random(alg.hashCode()).nextBytes(secret);
            return new com.nimbusds.jose.jwk.OctetSequenceKey.Builder(secret).keyID("k-" + alg).build();
        }
        if (alg.startsWith("RS") || alg.startsWith("PS")) {
            return new RSAKeyGenerator(2048).keyID("k-" + alg).algorithm(JWSAlgorithm.parse(alg)).generate();
        }
        if (alg.startsWith("ES")) {
            Curve curve = alg.equals("ES256") ? Curve.P_256 : alg.equals("ES384") ? Curve.P_384 : Curve.P_521;
            return new ECKeyGenerator(curve).keyID("k-" + alg).algorithm(JWSAlgorithm.parse(alg)).generate();
        }
        return new OctetKeyPairGenerator(Curve.Ed25519).keyID("k-" + alg).algorithm(JWSAlgorithm.EdDSA).generate();
    }

    private static JWSSigner signer(JWK key) throws Exception {
        if (key instanceof RSAKey rsa) {
            return new RSASSASigner(rsa);
        }
        if (key instanceof ECKey ec) {
            return new ECDSASigner(ec);
        }
        if (key instanceof OctetKeyPair okp) {
            return new Ed25519Signer(okp);
        }
        return new MACSigner(key.toOctetSequenceKey());
    }

    private static JWSVerifier verifier(JWK key) throws Exception {
        if (key instanceof RSAKey rsa) {
            return new RSASSAVerifier(rsa.toPublicJWK());
        }
        if (key instanceof ECKey ec) {
            return new ECDSAVerifier(ec.toPublicJWK());
        }
        if (key instanceof OctetKeyPair okp) {
            return new Ed25519Verifier(okp.toPublicJWK());
        }
        return new MACVerifier(key.toOctetSequenceKey());
    }

    private JwtAuthority ours(String alg, JWK key) {
        JwtAuthority.Builder builder = JwtAuthority.builder().algorithms(alg).issuer(ISSUER).audience(AUDIENCE)
                .clock(CLOCK).rolesClaim("roles");
        if (key.getKeyType() == com.nimbusds.jose.jwk.KeyType.OCT) {
            return builder.hmacSecret(key.toOctetSequenceKey().toByteArray()).hmacKeyId(key.getKeyID()).build();
        }
        return builder.jwksFile(TestKeys.write(dir, "public-" + alg + ".json", new JWKSet(key.toPublicJWK()).toString()))
                .build();
    }

    /** Claims drawn from what real issuers write, some of them wrong on purpose. */
    private static JWTClaimsSet claims(Random random, int i) {
        long now = NOW.getEpochSecond();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().subject("user-" + i)
                .issuer(random.nextInt(10) == 0 ? ISSUER + "/" : ISSUER)
                .issueTime(Date.from(Instant.ofEpochSecond(now - random.nextInt(300))))
                .expirationTime(Date.from(Instant.ofEpochSecond(now + (random.nextInt(10) == 0 ? -120 : 600))));
        claims.audience(random.nextBoolean() ? List.of(AUDIENCE) : random.nextBoolean() ? List.of("other", AUDIENCE)
                : List.of(random.nextInt(5) == 0 ? "other" : AUDIENCE));
        if (random.nextBoolean()) {
            claims.claim("roles", List.of("user", "role-" + random.nextInt(3)));
        }
        if (random.nextBoolean()) {
            claims.claim("sid", "s-" + random.nextInt(1000));
        }
        if (random.nextBoolean()) {
            claims.jwtID("j-" + i);
        }
        if (random.nextInt(4) == 0) {
            claims.notBeforeTime(Date.from(Instant.ofEpochSecond(now + (random.nextBoolean() ? -10 : 300))));
        }
        if (random.nextBoolean()) {
            claims.claim("scope", "chat read").claim("n", random.nextInt()).claim("nested", Map.of("a", List.of(1, 2)));
        }
        return claims.build();
    }

    /** Nimbus's answer under the same rules: signature, then issuer, audience and times with the skew. */
    private static JWTClaimsSet nimbusAccepts(String token, JWSVerifier verifier, String alg) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!jwt.getHeader().getAlgorithm().getName().equals(alg) || !jwt.verify(verifier)) {
                return null;
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            long now = NOW.getEpochSecond();
            boolean ok = ISSUER.equals(claims.getIssuer()) && claims.getSubject() != null
                    && !claims.getSubject().isEmpty() && claims.getAudience() != null
                    && claims.getAudience().contains(AUDIENCE) && claims.getExpirationTime() != null
                    && claims.getIssueTime() != null && now < claims.getExpirationTime().getTime() / 1000 + SKEW
                    && claims.getIssueTime().getTime() / 1000 <= now + SKEW
                    && (claims.getNotBeforeTime() == null || claims.getNotBeforeTime().getTime() / 1000 - SKEW <= now);
            return ok ? claims : null;
        } catch (Exception refused) {
            return null;
        }
    }

    /** One character of one segment replaced, a segment dropped or swapped, or the signature cut. */
    private static String mutate(String token, String other, Random random) {
        String[] parts = token.split("\\.", -1);
        int kind = random.nextInt(6);
        if (kind == 0) {
            return parts[0] + "." + other.split("\\.", -1)[1] + "." + parts[2];
        }
        if (kind == 1) {
            return parts[0] + "." + parts[1] + "." + parts[2].substring(0, Math.max(0, parts[2].length() - 1 - random
                    .nextInt(4)));
        }
        int segment = random.nextInt(3);
        String text = parts[segment];
        if (text.isEmpty()) {
            return token;
        }
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        int at = kind == 2 ? text.length() - 1 : random.nextInt(text.length()); // the last char: unused bits
        parts[segment] = text.substring(0, at) + alphabet.charAt(random.nextInt(64)) + text.substring(at + 1);
        return String.join(".", parts);
    }

    private static boolean canonical(String token) {
        for (String part : token.split("\\.", -1)) {
            try {
                byte[] bytes = Base64.getUrlDecoder().decode(part);
                if (!Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).equals(part)) {
                    return false;
                }
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
        return true;
    }

    @ParameterizedTest
    @ValueSource(strings = {"HS256", "HS512", "RS256", "RS512", "PS256", "PS384", "ES256", "ES384", "ES512", "EdDSA"})
    void authenticateWhenTokensAreGeneratedAndMutatedThenEveryAcceptanceIsAlsoNimbussWithTheSameUser(String alg)
            throws Exception {
        JWK key = generate(alg);
        JwtAuthority authority = ours(alg, key);
        JWSSigner signer = signer(key);
        JWSVerifier verifier = verifier(key);
        Random random = new Random(alg.hashCode() * 31L + 17);
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < TOKENS; i++) {
            JWSHeader.Builder header = new JWSHeader.Builder(JWSAlgorithm.parse(alg)).keyID(key.getKeyID());
            if (random.nextBoolean()) {
                header.type(JOSEObjectType.JWT);
            }
            SignedJWT jwt = new SignedJWT(header.build(), claims(random, i));
            jwt.sign(signer);
            tokens.add(jwt.serialize());
        }
        Map<RejectionReason, Integer> onlyNimbus = new EnumMap<>(RejectionReason.class);
        int bothAccept = 0;
        int cases = 0;
        for (int i = 0; i < tokens.size(); i++) {
            String base = tokens.get(i);
            for (int m = 0; m <= MUTATIONS; m++) {
                String token = m == 0 ? base : mutate(base, tokens.get((i + 1) % tokens.size()), random);
                cases++;
                AuthResult ours = authority.authenticate(token);
                JWTClaimsSet theirs = nimbusAccepts(token, verifier, alg);
                if (ours instanceof AuthResult.Authenticated accepted) {
                    if (theirs == null) {
                        fail(alg + ": accepted here, refused by Nimbus: " + token);
                    }
                    bothAccept++;
                    UserContext user = accepted.user();
                    assertEquals(theirs.getSubject(), user.subject(), token);
                    assertEquals(theirs.getIssuer(), user.issuer(), token);
                    assertEquals(Set.copyOf(theirs.getAudience()), user.audience(), token);
                    assertEquals(theirs.getExpirationTime().toInstant(), user.expiresAt(), token);
                    assertEquals(theirs.getIssueTime().toInstant(), user.issuedAt(), token);
                    assertEquals(String.valueOf(theirs.getClaim("sid")), String.valueOf(user.sessionId().orElse(null)));
                    Object roles = theirs.getClaim("roles");
                    assertEquals(roles == null ? Set.of() : Set.copyOf((List<?>) roles), user.roles(), token);
                } else if (theirs != null && ours instanceof AuthResult.Rejected rejected) {
                    RejectionReason reason = rejected.reason();
                    // the documented stricter category: one token, one text
                    assertEquals(RejectionReason.MALFORMED, reason, alg + ": refused here only, as " + reason + ": "
                            + token);
                    assertTrue(!canonical(token), alg + ": refused as MALFORMED but canonical: " + token);
                    onlyNimbus.merge(reason, 1, Integer::sum);
                }
            }
        }
        assertTrue(bothAccept >= TOKENS / 3, alg + ": too few valid tokens to compare: " + bothAccept);
        System.out.printf("differential %s: %d cases, %d accepted by both, stricter here (non-canonical base64url): %s%n",
                alg, cases, bothAccept, onlyNimbus);
        assertEquals(0, authority.unexpectedFailures());
    }
}
