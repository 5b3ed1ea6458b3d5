package dev.ssotauth.servlet;

import dev.ssotauth.core.AuthUnavailableException;
import dev.ssotauth.core.JwtAuthority;
import dev.ssotauth.websocket.internal.HttpChallenges;
import dev.ssotauth.websocket.internal.ProcessAuthority;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes an authority's public JWK Set (RFC 7517), the document that verify-only nodes read
 * through {@code JWT_JWKS_URI} / {@code JwtAuthority.Builder.jwksUri}. Map it at {@link #PATH}:
 *
 * <pre>{@code
 * servletContext.addServlet("jwks", new JwksServlet(authority)).addMapping(JwksServlet.PATH);
 * }</pre>
 *
 * <p>{@code GET} (and {@code HEAD}) answer 200 with {@link JwtAuthority#publicJwks()} as
 * {@value #CONTENT_TYPE} and {@code Cache-Control: public, max-age=N}, where N defaults to core's
 * remote key set cache lifetime ({@link JwtAuthority#DEFAULT_JWKS_CACHE_TTL}), so that HTTP caches
 * keep the set no longer than verifying nodes do. The document holds public keys only: never a
 * private member, and nothing for an HMAC secret (such an authority publishes an empty set). When the
 * authority cannot produce its set ({@link AuthUnavailableException}, for a set it fetches itself),
 * the answer is 503 with {@code {"error":"temporarily_unavailable"}} and {@code Cache-Control:
 * no-store}, and the exception's text is neither sent nor logged.
 *
 * <p>Immutable and thread-safe; {@link #withMaxAge(Duration)} returns a configured copy.
 */
public final class JwksServlet extends HttpServlet {

    /** Where the set is conventionally published: {@code /.well-known/jwks.json}. */
    public static final String PATH = "/.well-known/jwks.json";

    /** The media type of a JWK Set (RFC 7517 §8.5.1): {@code application/jwk-set+json}. */
    public static final String CONTENT_TYPE = "application/jwk-set+json";

    private static final long serialVersionUID = 1L;

    private static final Logger log = LoggerFactory.getLogger(JwksServlet.class);
    /** As long as a verifier uses a fetched set by default (JWT_JWKS_CACHE_TTL, 5 minutes). */
    private static final long DEFAULT_MAX_AGE_SECONDS = 300;

    private final transient JwtAuthority authority;
    private final long maxAgeSeconds;

    /**
     * A servlet publishing {@code authority}'s public keys, cacheable for 5 minutes: the default
     * freshness a verifier gives a fetched set ({@code JWT_JWKS_CACHE_TTL}).
     *
     * @param authority the authority whose public JWK Set is published
     * @throws NullPointerException if {@code authority} is {@code null}
     */
    public JwksServlet(JwtAuthority authority) {
        this(Objects.requireNonNull(authority, "authority"), DEFAULT_MAX_AGE_SECONDS);
    }

    /**
     * For containers that create the servlet themselves ({@code web.xml}, {@code @WebServlet}):
     * publishes the process's authority from the single configuration source
     * ({@link JwtAuthority#fromEnvironment()}, built once per process).
     *
     * @throws dev.ssotauth.core.AuthConfigurationException when the configuration is refused
     */
    public JwksServlet() {
        this(ProcessAuthority.get(), DEFAULT_MAX_AGE_SECONDS);
    }

    private JwksServlet(JwtAuthority authority, long maxAgeSeconds) {
        this.authority = authority;
        this.maxAgeSeconds = maxAgeSeconds;
    }

    /**
     * A copy that lets HTTP caches keep the set for {@code maxAge} (whole seconds) instead of the
     * default. Keep it no longer than the cache lifetime of the verifying nodes, or a rotated key
     * reaches them late.
     *
     * @param maxAge between zero and one day
     * @return the configured copy
     * @throws NullPointerException     if {@code maxAge} is {@code null}
     * @throws IllegalArgumentException if it is negative or longer than one day
     */
    public JwksServlet withMaxAge(Duration maxAge) {
        Objects.requireNonNull(maxAge, "maxAge");
        if (maxAge.isNegative() || maxAge.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException("maxAge must be between 0 and 1 day; got " + maxAge);
        }
        return new JwksServlet(authority, maxAge.toSeconds());
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String jwks;
        try {
            jwks = authority.publicJwks();
        } catch (AuthUnavailableException e) {
            log.warn("JWK Set not published: the authority cannot produce it now ({}); answered 503",
                    e.getClass().getSimpleName());
            HttpChallenges.unavailable(response);
            return;
        }
        byte[] body = jwks.getBytes(StandardCharsets.UTF_8);
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(CONTENT_TYPE);
        response.setHeader("Cache-Control", "public, max-age=" + maxAgeSeconds);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /**
     * A safe description: the cache lifetime and the authority's fingerprint.
     *
     * @return the description
     */
    @Override
    public String toString() {
        return "JwksServlet[max-age=" + maxAgeSeconds + ", authority " + authority + "]";
    }
}
