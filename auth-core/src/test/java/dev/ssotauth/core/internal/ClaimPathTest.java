package dev.ssotauth.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class ClaimPathTest {

    private static final Map<String, Object> CLAIMS = Map.of(
            "roles", List.of("user"),
            "realm_access", Map.of("roles", List.of("admin")),
            "resource_access", Map.of("my.client", Map.of("roles", List.of("editor"))),
            "a/b", Map.of("~x", "tilde"));

    @Test
    void parseWhenDottedThenSegmentsSplitAtDots() {
        assertEquals(List.of("realm_access", "roles"), ClaimPath.parse("realm_access.roles").segments());
        assertEquals(List.of("admin"), ClaimPath.parse("realm_access.roles").find(CLAIMS));
    }

    @Test
    void parseWhenJsonPointerThenDotsStayInNamesAndEscapesAreRead() {
        assertEquals(List.of("editor"), ClaimPath.parse("/resource_access/my.client/roles").find(CLAIMS));
        assertEquals("tilde", ClaimPath.parse("/a~1b/~0x").find(CLAIMS));
    }

    @Test
    void findWhenAMemberIsMissingOrNotAnObjectThenNull() {
        assertNull(ClaimPath.parse("realm_access.groups").find(CLAIMS));
        assertNull(ClaimPath.parse("roles.inner").find(CLAIMS));
        assertNull(ClaimPath.parse("nothing.here").find(CLAIMS));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a..b", ".a", "a.", "/", "/a//b", "/a/"})
    void parseWhenAMemberNameIsEmptyThenRefused(String text) {
        assertEquals("has a claim path with an empty member name",
                assertThrows(IllegalArgumentException.class, () -> ClaimPath.parse(text)).getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/a~2", "/a~"})
    void parseWhenPointerEscapeIsBadThenRefused(String text) {
        assertEquals("has a JSON Pointer with '~' not followed by 0 or 1",
                assertThrows(IllegalArgumentException.class, () -> ClaimPath.parse(text)).getMessage());
    }
}
