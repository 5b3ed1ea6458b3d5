/**
 * ssot-auth testkit: assertions that prove a system's authentication is not fragmented
 * ({@link dev.ssotauth.testkit.FragmentationAssertions}), real test tokens and attack suites
 * ({@link dev.ssotauth.testkit.TestTokens}), a loopback JWK Set server and a JUnit 5 extension.
 */
module dev.ssotauth.testkit {
    requires transitive dev.ssotauth.core;
    requires transitive org.junit.jupiter.api;
    requires java.net.http;
    requires jdk.httpserver;

    exports dev.ssotauth.testkit;}
