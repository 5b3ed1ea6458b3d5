package dev.ssotauth.revocation.redis;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} process on a free loopback port, without persistence, for one test
 * (this module's, and through its test-jar the example's). It
 * can be killed (as a crash: SIGKILL) and started again on the same port. A missing binary fails the
 * test in CI ({@code CI=true}), where {@code .ci/run} installs it, and skips it elsewhere, with a
 * message saying how to install it.
 */
public final class RedisServer implements AutoCloseable {

    private static final Duration START_DEADLINE = Duration.ofSeconds(10);

    private final Path binary;
    private final int port;
    private final Path log;
    private Process process;

    private RedisServer(Path binary, int port, Path log) {
        this.binary = binary;
        this.port = port;
        this.log = log;
    }

    /** Starts a server on a free loopback port. */
    public static RedisServer start() {
        Path binary = findBinary();
        int port = freePort();
        Path logs = Paths.get("target", "redis-logs");
        try {
            Files.createDirectories(logs);
        } catch (IOException e) {
            throw new AssertionError("cannot create " + logs, e);
        }
        RedisServer server = new RedisServer(binary, port, logs.resolve("redis-" + port + ".log"));
        server.startAgain();
        return server;
    }

    /** The port it listens on. */
    public int port() {
        return port;
    }

    /** {@code redis://127.0.0.1:<port>}. */
    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    /** Kills the process at once, as a crash would (its data is gone: no persistence). */
    public void kill() {
        if (process != null) {
            process.destroyForcibly();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    throw new AssertionError("redis-server on port " + port + " did not die");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            process = null;
        }
    }

    /** Starts the server (again) on the same port and waits until it answers PING. */
    public void startAgain() {
        if (process != null) {
            throw new IllegalStateException("already running");
        }
        List<String> command = List.of(binary.toString(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--daemonize", "no", "--protected-mode", "yes",
                "--logfile", "");
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new AssertionError("cannot start " + binary, e);
        }
        long deadline = System.nanoTime() + START_DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("redis-server exited with " + process.exitValue() + " on port " + port
                        + "; see " + log);
            }
            if (answersPing()) {
                return;
            }
            sleep(20);
        }
        kill();
        throw new AssertionError("redis-server did not answer on port " + port + " within " + START_DEADLINE);
    }

    @Override
    public void close() {
        kill();
    }

    private boolean answersPing() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            socket.setSoTimeout(500);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] reply = new byte[7];
            int read = in.readNBytes(reply, 0, reply.length);
            return new String(reply, 0, read, StandardCharsets.US_ASCII).startsWith("+PONG");
        } catch (IOException e) {
            return false;
        }
    }

    private static Path findBinary() {
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                Path candidate = Paths.get(dir, "redis-server");
                if (Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        String message = "redis-server is not installed (not found on PATH). These tests need a real Redis: "
                + "on Debian or Ubuntu run 'apt-get install -y redis-server' (.ci/run does so)";
        if ("true".equals(System.getenv("CI"))) {
            throw new AssertionError(message); // CI installs it: missing there is a failure, never a skip
        }
        org.junit.jupiter.api.Assumptions.abort(message + "; skipped outside CI");
        throw new AssertionError(message);
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new AssertionError("no free loopback port", e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
