package dev.ssotauth.keycloak;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A Java runtime other than the one running the build, for a server that needs a newer one
 * (Keycloak 26 needs 21+ while this project builds on 17). Found without any path written into the
 * project: the variable {@value #VARIABLE} when set, else the JDKs installed beside the running one
 * (the other directories of the folder that holds {@code java.home}, where Linux distributions and
 * JDK packages install them side by side), each asked for its version through its {@code release}
 * file or {@code java -version}.
 *
 * @param home    the runtime's home directory (its {@code JAVA_HOME})
 * @param feature its feature version, such as 21
 */
record JavaRuntime(Path home, int feature) {

    /** Names the runtime to use, overriding the search. */
    static final String VARIABLE = "KEYCLOAK_JAVA_HOME";

    private static final Pattern RELEASE_VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"([^\"]+)\"");
    private static final Pattern VERSION_OUTPUT = Pattern.compile("version \"([^\"]+)\"");

    /** Its {@code bin/java}. */
    Path java() {
        return home.resolve("bin").resolve("java");
    }

    /**
     * The runtime of at least {@code minimum}: the one {@value #VARIABLE} names (which must qualify:
     * a wrong value is an error, not a reason to look elsewhere), else of the JDKs beside
     * {@code javaHome} the lowest version that qualifies (the closest to the server's baseline),
     * ties broken by directory name.
     *
     * @param minimum     the lowest feature version accepted
     * @param environment the process environment (read for {@value #VARIABLE})
     * @param javaHome    the running runtime's {@code java.home}
     * @return the runtime, or empty when none qualifies
     * @throws IllegalStateException when {@value #VARIABLE} names no runtime of {@code minimum}+
     */
    static Optional<JavaRuntime> find(int minimum, Map<String, String> environment, Path javaHome) {
        String named = environment.get(VARIABLE);
        if (named != null && !named.isBlank()) {
            Path home = Path.of(named.trim());
            Optional<JavaRuntime> runtime = at(home);
            if (runtime.isEmpty()) {
                throw new IllegalStateException(VARIABLE + " is " + home + ", which holds no bin/java whose version "
                        + "can be read");
            }
            if (runtime.get().feature() < minimum) {
                throw new IllegalStateException(VARIABLE + " is " + home + ", a Java " + runtime.get().feature()
                        + " runtime; Java " + minimum + " or newer is needed");
            }
            return runtime;
        }
        return beside(javaHome).stream()
                .filter(runtime -> runtime.feature() >= minimum)
                .min(Comparator.comparingInt(JavaRuntime::feature)
                        .thenComparing(runtime -> runtime.home().getFileName().toString()));
    }

    /**
     * The runtimes installed beside {@code javaHome}, itself included, each once (symbolic links to
     * the same directory are one runtime), sorted by directory name.
     *
     * @param javaHome the running runtime's {@code java.home}
     * @return the runtimes whose version could be read
     */
    static List<JavaRuntime> beside(Path javaHome) {
        Path parent = javaHome.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            return List.of();
        }
        List<Path> directories;
        try (Stream<Path> children = Files.list(parent)) {
            directories = children.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
        Set<Path> seen = new LinkedHashSet<>();
        List<JavaRuntime> runtimes = new ArrayList<>();
        for (Path directory : directories) {
            Path real;
            try {
                real = directory.toRealPath();
            } catch (IOException e) {
                continue;
            }
            if (seen.add(real)) {
                at(directory).ifPresent(runtimes::add);
            }
        }
        return List.copyOf(runtimes);
    }

    /**
     * The runtime at {@code home}: its version from the {@code release} file, else from
     * {@code bin/java -version}.
     *
     * @param home a directory
     * @return the runtime, or empty when it holds no executable {@code bin/java} or no readable version
     */
    static Optional<JavaRuntime> at(Path home) {
        Path java = home.resolve("bin").resolve("java");
        if (!Files.isRegularFile(java) || !Files.isExecutable(java)) {
            return Optional.empty();
        }
        Optional<String> version = fromReleaseFile(home.resolve("release"));
        if (version.isEmpty()) {
            version = fromVersionOutput(java);
        }
        return version.flatMap(JavaRuntime::featureOf).map(feature -> new JavaRuntime(home, feature));
    }

    /**
     * The feature version of a Java version string: {@code "21.0.2"} → 21, {@code "25"} → 25,
     * {@code "1.8.0_402"} → 8.
     *
     * @param version the version string
     * @return the feature version, or empty when it does not start with a number
     */
    static Optional<Integer> featureOf(String version) {
        Matcher matcher = Pattern.compile("^(\\d+)(?:\\.(\\d+))?").matcher(version);
        if (!matcher.find()) {
            return Optional.empty();
        }
        int first = Integer.parseInt(matcher.group(1));
        if (first == 1 && matcher.group(2) != null) {
            return Optional.of(Integer.parseInt(matcher.group(2)));
        }
        return Optional.of(first);
    }

    private static Optional<String> fromReleaseFile(Path release) {
        if (!Files.isRegularFile(release)) {
            return Optional.empty();
        }
        try {
            Matcher matcher = RELEASE_VERSION.matcher(Files.readString(release, StandardCharsets.UTF_8));
            return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> fromVersionOutput(Path java) {
        try {
            Process process = new ProcessBuilder(java.toString(), "-version").redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output;
            try (InputStream in = process.getInputStream()) {
                output = new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
            }
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return Optional.empty();
            }
            Matcher matcher = VERSION_OUTPUT.matcher(output);
            return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
