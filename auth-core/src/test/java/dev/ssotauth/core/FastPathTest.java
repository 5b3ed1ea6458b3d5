package dev.ssotauth.core;

import static dev.ssotauth.core.Fixtures.HS256_HEADER;
import static dev.ssotauth.core.Fixtures.claims;
import static dev.ssotauth.core.Fixtures.reason;
import static dev.ssotauth.core.Fixtures.sign;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ssotauth.core.internal.Base64Url;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The shortcuts of the HS256 hot path give the same answers as the plain code did: the token is
 * scanned as bytes (characters outside Latin-1, surrogate pairs included, are still refused with
 * the same message), integers are read without a string, well-known names and values are shared
 * constants, and roles and audiences keep their order and lose their duplicates.
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

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "a.b.c.d$   | token must have exactly three segments",
        "a$.b.c.d   | token contains a character outside unpadded base64url",
        "a.b.c$.d   | token contains a character outside unpadded base64url",
        "ab$        | token contains a character outside unpadded base64url",
        "a.b        | token must have exactly three segments",
        "abc        | token must have exactly three segments",
        "a.b.c.d    | token must have exactly three segments",
        ".b.c       | token has an empty header segment",
        "..c.       | token must have exactly three segments",
        "a.b.c.\u0101 | token must have exactly three segments",
        "a.b\u0101.c.d | token contains a character outside unpadded base64url",
    })
    void authenticateWhenStructureAndCharactersAreBothWrongThenTheFirstProblemFromTheLeftIsReported(String token,
            String message) {
        AuthResult.Rejected rejected = (AuthResult.Rejected) authority.authenticate(token);

        assertEquals(RejectionReason.MALFORMED, rejected.reason());
        assertEquals(message, rejected.message());
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

    @Test
    void authenticateWhenIntegersAreNearTheLongBoundaryThenReadExactly() {
        String token = sign(HS256_HEADER, claims("alice",
                "\"a\":999999999999999999,\"b\":-99999999999999999,\"c\":9223372036854775807,"
                        + "\"d\":-9223372036854775808,\"e\":9223372036854775808,\"f\":0,\"g\":-0"));

        UserContext user = authority.verify(token);

        assertEquals(999_999_999_999_999_999L, user.claims().get("a"));
        assertEquals(-99_999_999_999_999_999L, user.claims().get("b"));
        assertEquals(Long.MAX_VALUE, user.claims().get("c"));
        assertEquals(Long.MIN_VALUE, user.claims().get("d"));
        assertEquals(new BigInteger("9223372036854775808"), user.claims().get("e"));
        assertEquals(0L, user.claims().get("f"));
        assertEquals(0L, user.claims().get("g"));
    }

    @Test
    void authenticateWhenNamesAreKnownOrAlmostKnownThenEachIsItsOwnClaim() {
        String token = sign(HS256_HEADER, claims("alice",
                "\"scope\":\"HS256\",\"scopf\":\"JWT\",\"sco\":\"x\",\"emai\":1,\"email\":\"a@b\",\"name\":\"EdDSA\""));

        UserContext user = authority.verify(token);

        assertEquals(List.of("scope", "scopf", "sco", "emai", "email", "name"), List.copyOf(user.claims().keySet()));
        assertEquals("HS256", user.claims().get("scope"));
        assertEquals("JWT", user.claims().get("scopf"));
        assertEquals("EdDSA", user.claims().get("name"));
    }

    @Test
    void authenticateWhenAKnownNameIsEscapedThenItStillMeansTheSameMember() {
        // "\u0065xp" is "exp": a second exp member, which the strict reader refuses as a duplicate
        String token = sign(HS256_HEADER, claims("alice", "\"\\u0065xp\":1"));

        assertEquals(RejectionReason.MALFORMED, reason(authority, token));
    }

    @Test
    void authenticateWhenHeaderValuesAreSpelledInAnotherCaseThenTheyAreNotTheKnownOnes() {
        String lower = sign("{\"alg\":\"hs256\",\"typ\":\"JWT\"}", claims("alice", ""));
        String none = sign("{\"alg\":\"nOnE\"}", claims("alice", ""));

        assertEquals(RejectionReason.UNSUPPORTED_ALGORITHM, reason(authority, lower));
        AuthResult.Rejected rejected = (AuthResult.Rejected) authority.authenticate(none);
        assertEquals("unsecured tokens (alg none) are never accepted", rejected.message());
        assertNull(reason(authority, sign("{\"alg\":\"HS256\",\"typ\":\"jwt\"}", claims("alice", ""))));
    }

    @Test
    void authenticateWhenRolesRepeatThenTheyKeepTheirOrderWithoutDuplicates() {
        String token = sign(HS256_HEADER, claims("alice", "\"roles\":[\"b\",\"a\",\"b\",\"c\",\"a\"]"));
        String one = sign(HS256_HEADER, claims("alice", "\"roles\":[\"admin\"]"));
        String none = sign(HS256_HEADER, claims("alice", "\"roles\":[]"));

        UserContext user = authority.verify(token);

        assertEquals(List.of("b", "a", "c"), List.copyOf(user.roles()));
        assertEquals(Set.of("admin"), authority.verify(one).roles());
        assertTrue(authority.verify(none).roles().isEmpty());
        assertTrue(!authority.verify(none).roles().contains(null), "contains(null) answers false");
        assertThrows(UnsupportedOperationException.class, () -> authority.verify(one).roles().add("x"));
        assertThrows(UnsupportedOperationException.class, () -> user.roles().add("x"));
        assertThrows(UnsupportedOperationException.class, () -> authority.verify(none).roles().add("x"));
    }

    @Test
    void authenticateWhenAudienceIsAnArrayWithRepeatsThenOrderedWithoutDuplicates() {
        String token = sign(HS256_HEADER, "{\"iss\":\"" + Fixtures.ISSUER + "\",\"sub\":\"alice\",\"aud\":[\"x\",\""
                + Fixtures.AUDIENCE + "\",\"x\"],\"iat\":" + Fixtures.NOW_SECONDS + ",\"exp\":"
                + (Fixtures.NOW_SECONDS + 60) + "}");

        UserContext user = authority.verify(token);

        assertEquals(List.of("x", Fixtures.AUDIENCE), List.copyOf(user.audience()));
        assertThrows(UnsupportedOperationException.class, () -> user.audience().clear());
    }
}
