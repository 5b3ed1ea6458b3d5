package dev.ssotauth.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import org.openjdk.jmh.Main;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the benchmarks in one JMH run, always with the allocation profiler ({@code -prof gc}), then
 * prints the table of ratios (this library ÷ the JCA floor, ÷ the minimal verifier, ÷ the best
 * peer; issue ÷ raw signature; two threads ÷ one; 100,000 revoked ÷ none; the handshake through
 * JwtUpgradeFilter ÷ the plain one; Spring Security's decoder through the starter ÷ Nimbus's, alone and
 * behind a Boot endpoint) with the targets of issues 12, 8, 7 and 14, and writes it as JSON.
 *
 * <pre>{@code
 * java -jar auth-bench/target/benchmarks.jar [--json FILE] [JMH options and benchmark patterns]
 * }</pre>
 *
 * <p>Without options every benchmark runs with its own settings (one fork, 5 × 1 s warm-up, 5 × 1 s
 * measurement); JMH's options override them ({@code -f}, {@code -wi}, {@code -i}, …). The JSON goes to
 * {@code FILE}, by default {@code bench-ratios.json} in the working directory. JMH's own options
 * {@code -h}, {@code -l}, {@code -lp} and {@code -lprof} are passed to JMH unchanged.
 */
public final class BenchRunner {

    private static final Set<String> JMH_ONLY = Set.of("-h", "-help", "--help", "-l", "-lp", "-lrf", "-lprof");

    private BenchRunner() {
    }

    /**
     * Runs and reports.
     *
     * @param args {@code --json FILE}, then JMH's command-line options and patterns
     * @throws Exception when JMH cannot run or the JSON cannot be written
     */
    public static void main(String[] args) throws Exception {
        Path json = Path.of("bench-ratios.json");
        List<String> jmhArgs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--json") && i + 1 < args.length) {
                json = Path.of(args[++i]);
            } else if (JMH_ONLY.contains(args[i])) {
                Main.main(args);
                return;
            } else {
                jmhArgs.add(args[i]);
            }
        }
        CommandLineOptions commandLine = new CommandLineOptions(jmhArgs.toArray(new String[0]));
        ChainedOptionsBuilder options = new OptionsBuilder().parent(commandLine);
        boolean gc = commandLine.getProfilers().stream()
                .anyMatch(p -> p.getKlass().equals("gc") || p.getKlass().equals(GCProfiler.class.getName()));
        if (!gc) {
            options.addProfiler(GCProfiler.class);
        }
        Collection<RunResult> results = new Runner(options.build()).run();
        RatioReport report = RatioReport.of(results, String.join(" ", args));
        System.out.println();
        System.out.println(report.markdown());
        write(json, report.json());
        System.out.println("Written: " + json);
    }

    private static void write(Path file, String content) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, content);
    }
}
