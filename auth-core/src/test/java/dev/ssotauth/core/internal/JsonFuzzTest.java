package dev.ssotauth.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Fuzz target: any bytes are one JSON object or a {@link Json.JsonException}, never another
 * exception; what is read is nested no deeper than {@link Json#MAX_DEPTH}, and the text it is
 * written as reads back and writes again as the same text (a number may change its form once:
 * {@code 87e0} is written {@code 87}).
 */
final class JsonFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void parseObjectWhenAnyBytesThenAnObjectOrAJsonException(byte[] input) {
        Map<String, Object> object;
        try {
            object = Json.parseObject(input);
        } catch (Json.JsonException refused) {
            return;
        }
        assertTrue(depth(object) <= Json.MAX_DEPTH, "nested deeper than the limit");
        String written = write(object);
        try {
            assertEquals(written, write(Json.parseObject(written.getBytes(StandardCharsets.UTF_8))));
        } catch (Json.JsonException e) {
            throw new AssertionError("what was read does not read back after writing", e);
        }
    }

    private static String write(Object value) {
        StringBuilder out = new StringBuilder();
        Json.write(out, value);
        return out.toString();
    }

    private static int depth(Object value) {
        int inner = 0;
        if (value instanceof Map<?, ?> map) {
            for (Object member : map.values()) {
                inner = Math.max(inner, depth(member));
            }
            return 1 + inner;
        }
        if (value instanceof List<?> list) {
            for (Object element : list) {
                inner = Math.max(inner, depth(element));
            }
            return 1 + inner;
        }
        return 0;
    }
}
