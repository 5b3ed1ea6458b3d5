package dev.ssotauth.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;

import org.junit.jupiter.api.Test;

final class PathTemplateTest {

    @Test
    void matchWhenLiteralPathIsEqualThenNoParameters() {
        assertEquals(Map.of(), new PathTemplate("/ws/chat").match("/ws/chat"));
    }

    @Test
    void matchWhenTemplateThenEachParameterTakesOneSegment() {
        assertEquals(Map.of("room", "lobby", "id", "7"), new PathTemplate("/rooms/{room}/users/{id}")
                .match("/rooms/lobby/users/7"));
    }

    @Test
    void matchWhenSegmentsDifferOrParameterIsEmptyThenNull() {
        PathTemplate template = new PathTemplate("/rooms/{room}");
        assertNull(template.match("/rooms"));
        assertNull(template.match("/rooms/"));
        assertNull(template.match("/rooms/a/b"));
        assertNull(template.match("/halls/a"));
        assertNull(new PathTemplate("/ws/chat").match("/ws/chat2"));
    }
}
