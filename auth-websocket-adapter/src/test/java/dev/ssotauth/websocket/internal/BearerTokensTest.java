package dev.ssotauth.websocket.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

final class BearerTokensTest {

    private static final String JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln";

    /** A request built line by line; header names case-insensitive as in HTTP. */
    private static final class Request implements BearerTokens.Source {
        private final Map<String, List<String>> headers = new LinkedHashMap<>();
        private String query;

        Request header(String name, String value) {
            headers.computeIfAbsent(name.toLowerCase(java.util.Locale.ROOT), k -> new ArrayList<>()).add(value);
            return this;
        }

        Request query(String query) {
            this.query = query;
            return this;
        }

        @Override
        public List<String> headers(String name) {
            return headers.getOrDefault(name.toLowerCase(java.util.Locale.ROOT), List.of());
        }

        @Override
        public String queryString() {
            return query;
        }

        @Override
        public List<String> cookies(String name) {
            return BearerTokens.cookieValues(headers("Cookie"), name);
        }
    }

    private static Request request() {
        return new Request();
    }

    @Test
    void findWhenAuthorizationBearerInAnyCaseThenTheCredentials() {
        for (String scheme : List.of("Bearer", "bearer", "BEARER", "bEaReR")) {
            // when
            BearerTokens.Found found = BearerTokens.find(request().header("Authorization", scheme + " " + JWT),
                    Transports.DEFAULT, false);

            // then
            assertEquals(List.of(JWT), found.tokens(), scheme);
        }
    }

    @Test
    void findWhenAuthorizationHasExtraSpacesThenTrimmed() {
        // when
        BearerTokens.Found found = BearerTokens.find(request().header("Authorization", "  Bearer   " + JWT + "  "),
                Transports.DEFAULT, false);

        // then
        assertEquals(List.of(JWT), found.tokens());
    }

    @Test
    void findWhenOtherSchemeOrLookalikeThenNoToken() {
        for (String value : List.of("Basic YTpi", "BearerX " + JWT, "Token " + JWT, "")) {
            // when
            BearerTokens.Found found = BearerTokens.find(request().header("Authorization", value), Transports.DEFAULT,
                    false);

            // then
            assertTrue(found.none(), value);
        }
    }

    @Test
    void findWhenBearerWithoutCredentialsThenAnEmptyTokenThatWillBeRejected() {
        // when
        BearerTokens.Found found = BearerTokens.find(request().header("Authorization", "Bearer"), Transports.DEFAULT,
                false);

        // then
        assertEquals(List.of(""), found.tokens());
    }

    @Test
    void findWhenTwoAuthorizationLinesThenSeveral() {
        // when
        BearerTokens.Found found = BearerTokens.find(request().header("Authorization", "Bearer a.b.c")
                .header("Authorization", "Bearer d.e.f"), Transports.DEFAULT, false);

        // then
        assertTrue(found.several());
        assertThrows(IllegalStateException.class, found::single);
    }

    @Test
    void findWhenSubprotocolPairOnOneLineOrOnTwoLinesThenTheTokenAndTheMarker() {
        // given
        Request oneLine = request().header("Sec-WebSocket-Protocol", "chat.v1, bearer, " + JWT);
        Request twoLines = request().header("Sec-WebSocket-Protocol", "bearer").header("Sec-WebSocket-Protocol", JWT);

        for (Request request : List.of(oneLine, twoLines)) {
            // when
            BearerTokens.Found found = BearerTokens.find(request, Transports.DEFAULT, true);

            // then
            assertEquals(List.of(JWT), found.tokens());
            assertTrue(found.subprotocolMarker());
        }
    }

    @Test
    void findWhenNotAnUpgradeThenSubprotocolsAreIgnored() {
        // when
        BearerTokens.Found found = BearerTokens.find(request().header("Sec-WebSocket-Protocol", "bearer, " + JWT),
                Transports.DEFAULT, false);

        // then
        assertTrue(found.none());
    }

    @Test
    void findWhenMarkerIsLastThenAnEmptyTokenThatWillBeRejected() {
        // when
        BearerTokens.Found found = BearerTokens.find(request().header("Sec-WebSocket-Protocol", "chat.v1, bearer"),
                Transports.DEFAULT, true);

        // then
        assertEquals(List.of(""), found.tokens());
    }

    @Test
    void findWhenKubernetesFormThenTheDecodedToken() {
        // given
        String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(JWT.getBytes(StandardCharsets.US_ASCII));

        // when
        BearerTokens.Found found = BearerTokens.find(request().header("Sec-WebSocket-Protocol",
                "base64url.bearer.authorization.k8s.io." + encoded + ", v4.channel.k8s.io"), Transports.DEFAULT, true);
        BearerTokens.Found broken = BearerTokens.find(request().header("Sec-WebSocket-Protocol",
                "base64url.bearer.authorization.k8s.io.***"), Transports.DEFAULT, true);

        // then
        assertEquals(List.of(JWT), found.tokens());
        assertFalse(found.subprotocolMarker());
        assertEquals(List.of(""), broken.tokens());
    }

    @Test
    void findWhenQueryParameterEnabledThenDecodedValuesAndOtherwiseIgnored() {
        // given
        Request request = request().query("a=1&access_token=" + JWT + "&b&access%5Ftoken=x%2Ey%2Ez");

        // when
        BearerTokens.Found off = BearerTokens.find(request, Transports.DEFAULT, false);
        BearerTokens.Found on = BearerTokens.find(request, Transports.DEFAULT.withQueryParameter("access_token"), false);

        // then
        assertTrue(off.none());
        assertEquals(List.of(JWT, "x.y.z"), on.tokens());
    }

    @Test
    void findWhenCookieEnabledThenItsValuesAndOtherwiseIgnored() {
        // given
        Request request = request().header("Cookie", "theme=dark; access_token=\"" + JWT + "\"");

        // when
        BearerTokens.Found off = BearerTokens.find(request, Transports.DEFAULT, false);
        BearerTokens.Found on = BearerTokens.find(request, Transports.DEFAULT.withCookie("access_token"), false);

        // then
        assertTrue(off.none());
        assertEquals(List.of(JWT), on.tokens());
    }

    @Test
    void findWhenHeaderAndCookieThenSeveral() {
        // when
        BearerTokens.Found found = BearerTokens.find(request().header("Authorization", "Bearer " + JWT)
                .header("Cookie", "access_token=" + JWT), Transports.DEFAULT.withCookie("access_token"), false);

        // then
        assertEquals(2, found.tokens().size());
    }

    @Test
    void withoutCredentialsWhenOfferHasPairAndKubernetesTokenThenOnlyApplicationProtocolsRemain() {
        // when
        List<String> offered = BearerTokens.withoutCredentials(List.of("chat.v1", "bearer", JWT,
                "base64url.bearer.authorization.k8s.io.abc", "chat.v2"));

        // then
        assertEquals(List.of("chat.v1", "chat.v2"), offered);
    }

    @Test
    void offersMarkerWhenMarkerHasATokenAfterItThenTrue() {
        assertTrue(BearerTokens.offersMarker(List.of("bearer", JWT)));
        assertFalse(BearerTokens.offersMarker(List.of(JWT, "bearer")));
        assertFalse(BearerTokens.offersMarker(List.of("Bearer", JWT)));
        assertFalse(BearerTokens.offersMarker(List.of()));
    }

    @Test
    void fromAuthorizationWhenNullThenNull() {
        assertNull(BearerTokens.fromAuthorization(null));
    }
}
