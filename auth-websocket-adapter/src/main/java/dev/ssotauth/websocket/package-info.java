/**
 * WebSocket adapters over one {@code JwtAuthority}. Start at
 * {@link dev.ssotauth.websocket.JwtUpgradeFilter} (authenticates before the upgrade and answers 401,
 * on every container) or {@link dev.ssotauth.websocket.JwtEndpointConfigurator} (for endpoints deployed
 * by annotation); handler code reads its connection's user through
 * {@link dev.ssotauth.websocket.WebSocketAuth}.
 */
package dev.ssotauth.websocket;
