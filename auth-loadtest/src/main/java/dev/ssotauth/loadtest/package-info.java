/**
 * auth-loadtest: load, soak and an invalid-handshake storm against a running example chat service.
 * The entry point is {@link dev.ssotauth.loadtest.LoadTest}
 * ({@code java -jar auth-loadtest.jar --url http://HOST:PORT --users N --seconds S}); {@code SoakIT}
 * runs the same load against the example's runnable jar in {@code mvn verify}.
 */
package dev.ssotauth.loadtest;
