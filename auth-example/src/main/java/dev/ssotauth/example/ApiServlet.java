package dev.ssotauth.example;

import com.fasterxml.jackson.databind.JsonNode;

import dev.ssotauth.core.AuthUnavailableException;
import dev.ssotauth.core.JwtAuthority;
import dev.ssotauth.core.TokenRequest;
import dev.ssotauth.core.UserContext;
import dev.ssotauth.servlet.JwtAuthFilter;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JSON API: {@code POST /login} issues a token with a fresh session id; behind {@link JwtAuthFilter},
 * {@code GET /api/me} shows the caller's {@link UserContext}, {@code POST /logout} revokes this login session
 * and {@code POST /logout-all} every token of the subject so far. Nothing about a user or token is logged.
 */
final class ApiServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger log = LoggerFactory.getLogger(ApiServlet.class);

    private final transient JwtAuthority authority;

    ApiServlet(JwtAuthority authority) {
        this.authority = authority;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getServletPath();
        boolean get = path.equals("/api/me");
        if (!request.getMethod().equals(get ? "GET" : "POST") && !(get && request.getMethod().equals("HEAD"))) {
            String allowed = get ? "GET, HEAD" : "POST";
            response.setHeader("Allow", allowed);
            HttpJson.error(response, 405, "method_not_allowed", "this resource takes " + allowed);
            return;
        }
        if (path.equals("/login")) {
            login(request, response);
            return;
        }
        UserContext user = (UserContext) request.getAttribute(JwtAuthFilter.USER_CONTEXT_ATTRIBUTE);
        if (get) {
            Map<String, Object> me = new TreeMap<>(Map.of("subject", user.subject(), "issuer", user.issuer(),
                    "roles", new TreeSet<>(user.roles()), "audience", new TreeSet<>(user.audience()),
                    "issuedAt", user.issuedAt().toString(), "expiresAt", user.expiresAt().toString()));
            user.sessionId().ifPresent(sid -> me.put("sessionId", sid));
            HttpJson.send(response, 200, me);
        } else {
            logout(user, path.equals("/logout-all"), response);
        }
    }

    private void login(HttpServletRequest request, HttpServletResponse response) throws IOException {
        JsonNode body = HttpJson.readObject(request, response);
        if (body == null) {
            return;
        }
        String username = body.path("username").textValue();
        String password = body.path("password").textValue();
        if (username == null || password == null) {
            HttpJson.error(response, 400, "invalid_request", "send {\"username\":\"...\",\"password\":\"...\"}");
            return;
        }
        Optional<List<String>> roles = Users.authenticate(username, password);
        if (roles.isEmpty()) {
            HttpJson.error(response, 401, "invalid_credentials", "wrong user name or password");
            return;
        }
        try {
            String token = authority.issue(TokenRequest.forSubject(username).roles(roles.get().toArray(new String[0]))
                    .sessionId(UUID.randomUUID().toString()).build()); // a fresh login session
            response.setHeader("Pragma", "no-cache");
            HttpJson.send(response, 200, Map.of("access_token", token, "token_type", "Bearer",
                    "expires_in", authority.tokenTtl().toSeconds()));
        } catch (AuthUnavailableException e) {
            HttpJson.error(response, 503, "temporarily_unavailable", "tokens cannot be issued right now");
        }
    }

    private void logout(UserContext user, boolean everySession, HttpServletResponse response) throws IOException {
        String revoked = everySession ? "subject" : user.sessionId().isPresent() ? "session" : "token";
        try {
            switch (revoked) {
                case "subject" -> authority.revokeSubject(user.subject());
                case "session" -> authority.revokeSession(user.sessionId().orElseThrow());
                default -> authority.revoke(user);
            }
        } catch (IllegalArgumentException e) {
            HttpJson.error(response, 400, "invalid_request",
                    "this token has neither a session nor an id to revoke; use /logout-all");
            return;
        } catch (AuthUnavailableException | IllegalStateException e) {
            log.warn("logout not recorded: the revocation store refused it ({})", e.getClass().getSimpleName());
            HttpJson.error(response, 503, "temporarily_unavailable", "the logout cannot be recorded right now");
            return;
        }
        HttpJson.send(response, 200, Map.of("status", "logged_out", "revoked", revoked));
    }
}
