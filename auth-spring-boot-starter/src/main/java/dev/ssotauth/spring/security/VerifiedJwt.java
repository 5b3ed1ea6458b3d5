package dev.ssotauth.spring.security;

import dev.ssotauth.core.UserContext;

import java.util.Map;
import java.util.Objects;

import org.springframework.security.oauth2.jwt.Jwt;

/**
 * A {@link Jwt} that the {@link dev.ssotauth.core.JwtAuthority} accepted, with the {@link UserContext}
 * it verified: its roles (from the configured claim paths) and scopes, which Spring's claims alone do
 * not say. Immutable.
 */
public final class VerifiedJwt extends Jwt {

    private static final long serialVersionUID = 1L;

    /** Not serialised: a verified user is not restored from bytes. */
    private final transient UserContext user;

    /**
     * @param token   the token
     * @param headers its JOSE header
     * @param claims  its claims, times as {@link java.time.Instant}s
     * @param user    the verified user
     */
    VerifiedJwt(String token, Map<String, Object> headers, Map<String, Object> claims, UserContext user) {
        super(token, user.issuedAt(), user.expiresAt(), headers, claims);
        this.user = Objects.requireNonNull(user, "user");
    }

    /**
     * The user the authority verified.
     *
     * @return the user
     */
    public UserContext user() {
        return user;
    }
}
