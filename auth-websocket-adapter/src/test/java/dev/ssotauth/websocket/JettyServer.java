package dev.ssotauth.websocket;

import jakarta.servlet.ServletException;

import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Jetty;

/**
 * Embedded Jetty 12 (EE 10) with its Jakarta WebSocket support in its default configuration, so its
 * own WebSocketUpgradeFilter runs before the application's filters; on 127.0.0.1 and a port the
 * system picks.
 */
final class JettyServer implements TestServer {

    private final Server server;
    private final ServerConnector connector;

    private JettyServer(Server server, ServerConnector connector) {
        this.server = server;
        this.connector = connector;
    }

    static JettyServer start() throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        server.setHandler(context);
        JakartaWebSocketServletContainerInitializer.configure(context, (servletContext, container) -> {
            try {
                TestApplication.deploy(servletContext, container);
            } catch (ServletException e) {
                throw new IllegalStateException(e);
            }
        });
        server.start();
        return new JettyServer(server, connector);
    }

    @Override
    public String name() {
        return "Jetty " + Jetty.VERSION;
    }

    @Override
    public int port() {
        return connector.getLocalPort();
    }

    @Override
    public void stop() throws Exception {
        server.stop();
    }
}
