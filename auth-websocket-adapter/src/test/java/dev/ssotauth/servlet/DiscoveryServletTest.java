package dev.ssotauth.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ssotauth.core.JwtAuthority;

import java.net.URI;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

final class DiscoveryServletTest {

    private static final JwtAuthority SIGNER = SigningAuthorities.es256("https://login.test");

    @Test
    void constructorWhenHmacSecretThenIllegalArgument() {
        // given
        JwtAuthority hmac = JwtAuthority.builder()
                .hmacSecret("a test secret of more than thirty-two bytes".getBytes(StandardCharsets.UTF_8))
                .issuer("https://login.test").audience("chat").build();

        // when
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
                () -> new DiscoveryServlet(hmac));

        // then
        assertEquals("a discovery document points verifiers at a public key set, and this authority signs with an "
                + "HMAC secret, which is never published; sign with asymmetric keys (JWT_SIGNING_KEYS_FILE / "
                + "signingKeys) to be discoverable", thrown.getMessage());
    }

    @Test
    void constructorWhenAuthorityOnlyVerifiesThenIllegalArgument() {
        // given: nothing is fetched before a token needs it, so the unreachable set is never asked
        try (JwtAuthority verifier = JwtAuthority.builder()
                .jwksUri(URI.create("http://127.0.0.1:9/.well-known/jwks.json"))
                .issuer("https://login.test").audience("chat").build()) {

            // when
            IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
                    () -> new DiscoveryServlet(verifier, URI.create("https://login.test/.well-known/jwks.json")));

            // then
            assertEquals("a discovery document is published by the issuer of tokens; this authority only verifies "
                    + "them", thrown.getMessage());
        }
    }

    @Test
    void constructorWhenJwksUriNotAbsoluteHttpThenIllegalArgument() {
        for (String jwksUri : new String[] {"/.well-known/jwks.json", "ftp://login.test/jwks.json", "https:jwks"}) {
            // when
            IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
                    () -> new DiscoveryServlet(SIGNER, URI.create(jwksUri)));

            // then
            assertEquals("jwksUri must be an absolute http or https URI with a host; got " + jwksUri,
                    thrown.getMessage());
        }
    }

    @Test
    void constructorWhenArgumentNullThenNullPointer() {
        // when
        NullPointerException authority = assertThrows(NullPointerException.class, () -> new DiscoveryServlet(null));
        NullPointerException jwksUri = assertThrows(NullPointerException.class,
                () -> new DiscoveryServlet(SIGNER, null));

        // then
        assertEquals("authority", authority.getMessage());
        assertEquals("jwksUri", jwksUri.getMessage());
    }

    @Test
    void toStringWhenCalledThenIssuerAndWhereTheKeySetIs() {
        // when
        String fromRequest = new DiscoveryServlet(SIGNER).toString();
        String given = new DiscoveryServlet(SIGNER, URI.create("https://login.test/.well-known/jwks.json")).toString();

        // then
        assertEquals("DiscoveryServlet[issuer=https://login.test, jwks_uri=this application's "
                + "/.well-known/jwks.json]", fromRequest);
        assertEquals("DiscoveryServlet[issuer=https://login.test, jwks_uri=https://login.test/.well-known/jwks.json]",
                given);
    }
}
