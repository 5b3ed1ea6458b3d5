package dev.ssotauth.spring.security;

import dev.ssotauth.core.AuthUnavailableException;

import org.springframework.security.oauth2.jwt.JwtException;

/**
 * The authority could not decide about a token (a key set out of reach, a revocation store down):
 * not a rejection. {@link AuthUnavailableFilter} answers 503, never 401 or 500.
 */
public final class AuthorityUnavailableJwtException extends JwtException {

    private static final long serialVersionUID = 1L;

    /**
     * @param cause the authority's answer
     */
    public AuthorityUnavailableJwtException(AuthUnavailableException cause) {
        super("the authority cannot decide about the token right now", cause);
    }
}
