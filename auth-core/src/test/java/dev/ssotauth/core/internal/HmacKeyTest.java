package dev.ssotauth.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * Comparing signatures as text gives the answers that comparing decoded MACs gives, for every HMAC
 * algorithm, a right MAC, every one-byte change of it, and signatures of other lengths.
 */
final class HmacKeyTest {

    private static final byte[] SECRET = new byte[64];

    static {
        new Random(4).nextBytes(SECRET);
    }

    @Test
    void verifyEncodedWhenTheRightMacOrAnyOtherThenTheSameAnswerAsVerify() {
        Set<JwsAlgorithm> algorithms = EnumSet.of(JwsAlgorithm.HS256, JwsAlgorithm.HS384, JwsAlgorithm.HS512);
        for (JwsAlgorithm algorithm : algorithms) {
            HmacKey key = new HmacKey(SECRET, null, algorithm, algorithms);
            byte[] input = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhIn0".getBytes(StandardCharsets.US_ASCII);
            byte[] mac = key.sign(input);

            assertTrue(key.verifyEncoded(algorithm, token(input, mac), input.length), algorithm.name());
            assertTrue(key.verify(algorithm, input, input.length, mac));
            for (int i = 0; i < mac.length; i++) {
                byte[] changed = mac.clone();
                changed[i] ^= 1 << (i % 8);
                assertFalse(key.verifyEncoded(algorithm, token(input, changed), input.length));
                assertFalse(key.verify(algorithm, input, input.length, changed));
            }
            for (int length : new int[] {0, 1, mac.length - 1, mac.length + 1}) {
                byte[] other = Arrays.copyOf(mac, length);
                assertFalse(key.verifyEncoded(algorithm, token(input, other), input.length));
            }
        }
    }

    @Test
    void verifyEncodedWhenCalledAgainAfterARefusalThenTheEngineWasReset() {
        HmacKey key = new HmacKey(SECRET, null, JwsAlgorithm.HS256, Set.of(JwsAlgorithm.HS256));
        byte[] input = "a.b".getBytes(StandardCharsets.US_ASCII);
        byte[] mac = key.sign(input);

        assertFalse(key.verifyEncoded(JwsAlgorithm.HS256, token(input, new byte[32]), input.length));
        assertTrue(key.verifyEncoded(JwsAlgorithm.HS256, token(input, mac), input.length));
        assertEquals(Base64Url.encode(mac), Base64Url.encode(key.sign(input)));
    }

    private static byte[] token(byte[] input, byte[] mac) {
        return (new String(input, StandardCharsets.US_ASCII) + "." + Base64Url.encode(mac))
                .getBytes(StandardCharsets.US_ASCII);
    }
}
