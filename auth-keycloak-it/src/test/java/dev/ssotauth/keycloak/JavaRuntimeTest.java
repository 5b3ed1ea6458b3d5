package dev.ssotauth.keycloak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.opentest4j.TestAbortedException;

/**
 * How the Java runtime for Keycloak is found, and what happens when there is none (skip outside CI,
 * fail in CI), on made-up JDK folders under {@code target/} (a {@code release} file and an
 * executable {@code bin/java}) and on this machine's own.
 */
final class JavaRuntimeTest {

    private Path jvms;

    @BeforeEach
    void emptyFolder(TestInfo test) throws IOException {
        jvms = Path.of("target", "java-runtime-test", test.getTestMethod().orElseThrow().getName()).toAbsolutePath();
        if (Files.exists(jvms)) {
            try (Stream<Path> paths = Files.walk(jvms)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        Files.createDirectories(jvms);
    }

    @Test
    void findWhenSiblingsAre17And21And25ThenLowestThatQualifies() throws IOException {
        // given
        Path running = jdk("java-17-openjdk", "17.0.15");
        jdk("vendor-25-jdk", "25.0.3");
        jdk("java-21-openjdk", "21.0.7");

        // when
        Optional<JavaRuntime> found = JavaRuntime.find(21, Map.of(), running);

        // then
        assertEquals(Optional.of(new JavaRuntime(jvms.resolve("java-21-openjdk"), 21)), found);
    }

    @Test
    void findWhenNoSiblingQualifiesThenEmpty() throws IOException {
        // given: a 17, an 11, a folder without bin/java and a symbolic link to the 17
        Path running = jdk("java-17-openjdk", "17.0.15");
        jdk("java-11-openjdk", "11.0.2");
        Files.createDirectories(jvms.resolve("openjdk-17"));
        Files.createSymbolicLink(jvms.resolve("java-1.17.0-openjdk"), running);

        // when / then
        assertEquals(Optional.empty(), JavaRuntime.find(21, Map.of(), running));
        assertEquals(List.of(new JavaRuntime(jvms.resolve("java-1.17.0-openjdk"), 17),
                new JavaRuntime(jvms.resolve("java-11-openjdk"), 11)), JavaRuntime.beside(running));
    }

    @Test
    void findWhenVariableNamesARuntimeThenThatOneWithoutSearching() throws IOException {
        // given: a qualifying sibling, and the variable naming another runtime elsewhere
        Path running = jdk("java-17-openjdk", "17.0.15");
        jdk("java-21-openjdk", "21.0.7");
        Path elsewhere = jdk("elsewhere/jdk-22", "22.0.1");

        // when
        Optional<JavaRuntime> found = JavaRuntime.find(21, Map.of(JavaRuntime.VARIABLE, elsewhere.toString()), running);

        // then
        assertEquals(Optional.of(new JavaRuntime(elsewhere, 22)), found);
    }

    @Test
    void findWhenVariableNamesAnOldRuntimeThenRefusedNamingIt() throws IOException {
        // given
        Path running = jdk("java-17-openjdk", "17.0.15");
        jdk("java-21-openjdk", "21.0.7");

        // when
        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> JavaRuntime.find(21, Map.of(JavaRuntime.VARIABLE, running.toString()), running));

        // then
        assertEquals(JavaRuntime.VARIABLE + " is " + running + ", a Java 17 runtime; Java 21 or newer is needed",
                thrown.getMessage());
    }

    @Test
    void findWhenVariableNamesNoRuntimeThenRefusedNamingIt() {
        // given
        Path nothing = jvms.resolve("nothing");

        // when
        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> JavaRuntime.find(21, Map.of(JavaRuntime.VARIABLE, nothing.toString()), nothing));

        // then
        assertEquals(JavaRuntime.VARIABLE + " is " + nothing + ", which holds no bin/java whose version can be read",
                thrown.getMessage());
    }

