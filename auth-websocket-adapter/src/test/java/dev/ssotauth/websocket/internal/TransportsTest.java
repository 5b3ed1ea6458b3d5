package dev.ssotauth.websocket.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

final class TransportsTest {

    @Test
    void withWhenNamesAreTokensThenSet() {
        // when
        Transports transports = Transports.DEFAULT.withQueryParameter("access_token").withCookie("jwt");

        // then
        assertEquals("access_token", transports.queryParameter());
        assertEquals("jwt", transports.cookie());
    }

    @Test
    void withWhenSetTwiceThenIllegalStateException() {
        assertThrows(IllegalStateException.class,
                () -> Transports.DEFAULT.withQueryParameter("a").withQueryParameter("b"));
        assertThrows(IllegalStateException.class, () -> Transports.DEFAULT.withCookie("a").withCookie("b"));
    }

    @Test
    void withWhenNameIsNotATokenThenIllegalArgumentException() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Transports.DEFAULT.withCookie("a b"));
        assertEquals("cookie must be an HTTP token (RFC 9110 §5.6.2); got 'a b'", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Transports.DEFAULT.withQueryParameter(""));
        assertThrows(IllegalArgumentException.class, () -> Transports.DEFAULT.withQueryParameter("a=b"));
        assertThrows(NullPointerException.class, () -> Transports.DEFAULT.withCookie(null));
    }
}
