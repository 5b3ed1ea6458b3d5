package dev.ssotauth.example;

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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The service as users run it: {@code java -jar target/auth-example.jar}, a separate process, on a
 * port it picks itself ({@code --port 0}) and prints. The environment is the test's, without any
 * {@code JWT_*} variable or {@code REDIS_URL}, plus what the test gives. Closing it ends the process (SIGTERM, then a kill
 * after a grace period).
 */
final class ServiceProcess implements AutoCloseable {

    static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    /** How long the output may take to reach its end once the process has ended. */
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(20);
    private static final Pattern LISTENING = Pattern.compile("^listening on (http://[^:]+:(\\d+))$");

    private final Process process;
    private final Thread reader;
    private final List<String> output;
    private final URI base;

    private ServiceProcess(Launched launched, List<String> output, URI base) {
        this.process = launched.process();
        this.reader = launched.reader();
        this.output = output;
        this.base = base;
    }

    /** A started process and the thread that reads its output into a list until the end of it. */
    private record Launched(Process process, Thread reader) {
    }

    /** The runnable jar the build made, which the failsafe configuration names. */
    static Path jar() {
        String jar = System.getProperty("example.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            fail("the runnable jar is missing (" + jar + "): these tests run in 'mvn verify', after the package "
                    + "phase has made auth-example/target/auth-example.jar");
        }
        return Path.of(jar);
    }

    /** Starts the service with {@code --port 0} and waits until it prints its address. */
    static ServiceProcess start(Map<String, String> environment, String... args) throws IOException,
            InterruptedException {
        return start(environment, List.of(), args);
    }

    /**
     * Starts the service with {@code --port 0} and extra JVM options (after the defaults, so that
     * {@code -Xmx} there wins), and waits until it prints its address.
     */
    static ServiceProcess start(Map<String, String> environment, List<String> jvmOptions, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(command(jvmOptions, args));
        command.add("--port");
        command.add("0");
        List<String> output = new CopyOnWriteArrayList<>();
        Launched launched = launch(command, environment, output);
        Process process = launched.process();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            for (String line : output) {
                Matcher matcher = LISTENING.matcher(line);
                if (matcher.matches()) {
                    return new ServiceProcess(launched, output, URI.create(matcher.group(1)));
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

    /** What a run that ends by itself ({@code --smoke}, a refused command line) printed, and its exit code. */
    record Finished(int exitCode, String output) {
    }

    /** Runs the jar to its end, within {@code timeout}. */
    static Finished runToEnd(Map<String, String> environment, Duration timeout, String... args) throws IOException,
            InterruptedException {
        return runToEnd(environment, null, timeout, args);
    }

    /** Runs the jar to its end with {@code input} on its standard input. */
    static Finished runToEnd(Map<String, String> environment, String input, Duration timeout, String... args)
            throws IOException, InterruptedException {
        List<String> output = new CopyOnWriteArrayList<>();
        Launched launched = launch(command(List.of(), args), environment, output);
        Process process = launched.process();
        try {
            if (input != null) {
                process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
            }
            process.getOutputStream().close();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                fail("the service did not end within " + timeout.toSeconds() + " s:\n" + String.join("\n", output));
            }
            awaitEnd(launched.reader(), output);
            return new Finished(process.exitValue(), String.join("\n", output));
        } finally {
            if (process.isAlive()) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static List<String> command(List<String> jvmOptions, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-XX:+UseSerialGC");
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar().toString());
        command.addAll(List.of(args));
        return command;
    }

    private static Launched launch(List<String> command, Map<String, String> environment, List<String> output)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(AuthoritySetup::isConfigurationVariable);
        builder.environment().remove(RevocationSetup.REDIS_URL);
        builder.environment().putAll(environment);
        Process process = builder.start();
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
        }, "service-output");
        reader.setDaemon(true);
        reader.start();
        return new Launched(process, reader);
    }

    /** Waits until {@code reader} has read the output to its end (the process has closed it). */
    private static void awaitEnd(Thread reader, List<String> output) throws InterruptedException {
        reader.join(DRAIN_TIMEOUT.toMillis());
        if (reader.isAlive()) {
            fail("the output did not end within " + DRAIN_TIMEOUT.toSeconds() + " s of the process:\n"
                    + String.join("\n", output));
        }
    }

    URI base() {
        return base;
    }

    int port() {
        return base.getPort();
    }

    ApiClient client() {
        return new ApiClient(base);
    }

    /** Everything the process printed so far (standard output and error). */
    String output() {
        return String.join("\n", output);
    }

    /**
     * Everything the process printed, once it has ended and its output has been read to the end.
     *
     * @throws AssertionError if the output does not end (call it after the process has ended)
     */
    String finalOutput() throws InterruptedException {
        awaitEnd(reader, output);
        return output();
    }

    Process process() {
        return process;
    }

    /** The service's {@code GET /admin/stats} (started with {@code --admin-stats}), as a JSON object in order. */
    Map<String, Object> adminStats() throws IOException, InterruptedException {
        ApiClient.Answer answer = client().get("/admin/stats", null);
        if (answer.status() != 200) {
            fail("GET /admin/stats answered " + answer.status() + ": " + answer.body());
        }
        return answer.json();
    }

    /**
     * {@code GET /metrics}, parsed: each sample of Prometheus's text format by its name and labels as
     * written ({@code ssot_auth_websocket_closes_total{reason="expired"}}), comments left out.
     */
    Map<String, Double> metrics() throws IOException, InterruptedException {
        ApiClient.Answer answer = client().get("/metrics", null);
        if (answer.status() != 200) {
            fail("GET /metrics answered " + answer.status() + ": " + answer.body());
        }
        Map<String, Double> samples = new java.util.TreeMap<>();
        for (String line : answer.body().split("\n")) {
            int space = line.lastIndexOf(' ');
            if (!line.startsWith("#") && space > 0) {
                samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
            }
        }
        return samples;
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
