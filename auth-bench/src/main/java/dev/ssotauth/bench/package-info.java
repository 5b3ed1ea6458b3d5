/**
 * JMH benchmarks of ssot-auth against the raw JCA floor, a minimal hand-written verifier and peer
 * libraries, on the same tokens and keys. The entry point is {@link dev.ssotauth.bench.BenchRunner}:
 * one JMH run, then a table of ratios printed and written as JSON. Not published.
 *
 * <pre>{@code
 * auth-bench/run.sh            # builds, then runs every benchmark with the default settings
 * }</pre>
 */
package dev.ssotauth.bench;
