package dev.ssotauth.websocket;

/**
 * {@link AdapterContract} on embedded Tomcat 11 (tomcat-embed-core and -websocket, whose jar carries
 * the WebSocket 2.2 API), on a class path without Jetty or the 2.1.1 API jars.
 */
final class TomcatAdapterIT extends AdapterContract {

    @Override
    TestServer startServer() throws Exception {
        return TomcatServer.start();
    }
}
