/** Servlet and WebSocket adapters over one {@code JwtAuthority}. */
module dev.ssotauth.websocket {
    requires transitive dev.ssotauth.core;
}
