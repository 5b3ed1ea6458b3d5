package dev.ssotauth.core.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.code_intelligence.jazzer.junit.FuzzTest;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Fuzz target: base64url decoding of any bytes is the JDK's decoding restricted to canonical
 * unpadded text. Whatever is decoded encodes back to exactly the input; whatever the JDK decodes but
 * we refuse is padded or has non-zero unused bits; both decoders of {@link Base64Url} agree.
 */
final class Base64UrlFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void decodeWhenAnyBytesThenTheCanonicalSubsetOfTheJdkDecoder(byte[] input) {
        byte[] ours = Base64Url.decode(input, 0, input.length);
        byte[] unpadded = Base64Url.decodeUnpadded(input, 0, input.length);
        byte[] jdk;
        try {
            jdk = Base64.getUrlDecoder().decode(input);
        } catch (IllegalArgumentException refused) {
            jdk = null;
        }
        String text = new String(input, StandardCharsets.ISO_8859_1);
        if (ours != null) {
            assertNotNull(jdk, "decoded what the JDK refuses");
            assertArrayEquals(jdk, ours);
            assertArrayEquals(ours, unpadded);
            assertEquals(text, Base64Url.encode(ours), "decoded a text that is not the canonical encoding");
            assertEquals(input.length, Base64Url.encodedLength(ours.length));
            assertEquals(true, Base64Url.isAlphabet(input, 0, input.length));
            assertEquals(true, Base64Url.isCanonical(input, 0, input.length));
        } else {
            assertNull(unpadded, "the two decoders disagree");
            if (jdk != null) {
                assertEquals(false, text.equals(Base64Url.encode(jdk)), "refused a canonical encoding");
            }
        }
    }
}
