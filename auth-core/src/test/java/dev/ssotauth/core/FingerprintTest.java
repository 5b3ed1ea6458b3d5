package dev.ssotauth.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

/** {@code fingerprint()} identifies key material without revealing it. */
final class FingerprintTest {

    @Test
    void fingerprintWhenSameSecretThenEqualAndWhenDifferentThenDifferent() {
        assertEquals(Fixtures.authority().build().fingerprint(), Fixtures.authority().build().fingerprint());
        JwtAuthority other = JwtAuthority.builder().hmacSecret(Fixtures.OTHER_SECRET).issuer("i").audience("a").build();
        assertNotEquals(Fixtures.authority().build().fingerprint(), other.fingerprint());
    }

    @Test
    void fingerprintWhenComputedThenIsNeitherTheSecretNorAPlainHashOfIt() throws Exception {
        String fingerprint = Fixtures.authority().build().fingerprint();
        assertTrue(fingerprint.matches("[0-9a-f]{16}"), fingerprint);
        String secretHex = HexFormat.of().formatHex(Fixtures.SECRET);
        assertFalse(secretHex.contains(fingerprint));
        assertFalse(new String(Fixtures.SECRET, StandardCharsets.UTF_8).contains(fingerprint));
        for (String algorithm : new String[] {"SHA-256", "SHA-1", "MD5", "SHA-512"}) {
            String hash = HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(Fixtures.SECRET));
            assertFalse(hash.contains(fingerprint), algorithm);
        }
    }

    @Test
    void fingerprintWhenIssuerOrAudienceDiffersThenSameBecauseOnlyKeysCount() {
        JwtAuthority a = JwtAuthority.builder().hmacSecret(Fixtures.SECRET).issuer("i1").audience("a1").build();
        JwtAuthority b = JwtAuthority.builder().hmacSecret(Fixtures.SECRET).issuer("i2").audience("a2")
                .clockSkew(java.time.Duration.ZERO).build();
        assertEquals(a.fingerprint(), b.fingerprint());
    }
}
