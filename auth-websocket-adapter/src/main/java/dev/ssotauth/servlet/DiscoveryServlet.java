package dev.ssotauth.servlet;

import dev.ssotauth.core.JwtAuthority;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;

/**
 * Publishes an issuing authority's discovery document (OpenID Connect Discovery 1.0, RFC 8414), so
 * that verifiers given only its URL ({@code JWT_ISSUER_URI} / {@code JwtAuthority.Builder.issuerUri})
 * find its key set: {@code {"issuer":"<authority.issuer()>","jwks_uri":"<base>/.well-known/jwks.json"}}.
 * Map it at {@link #PATH}, beside a {@link JwksServlet}:
 *
 * <pre>{@code
 * servletContext.addServlet("jwks", new JwksServlet(authority)).addMapping(JwksServlet.PATH);
 * servletContext.addServlet("discovery", new DiscoveryServlet(authority)).addMapping(DiscoveryServlet.PATH);
 * }</pre>
 *
 * <p>A verifier fetches {@code <issuer>/.well-known/openid-configuration} and requires the document's
 * {@code issuer} to be, character for character, the URL it was given; so the authority's issuer
 * ({@code JWT_ISSUER}) must be the URL at which verifiers reach this application (https in production;
 * no trailing slash unless theirs has one). For an issuer with a path, such as
 * {@code https://login.example/auth}, deploy the application at that context path. The document
 * holds no key and no secret.
 *
 * <p>{@code jwks_uri}: with {@link #DiscoveryServlet(JwtAuthority)}, the request's own scheme, host,
 * port and context path followed by {@link JwksServlet#PATH} — right when verifiers reach the
 * container directly. Behind a reverse proxy or a TLS terminator the request names the inner hop
 * (http, an internal host or port), so pass the public URI of the key set:
 * {@link #DiscoveryServlet(JwtAuthority, URI)}.
 *
 * <p>{@code GET} (and {@code HEAD}) answer 200 with {@code application/json} and {@code Cache-Control:
 * no-store}: a verifier reads the document when it starts, and one built from the request's
 * {@code Host} must not be shared by a cache between hosts. Other methods answer 405.
 *
 * <p>Immutable and thread-safe.
 */
public final class DiscoveryServlet extends HttpServlet {

    /** Where OpenID Connect Discovery looks for the document: {@code /.well-known/openid-configuration}. */
    public static final String PATH = "/.well-known/openid-configuration";

    private static final long serialVersionUID = 1L;

    private final String issuer;
    /** {@code null}: built from each request. */
    private final URI jwksUri;

    /**
     * A servlet publishing {@code authority}'s issuer, with the key set at this application's own
     * {@link JwksServlet#PATH} as each request reaches it.
     *
     * @param authority an authority that issues tokens with asymmetric keys
     * @throws NullPointerException     if {@code authority} is {@code null}
     * @throws IllegalArgumentException if it only verifies tokens, or signs with an HMAC secret (which
     *                                  cannot be published, so nothing could be discovered)
     */
    public DiscoveryServlet(JwtAuthority authority) {
        this.issuer = publishableIssuer(authority);
        this.jwksUri = null;
    }

    /**
     * A servlet publishing {@code authority}'s issuer with the key set at {@code jwksUri}: the public
     * URI of this application's {@link JwksServlet}, for a service behind a reverse proxy.
     *
     * @param authority an authority that issues tokens with asymmetric keys
     * @param jwksUri   where verifiers fetch the key set: an absolute http or https URI
     * @throws NullPointerException     if an argument is {@code null}
     * @throws IllegalArgumentException if the authority only verifies tokens or signs with an HMAC
     *                                  secret, or {@code jwksUri} is not an absolute http or https URI
     *                                  with a host
     */
    public DiscoveryServlet(JwtAuthority authority, URI jwksUri) {
        this.issuer = publishableIssuer(authority);
        Objects.requireNonNull(jwksUri, "jwksUri");
        String scheme = jwksUri.getScheme() == null ? "" : jwksUri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http")) || jwksUri.getHost() == null) {
            throw new IllegalArgumentException("jwksUri must be an absolute http or https URI with a host; got "
                    + jwksUri);
        }
        this.jwksUri = jwksUri;
    }

    private static String publishableIssuer(JwtAuthority authority) {
        Objects.requireNonNull(authority, "authority");
        if (!authority.canIssue()) {
            throw new IllegalArgumentException("a discovery document is published by the issuer of tokens; this "
                    + "authority only verifies them");
        }
        // Every JWK has a "kty" member (RFC 7517 §4.1); an HMAC secret's authority publishes {"keys":[]}.
        if (!authority.publicJwks().contains("\"kty\"")) {
            throw new IllegalArgumentException("a discovery document points verifiers at a public key set, and this "
                    + "authority signs with an HMAC secret, which is never published; sign with asymmetric keys "
                    + "(JWT_SIGNING_KEYS_FILE / signingKeys) to be discoverable");
        }
        return authority.issuer();
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        byte[] body = ("{\"issuer\":" + jsonString(issuer) + ",\"jwks_uri\":" + jsonString(jwksUri(request)) + "}")
                .getBytes(StandardCharsets.UTF_8);
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("application/json");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private String jwksUri(HttpServletRequest request) {
        if (jwksUri != null) {
            return jwksUri.toString();
        }
        String scheme = request.getScheme();
        int port = request.getServerPort();
        boolean defaultPort = (port == 80 && "http".equals(scheme)) || (port == 443 && "https".equals(scheme));
        String host = request.getServerName();
        if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
            host = "[" + host + "]"; // an IPv6 literal
        }
        return scheme + "://" + host + (defaultPort ? "" : ":" + port) + request.getContextPath() + JwksServlet.PATH;
    }

    /** {@code text} as a JSON string literal (RFC 8259 §7). */
    private static String jsonString(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    /**
     * A safe description: the published issuer and where the key set is said to be.
     *
     * @return the description
     */
    @Override
    public String toString() {
        return "DiscoveryServlet[issuer=" + issuer + ", jwks_uri=" + (jwksUri == null ? "this application's "
                + JwksServlet.PATH : jwksUri) + "]";
    }
}
