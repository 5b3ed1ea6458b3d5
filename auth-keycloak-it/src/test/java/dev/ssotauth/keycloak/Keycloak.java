package dev.ssotauth.keycloak;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Assumptions;
import org.opentest4j.TestAbortedException;

/**
 * A real Keycloak, the {@code org.keycloak:keycloak-quarkus-dist} zip that Maven unpacked into
 * {@code target/keycloak-<version>} (system property {@code keycloak.home}), run as
 * {@code bin/kc.sh start-dev} on {@code 127.0.0.1} and a free port, with its H2 database under that
 * directory (emptied when this object starts it the first time, so each run begins with only the
 * {@code master} realm) and Java's temporary files under {@code target/keycloak-tmp}.
 *
 * <p>Keycloak 26 needs Java {@value #MINIMUM_JAVA}+, found by {@link JavaRuntime}: without one the
 * test is skipped with a message saying what to install, except in CI ({@code CI=true}), where it
 * fails. {@link #stop()} and {@link #start()} stop and start the same server on the same port with
 * the same data (realms, users, keys survive), for "identity provider down" tests. The
 * administrator is made at first start from {@code KC_BOOTSTRAP_ADMIN_USERNAME/PASSWORD}, with a
 * random password; the server's output goes to {@code target/keycloak-logs/keycloak.log}.
 *
 * <p>Usually shared by every test class of a run through {@link KeycloakExtension}. Not thread-safe.
 */
final class Keycloak implements AutoCloseable {

    /** The lowest Java feature version Keycloak 26 runs on. */
    static final int MINIMUM_JAVA = 21;

    private static final Duration START_DEADLINE = Duration.ofMinutes(4);
    private static final Duration STOP_DEADLINE = Duration.ofSeconds(30);
    private static final String ADMIN = "admin";

    private final Path home;
    private final String version;
    private final JavaRuntime java;
    private final int port;
    private final URI base;
    private final Path log;
    private final Path tmp;
    private final HttpClient http;
    private final AdminClient admin;
    private final String adminPassword;
    private final List<Duration> startTimes = new ArrayList<>();
    private Process process;
    private Thread killOnExit;

    private Keycloak(Path home, String version, JavaRuntime java, int port) {
        this.home = home;
        this.version = version;
        this.java = java;
        this.port = port;
        this.base = URI.create("http://127.0.0.1:" + port);
        Path target = home.getParent();
        this.log = target.resolve("keycloak-logs").resolve("keycloak.log");
        this.tmp = target.resolve("keycloak-tmp");
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        this.adminPassword = HexFormat.of().formatHex(random);
        this.admin = new AdminClient(http, base, ADMIN, adminPassword);
    }

    /**
     * Starts a new Keycloak from the unpacked distribution, on an empty database, and waits until it
     * answers; prints how long that took.
     *
     * @return the running server
     * @throws TestAbortedException when no Java 21+ runtime is found outside CI
     * @throws AssertionError when none is found in CI, or Keycloak does not start in time
     */
    static Keycloak launch() {
        String homeProperty = System.getProperty("keycloak.home");
        if (homeProperty == null || !Files.isExecutable(Path.of(homeProperty, "bin", "kc.sh"))) {
            throw new AssertionError("no Keycloak distribution at system property keycloak.home (" + homeProperty
                    + "): run these tests through Maven, which unpacks it: "
                    + "mvn -B verify -pl auth-keycloak-it -am");
        }
        Path home = Path.of(homeProperty).toAbsolutePath();
        String version = System.getProperty("keycloak.version", home.getFileName().toString());
        JavaRuntime java;
        try {
            java = requireJava(version, System.getenv(), Path.of(System.getProperty("java.home")));
        } catch (TestAbortedException e) {
            System.out.println(e.getMessage()); // failsafe's summary gives no reason for a skip
            throw e;
        }
        Keycloak keycloak = new Keycloak(home, version, java, freePort());
        keycloak.wipeData();
        keycloak.start();
        return keycloak;
    }

    /** {@code http://127.0.0.1:<port>}, where every realm lives. */
    URI baseUri() {
        return base;
    }

    /** The port, the same after a restart. */
    int port() {
        return port;
    }

    /** The Keycloak version, as in the root pom. */
    String version() {
        return version;
    }

    /** The Java runtime Keycloak runs on. */
    JavaRuntime java() {
        return java;
    }

