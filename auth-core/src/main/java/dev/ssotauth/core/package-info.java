/**
 * The one authority for a system's JSON Web Tokens. Start at
 * {@link dev.ssotauth.core.JwtAuthority}: build it (or read it from the environment with
 * {@link dev.ssotauth.core.JwtAuthority#fromEnvironment()}), then {@code issue} and
 * {@code authenticate}. Results are values ({@link dev.ssotauth.core.AuthResult},
 * {@link dev.ssotauth.core.UserContext}); start-up problems are
 * {@link dev.ssotauth.core.AuthConfigurationException}.
 */
package dev.ssotauth.core;
