package dev.ssotauth.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ssotauth.core.JwtAuthority;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

final class JwksServletTest {

    private static final JwtAuthority AUTHORITY = JwtAuthority.builder()
            .hmacSecret("a test secret of more than thirty-two bytes".getBytes(StandardCharsets.UTF_8))
            .issuer("https://login.test").audience("test").build();

    @Test
    void withMaxAgeWhenNegativeThenIllegalArgument() {
        // given
        JwksServlet servlet = new JwksServlet(AUTHORITY);

        // when
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
                () -> servlet.withMaxAge(Duration.ofSeconds(-1)));

        // then
        assertEquals("maxAge must be between 0 and 1 day; got PT-1S", thrown.getMessage());
    }

    @Test
    void withMaxAgeWhenLongerThanADayThenIllegalArgument() {
        // given
        JwksServlet servlet = new JwksServlet(AUTHORITY);

        // when
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
                () -> servlet.withMaxAge(Duration.ofHours(25)));

        // then
        assertEquals("maxAge must be between 0 and 1 day; got PT25H", thrown.getMessage());
    }

    @Test
    void constructorWhenAuthorityNullThenNullPointer() {
        // when
        NullPointerException thrown = assertThrows(NullPointerException.class, () -> new JwksServlet(null));

        // then
        assertEquals("authority", thrown.getMessage());
    }

    @Test
    void toStringWhenCalledThenMaxAgeAndFingerprintOnly() {
        // given
        JwksServlet servlet = new JwksServlet(AUTHORITY).withMaxAge(Duration.ofMinutes(1));

        // when
        String text = servlet.toString();

        // then
        assertEquals("JwksServlet[max-age=60, authority " + AUTHORITY + "]", text);
    }
}
