/**
 * Servlet-side pieces over one {@code JwtAuthority}: the filter that authenticates HTTP requests,
 * {@link dev.ssotauth.servlet.JwtAuthFilter}, and the servlet that publishes the authority's public
 * keys, {@link dev.ssotauth.servlet.JwksServlet}.
 */
package dev.ssotauth.servlet;
