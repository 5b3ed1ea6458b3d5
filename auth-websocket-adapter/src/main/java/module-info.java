/**
 * Servlet and WebSocket adapters over one {@code JwtAuthority}: {@link dev.ssotauth.servlet.JwtAuthFilter}
 * for HTTP; {@link dev.ssotauth.websocket.JwtUpgradeFilter},
 * {@link dev.ssotauth.websocket.JwtEndpointConfigurator} and {@link dev.ssotauth.websocket.WebSocketAuth}
 * for WebSocket. The servlet and WebSocket APIs are the container's: {@code requires static}, so an
 * application that only filters HTTP needs no WebSocket API on its module path.
 */
module dev.ssotauth.websocket {
    requires transitive dev.ssotauth.core;
    requires static transitive jakarta.servlet;
    requires static transitive jakarta.websocket;
    requires org.slf4j;

    exports dev.ssotauth.servlet;
    exports dev.ssotauth.websocket;
}
