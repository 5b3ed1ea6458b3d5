package dev.ssotauth.websocket;

import jakarta.websocket.server.ServerContainer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.websocket.server.WsSci;

/** Embedded Tomcat 11 with its WebSocket support, on 127.0.0.1 and a port the system picks. */
final class TomcatServer implements TestServer {

    private final Tomcat tomcat;
    private final Connector connector;
    private final Path baseDir;

    private TomcatServer(Tomcat tomcat, Connector connector, Path baseDir) {
        this.tomcat = tomcat;
        this.connector = connector;
        this.baseDir = baseDir;
    }

    static TomcatServer start() throws Exception {
        // Under the build directory, not the system temp folder.
        Path baseDir = Files.createTempDirectory(Files.createDirectories(Path.of("target").toAbsolutePath()),
                "ssot-auth-tomcat");
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(baseDir.toString());
        Connector connector = new Connector("HTTP/1.1");
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        tomcat.getService().addConnector(connector);
        tomcat.setConnector(connector);
        Context context = tomcat.addContext("", baseDir.toString());
        context.addServletContainerInitializer(new WsSci(), null);
        context.addServletContainerInitializer((classes, servletContext) -> TestApplication.deploy(servletContext,
                (ServerContainer) servletContext.getAttribute(ServerContainer.class.getName())), null);
        tomcat.start();
        return new TomcatServer(tomcat, connector, baseDir);
    }

    @Override
    public String name() {
        return "Tomcat " + org.apache.catalina.util.ServerInfo.getServerNumber();
    }

    @Override
    public int port() {
        return connector.getLocalPort();
    }

    @Override
    public void stop() throws Exception {
        try {
            tomcat.stop();
            tomcat.destroy();
        } finally {
            delete(baseDir);
            // Embedded Tomcat records the JVM's first base directory as catalina.home, and the next
            // embedded Tomcat of the JVM would make it again: forget it with the directory.
            for (String property : List.of("catalina.home", "catalina.base")) {
                if (baseDir.toString().equals(System.getProperty(property))) {
                    System.clearProperty(property);
                }
            }
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
