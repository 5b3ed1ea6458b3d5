package dev.ssotauth.websocket;

/**
 * Thrown from {@code modifyHandshake} to stop a WebSocket handshake that did not authenticate. A
 * configurator has no way to answer 401 (the container answers an exception with an error status,
 * never 101), so the exception carries no message, no cause and no stack trace: nothing about the
 * token or the reason can reach the error page or the container's log.
 */
final class HandshakeRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    HandshakeRefusedException() {
        super(null, null, false, false);
    }
}
