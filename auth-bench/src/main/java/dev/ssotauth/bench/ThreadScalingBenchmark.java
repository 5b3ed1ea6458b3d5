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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Does HS256 verification scale from one thread to two: is the throughput of two threads sharing
 * one authority (and one token) close to twice that of one? The raw MAC is measured the same way,
 * so that the machine's own scaling (cores shared with other work, turbo, caches) can be told apart
 * from contention in this library.
 *
 * <pre>{@code
 * java -jar auth-bench/target/benchmarks.jar ThreadScalingBenchmark -prof gc
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class ThreadScalingBenchmark {

    /** {@code ALG/implementation}, as in {@link VerifyBenchmark}. */
    @Param({"HS256/ssot-auth", "HS256/raw-jca"})
    public String benchCase;

    private Verifiers.TokenVerifier verifier;
    private String token;

    /** Builds the key, the token and the verifier; both threads share them. */
    @Setup
    public void setUp() throws Exception {
        Verifiers.Prepared prepared = Verifiers.prepare(benchCase);
        token = prepared.token;
        verifier = prepared.verifier;
    }

    /** Verifications per microsecond, on one thread. */
    @Benchmark
    @Threads(1)
    public Object oneThread() throws Exception {
        return verifier.verify(token);
    }

    /** Verifications per microsecond, two threads together. */
    @Benchmark
    @Threads(2)
    public Object twoThreads() throws Exception {
        return verifier.verify(token);
    }
}
