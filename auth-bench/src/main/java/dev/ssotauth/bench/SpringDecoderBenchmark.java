package dev.ssotauth.bench;

import dev.ssotauth.bench.BenchFixture.Alg;

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
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * How long does Spring Security's {@code JwtDecoder.decode} take on one valid token through this
 * library's starter ({@code AuthorityJwtDecoder}, a {@code VerifiedJwt} out) against Spring's own
 * {@code NimbusJwtDecoder}, on the same HS256 and RS256 tokens and keys, with the same checks
 * (signature, issuer, audience, expiry; see {@link SpringDecoders}, which verifies the refusals before
 * the run)? Targets (issue 14): starter ÷ Nimbus ≤ 0.4 for HS256, ≤ 1.0 for RS256.
 *
 * <p>{@code case} is {@code ALG/decoder}, the decoder {@code ssot-auth-starter} or {@code spring-nimbus}.
 *
 * <pre>{@code
 * java -jar auth-bench/target/benchmarks.jar SpringDecoderBenchmark -prof gc
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 10, time = 1) // with 5, the shared 2-core machine was still compiling Spring and Nimbus
@Measurement(iterations = 5, time = 1)
public class SpringDecoderBenchmark {

    /** {@code ALG/decoder}. */
    @Param({"HS256/ssot-auth-starter", "HS256/spring-nimbus", "RS256/ssot-auth-starter", "RS256/spring-nimbus"})
    public String benchCase;

    private JwtDecoder decoder;
    private String token;

    /** Builds the keys, the token and the decoder, and checks what the decoder accepts and refuses. */
    @Setup
    public void setUp() {
        String[] parts = benchCase.split("/", 2);
        Alg alg = Alg.valueOf(parts[0]);
        BenchFixture fixture = new BenchFixture();
        token = fixture.token(alg);
        decoder = SpringDecoders.create(parts[1], alg, fixture);
        SpringDecoders.checkStrictness(decoder, alg, fixture, token);
    }

    /**
     * One decode of the token.
     *
     * @return Spring's {@code Jwt}
     */
    @Benchmark
    public Jwt decode() {
        return decoder.decode(token);
    }
}
