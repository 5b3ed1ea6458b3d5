package dev.ssotauth.bench;

import dev.ssotauth.core.AuthListener;
import dev.ssotauth.core.AuthResult;
import dev.ssotauth.core.JwtAuthority;
import dev.ssotauth.core.TokenRequest;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
 * What does an event listener cost on the hot path: HS256 {@code JwtAuthority.authenticate} of one
 * valid token with no listener, and with a listener that does nothing (the budget: within 3 % of
 * none; the events are shared instances, so nothing is allocated for them either).
 *
 * <pre>{@code
 * java -jar auth-bench/target/benchmarks.jar ListenerOverheadBenchmark -prof gc
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(3)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class ListenerOverheadBenchmark {

    /** {@code none}: no listener; {@code no-op}: a listener that ignores every event. */
    @Param({"none", "no-op"})
    public String listener;

    private JwtAuthority authority;
    private String token;

    /** Builds the authority and a token it accepts, and checks once that it does. */
    @Setup
    public void setUp() {
        JwtAuthority.Builder builder = JwtAuthority.builder()
                .hmacSecret("listener-overhead-benchmark-secret-0123456789".getBytes(StandardCharsets.UTF_8))
                .issuer("https://login.bench").audience("bench");
        if (listener.equals("no-op")) {
            AuthListener ignore = event -> { };
            builder.listener(ignore);
        }
        authority = builder.build();
        token = authority.issue(TokenRequest.forSubject("alice").roles("user").ttl(Duration.ofHours(1)).build());
        if (!authority.authenticate(token).isAuthenticated()) {
            throw new IllegalStateException("the benchmark token is refused");
        }
    }

    /** One authentication of the valid token. */
    @Benchmark
    public AuthResult authenticate() {
        return authority.authenticate(token);
    }
}
