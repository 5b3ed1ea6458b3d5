package dev.ssotauth.bench;

import dev.ssotauth.bench.BenchFixture.Alg;
import dev.ssotauth.core.AuthResult;
import dev.ssotauth.core.JwtAuthority;

import java.nio.charset.StandardCharsets;
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
 * How much faster is an HS256 token seen before answered with the verified-token cache
 * ({@code cached}) than through the full path ({@code full})? Every call gets the token as a new
 * {@link String}, as a server gets it from each request's header, so the cache cannot lean on a
 * string's memoised hash; both cases pay the same copy.
 *
 * <pre>{@code
 * java -jar auth-bench/target/benchmarks.jar CacheBenchmark -prof gc
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class CacheBenchmark {

    /** {@code full}: no cache; {@code cached}: a cache of 10,000 entries, holding this token. */
    @Param({"full", "cached"})
    public String benchCase;

    private JwtAuthority authority;
    private byte[] token;

    /** Builds the authority and the token, and answers the token once (so it is cached). */
    @Setup
    public void setUp() {
        BenchFixture fixture = new BenchFixture();
        authority = fixture.authority(Alg.HS256, true, benchCase.equals("cached") ? 10_000 : 0);
        String text = authority.issue(fixture.request);
        token = text.getBytes(StandardCharsets.US_ASCII);
        if (!authority.authenticate(text).isAuthenticated()) {
            throw new IllegalStateException("the token is refused");
        }
    }

    /** Authenticates the token, arriving as a new string. */
    @Benchmark
    public AuthResult authenticate() {
        return authority.authenticate(new String(token, StandardCharsets.ISO_8859_1));
    }
}
