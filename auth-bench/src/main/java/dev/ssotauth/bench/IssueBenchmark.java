package dev.ssotauth.bench;

import static dev.ssotauth.bench.BenchFixture.AUDIENCE;
import static dev.ssotauth.bench.BenchFixture.EXTRA;
import static dev.ssotauth.bench.BenchFixture.ISSUER;
import static dev.ssotauth.bench.BenchFixture.ROLES;
import static dev.ssotauth.bench.BenchFixture.SESSION;
import static dev.ssotauth.bench.BenchFixture.SUBJECT;
import static dev.ssotauth.bench.BenchFixture.TTL;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.ssotauth.bench.BenchFixture.Alg;
import dev.ssotauth.core.JwtAuthority;
import dev.ssotauth.core.TokenRequest;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How long does issuing one token take, against the raw MAC or RSA signature of a signing input
 * of the same length (the floor) and, for HS256, the peers? Every implementation writes the same
 * claims: iss, sub, aud, iat, exp, a random jti, roles, sid and four further claims.
 *
 * <pre>{@code
 * java -jar auth-bench/target/benchmarks.jar IssueBenchmark -prof gc
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class IssueBenchmark {

    /** {@code ALG/implementation}. */
    @Param({
        "HS256/ssot-auth", "HS256/raw-jca", "HS256/java-jwt", "HS256/nimbus", "HS256/jjwt", "HS256/jose4j",
        "RS256/ssot-auth", "RS256/raw-jca",
    })
    public String benchCase;

    private Callable<Object> issuer;

    /** Builds the key and the issuer once. */
    @Setup
    public void setUp() throws Exception {
        String[] parts = benchCase.split("/", 2);
        Alg alg = Alg.valueOf(parts[0]);
        BenchFixture fixture = new BenchFixture();
        issuer = create(parts[1], alg, fixture);
        issuer.call();
    }

    /** Issues one token. */
    @Benchmark
    public Object issue() throws Exception {
        return issuer.call();
    }

    private static Callable<Object> create(String implementation, Alg alg, BenchFixture fixture) throws Exception {
        switch (implementation) {
            case "ssot-auth": {
                JwtAuthority authority = fixture.authority(alg, true);
                TokenRequest request = fixture.request;
                return () -> authority.issue(request);
            }
            case "raw-jca":
                return raw(alg, fixture);
            case "java-jwt": {
                Algorithm algorithm = Algorithm.HMAC256(BenchFixture.SECRET);
                return () -> {
                    Instant now = BenchFixture.CLOCK.instant();
                    com.auth0.jwt.JWTCreator.Builder builder = JWT.create().withIssuer(ISSUER).withSubject(SUBJECT)
                            .withAudience(AUDIENCE).withIssuedAt(now).withExpiresAt(now.plus(TTL))
                            .withJWTId(UUID.randomUUID().toString())
                            .withClaim("roles", ROLES).withClaim("sid", SESSION);
                    EXTRA.forEach((name, value) -> builder.withClaim(name, (String) value));
                    return builder.sign(algorithm);
                };
            }
            case "nimbus": {
                MACSigner signer = new MACSigner(BenchFixture.SECRET);
                JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build();
                return () -> {
                    Instant now = BenchFixture.CLOCK.instant();
                    JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(ISSUER).subject(SUBJECT)
                            .audience(AUDIENCE).issueTime(Date.from(now)).expirationTime(Date.from(now.plus(TTL)))
                            .jwtID(UUID.randomUUID().toString()).claim("roles", ROLES).claim("sid", SESSION);
                    EXTRA.forEach(claims::claim);
                    SignedJWT jwt = new SignedJWT(header, claims.build());
                    jwt.sign(signer);
                    return jwt.serialize();
                };
            }
            case "jjwt": {
                javax.crypto.SecretKey key = Keys.hmacShaKeyFor(BenchFixture.SECRET);
                return () -> {
                    Instant now = BenchFixture.CLOCK.instant();
                    return Jwts.builder().issuer(ISSUER).subject(SUBJECT).audience().add(AUDIENCE).and()
                            .issuedAt(Date.from(now)).expiration(Date.from(now.plus(TTL)))
                            .id(UUID.randomUUID().toString()).claim("roles", ROLES).claim("sid", SESSION)
                            .claims(EXTRA).signWith(key, Jwts.SIG.HS256).compact();
                };
            }
            case "jose4j": {
                org.jose4j.keys.HmacKey key = new org.jose4j.keys.HmacKey(BenchFixture.SECRET);
                return () -> {
                    JwtClaims claims = new JwtClaims();
                    claims.setIssuer(ISSUER);
                    claims.setSubject(SUBJECT);
                    claims.setAudience(AUDIENCE);
                    NumericDate now = NumericDate.now();
                    claims.setIssuedAt(now);
                    NumericDate exp = NumericDate.fromSeconds(now.getValue() + TTL.getSeconds());
                    claims.setExpirationTime(exp);
                    claims.setJwtId(UUID.randomUUID().toString());
                    claims.setStringListClaim("roles", ROLES);
                    claims.setClaim("sid", SESSION);
                    EXTRA.forEach(claims::setClaim);
                    JsonWebSignature jws = new JsonWebSignature();
                    jws.setPayload(claims.toJson());
                    jws.setKey(key);
                    jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
                    jws.setHeader("typ", "JWT");
                    return jws.getCompactSerialization();
                };
            }
            default:
                throw new IllegalArgumentException("unknown implementation " + implementation);
        }
    }

    /** The floor: one MAC or RSA signature over a signing input as long as a real token's (not encoded). */
    private static Callable<Object> raw(Alg alg, BenchFixture fixture) throws GeneralSecurityException {
        String token = fixture.token(alg);
        byte[] input = token.substring(0, token.lastIndexOf('.')).getBytes(StandardCharsets.US_ASCII);
        if (alg == Alg.HS256) {
            ThreadLocal<Mac> macs = BenchFixture.hmacSha256(BenchFixture.SECRET);
            return () -> macs.get().doFinal(input);
        }
        ThreadLocal<Signature> signers = BenchFixture.perThread(() -> {
            Signature signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(fixture.rsa.getPrivate());
            return signer;
        });
        return () -> {
            Signature signer = signers.get();
            signer.update(input);
            return signer.sign();
        };
    }
}
