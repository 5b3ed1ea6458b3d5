package dev.ssotauth.websocket.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

final class OriginsTest {

    @Test
    void allowsWhenNoListThenEveryOrigin() {
        assertTrue(Origins.ANY.allows("https://evil.example"));
        assertFalse(Origins.ANY.restricted());
    }

    @Test
    void allowsWhenListedInAnyCaseThenTrueAndOtherwiseFalse() {
        // given
        Origins origins = Origins.of("https://Chat.Example", "http://localhost:8080");

        // then
        assertTrue(origins.allows("https://chat.example"));
        assertTrue(origins.allows("HTTPS://CHAT.EXAMPLE"));
        assertTrue(origins.allows("http://localhost:8080"));
        assertFalse(origins.allows("http://localhost:8081"));
        assertFalse(origins.allows("https://chat.example.evil"));
        assertFalse(origins.allows("null"));
    }

    @Test
    void allowsWhenNoOriginHeaderThenTrueBecauseNoBrowserIsInvolved() {
        assertTrue(Origins.of("https://chat.example").allows(null));
    }

    @Test
    void ofWhenNotABareOriginThenIllegalArgumentException() {
        for (String bad : new String[] {"chat.example", "https://chat.example/", "https://chat.example/app",
                "https://user@chat.example", "https://chat.example?x", "not a uri"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Origins.of(bad), bad);
            assertEquals("allowedOrigins: '" + bad + "' is not scheme://host[:port]", e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, Origins::of);
        assertThrows(NullPointerException.class, () -> Origins.of((String) null));
    }
}
