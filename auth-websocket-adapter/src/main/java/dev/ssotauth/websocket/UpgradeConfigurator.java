package dev.ssotauth.websocket;

import dev.ssotauth.websocket.internal.Origins;

import jakarta.websocket.Extension;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;

import java.util.List;

/**
 * The configurator of a connection upgraded by {@link JwtUpgradeFilter}: the application's
 * configurator, with {@code bearer} negotiation, the origin allow-list and endpoint wrapping added,
 * and a last check that the connection carries a user. Thread-safe if the application's is.
 */
final class UpgradeConfigurator extends ServerEndpointConfig.Configurator {

    private final ServerEndpointConfig.Configurator app;
    private final Origins origins;

    UpgradeConfigurator(ServerEndpointConfig.Configurator app, Origins origins) {
        this.app = app;
        this.origins = origins;
    }

    @Override
    public boolean checkOrigin(String originHeaderValue) {
        return origins.allows(originHeaderValue) && app.checkOrigin(originHeaderValue);
    }

    @Override
    public String getNegotiatedSubprotocol(List<String> supported, List<String> requested) {
        return Subprotocols.negotiate(supported, requested, app::getNegotiatedSubprotocol);
    }

    @Override
    public List<Extension> getNegotiatedExtensions(List<Extension> installed, List<Extension> requested) {
        return app.getNegotiatedExtensions(installed, requested);
    }

    @Override
    public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request, HandshakeResponse response) {
        app.modifyHandshake(sec, request, response);
        if (!(sec.getUserProperties().get(ConnectionGuard.PROPERTY) instanceof ConnectionGuard)) {
            throw new HandshakeRefusedException(); // the filter authenticated; never upgrade without a user
        }
    }

    @Override
    public <T> T getEndpointInstance(Class<T> endpointClass) throws InstantiationException {
        return Endpoints.authenticated(app.getEndpointInstance(endpointClass));
    }
}
