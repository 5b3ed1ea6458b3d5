package dev.ssotauth.spring.security;

import dev.ssotauth.core.AuthUnavailableException;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;

/**
 * Answers 503 when the authority could not decide about a request's token, wherever the exception
 * surfaced (Spring Security rethrows it as an {@code AuthenticationServiceException}, a controller may
 * let it through): {@code 503 {"error":"temporarily_unavailable"}} with {@code Retry-After: 1} and
 * {@code Cache-Control: no-store}, never 401 (the token may be valid) or 500. Runs before Spring
 * Security's filters. Stateless.
 */
public final class AuthUnavailableFilter implements Filter, Ordered {

    /** Before Spring Security's filter chain (-100) and anything that might turn the error into a page. */
    public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

    private static final Logger log = LoggerFactory.getLogger(AuthUnavailableFilter.class);
    private static final byte[] BODY = "{\"error\":\"temporarily_unavailable\"}".getBytes(StandardCharsets.US_ASCII);

    /** Created by the auto-configuration. */
    public AuthUnavailableFilter() {
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        try {
            chain.doFilter(request, response);
        } catch (IOException | ServletException | RuntimeException e) {
            if (!unavailable(e) || !(response instanceof HttpServletResponse http) || http.isCommitted()) {
                throw e;
            }
            log.warn("the authority cannot decide about a request's token ({}): answered 503",
                    AuthUnavailableException.class.getSimpleName());
            http.reset();
            http.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            http.setHeader("Retry-After", "1");
            http.setHeader("Cache-Control", "no-store");
            http.setContentType("application/json");
            http.setContentLength(BODY.length);
            http.getOutputStream().write(BODY);
        }
    }

    /** Whether {@code e} or one of its causes is the authority's "cannot decide". */
    static boolean unavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof AuthUnavailableException || t instanceof AuthorityUnavailableJwtException) {
                return true;
            }
        }
        return false;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