    @Test
    void requireJavaWhenNoneOutsideCiThenSkippedSayingWhatToInstall() throws IOException {
        // given
        Path running = jdk("java-17-openjdk", "17.0.15");

        // when
        TestAbortedException thrown = assertThrows(TestAbortedException.class,
                () -> Keycloak.requireJava("26.5.7", Map.of(), running));

        // then
        assertEquals("Keycloak 26.5.7 needs a Java 21+ runtime and none was found: "
                + "KEYCLOAK_JAVA_HOME is not set, and the JDKs beside the one running the build (" + jvms
                + ") are [17 at " + running + "]. Install a JDK 21 or newer beside it (any vendor's package), "
                + "or set KEYCLOAK_JAVA_HOME to one; skipped outside CI", thrown.getMessage());
    }

    @Test
    void requireJavaWhenNoneInCiThenFailed() throws IOException {
        // given
        Path running = jdk("java-17-openjdk", "17.0.15");

        // when
        AssertionError thrown = assertThrows(AssertionError.class,
                () -> Keycloak.requireJava("26.5.7", Map.of("CI", "true"), running));

        // then
        assertTrue(thrown.getMessage().startsWith("Keycloak 26.5.7 needs a Java 21+ runtime and none was found"),
                thrown::getMessage);
        assertTrue(thrown.getMessage().endsWith("or set KEYCLOAK_JAVA_HOME to one"), thrown::getMessage);
    }

    @Test
    void requireJavaWhenVariableNamesAnOldRuntimeThenFailedEvenOutsideCi() throws IOException {
        // given
        Path running = jdk("java-17-openjdk", "17.0.15");

        // when
        AssertionError thrown = assertThrows(AssertionError.class,
                () -> Keycloak.requireJava("26.5.7", Map.of(JavaRuntime.VARIABLE, running.toString()), running));

        // then
        assertEquals(JavaRuntime.VARIABLE + " is " + running + ", a Java 17 runtime; Java 21 or newer is needed",
                thrown.getMessage());
    }

    @Test
    void atWhenNoReleaseFileThenAsksJavaForItsVersion() throws IOException {
        // given: a bin/java that prints what java -version prints, on standard error
        Path home = jvms.resolve("no-release");
        executable(home.resolve("bin").resolve("java"),
                "#!/bin/sh\necho 'openjdk version \"21.0.2\" 2024-01-16' >&2\n");

        // when / then
        assertEquals(Optional.of(new JavaRuntime(home, 21)), JavaRuntime.at(home));
    }

    @Test
    void featureWhenVersionStringsThenTheirFeatureNumber() {
        assertEquals(Optional.of(21), JavaRuntime.featureOf("21.0.2"));
        assertEquals(Optional.of(25), JavaRuntime.featureOf("25"));
        assertEquals(Optional.of(26), JavaRuntime.featureOf("26-ea"));
        assertEquals(Optional.of(8), JavaRuntime.featureOf("1.8.0_402"));
        assertEquals(Optional.empty(), JavaRuntime.featureOf("unknown"));
    }

    @Test
    void besideWhenThisMachineThenTheRunningRuntimeIsAmongThem() throws IOException {
        // given
        Path javaHome = Path.of(System.getProperty("java.home"));

        // when
        List<JavaRuntime> runtimes = JavaRuntime.beside(javaHome);

        // then
        Path running = javaHome.toRealPath();
        assertTrue(runtimes.stream().anyMatch(runtime -> realPath(runtime.home()).equals(running)
                        && runtime.feature() == Runtime.version().feature()),
                () -> "running " + running + ", found " + runtimes);
        System.out.println("Java runtimes beside the running one: " + runtimes);
    }

    private Path jdk(String name, String version) throws IOException {
        Path home = jvms.resolve(name);
        executable(home.resolve("bin").resolve("java"), "#!/bin/sh\nexit 1\n");
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"" + version + "\"\n",
                StandardCharsets.UTF_8);
        return home;
    }

    private static void executable(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
