package dev.ssotauth.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class JsonTest {

    @Test
    void parseObjectWhenChatMessageThenMembersInOrder() throws Exception {
        // when
        Map<String, Object> message = Json.parseObject(
                " {\"type\":\"say\",\"text\":\"h\\u00e9llo \\\"you\\\"\\n\",\"n\":-1.5e2,\"ok\":true,\"none\":null,"
                        + "\"roles\":[\"a\",\"b\"]} ");

        // then
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("type", "say");
        expected.put("text", "héllo \"you\"\n");
        expected.put("n", new BigDecimal("-1.5e2"));
        expected.put("ok", true);
        expected.put("none", Json.NULL);
        expected.put("roles", List.of("a", "b"));
        assertEquals(expected, message);
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(message.keySet()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "nul", "{", "{\"a\"}", "{\"a\":1,}", "{\"a\":1}x", "[1,]", "\"\\x\"", "01",
        "1.", "-", "{\"a\":\"\u0001\"}", "{a:1}", "{\"a\":1 \"b\":2}", "\"\\u12\"", "1e99999999999"})
    void parseWhenMalformedThenRefusedWithoutQuotingTheInput(String text) {
        // when
        Json.MalformedException thrown = assertThrows(Json.MalformedException.class, () -> Json.parse(text));

        // then
        assertEquals(false, !text.isBlank() && thrown.getMessage().contains(text.strip()), thrown.getMessage());
    }

    @Test
    void parseObjectWhenDuplicateMemberThenRefused() {
        // when
        Json.MalformedException thrown = assertThrows(Json.MalformedException.class,
                () -> Json.parseObject("{\"type\":\"say\",\"type\":\"agent\"}"));

        // then
        assertEquals("duplicate member name in a JSON object", thrown.getMessage());
    }

    @Test
    void parseWhenNestedTooDeepThenRefused() {
        // when
        Json.MalformedException thrown = assertThrows(Json.MalformedException.class,
                () -> Json.parse("[".repeat(17) + "]".repeat(17)));

        // then
        assertEquals("JSON nested deeper than 16 levels", thrown.getMessage());
    }

    @Test
    void parseObjectWhenArrayThenRefused() {
        // when
        Json.MalformedException thrown = assertThrows(Json.MalformedException.class, () -> Json.parseObject("[]"));

        // then
        assertEquals("expected a JSON object", thrown.getMessage());
    }

    @Test
    void objectWhenWrittenThenEscapedForJsonAndHtml() {
        // when
        String json = Json.object().put("text", "<script>\"a\\b\"&\u2028\t\u0001").put("n", 3L)
                .put("roles", List.of("user", "admin")).put("ok", false).put("none", null).toString();

        // then
        assertEquals("{\"text\":\"\\u003cscript\\u003e\\\"a\\\\b\\\"\\u0026\\u2028\\t\\u0001\",\"n\":3,"
                + "\"roles\":[\"user\",\"admin\"],\"ok\":false,\"none\":null}", json);
    }

    @Test
    void writeThenParseWhenAnyStringThenTheSameString() throws Exception {
        // given
        String text = "é ☃ 𝄞 \" \\ / \b\f\n\r\t \u0000 \u001f </script>";

        // when
        Object back = Json.parseObject(Json.object().put("t", text).toString()).get("t");

        // then
        assertEquals(text, back);
    }
}
