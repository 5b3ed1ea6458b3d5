package dev.ssotauth.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The cursor the token path reads claims with: strings scanned eight bytes at a time end exactly
 * where the byte-by-byte scan did, integers read without boxing have the values the parser gave,
 * expected strings are shared only when their text is exactly equal, and objects walked member by
 * member refuse what the parser refuses.
 */
final class JsonReaderTest {

    private static JsonReader reader(String json) {
        return new JsonReader(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readStringWhenASpecialCharacterIsAtAnyOffsetThenTheSameStringAsTheParser() throws Exception {
        // A quote ends the string, a backslash starts an escape, a control character is refused,
        // anything outside ASCII is decoded: at every position of the 8-byte words the scan reads.
        String[] specials = {"\\\"", "\\\\", "\\n", "\\u00e9", "é", "😀", "\\/"};
        for (String special : specials) {
            for (int before = 0; before < 20; before++) {
                for (int after = 0; after < 10; after++) {
                    String text = "a".repeat(before) + special + "b".repeat(after);
                    String json = "{\"v\":\"" + text + "\"}";

                    Object fromParser = Json.parseObject(json.getBytes(StandardCharsets.UTF_8)).get("v");
                    JsonReader reader = reader("\"" + text + "\" ");

                    assertEquals(fromParser, reader.readString(null), text);
                    reader.skipWhitespace();
                    assertEquals(-1, reader.peek(), "the cursor is after the closing quote: " + text);
                }
            }
        }
    }

    @Test
    void readStringWhenAControlCharacterOrNoClosingQuoteAtAnyOffsetThenRefused() {
        for (int before = 0; before < 20; before++) {
            String prefix = "\"" + "x".repeat(before);
            assertThrows(Json.JsonException.class, () -> reader(prefix + "\t\"").readString(null), prefix);
            assertThrows(Json.JsonException.class, () -> reader(prefix + "\u0001\"").readString(null), prefix);
            assertThrows(Json.JsonException.class, () -> reader(prefix).readString(null), prefix);
            byte[] invalidUtf8 = (prefix + "??\"").getBytes(StandardCharsets.US_ASCII);
            invalidUtf8[invalidUtf8.length - 3] = (byte) 0xC0;
            invalidUtf8[invalidUtf8.length - 2] = (byte) 0x80;
            assertThrows(Json.JsonException.class, () -> new JsonReader(invalidUtf8).readString(null), prefix);
        }
    }

    @Test
    void readStringWhenTheTextIsExactlyTheExpectedStringThenThatInstance() throws Exception {
        String expected = new String("https://login.example".toCharArray());

        assertSame(expected, reader("\"https://login.example\"").readString(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"https://login.exampl\"", "\"https://login.examplf\"", "\"https://login.example.\"",
        "\"https:\\/\\/login.example\"", "\"\\u0068ttps://login.example\"", "\"\""})
    void readStringWhenTheTextDiffersOrHasEscapesThenNotTheExpectedInstance(String json) throws Exception {
        String expected = new String("https://login.example".toCharArray());

        String read = reader(json).readString(expected);

        assertNotSame(expected, read);
        assertEquals(json.contains("\\") && json.length() > 20, expected.equals(read), json);
    }

    @Test
    void readStringWhenTheExpectedStringIsNotAsciiThenEqualButRead() throws Exception {
        String expected = "chät";

        String read = reader("\"chät\"").readString(expected);

        assertEquals(expected, read);
    }

    @Test
    void readStringWhenAWellKnownNameThenTheSharedConstant() throws Exception {
        // Followed by nothing, or by enough bytes that the name is read as one eight-byte word.
        for (String after : List.of("", ":\"issue\",\"x\":1}")) {
            for (String name : List.of("iss", "sub", "aud", "exp", "nbf", "iat", "jti", "roles", "sid", "alg", "typ",
                    "kid", "HS256", "EdDSA", "scope", "email", "name")) {
                assertSame(name, reader("\"" + name + "\"" + after).readString(null), name + after);
            }
            for (String near : List.of("is", "issu", "isz", "Iss", "rolez", "HS2566", "e", "", "i\\u0073s")) {
                String read = reader("\"" + near + "\"" + after).readString(null);
                assertEquals(near.replace("\\u0073", "s"), read);
            }
        }
    }

    @ParameterizedTest
    @CsvSource({
        "0, 0",
        "-0, 0",
        "7, 7",
        "-7, -7",
        "123456789012345678, 123456789012345678",
        "-12345678901234567, -12345678901234567",
        "999999999999999999, 999999999999999999",
    })
    void readNumberOrIntegerWhenAnIntegerOfAtMost18CharactersThenUnboxed(String json, long value) throws Exception {
        JsonReader reader = reader(json);

        assertSame(JsonReader.INTEGER, reader.readNumberOrInteger());
        assertEquals(value, reader.integer());
    }

    @Test
    void readNumberOrIntegerWhenLongerOrNotAnIntegerThenWhatTheParserGives() throws Exception {
        assertEquals(1_234_567_890_123_456_789L, reader("1234567890123456789").readNumberOrInteger());
        assertEquals(-123_456_789_012_345_678L, reader("-123456789012345678").readNumberOrInteger());
        assertEquals(Long.MAX_VALUE, reader("9223372036854775807").readNumberOrInteger());
        assertEquals(Long.MIN_VALUE, reader("-9223372036854775808").readNumberOrInteger());
        assertEquals(new BigInteger("9223372036854775808"), reader("9223372036854775808").readNumberOrInteger());
        assertEquals(new BigDecimal("1.50"), reader("1.50").readNumberOrInteger());
        assertEquals(new BigDecimal("1e3"), reader("1e3").readNumberOrInteger());
        assertEquals(new BigDecimal("-0.0"), reader("-0.0").readNumberOrInteger());
        assertEquals(new BigDecimal("1.796410189E+9"), reader("1.796410189E+9").readNumberOrInteger());
        assertEquals(new BigDecimal("5E-1"), reader("5E-1").readNumberOrInteger());
    }

    @ParameterizedTest
    @ValueSource(strings = {"-", "01", "-01", "1.", ".5", "1e", "1e+", "--1", "+1"})
    void readNumberOrIntegerWhenNotAJsonNumberThenRefused(String json) {
        JsonReader reader = reader(json);

        assertThrows(Json.JsonException.class, () -> {
            reader.readNumberOrInteger();
            reader.endDocument(); // "01" reads as 0 followed by 1
        });
    }

    @Test
    void readNumberOrIntegerWhenLongerThan64CharactersThenRefused() {
        assertThrows(Json.JsonException.class, () -> reader("1".repeat(65)).readNumberOrInteger());
        assertThrows(Json.JsonException.class, () -> reader("0." + "1".repeat(63)).readNumberOrInteger());
    }

    @Test
    void readValueWhenAnIntegerThenBoxedAsTheParserDoes() throws Exception {
        assertEquals(42L, reader("42").readValue(0));
        assertEquals(List.of(1L, -2L, new BigDecimal("3.5")), reader("[1,-2,3.5]").readValue(0));
    }

    @Test
    void beginObjectWhenWalkedMemberByMemberThenNamesAndValuesInOrder() throws Exception {
        JsonReader reader = reader(" {\"a\" : 1 , \"b\\u0063\":[true,null], \"\":{}} ");
        reader.skipWhitespace();
        List<Object> read = new ArrayList<>();

        assertEquals('{', reader.peek());
        assertTrue(reader.beginObject(1));
        do {
            read.add(reader.readName());
            read.add(reader.readValue(1));
        } while (reader.nextMember());
        reader.endDocument();

        assertEquals(List.of("a", 1L, "bc", List.of(true, Json.NULL), "", java.util.Map.of()), read);
    }

    @Test
    void beginObjectWhenEmptyThenNoMembersAndTheCursorAfterIt() throws Exception {
        JsonReader reader = reader("{ }");

        assertFalse(reader.beginObject(1));
        reader.endDocument();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{a:1}", "{\"a\" 1}", "{\"a\":1 \"b\":2}", "{\"a\":1,}", "{\"a\":1"})
    void beginObjectWhenNotWellFormedThenRefused(String json) {
        JsonReader reader = reader(json);

        assertThrows(Json.JsonException.class, () -> {
            if (reader.beginObject(1)) {
                do {
                    reader.readName();
                    reader.readValue(1);
                } while (reader.nextMember());
            }
        });
    }

    @Test
    void beginArrayWhenDeeperThanTheLimitThenRefused() throws Exception {
        assertThrows(Json.JsonException.class, () -> reader("[]").beginArray(Json.MAX_DEPTH + 1));
        assertThrows(Json.JsonException.class, () -> reader("{}").beginObject(Json.MAX_DEPTH + 1));
        assertFalse(reader("[]").beginArray(Json.MAX_DEPTH));
    }

    @Test
    void endDocumentWhenSomethingFollowsThenRefused() throws Exception {
        JsonReader reader = reader("{} x");
        reader.beginObject(1);

        assertThrows(Json.JsonException.class, reader::endDocument);
    }
}
