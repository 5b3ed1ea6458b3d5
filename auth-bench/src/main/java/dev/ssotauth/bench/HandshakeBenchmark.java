package dev.ssotauth.bench;

import dev.ssotauth.bench.BenchFixture.Alg;
import dev.ssotauth.core.JwtAuthority;
import dev.ssotauth.websocket.JwtUpgradeFilter;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.websocket.server.WsSci;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What does authentication add to a WebSocket handshake on embedded Tomcat? One operation is a whole
 * connection over loopback from a raw socket: connect, send the upgrade request, read the
 * {@code 101}, send a close frame, read the server's close frame and the end of the stream. The same
 * programmatic echo endpoint is reached through {@link JwtUpgradeFilter} with a valid HS256 bearer
 * token in the {@code Authorization} header ({@code authenticated}), or deployed plainly with
 * {@code ServerContainer.addEndpoint} and no filter ({@code plain}). The ratio authenticated ÷ plain
 * is the answer; the server runs in the same JVM, on the other core.
 *
 * <pre>{@code
 * java -jar auth-bench/target/benchmarks.jar HandshakeBenchmark
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class HandshakeBenchmark {

    static final String PLAIN_PATH = "/ws/plain";
    static final String AUTHENTICATED_PATH = "/ws/authenticated";

    /** {@code plain}: no filter, no token; {@code authenticated}: through the filter, with a token. */
    @Param({"plain", "authenticated"})
    public String benchCase;

    private Tomcat tomcat;
    private Path baseDir;
    private InetAddress loopback;
    private int port;
    private byte[] upgradeRequest;
    /** A masked client close frame with status 1000. */
    private static final byte[] CLOSE_FRAME = {(byte) 0x88, (byte) 0x82, 0x11, 0x22, 0x33, 0x44,
        (byte) (0x03 ^ 0x11), (byte) (0xE8 ^ 0x22)};

    /** Starts Tomcat on 127.0.0.1 with both endpoints, and checks one handshake of this case. */
    @Setup(Level.Trial)
    public void setUp() throws Exception {
        BenchFixture fixture = new BenchFixture();
        JwtAuthority authority = fixture.authority(Alg.HS256, true);
        String token = authority.issue(fixture.request);
        boolean authenticated = benchCase.equals("authenticated");

        baseDir = Files.createTempDirectory("ssot-auth-bench-tomcat");
        tomcat = new Tomcat();
        tomcat.setBaseDir(baseDir.toString());
        Connector connector = new Connector("HTTP/1.1");
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        tomcat.getService().addConnector(connector);
        tomcat.setConnector(connector);
        Context context = tomcat.addContext("", baseDir.toString());
        context.addServletContainerInitializer(new WsSci(), null);
        context.addServletContainerInitializer((classes, servletContext) -> {
            ServerContainer webSockets = (ServerContainer) servletContext.getAttribute(ServerContainer.class.getName());
            if (webSockets == null) {
                throw new ServletException("WebSocket support is not enabled");
            }
            // Embedded Tomcat answers 404 before any filter runs unless some servlet is mapped at "/".
            servletContext.addServlet("not-found", new NotFoundServlet()).addMapping("/");
            servletContext.addFilter("ws-authenticated", new JwtUpgradeFilter(authority,
                    ServerEndpointConfig.Builder.create(EchoEndpoint.class, AUTHENTICATED_PATH).build()))
                    .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, AUTHENTICATED_PATH);
            try {
                webSockets.addEndpoint(ServerEndpointConfig.Builder.create(EchoEndpoint.class, PLAIN_PATH).build());
            } catch (DeploymentException e) {
                throw new ServletException(e);
            }
        }, null);
        tomcat.start();
        loopback = InetAddress.getByName("127.0.0.1");
        port = connector.getLocalPort();

        String request = "GET " + (authenticated ? AUTHENTICATED_PATH : PLAIN_PATH) + " HTTP/1.1\r\n"
                + "Host: 127.0.0.1:" + port + "\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + (authenticated ? "Authorization: Bearer " + token + "\r\n" : "")
                + "\r\n";
        upgradeRequest = request.getBytes(StandardCharsets.US_ASCII);
        int status = handshake();
        if (status != 101) {
            throw new IllegalStateException(benchCase + ": the upgrade was answered " + status + ", not 101");
        }
    }

    /** Stops Tomcat and deletes its base directory. */
    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        try {
            tomcat.stop();
            tomcat.destroy();
        } finally {
            try (Stream<Path> paths = Files.walk(baseDir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /**
     * One whole WebSocket connection: upgrade, close handshake, end of stream.
     *
     * @return the HTTP status of the upgrade (101)
     */
    @Benchmark
    public int handshake() throws IOException {
        try (Socket socket = new Socket(loopback, port)) {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(upgradeRequest);
            out.flush();
            byte[] buffer = new byte[1024];
            int length = readHead(in, buffer);
            int status = status(buffer, length);
            if (status != 101) {
                return status;
            }
            out.write(CLOSE_FRAME);
            out.flush();
            // The server's close frame (status 1000), then the server closes the connection.
            while (in.read(buffer) >= 0) {
                // drain
            }
            return status;
        }
    }

    /** Reads up to the end of the response head; returns how many bytes were read. */
    private static int readHead(InputStream in, byte[] buffer) throws IOException {
        int length = 0;
        while (true) {
            int n = in.read(buffer, length, buffer.length - length);
            if (n < 0) {
                throw new IOException("the connection closed before the end of the response head");
            }
            length += n;
            for (int i = Math.max(0, length - n - 3); i + 3 < length; i++) {
                if (buffer[i] == '\r' && buffer[i + 1] == '\n' && buffer[i + 2] == '\r' && buffer[i + 3] == '\n') {
                    return length;
                }
            }
            if (length == buffer.length) {
                throw new IOException("response head longer than " + buffer.length + " bytes");
            }
        }
    }

    /** The status code of "HTTP/1.1 NNN ...". */
    private static int status(byte[] buffer, int length) throws IOException {
        if (length < 12) {
            throw new IOException("short response");
        }
        return (buffer[9] - '0') * 100 + (buffer[10] - '0') * 10 + (buffer[11] - '0');
    }

    /** The echo endpoint both cases reach. */
    public static final class EchoEndpoint extends Endpoint {

        /** Created by the container. */
        public EchoEndpoint() {
        }

        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(new MessageHandler.Whole<String>() {
                @Override
                public void onMessage(String message) {
                    try {
                        session.getBasicRemote().sendText(message);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            });
        }
    }

    /** Answers 404 to everything that is not a WebSocket upgrade. */
    static final class NotFoundServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
        }
    }
}
