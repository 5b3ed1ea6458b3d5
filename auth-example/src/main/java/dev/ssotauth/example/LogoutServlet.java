package dev.ssotauth.example;

import dev.ssotauth.core.AuthUnavailableException;
import dev.ssotauth.core.JwtAuthority;
import dev.ssotauth.core.UserContext;
import dev.ssotauth.servlet.JwtAuthFilter;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /logout} (this login session: every token with the caller's {@code sid}, or the token
 * itself when it has none) and {@code POST /logout-all} (every token the caller's subject was issued
 * up to now), behind {@link JwtAuthFilter}. Revocations go to the authority's revocation store
 * ({@link RevocationSetup}): with the in-memory store they hold in this process only; with Redis
 * ({@code --redis} / {@code REDIS_URL}) on every process that shares it, whose open sockets of the
 * revoked tokens the adapter then closes with 1008. A store that cannot record the revocation (Redis
 * down) answers 503, never a logout that holds on one process only.
 */
final class LogoutServlet extends HttpServlet {

    /** What a logout revokes. */
    enum Scope {
        SESSION, SUBJECT
    }

    private static final long serialVersionUID = 1L;
    private static final Logger log = LoggerFactory.getLogger(LogoutServlet.class);

    private final transient JwtAuthority authority;
    private final Scope scope;

    LogoutServlet(JwtAuthority authority, Scope scope) {
        this.authority = authority;
        this.scope = scope;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!"POST".equals(request.getMethod())) {
            HttpJson.methodNotAllowed(response, "POST");
            return;
        }
        UserContext user = (UserContext) request.getAttribute(JwtAuthFilter.USER_CONTEXT_ATTRIBUTE);
        String revoked;
        try {
            if (scope == Scope.SUBJECT) {
                authority.revokeSubject(user.subject());
                revoked = "subject";
            } else if (user.sessionId().isPresent()) {
                authority.revokeSession(user.sessionId().get());
                revoked = "session";
            } else {
                authority.revoke(user);
                revoked = "token";
            }
        } catch (IllegalArgumentException e) {
            HttpJson.error(response, HttpServletResponse.SC_BAD_REQUEST, "invalid_request",
                    "this token has neither a session nor an id to revoke; use /logout-all");
            return;
        } catch (AuthUnavailableException | IllegalStateException e) {
            log.warn("logout not recorded: the revocation store refused it ({})", e.getClass().getSimpleName());
            HttpJson.error(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "temporarily_unavailable",
                    "the logout cannot be recorded right now; try again");
            return;
        }
        log.debug("logout: one {} revoked", revoked);
        HttpJson.send(response, HttpServletResponse.SC_OK,
                Json.object().put("status", "logged_out").put("revoked", revoked).toString());
    }
}
