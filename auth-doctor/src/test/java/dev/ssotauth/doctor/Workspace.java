package dev.ssotauth.doctor;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The tests' folders under {@code target/it} (never the system's temporary folder), the jars the
 * build made, and a run of {@code auth-doctor.jar} as a user runs it.
 */
final class Workspace {

    /** How long one run of the doctor may take. */
    static final long DOCTOR_TIMEOUT_SECONDS = 300;

    private Workspace() {
    }

    /** What a run of the doctor printed, and its exit code. */
    record Outcome(int exitCode, String out, String err) {
    }

    /** A fresh, empty folder {@code target/it/<name>}. */
    static Path folder(String name) throws IOException {
        Path folder = Path.of(System.getProperty("work.dir", "target/it")).toAbsolutePath().resolve(name);
        if (Files.exists(folder)) {
            try (Stream<Path> paths = Files.walk(folder)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                    try {
                        Files.delete(path);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        }
        return Files.createDirectories(folder);
    }

    /** {@code folder/tmp}, the temporary folder of the processes started in {@code folder}. */
    static Path temporary(Path folder) {
        try {
            return Files.createDirectories(folder.resolve("tmp"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path exampleJar() {
        return jar("example.jar", "auth-example/target/auth-example.jar");
    }

    static Path doctorJar() {
        return jar("doctor.jar", "auth-doctor/target/auth-doctor.jar");
    }

    private static Path jar(String property, String what) {
        String jar = System.getProperty(property);
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            fail(what + " is missing: these tests run in 'mvn verify' after the package phase made it (-am builds "
                    + "the example)");
        }
        return Path.of(jar);
    }

    /**
     * Writes {@code yaml} as {@code folder/system.yaml} and runs
     * {@code java -jar auth-doctor.jar --config system.yaml args…} in {@code folder} with the test's
     * environment plus {@code environment}.
     */
    static Outcome doctor(Path folder, String yaml, Map<String, String> environment, String... args)
            throws IOException, InterruptedException {
        Files.writeString(folder.resolve("system.yaml"), yaml);
        List<String> command = new ArrayList<>(List.of(RunningProcess.java(), "-XX:-UsePerfData",
                "-Djava.io.tmpdir=" + temporary(folder), "-jar", doctorJar().toString(), "--config", "system.yaml"));
        command.addAll(List.of(args));
        Path out = folder.resolve("doctor.out");
        Path err = folder.resolve("doctor.err");
        ProcessBuilder builder = new ProcessBuilder(command).directory(folder.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().keySet().removeIf(RunningProcess::configures);
        builder.environment().putAll(environment);
        Process process = builder.start();
        process.getOutputStream().close();
        if (!process.waitFor(DOCTOR_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            fail("auth-doctor did not end within " + DOCTOR_TIMEOUT_SECONDS + " s:\n" + Files.readString(out));
        }
        return new Outcome(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
