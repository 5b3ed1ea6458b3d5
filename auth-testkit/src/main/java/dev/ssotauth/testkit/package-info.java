/**
 * Test fixtures and assertions that prove a system's authentication is not fragmented. Entry points:
 * <ul>
 * <li>{@link dev.ssotauth.testkit.FragmentationAssertions} with {@link dev.ssotauth.testkit.AuthComponent}:
 * cross-validation matrix, single secret source, golden path, context isolation;</li>
 * <li>{@link dev.ssotauth.testkit.TestTokens}: real good and bad tokens and attack suites (JUnit dynamic
 * tests) against a {@code JwtAuthority}, an HTTP URL or a WebSocket URL;</li>
 * <li>{@link dev.ssotauth.testkit.TestAuthority} and {@link dev.ssotauth.testkit.RunAsUser}: a JUnit 5
 * extension that injects a test authority and tokens and runs a test as a user;</li>
 * <li>{@link dev.ssotauth.testkit.JwksTestServer}: a loopback JWK Set server, and discoverable issuer,
 * with switches for rotation, outage and slowness.</li>
 * </ul>
 */
package dev.ssotauth.testkit;
