package dev.ssotauth.core.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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

    @Test
    void decodeIntoAndDecodeUnpaddedWhenRandomBytesAtAnyOffsetThenTheBytes() {
        Random random = new Random(2);
        for (int length = 0; length < 200; length++) {
            byte[] bytes = new byte[length];
            random.nextBytes(bytes);
            byte[] text = ("xy." + Base64Url.encode(bytes) + ".z").getBytes(StandardCharsets.US_ASCII);
            int from = 3;
            int to = text.length - 2;
            byte[] out = new byte[Base64Url.decodedLength(to - from) + 2];

            assertEquals(length, Base64Url.decodedLength(to - from));
            assertEquals(length, Base64Url.decodeInto(text, from, to, out, 1));
            assertArrayEquals(bytes, Arrays.copyOfRange(out, 1, 1 + length));
            assertArrayEquals(bytes, Base64Url.decodeUnpadded(text, from, to));
            assertTrue(Base64Url.isCanonical(text, from, to));
            assertTrue(Base64Url.isAlphabet(text, from, to));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"Z", "Zh", "Zm9vY", "Zm9vZ", "Zm9vYmF", "AAAAB"})
    void decodeIntoWhenAlphabetOnlyButNotCanonicalThenNotCanonical(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);

        assertEquals(Base64Url.NOT_CANONICAL, Base64Url.decodeInto(bytes, 0, bytes.length, new byte[8], 0));
        assertNull(Base64Url.decodeUnpadded(bytes, 0, bytes.length));
        assertFalse(Base64Url.isCanonical(bytes, 0, bytes.length));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Zg==", "Zm8=", "Zm9v=", "Zm+v", "Zm/v", "Zm v", "Zm9v\n", "$m9v", "Zm9v$", "Zm9vY$",
        "Zm9vYm$", "Zm9v.", "=", "Zm9vYmFy=", "Zm9vYmF=", "Z=9v", "\u00e9m9v"})
    void decodeIntoWhenAByteOutsideTheAlphabetThenOutsideAlphabetWhateverElseIsWrong(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);

        assertEquals(Base64Url.OUTSIDE_ALPHABET, Base64Url.decodeInto(bytes, 0, bytes.length, new byte[16], 0), text);
        assertNull(Base64Url.decodeUnpadded(bytes, 0, bytes.length), text);
        assertFalse(Base64Url.isAlphabet(bytes, 0, bytes.length), text);
    }

    @Test
    void decodeUnpaddedWhenEmptyThenEmpty() {
        assertArrayEquals(new byte[0], Base64Url.decodeUnpadded(new byte[] {'.', '.'}, 1, 1));
        assertEquals(0, Base64Url.decodeInto(new byte[0], 0, 0, new byte[0], 0));
    }

    @Test
    void encodeIntoWhenAnyLengthThenTheEncodedText() {
        Random random = new Random(3);
        for (int length = 0; length < 100; length++) {
            byte[] bytes = new byte[length];
            random.nextBytes(bytes);
            byte[] out = new byte[Base64Url.encodedLength(length)];

            assertEquals(out.length, Base64Url.encodeInto(bytes, out));
            assertEquals(Base64Url.encode(bytes), new String(out, StandardCharsets.US_ASCII));
        }
    }
}
