package dev.ssotauth.doctor;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A service the tests start as a separate process (the example's jar, the Node service) on a free
 * loopback port it picks and prints as {@code listening on http://127.0.0.1:PORT}. Its environment is
 * the test's without any JWT variable or {@code REDIS_URL}, plus what the test gives; its working and
 * temporary folders are under {@code target/}. Closing it ends the process.
 */
final class RunningProcess implements AutoCloseable {

    static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Pattern LISTENING = Pattern.compile("^listening on (http://127\\.0\\.0\\.1:\\d+)$");

    private final Process process;
    private final List<String> output;
    private final CompletableFuture<URI> listening;

    private RunningProcess(Process process, List<String> output, CompletableFuture<URI> listening) {
        this.process = process;
        this.output = output;
        this.listening = listening;
    }

    /** Launches {@code command} in {@code folder}; call {@link #awaitListening()} before using it. */
    static RunningProcess launch(List<String> command, Map<String, String> environment, Path folder)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).directory(folder.toFile());
        builder.environment().keySet().removeIf(RunningProcess::configures);
        builder.environment().put("TMPDIR", Workspace.temporary(folder).toString());
        builder.environment().putAll(environment);
        Process process = builder.start();
        List<String> output = new CopyOnWriteArrayList<>();
        CompletableFuture<URI> listening = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    output.add(line);
                    Matcher matcher = LISTENING.matcher(line);
                    if (matcher.matches()) {
                        listening.complete(URI.create(matcher.group(1)));
                    }
                }
            } catch (IOException e) {
                // the process is gone
            }
            listening.completeExceptionally(new IllegalStateException("the output ended before 'listening on'"));
        }, "service-output");
        reader.setDaemon(true);
        reader.start();
        return new RunningProcess(process, output, listening);
    }

    /** The example's jar with {@code --port 0} and {@code args}. */
    static RunningProcess example(Map<String, String> environment, Path folder, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(java(), "-Xmx256m", "-XX:+UseSerialGC",
                "-XX:-UsePerfData", "-Djava.io.tmpdir=" + Workspace.temporary(folder), "-jar", Workspace.exampleJar()
                .toString(), "--port", "0"));
        command.addAll(List.of(args));
        return launch(command, environment, folder);
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Whether a variable would configure a service's keys: JWT_*, the legacy aliases, REDIS_URL. */
    static boolean configures(String name) {
        return name.startsWith("JWT_") || name.endsWith("_JWT_SECRET") || name.equals("REDIS_URL")
                || name.equals("NODE_JWT_SECRET") || name.equals("JWKS_URL");
    }

    /** Waits for the address the process prints; fails with its output when it ends or takes too long. */
    URI awaitListening() throws InterruptedException {
        try {
            return listening.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            close();
            fail("the service did not print its address within " + START_TIMEOUT.toSeconds() + " s:\n"
                    + String.join("\n", output));
            throw new AssertionError("unreachable");
        }
    }

    /** The address, once listening. */
    URI base() throws InterruptedException {
        return awaitListening();
    }

    /** Everything it printed so far. */
    String output() {
        return String.join("\n", output);
    }

    /** Ends the process: SIGTERM, then a kill if it has not ended within 15 seconds. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
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
