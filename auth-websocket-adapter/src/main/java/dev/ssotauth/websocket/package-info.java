/**
 * WebSocket adapters over one {@code JwtAuthority}: the upgrade filter, the endpoint configurator and
 * {@code WebSocketAuth}, the way handler code reads the connection's user.
 */
package dev.ssotauth.websocket;
