package dev.ssotauth.testkit;

import dev.ssotauth.core.JwtAuthority;

import java.nio.charset.StandardCharsets;

/** Test fixtures: pre-filled authority builders over made-up secrets. */
final class Authorities {

    private Authorities() {
    }

    /** A builder with a 40-byte secret derived from {@code name}, issuer and audience set. */
    static JwtAuthority.Builder builder(String name) {
        return JwtAuthority.builder()
                .hmacSecret(secret(name))
                .issuer("https://login.example")
                .audience("chat");
    }

    static JwtAuthority authority(String name) {
        return builder(name).build();
    }

    static byte[] secret(String name) {
        return (name + "-secret-for-tests-0123456789abcdef0123").getBytes(StandardCharsets.UTF_8);
    }
}
