package dev.ssotauth.core.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Base64;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class Base64UrlTest {

    @Test
    void encodeThenDecodeWhenRandomBytesThenRoundTripAndMatchTheJdk() {
        Random random = new Random(1);
        for (int length = 0; length < 200; length++) {
            byte[] bytes = new byte[length];
            random.nextBytes(bytes);
            String encoded = Base64Url.encode(bytes);
            assertEquals(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes), encoded);
            assertArrayEquals(bytes, Base64Url.decode(encoded));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"Zg==", "Zg=", "Z", "Zh", "Zm9=", "Zm9w", "Zm+v", "Zm/v", "Zm v", "Zm9v\n", "Zm9vY", "Zm9vZ"})
    void decodeWhenNotCanonicalUnpaddedBase64UrlThenNull(String text) {
        if (text.equals("Zm9w")) {
            // "Zm9w" is canonical ("fop"); keep it as the control case
            assertArrayEquals("fop".getBytes(java.nio.charset.StandardCharsets.US_ASCII), Base64Url.decode(text));
            return;
        }
        assertNull(Base64Url.decode(text), text);
    }
}
