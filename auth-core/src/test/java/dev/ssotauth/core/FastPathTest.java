package dev.ssotauth.core;

import static dev.ssotauth.core.Fixtures.HS256_HEADER;
import static dev.ssotauth.core.Fixtures.claims;
import static dev.ssotauth.core.Fixtures.sign;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ssotauth.core.internal.Base64Url;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The shortcuts of the HS256 hot path give the same answers as the plain code did: the token is
 * scanned and decoded as bytes, and characters outside Latin-1, surrogate pairs included, are still
 * refused with the same message.
 */
final class FastPathTest {

    private final JwtAuthority authority = Fixtures.authority().build();

    @ParameterizedTest
    @ValueSource(strings = {"\u0101", "\ud83d\ude00", "\u00ff", "\u0080", "\u2024", "\uff0e"})
    void authenticateWhenATokenHoldsACharacterOutsideAsciiThenMalformedWithTheSameMessage(String character) {
        String valid = sign(HS256_HEADER, claims("alice", ""));
        for (int at : new int[] {0, 5, valid.indexOf('.'), valid.indexOf('.') + 1, valid.length() - 1}) {
            String token = valid.substring(0, at) + character + valid.substring(at + 1);

            AuthResult.Rejected rejected = (AuthResult.Rejected) authority.authenticate(token);

            assertEquals(RejectionReason.MALFORMED, rejected.reason());
            assertEquals("token contains a character outside unpadded base64url", rejected.message());
        }
    }

    @Test
    void authenticateWhenASurrogatePairIsAddedThenMalformedNotAnError() {
        String valid = sign(HS256_HEADER, claims("alice", ""));

        AuthResult.Rejected rejected = (AuthResult.Rejected) authority.authenticate(valid + "\ud83d\ude00");

        assertEquals("token contains a character outside unpadded base64url", rejected.message());
    }

    @Test
    void decodeWhenGivenBytesThenTheSameAnswerAsForTheText() {
        Random random = new Random(3);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=+/. \u00e9\u0080";
        for (int n = 0; n < 20_000; n++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(12);
            for (int i = 0; i < length; i++) {
                text.append(alphabet.charAt(random.nextInt(n % 2 == 0 ? 64 : alphabet.length())));
            }
            String s = text.toString();
            byte[] bytes = s.getBytes(StandardCharsets.ISO_8859_1);
            byte[] padded = new byte[bytes.length + 4];
            System.arraycopy(bytes, 0, padded, 2, bytes.length);

            assertArrayEquals(Base64Url.decode(s), Base64Url.decode(padded, 2, 2 + bytes.length), s);
        }
        assertArrayEquals("foo".getBytes(StandardCharsets.US_ASCII), Base64Url.decode("xZm9vx".getBytes(
                StandardCharsets.US_ASCII), 1, 5));
        assertEquals(null, Base64Url.decode(new byte[] {'Z', 'm', '9', (byte) 0xF6}, 0, 4));
        assertEquals(null, Base64Url.decode(new byte[] {'Z', (byte) 0xE6}, 0, 2));
        assertTrue(Arrays.equals(new byte[0], Base64Url.decode(new byte[0], 0, 0)));
    }
}
