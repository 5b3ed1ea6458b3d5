package dev.ssotauth.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class JsonTest {

    private static Map<String, Object> parse(String text) throws Json.JsonException {
        return Json.parseObject(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void parseObjectWhenEveryValueKindThenTypedValues() throws Exception {
        Map<String, Object> o = parse(" {\"s\":\"a\\u00e9\\ud83d\\ude00\\n\",\"t\":true,\"f\":false,\"n\":null,"
                + "\"i\":-12,\"big\":123456789012345678901,\"d\":1.5e2,\"a\":[1,[]],\"o\":{}} ");
        assertEquals("aé😀\n", o.get("s"));
        assertEquals(Boolean.TRUE, o.get("t"));
        assertEquals(Boolean.FALSE, o.get("f"));
        assertSame(Json.NULL, o.get("n"));
        assertEquals(-12L, o.get("i"));
        assertEquals(new BigInteger("123456789012345678901"), o.get("big"));
        assertEquals(new BigDecimal("1.5e2"), o.get("d"));
        assertEquals(List.of(1L, List.of()), o.get("a"));
        assertEquals(Map.of(), o.get("o"));
        assertEquals(List.of("s", "t", "f", "n", "i", "big", "d", "a", "o"), List.copyOf(o.keySet()));
    }

    /**
     * Every number the reader takes (at most 64 characters) is written in a form the reader takes
     * again, with the same value and scale: {@code BigDecimal.toString} alone writes
     * {@code 1.<59 digits>e-6} as {@code 0.000001<60 digits>}, 67 characters, which the reader refuses.
     */
    @ParameterizedTest
    @ValueSource(strings = {
        "1.23456789012345678901234567890123456789012345678901234567890e-6",
        "-1.2345678901234567890123456789012345678901234567890123456789e-6",
        "123456789012345678901234567890123456789012345678901234e-99999999",
        "0.000000000000000000000000000000000000000000000000000000000001e5",
        "1.234567890123456789012345678901234567890123456789012345678e1",
        "1e-7", "1.5e2", "-0.0", "0e-7", "87e0"})
    void writeWhenAnyNumberTheReaderTakesThenItReadsBackWithTheSameValueAndScale(String number) throws Exception {
        Object read = parse("{\"n\":" + number + "}").get("n");
        StringBuilder written = new StringBuilder();
        Json.write(written, read);
        Object again = parse("{\"n\":" + written + "}").get("n");
        assertEquals(0, new BigDecimal(read.toString()).compareTo(new BigDecimal(again.toString())));
        if (read instanceof BigDecimal before && again instanceof BigDecimal after) {
            assertEquals(before.scale(), after.scale());
        }
        StringBuilder rewritten = new StringBuilder();
        Json.write(rewritten, again);
        assertEquals(written.toString(), rewritten.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "[]", "{", "{\"a\":1,}", "{\"a\":1 \"b\":2}", "{\"a\":1,\"a\":1}", "{a:1}",
            "{\"a\":'x'}", "{\"a\":01}", "{\"a\":1.}", "{\"a\":.5}", "{\"a\":+1}", "{\"a\":-}", "{\"a\":1e}",
            "{\"a\":NaN}", "{\"a\":Infinity}", "{\"a\":tru}", "{\"a\":nul}", "{\"a\":\"\\x\"}", "{\"a\":\"\\u12\"}",
            "{\"a\":\"\\udc00\"}", "{\"a\":\"\\ud800x\"}", "{\"a\":\"\t\"}", "{\"a\":1}x", "{\"a\":1}{}", "{\"a\":\"x}"})
    void parseObjectWhenNotStrictJsonObjectThenRejected(String text) {
        assertThrows(Json.JsonException.class, () -> parse(text));
    }

    @Test
    void parseObjectWhenNestedBeyondLimitThenRejected() throws Exception {
        String ok = "{\"a\":" + "[".repeat(Json.MAX_DEPTH - 1) + "]".repeat(Json.MAX_DEPTH - 1) + "}";
        parse(ok);
        String deep = "{\"a\":" + "[".repeat(Json.MAX_DEPTH) + "]".repeat(Json.MAX_DEPTH) + "}";
        assertThrows(Json.JsonException.class, () -> parse(deep));
        assertThrows(Json.JsonException.class, () -> parse("{\"a\":" + "[".repeat(100_000) + "}"));
    }

    @Test
    void parseObjectWhenInvalidUtf8ThenRejected() {
        byte[][] invalid = {
            {'{', '"', 'a', '"', ':', '"', (byte) 0xC0, (byte) 0x80, '"', '}'},       // overlong NUL
            {'{', '"', 'a', '"', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}'}, // surrogate
            {'{', '"', 'a', '"', ':', '"', (byte) 0xE2, (byte) 0x82, '"', '}'},       // truncated
            {'{', '"', 'a', '"', ':', '"', (byte) 0xFF, '"', '}'},
        };
        for (byte[] bytes : invalid) {
            assertThrows(Json.JsonException.class, () -> Json.parseObject(bytes));
        }
    }

    @Test
    void writeThenParseWhenStringsNeedEscapingThenRoundTrip() throws Exception {
        String value = "q\" b\\ n\n t\t c\u0001 é 😀 /";
        StringBuilder out = new StringBuilder("{\"v\":");
        Json.writeString(out, value);
        out.append('}');
        assertEquals(value, parse(out.toString()).get("v"));
        assertThrows(IllegalArgumentException.class, () -> Json.writeString(new StringBuilder(), "\ud800"));
    }
}
