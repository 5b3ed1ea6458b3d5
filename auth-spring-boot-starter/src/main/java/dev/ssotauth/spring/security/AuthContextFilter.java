package dev.ssotauth.spring.security;

import dev.ssotauth.core.AuthContext;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;

import java.io.IOException;

import org.springframework.core.Ordered;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Makes the verified user of a request {@link AuthContext#current()} for the rest of it (controllers,
 * services, the executors {@link AuthContext#wrap} wraps): runs after Spring Security's filters, and
 * binds the user of a {@link JwtAuthenticationToken} whose token is a {@link VerifiedJwt}; unbinds it
 * when the request ends. Stateless.
 */
public final class AuthContextFilter implements Filter, Ordered {

    /** After Spring Security's filter chain, which runs at -100. */
    public static final int ORDER = 0;

    /** Created by the auto-configuration. */
    public AuthContextFilter() {
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (!(authentication instanceof JwtAuthenticationToken token && token.getToken() instanceof VerifiedJwt jwt)) {
            chain.doFilter(request, response);
            return;
        }
        try {
            AuthContext.callAs(jwt.user(), () -> {
                chain.doFilter(request, response);
                return null;
            });
        } catch (IOException | ServletException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
