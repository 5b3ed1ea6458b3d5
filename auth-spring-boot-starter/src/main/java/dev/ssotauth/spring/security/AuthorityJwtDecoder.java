package dev.ssotauth.spring.security;

import dev.ssotauth.core.AuthResult;
import dev.ssotauth.core.AuthUnavailableException;
import dev.ssotauth.core.JwtAuthority;
import dev.ssotauth.core.TokenHeader;
import dev.ssotauth.core.UserContext;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Spring Security's {@link JwtDecoder}, backed by the {@link JwtAuthority}: every token Spring
 * Security sees is decided by the one authority, with its keys, issuer, audience and rules. A
 * rejected token is a {@link BadJwtException} whose message is the stable reason (never the token or
 * a claim value), which Spring answers with 401 and {@code WWW-Authenticate: Bearer
 * error="invalid_token"}. When the authority cannot decide ({@link AuthUnavailableException}), the
 * answer is {@link AuthorityUnavailableJwtException}, which {@link AuthUnavailableFilter} turns into
 * 503. Thread-safe.
 */
public final class AuthorityJwtDecoder implements JwtDecoder {

    private final JwtAuthority authority;

    /**
     * @param authority the one authority
     */
    public AuthorityJwtDecoder(JwtAuthority authority) {
        this.authority = Objects.requireNonNull(authority, "authority");
    }

    /**
     * Verifies {@code token} with the authority.
     *
     * @param token the compact JWS
     * @return a {@link VerifiedJwt}
     * @throws BadJwtException                   when the authority rejects it
     * @throws AuthorityUnavailableJwtException  when the authority cannot decide
     */
    @Override
    public VerifiedJwt decode(String token) throws JwtException {
        AuthResult result;
        try {
            result = authority.authenticate(token);
        } catch (AuthUnavailableException e) {
            throw new AuthorityUnavailableJwtException(e);
        }
        if (result instanceof AuthResult.Authenticated accepted) {
            UserContext user = accepted.user();
            Map<String, Object> header = TokenHeader.of(token).orElseGet(() -> Map.of("alg", "unknown"));
            return new VerifiedJwt(token, header, claims(user), user);
        }
        AuthResult.Rejected rejected = (AuthResult.Rejected) result;
        throw new BadJwtException(rejected.reason() + ": " + rejected.message());
    }

    /** The claims as Spring's {@code Jwt} holds them: times as instants, the audience as a list. */
    private static Map<String, Object> claims(UserContext user) {
        Map<String, Object> claims = new LinkedHashMap<>(user.claims());
        claims.put("iss", user.issuer());
        claims.put("sub", user.subject());
        claims.put("aud", List.copyOf(user.audience()));
        claims.put("iat", user.issuedAt());
        claims.put("exp", user.expiresAt());
        user.notBefore().ifPresent(nbf -> claims.put("nbf", nbf));
        user.tokenId().ifPresent(jti -> claims.put("jti", jti));
        user.sessionId().ifPresent(sid -> claims.put("sid", sid));
        return claims;
    }
}
