package dev.ssotauth.bench;


import java.util.concurrent.TimeUnit;

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
 * How long does it take to decide that one valid token is valid, per algorithm, for this library
 * against the raw JCA signature check (the floor), a minimal hand-written verifier, and the peers'
 * full verification, on the same token and key?
 *
 * <p>{@code case} is {@code ALG/implementation}: {@code ssot-auth} is
 * {@code JwtAuthority.authenticate} (BouncyCastle for ES256 and EdDSA, as core picks it when present),
 * {@code ssot-auth-jdk} the same with the JDK's providers; {@code raw-jca} and {@code raw-jca-bc} only
 * the signature check of a pre-split token; {@code minimal} is {@link MinimalVerifier}; then
 * java-jwt's {@code JWTVerifier}, Nimbus's {@code DefaultJWTProcessor}, jjwt's {@code JwtParser} and
 * jose4j's {@code JwtConsumer}, each with issuer and audience required. java-jwt has no EdDSA.
 *
 * <pre>{@code
 * java -jar auth-bench/target/benchmarks.jar VerifyBenchmark -prof gc
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class VerifyBenchmark {

    /** {@code ALG/implementation}; only the combinations that exist. */
    @Param({
        "HS256/ssot-auth", "HS256/raw-jca", "HS256/minimal",
        "HS256/java-jwt", "HS256/nimbus", "HS256/jjwt", "HS256/jose4j",
        "RS256/ssot-auth", "RS256/raw-jca", "RS256/minimal",
        "RS256/java-jwt", "RS256/nimbus", "RS256/jjwt", "RS256/jose4j",
        "ES256/ssot-auth", "ES256/ssot-auth-jdk", "ES256/raw-jca", "ES256/raw-jca-bc", "ES256/minimal",
        "ES256/java-jwt", "ES256/nimbus", "ES256/jjwt", "ES256/jose4j",
        "EdDSA/ssot-auth", "EdDSA/ssot-auth-jdk", "EdDSA/raw-jca", "EdDSA/raw-jca-bc", "EdDSA/minimal",
        "EdDSA/nimbus", "EdDSA/jjwt", "EdDSA/jose4j",
    })
    public String benchCase;

    private Verifiers.TokenVerifier verifier;
    private String token;

    /** Builds the keys, the token and the verifier, and checks once that the token is accepted. */
    @Setup
    public void setUp() throws Exception {
        Verifiers.Prepared prepared = Verifiers.prepare(benchCase);
        token = prepared.token;
        verifier = prepared.verifier;
    }

    /** One full verification of the token. */
    @Benchmark
    public Object verify() throws Exception {
        return verifier.verify(token);
    }
}
