/**
 * Internals shared by the servlet and WebSocket adapters: token transports, RFC 6750 answers, the
 * process's authority. Not exported; no compatibility promise.
 */
package dev.ssotauth.websocket.internal;
