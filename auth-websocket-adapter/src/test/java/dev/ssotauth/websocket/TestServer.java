package dev.ssotauth.websocket;

import java.net.URI;

/** A running container with {@link TestApplication} deployed, on a free loopback port. */
interface TestServer {

    /** @return the container's name, for messages */
    String name();

    /** @return the bound port */
    int port();

    /** @return {@code ws://127.0.0.1:<port><path>} */
    default URI ws(String path) {
        return URI.create("ws://127.0.0.1:" + port() + path);
    }

    /** @return {@code http://127.0.0.1:<port><path>} */
    default URI http(String path) {
        return URI.create("http://127.0.0.1:" + port() + path);
    }

    /** Stops the container. */
    void stop() throws Exception;
}
