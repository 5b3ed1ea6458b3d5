/**
 * The servlet filter that authenticates HTTP requests with one {@code JwtAuthority}.
 */
package dev.ssotauth.servlet;
