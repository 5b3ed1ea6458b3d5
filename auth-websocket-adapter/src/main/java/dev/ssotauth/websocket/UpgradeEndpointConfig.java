package dev.ssotauth.websocket;

import jakarta.websocket.Decoder;
import jakarta.websocket.Encoder;
import jakarta.websocket.Extension;
import jakarta.websocket.server.ServerEndpointConfig;

import java.util.List;
import java.util.Map;

/**
 * The configuration {@link JwtUpgradeFilter} hands to {@code upgradeHttpToWebSocket} for one
 * request: the application's configuration with this connection's own user properties (which hold
 * the authenticated user) and the {@link UpgradeConfigurator}.
 */
final class UpgradeEndpointConfig implements ServerEndpointConfig {

    private final ServerEndpointConfig app;
    private final Configurator configurator;
    private final Map<String, Object> userProperties;

    UpgradeEndpointConfig(ServerEndpointConfig app, Configurator configurator, Map<String, Object> userProperties) {
        this.app = app;
        this.configurator = configurator;
        this.userProperties = userProperties;
    }

    @Override
    public Class<?> getEndpointClass() {
        return app.getEndpointClass();
    }

    @Override
    public String getPath() {
        return app.getPath();
    }

    @Override
    public List<String> getSubprotocols() {
        return app.getSubprotocols();
    }

    @Override
    public List<Extension> getExtensions() {
        return app.getExtensions();
    }

    @Override
    public Configurator getConfigurator() {
        return configurator;
    }

    @Override
    public List<Class<? extends Encoder>> getEncoders() {
        return app.getEncoders();
    }

    @Override
    public List<Class<? extends Decoder>> getDecoders() {
        return app.getDecoders();
    }

    @Override
    public Map<String, Object> getUserProperties() {
        return userProperties;
    }
}
