/**
 * Servlet-side pieces over one {@code JwtAuthority}: the filter that authenticates HTTP requests,
 * {@link dev.ssotauth.servlet.JwtAuthFilter}; the servlet that publishes the authority's public keys,
 * {@link dev.ssotauth.servlet.JwksServlet}, and the one that makes it discoverable by its issuer URL,
 * {@link dev.ssotauth.servlet.DiscoveryServlet}.
 */
package dev.ssotauth.servlet;
