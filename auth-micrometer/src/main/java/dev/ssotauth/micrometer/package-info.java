/**
 * Micrometer meters for an authority and the WebSocket adapters; the entry point is
 * {@link dev.ssotauth.micrometer.AuthMetrics}.
 */
package dev.ssotauth.micrometer;