    /** How long each start took until Keycloak answered, the first one first. */
    List<Duration> startTimes() {
        return List.copyOf(startTimes);
    }

    /** Whether the server process is running. */
    boolean isRunning() {
        return process != null && process.isAlive();
    }

    /**
     * Makes a realm with a public client {@value Realm#CLIENT_ID} that allows the password grant and
     * whose access tokens carry {@code aud} = {@code audience}.
     *
     * @param name     the realm's name, new in this Keycloak
     * @param audience the audience its access tokens carry
     * @return the realm
     */
    Realm createRealm(String name, String audience) {
        long started = System.nanoTime();
        Realm realm = Realm.create(this, admin, name, audience);
        System.out.printf("Keycloak realm %s provisioned in %d ms%n", name, (System.nanoTime() - started) / 1_000_000);
        return realm;
    }

    /**
     * {@code GET uri} without credentials, e.g. a realm's discovery document or JWK Set.
     *
     * @param uri the address
     * @return the 200 answer's JSON
     * @throws AssertionError on any other answer
     */
    JsonNode getJson(URI uri) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("GET " + uri + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted: GET " + uri, e);
        }
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + uri + " answered HTTP " + response.statusCode() + " " + response.body());
        }
        return AdminClient.parse(response.body());
    }

    /**
     * Starts the server (again, after {@link #stop()}) on the same port with the same data, and waits
     * until it answers.
     *
     * @throws IllegalStateException when it is running
     * @throws AssertionError when it exits or does not answer within the deadline
     */
    void start() {
        if (isRunning()) {
            throw new IllegalStateException("Keycloak is running on port " + port);
        }
        try {
            Files.createDirectories(log.getParent());
            Files.createDirectories(tmp);
        } catch (IOException e) {
            throw new AssertionError("cannot create " + log.getParent() + " or " + tmp, e);
        }
        long logStart = logSize();
        List<String> command = List.of(home.resolve("bin").resolve("kc.sh").toString(), "start-dev",
                "--http-host=127.0.0.1", "--http-port=" + port, "--hostname=" + base,
                // kc.sh passes -D arguments to the JVM, quoted: the temporary folder stays under target/.
                "-Djava.io.tmpdir=" + tmp);
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(name -> name.startsWith("KC_") || name.startsWith("QUARKUS_")
                || name.startsWith("JAVA_OPTS"));
        environment.put("JAVA_HOME", java.home().toString());
        environment.put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN);
        environment.put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
        // C1 only: Keycloak starts in about half the time on two cores, and a test run is short.
        // No perf-data file in the system temporary folder.
        environment.put("JAVA_OPTS_APPEND", "-XX:TieredStopAtLevel=1 -XX:-UsePerfData");
        long started = System.nanoTime();
        try {
            process = builder.start();
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new AssertionError("cannot start " + command.get(0), e);
        }
        Process started0 = process;
        killOnExit = new Thread(() -> destroyTree(started0.toHandle(), true), "keycloak-kill-on-exit");
        Runtime.getRuntime().addShutdownHook(killOnExit);
        awaitReady(started, logStart);
    }

    /**
     * Stops the server and every process it started (SIGTERM, then SIGKILL after
     * {@code STOP_DEADLINE}) and waits until they have exited. Does nothing when it is not running.
     */
    void stop() {
        if (process == null) {
            return;
        }
        ProcessHandle root = process.toHandle();
        destroyTree(root, false);
        if (!awaitExit(root, STOP_DEADLINE)) {
            destroyTree(root, true);
            if (!awaitExit(root, STOP_DEADLINE)) {
                throw new AssertionError("Keycloak (pid " + root.pid() + ") did not exit");
            }
        }
        process = null;
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook runs anyway and finds nothing left
        }
        killOnExit = null;
    }

    /** {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return "Keycloak " + version + " at " + base + " on Java " + java.feature();
    }

    private void awaitReady(long started, long logStart) {
        URI probe = base.resolve("/realms/master/.well-known/openid-configuration");
        long deadline = started + START_DEADLINE.toNanos();
        while (System.nanoTime() - deadline < 0) {
            if (!process.isAlive()) {
                int exit = process.exitValue();
                process = null;
                throw new AssertionError("Keycloak exited with " + exit + " before it answered; its output, "
                        + log + ":\n" + logTail(logStart));
            }
            if (answers(probe)) {
                Duration took = Duration.ofNanos(System.nanoTime() - started);
                startTimes.add(took);
                String what = startTimes.size() == 1 ? "first start" : "restart " + (startTimes.size() - 1);
                String built = logSince(logStart).contains("Updating the configuration")
                        ? ", including Keycloak's one-time build for start-dev" : "";
                System.out.printf("Keycloak %s on Java %d ready at %s: %s took %.1f s%s%n", version,
                        java.feature(), base, what, took.toMillis() / 1000.0, built);
                return;
            }
            pause(Duration.ofMillis(200));
        }
        String tail = logTail(logStart);
        stop();
        throw new AssertionError("Keycloak did not answer at " + probe + " within " + START_DEADLINE
                + "; its output, " + log + ":\n" + tail);
    }

    private boolean answers(URI probe) {
        HttpRequest request = HttpRequest.newBuilder(probe).timeout(Duration.ofSeconds(5)).GET().build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for Keycloak", e);
        }
    }

    private void wipeData() {
        Path data = home.resolve("data");
        if (!Files.exists(data)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(data)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new AssertionError("cannot empty Keycloak's data folder " + data, e);
        }
    }

    private long logSize() {
        try {
            return Files.exists(log) ? Files.size(log) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private String logSince(long offset) {
        try (InputStream in = Files.newInputStream(log)) {
            in.skipNBytes(Math.min(offset, Files.size(log)));
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    private String logTail(long offset) {
        String text = logSince(offset);
        List<String> lines = text.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    /** The processes of a tree, children first, each signalled once (SIGTERM, or SIGKILL when forcibly). */
    private static void destroyTree(ProcessHandle root, boolean forcibly) {
        List<ProcessHandle> tree = new ArrayList<>(root.descendants().toList());
        tree.add(root);
        for (ProcessHandle handle : tree) {
            if (forcibly) {
                handle.destroyForcibly();
            } else {
                handle.destroy();
            }
        }
    }

    private static boolean awaitExit(ProcessHandle root, Duration deadline) {
        List<CompletableFuture<ProcessHandle>> exits = new ArrayList<>();
        root.descendants().forEach(handle -> exits.add(handle.onExit()));
        exits.add(root.onExit());
        try {
            CompletableFuture.allOf(exits.toArray(new CompletableFuture<?>[0]))
                    .get(deadline.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while stopping Keycloak", e);
        }
    }

    /**
     * The Java runtime for Keycloak ({@link JavaRuntime#find}), or the test's end: skipped with a
     * message saying what to install, or failed in CI.
     *
     * @param version     the Keycloak version, for the message
     * @param environment the process environment ({@code CI}, {@value JavaRuntime#VARIABLE})
     * @param javaHome    the running runtime's {@code java.home}
     * @return the runtime
     * @throws TestAbortedException when none is found outside CI
     * @throws AssertionError when none is found in CI ({@code CI=true}), or
     *                        {@value JavaRuntime#VARIABLE} names no runtime of Java 21+
     */
    static JavaRuntime requireJava(String version, Map<String, String> environment, Path javaHome) {
        JavaRuntime java;
        try {
            java = JavaRuntime.find(MINIMUM_JAVA, environment, javaHome).orElse(null);
        } catch (IllegalStateException e) {
            throw new AssertionError(e.getMessage(), e);
        }
        if (java != null) {
            return java;
        }
        List<String> found = JavaRuntime.beside(javaHome).stream()
                .map(runtime -> runtime.feature() + " at " + runtime.home()).toList();
        String message = "Keycloak " + version + " needs a Java " + MINIMUM_JAVA + "+ runtime and none was found: "
                + JavaRuntime.VARIABLE + " is not set, and the JDKs beside the one running the build ("
                + javaHome.getParent() + ") are " + found + ". Install a JDK " + MINIMUM_JAVA
                + " or newer beside it (any vendor's package), or set " + JavaRuntime.VARIABLE + " to one";
        if ("true".equals(environment.get("CI"))) {
            throw new AssertionError(message); // CI machines have one: missing there is a failure, never a skip
        }
        Assumptions.abort(message + "; skipped outside CI");
        throw new AssertionError(message);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new AssertionError("no free loopback port", e);
        }
    }

    /** Waits between two polls of a condition that has its own deadline. */
    static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
