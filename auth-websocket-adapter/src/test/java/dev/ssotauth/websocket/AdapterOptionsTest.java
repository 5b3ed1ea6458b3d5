package dev.ssotauth.websocket;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ssotauth.core.JwtAuthority;
import dev.ssotauth.servlet.JwtAuthFilter;

import jakarta.servlet.ServletException;
import jakarta.websocket.server.ServerEndpointConfig;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** The options of the three adapters, checked without a container. */
final class AdapterOptionsTest {

    private static final byte[] SECRET = "adapter-options-test-secret-0123456789-abcdef".getBytes(StandardCharsets.UTF_8);
    private static final JwtAuthority AUTHORITY = JwtAuthority.builder().hmacSecret(SECRET)
            .issuer("https://login.test").audience("chat").build();
    /** With an explicit configurator: the builder's default looks for a container, and there is none here. */
    private static final ServerEndpointConfig CHAT = ServerEndpointConfig.Builder.create(EchoEndpoint.class, "/chat")
            .configurator(new ServerEndpointConfig.Configurator()).build();

    @Test
    void constructorsWhenNullThenNullPointerException() {
        assertThrows(NullPointerException.class, () -> new JwtAuthFilter(null));
        assertThrows(NullPointerException.class, () -> new JwtUpgradeFilter(null, CHAT));
        assertThrows(NullPointerException.class, () -> new JwtUpgradeFilter(AUTHORITY, null));
        assertThrows(NullPointerException.class, () -> new JwtEndpointConfigurator((JwtAuthority) null));
    }

    @Test
    void withWhenAnOptionIsGivenTwiceThenIllegalStateException() {
        assertThrows(IllegalStateException.class,
                () -> new JwtAuthFilter(AUTHORITY).withCookie("a").withCookie("b"));
        assertThrows(IllegalStateException.class,
                () -> new JwtUpgradeFilter(AUTHORITY, CHAT).withAllowedOrigins("https://a.example")
                        .withAllowedOrigins("https://b.example"));
        assertThrows(IllegalStateException.class,
                () -> new JwtEndpointConfigurator(AUTHORITY).withQueryParameter("a").withQueryParameter("b"));
    }

    @Test
    void withWhenAnOptionIsInvalidThenIllegalArgumentException() {
        assertThrows(IllegalArgumentException.class, () -> new JwtAuthFilter(AUTHORITY).withQueryParameter("a b"));
        assertThrows(IllegalArgumentException.class,
                () -> new JwtEndpointConfigurator(AUTHORITY).withAllowedOrigins("https://chat.example/path"));
        assertThrows(IllegalArgumentException.class, () -> new JwtUpgradeFilter(AUTHORITY, CHAT).withAllowedOrigins());
    }

    @Test
    void initWhenCookieTransportWithoutOriginAllowListThenServletException() {
        // when
        ServletException e = assertThrows(ServletException.class,
                () -> new JwtUpgradeFilter(AUTHORITY, CHAT).withCookie("access_token").init(null));

        // then
        assertEquals("JwtUpgradeFilter: the cookie transport needs an origin allow-list (withAllowedOrigins)",
                e.getMessage());
        assertDoesNotThrow(() -> new JwtUpgradeFilter(AUTHORITY, CHAT).withCookie("access_token")
                .withAllowedOrigins("https://chat.example").init(null));
    }

    @Test
    void toStringWhenCalledThenFingerprintAndNoSecret() {
        for (Object adapter : new Object[] {new JwtAuthFilter(AUTHORITY), new JwtUpgradeFilter(AUTHORITY, CHAT),
                new JwtEndpointConfigurator(AUTHORITY)}) {
            String text = adapter.toString();
            assertTrue(text.contains(AUTHORITY.fingerprint()), text);
            assertFalse(text.contains(new String(SECRET, StandardCharsets.UTF_8)), text);
        }
    }
}
