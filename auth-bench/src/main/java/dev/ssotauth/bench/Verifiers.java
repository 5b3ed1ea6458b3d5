package dev.ssotauth.bench;

import static dev.ssotauth.bench.BenchFixture.AUDIENCE;
import static dev.ssotauth.bench.BenchFixture.ISSUER;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.JWSVerifierFactory;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.ssotauth.bench.BenchFixture.Alg;
import dev.ssotauth.core.AuthResult;
import dev.ssotauth.core.JwtAuthority;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.crypto.Mac;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;

/**
 * Every way of verifying a token that the benchmarks compare, made ready outside the measurement.
 * Each verifier is thread-safe, does its library's full verification (signature, issuer, audience,
 * expiry) and throws when the token is refused.
 */
final class Verifiers {

    private Verifiers() {
    }

    /** Verifies a token; returns something derived from it, for the blackhole. */
    @FunctionalInterface
    interface TokenVerifier {
        Object verify(String token) throws Exception;
    }

    /** A benchmark case made ready: its token and a verifier that has accepted it once. */
    static final class Prepared {
        final String token;
        final TokenVerifier verifier;

        Prepared(String token, TokenVerifier verifier) {
            this.token = token;
            this.verifier = verifier;
        }
    }

    /**
     * Builds the keys, the token and the verifier of a {@code ALG/implementation} case, and checks once
     * that the token is accepted, so that a refusal fails the run instead of measuring an error path.
     */
    static Prepared prepare(String benchCase) throws Exception {
        String[] parts = benchCase.split("/", 2);
        Alg alg = Alg.valueOf(parts[0]);
        BenchFixture fixture = new BenchFixture();
        String token = fixture.token(alg);
        TokenVerifier verifier = create(parts[1], alg, fixture, token);
        verifier.verify(token);
        return new Prepared(token, verifier);
    }

    /** The implementations, by the name used in {@code @Param} cases. */
    static TokenVerifier create(String implementation, Alg alg, BenchFixture fixture, String token) {
        try {
            switch (implementation) {
                case "ssot-auth":
                    return ours(fixture.authority(alg, true));
                case "ssot-auth-jdk":
                    return ours(fixture.authority(alg, false));
                case "raw-jca":
                    return raw(alg, fixture, token, false);
                case "raw-jca-bc":
                    return raw(alg, fixture, token, true);
                case "minimal": {
                    MinimalVerifier minimal = new MinimalVerifier(alg, BenchFixture.SECRET,
                            alg == Alg.HS256 ? null : fixture.publicKey(alg), ISSUER, AUDIENCE);
                    return t -> minimal.verify(t, BenchFixture.CLOCK.instant().getEpochSecond());
                }
                case "java-jwt":
                    return javaJwt(alg, fixture);
                case "nimbus":
                    return nimbus(alg, fixture);
                case "jjwt":
                    return jjwt(alg, fixture);
                case "jose4j":
                    return jose4j(alg, fixture);
                default:
                    throw new IllegalArgumentException("unknown implementation " + implementation);
            }
        } catch (GeneralSecurityException | JOSEException | java.text.ParseException e) {
            throw new IllegalStateException(implementation + " " + alg + " cannot be set up", e);
        }
    }

    private static TokenVerifier ours(JwtAuthority authority) {
        return token -> {
            AuthResult result = authority.authenticate(token);
            if (result instanceof AuthResult.Rejected rejected) {
                throw new IllegalStateException("refused: " + rejected.reason());
            }
            return result;
        };
    }

    /**
     * The floor: only the signature check of a pre-split token, with an engine initialised once per
     * thread: {@code Mac.doFinal} and a constant-time compare, or {@code Signature.update/verify}.
     */
    private static TokenVerifier raw(Alg alg, BenchFixture fixture, String token, boolean bouncyCastle)
            throws GeneralSecurityException {
        int second = token.lastIndexOf('.');
        byte[] input = token.substring(0, second).getBytes(StandardCharsets.US_ASCII);
        byte[] signature = Base64.getUrlDecoder().decode(token.substring(second + 1));
        if (alg == Alg.HS256) {
            ThreadLocal<Mac> macs = BenchFixture.hmacSha256(BenchFixture.SECRET);
            return t -> {
                boolean valid = MessageDigest.isEqual(macs.get().doFinal(input), signature);
                if (!valid) {
                    throw new IllegalStateException("bad MAC");
                }
                return valid;
            };
        }
        String name;
        PublicKey key;
        if (alg == Alg.RS256) {
            name = "SHA256withRSA";
            key = fixture.rsa.getPublic();
        } else if (alg == Alg.ES256) {
            name = bouncyCastle ? "SHA256withPLAIN-ECDSA" : "SHA256withECDSAinP1363Format";
            key = bouncyCastle ? fixture.ecBouncyCastle : fixture.ec.getPublic();
        } else {
            name = "Ed25519";
            key = bouncyCastle ? fixture.edBouncyCastle : fixture.ed.getPublic();
        }
        ThreadLocal<Signature> engines = BenchFixture.perThread(() -> {
            Signature engine = bouncyCastle ? Signature.getInstance(name, fixture.bouncyCastle)
                    : Signature.getInstance(name);
            engine.initVerify(key);
            return engine;
        });
        return t -> {
            Signature engine = engines.get();
            engine.update(input);
            boolean valid = engine.verify(signature);
            if (!valid) {
                throw new IllegalStateException("bad signature");
            }
            return valid;
        };
    }

