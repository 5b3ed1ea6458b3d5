package dev.ssotauth.loadtest;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The example service as users run it: {@code java -jar auth-example.jar --port 0}, a separate
 * process, whose output is kept. Its environment is this one's without any {@code JWT_*} variable,
 * legacy secret alias or {@code REDIS_URL}, plus what the test gives. Closing it ends the process
 * (SIGTERM, then a kill after a grace period).
 */
final class ExampleProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern LISTENING = Pattern.compile("^listening on (http://[^:]+:(\\d+))$");
    private static final Set<String> LEGACY_SECRETS = Set.of("JWT_SECRET", "WEBSOCKET_JWT_SECRET",
            "AUTH_SERVICE_JWT_SECRET");

    private final Process process;
    private final List<String> output;
    private final URI base;

    private ExampleProcess(Process process, List<String> output, URI base) {
        this.process = process;
        this.output = output;
        this.base = base;
    }

    /**
     * Starts the example's runnable jar (the system property {@code example.jar}) with
     * {@code -Xmx256m -XX:+UseSerialGC}, then {@code jvmOptions}, then {@code args} and
     * {@code --port 0}, and waits until it prints the address it listens on.
     */
    static ExampleProcess start(Map<String, String> environment, List<String> jvmOptions, String... args)
            throws IOException, InterruptedException {
        String jar = System.getProperty("example.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            fail("the example's runnable jar is missing (" + jar + "): this test runs in 'mvn verify' after "
                    + "auth-example's package phase made it (mvn -pl auth-example,auth-loadtest -am verify)");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx256m", "-XX:+UseSerialGC"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar));
        command.addAll(List.of(args));
        command.addAll(List.of("--port", "0"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("JWT_") || LEGACY_SECRETS.contains(name)
                || name.equals("REDIS_URL"));
        builder.environment().putAll(environment);
        Process process = builder.start();
        List<String> output = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    output.add(line);
                }
            } catch (IOException e) {
                // the process is gone
            }
        }, "example-output");
        reader.setDaemon(true);
        reader.start();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            for (String line : output) {
                Matcher matcher = LISTENING.matcher(line);
                if (matcher.matches()) {
                    return new ExampleProcess(process, output, URI.create(matcher.group(1)));
                }
            }
            if (!process.isAlive()) {
                fail("the service exited with " + process.exitValue() + " before listening:\n"
                        + String.join("\n", output));
            }
            Thread.sleep(50);
        }
        process.destroyForcibly();
        fail("the service did not print its address within " + START_TIMEOUT.toSeconds() + " s:\n"
                + String.join("\n", output));
        throw new AssertionError("unreachable");
    }

    /** The address it listens on: {@code http://127.0.0.1:PORT}. */
    URI base() {
        return base;
    }

    /** Everything the process printed so far (standard output and error). */
    String output() {
        return String.join("\n", output);
    }

    /** Ends the process: SIGTERM, then a kill if it has not ended within 15 seconds. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
