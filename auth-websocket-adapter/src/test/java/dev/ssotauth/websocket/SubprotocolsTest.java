package dev.ssotauth.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

final class SubprotocolsTest {

    private static final String JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln";

    /** The container default's rule: the first offered protocol the endpoint supports. */
    private static String firstSupported(List<String> supported, List<String> offered) {
        return offered.stream().filter(supported::contains).findFirst().orElse("");
    }

    @Test
    void negotiateWhenOnlyTheBearerPairIsOfferedThenExactlyBearer() {
        assertEquals("bearer", Subprotocols.negotiate(List.of(), List.of("bearer", JWT),
                SubprotocolsTest::firstSupported));
    }

    @Test
    void negotiateWhenAnApplicationProtocolMatchesThenItWins() {
        assertEquals("chat.v1", Subprotocols.negotiate(List.of("chat.v2", "chat.v1"),
                List.of("bearer", JWT, "chat.v1"), SubprotocolsTest::firstSupported));
    }

    @Test
    void negotiateWhenTheApplicationSupportsATokenLikeValueThenTheTokenIsStillNeverChosen() {
        // given an endpoint that (absurdly) lists the token itself
        List<String> supported = List.of(JWT, "base64url.bearer.authorization.k8s.io.abc");

        // when
        String chosen = Subprotocols.negotiate(supported, List.of("bearer", JWT,
                "base64url.bearer.authorization.k8s.io.abc"), SubprotocolsTest::firstSupported);

        // then
        assertEquals("bearer", chosen);
    }

    @Test
    void negotiateWhenOnlyAKubernetesTokenIsOfferedThenNone() {
        assertEquals("", Subprotocols.negotiate(List.of(), List.of("base64url.bearer.authorization.k8s.io.abc"),
                SubprotocolsTest::firstSupported));
    }

    @Test
    void negotiateWhenTheContainerGaveOneCommaSeparatedValueThenItIsSplit() {
        assertEquals("bearer", Subprotocols.negotiate(List.of(), List.of("bearer, " + JWT),
                SubprotocolsTest::firstSupported));
    }
}
