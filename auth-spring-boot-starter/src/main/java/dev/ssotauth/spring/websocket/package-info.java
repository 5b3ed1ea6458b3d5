/**
 * The one {@code JwtAuthority} in Spring WebSocket and STOMP. Start at
 * {@link dev.ssotauth.spring.websocket.JwtHandshakeInterceptor} (authenticates the handshake before the
 * upgrade and ties each session to its token) and, for STOMP,
 * {@link dev.ssotauth.spring.websocket.JwtChannelInterceptor} (authenticates {@code CONNECT} frames and
 * refuses frames after the token's expiry or revocation); both are beans of
 * {@link dev.ssotauth.spring.websocket.SsotAuthWebSocketAutoConfiguration}. All token policy is core's.
 */
package dev.ssotauth.spring.websocket;
