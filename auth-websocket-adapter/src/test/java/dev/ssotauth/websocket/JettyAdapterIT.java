package dev.ssotauth.websocket;

/**
 * {@link AdapterContract} on embedded Jetty 12 (EE 10) in its default configuration, where Jetty's
 * WebSocketUpgradeFilter runs before the application's filters; on a class path without Tomcat.
 */
final class JettyAdapterIT extends AdapterContract {

    @Override
    TestServer startServer() throws Exception {
        return JettyServer.start();
    }
}
