/**
 * The servlet filter that authenticates HTTP requests with one {@code JwtAuthority}. Start at
 * {@link dev.ssotauth.servlet.JwtAuthFilter}.
 */
package dev.ssotauth.servlet;