    private static TokenVerifier javaJwt(Alg alg, BenchFixture fixture) {
        Algorithm algorithm;
        switch (alg) {
            case HS256:
                algorithm = Algorithm.HMAC256(BenchFixture.SECRET);
                break;
            case RS256:
                algorithm = Algorithm.RSA256((RSAPublicKey) fixture.rsa.getPublic(), null);
                break;
            case ES256:
                algorithm = Algorithm.ECDSA256((ECPublicKey) fixture.ec.getPublic(), null);
                break;
            default:
                throw new IllegalArgumentException("java-jwt has no " + alg);
        }
        com.auth0.jwt.interfaces.JWTVerifier verifier = JWT.require(algorithm).withIssuer(ISSUER)
                .withAudience(AUDIENCE).build();
        return verifier::verify;
    }

    /** Nimbus's {@link DefaultJWTProcessor}, as its documentation sets it up. */
    private static TokenVerifier nimbus(Alg alg, BenchFixture fixture) throws JOSEException, java.text.ParseException {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        JWSAlgorithm algorithm = JWSAlgorithm.parse(alg.name());
        if (alg == Alg.HS256) {
            processor.setJWSKeySelector(new JWSVerificationKeySelector<>(algorithm,
                    new ImmutableSecret<>(BenchFixture.SECRET)));
        } else if (alg == Alg.EdDSA) {
            // Nimbus's default verifier factory has no EdDSA: its Ed25519Verifier (Tink) takes the JWK.
            OctetKeyPair okp = (OctetKeyPair) JWK.parse(Map.copyOf(fixture.publicJwkMembers(alg)));
            processor.setJWSKeySelector((header, context) -> List.<Key>of(fixture.ed.getPublic()));
            processor.setJWSVerifierFactory(new EdDsaVerifierFactory(okp));
        } else {
            JWK jwk = JWK.parse(Map.copyOf(fixture.publicJwkMembers(alg)));
            processor.setJWSKeySelector(new JWSVerificationKeySelector<>(algorithm,
                    new ImmutableJWKSet<>(new JWKSet(jwk))));
        }
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(AUDIENCE,
                new JWTClaimsSet.Builder().issuer(ISSUER).build(), Set.of("sub", "exp", "iat")));
        return token -> processor.process(token, null);
    }

    /** Creates a new {@link Ed25519Verifier} per token, as the default factory does for other keys. */
    private static final class EdDsaVerifierFactory implements JWSVerifierFactory {
        private final OctetKeyPair key;
        private final DefaultJWSVerifierFactory defaults = new DefaultJWSVerifierFactory();

        EdDsaVerifierFactory(OctetKeyPair key) {
            this.key = key;
        }

        @Override
        public JWSVerifier createJWSVerifier(JWSHeader header, Key ignored) throws JOSEException {
            if (!JWSAlgorithm.EdDSA.equals(header.getAlgorithm())) {
                throw new JOSEException("unexpected algorithm");
            }
            return new Ed25519Verifier(key);
        }

        @Override
        public Set<JWSAlgorithm> supportedJWSAlgorithms() {
            return Set.of(JWSAlgorithm.EdDSA);
        }

        @Override
        public JCAContext getJCAContext() {
            return defaults.getJCAContext();
        }
    }

    private static TokenVerifier jjwt(Alg alg, BenchFixture fixture) {
        io.jsonwebtoken.JwtParserBuilder builder = Jwts.parser();
        if (alg == Alg.HS256) {
            builder.verifyWith(Keys.hmacShaKeyFor(BenchFixture.SECRET));
        } else {
            builder.verifyWith(fixture.publicKey(alg));
        }
        JwtParser parser = builder.requireIssuer(ISSUER).requireAudience(AUDIENCE).build();
        return parser::parseSignedClaims;
    }

    private static TokenVerifier jose4j(Alg alg, BenchFixture fixture) {
        Key key = alg == Alg.HS256 ? new org.jose4j.keys.HmacKey(BenchFixture.SECRET) : fixture.publicKey(alg);
        JwtConsumer consumer = new JwtConsumerBuilder().setRequireExpirationTime().setRequireSubject()
                .setExpectedIssuer(ISSUER).setExpectedAudience(AUDIENCE).setVerificationKey(key)
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, alg.name()).build();
        return consumer::processToClaims;
    }
}
