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
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JSON API. Nothing about a user, a password or a token is logged.
 *
 * <ul>
 * <li>{@code POST /login} with {@code {"username":…,"password":…}}: 200
 *     {@code {"access_token":…,"expires_in":…,"token_type":"Bearer"}} with a fresh session id
 *     ({@code sid}) per login; 401 {@code {"error":"invalid_credentials",…}} and no token otherwise.</li>
 * <li>{@code GET /api/me}, behind {@link JwtAuthFilter} as the next two: the caller's verified
 *     {@link UserContext} ({@code subject}, {@code roles}, {@code sessionId} when the token has one,
 *     {@code issuer}, {@code audience}, {@code issuedAt}, {@code expiresAt}).</li>
 * <li>{@code POST /logout}: revokes this login session (the token itself when it has none);
 *     {@code POST /logout-all}: every token the caller's subject was issued up to now. Revocations go to
 *     the authority's store ({@link RevocationSetup}); with Redis every process that shares it refuses
 *     them and closes their sockets. A store that cannot record it answers 503.</li>
 * </ul>
 */
final class ApiServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger log = LoggerFactory.getLogger(ApiServlet.class);

    private final transient JwtAuthority authority;
    private final transient Users users;
    private final transient SecureRandom random = new SecureRandom();

    /** @param users who may log in; {@code null} when this process does not serve /login */
    ApiServlet(JwtAuthority authority, Users users) {
        this.authority = authority;
        this.users = users;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getServletPath();
        boolean get = path.equals("/api/me");
        if (!request.getMethod().equals(get ? "GET" : "POST") && !(get && request.getMethod().equals("HEAD"))) {
            HttpJson.methodNotAllowed(response, get ? "GET, HEAD" : "POST");
        } else if (path.equals("/login")) {
            login(request, response);
        } else {
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
        Optional<List<String>> roles = users.authenticate(username, password);
        if (roles.isEmpty()) {
            HttpJson.error(response, 401, "invalid_credentials", "wrong user name or password");
            return;
        }
        byte[] sessionId = new byte[16];
        random.nextBytes(sessionId);
        try {
            String token = authority.issue(TokenRequest.forSubject(username).roles(roles.get().toArray(new String[0]))
                    .sessionId(Base64.getUrlEncoder().withoutPadding().encodeToString(sessionId)).build());
            response.setHeader("Pragma", "no-cache");
            HttpJson.send(response, 200, Map.of("access_token", token, "token_type", "Bearer",
                    "expires_in", authority.tokenTtl().toSeconds()));
        } catch (AuthUnavailableException e) {
            HttpJson.error(response, 503, "temporarily_unavailable", "tokens cannot be issued right now");
        }
    }

    private void logout(UserContext user, boolean everySession, HttpServletResponse response) throws IOException {
        String revoked;
        try {
            if (everySession) {
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
            HttpJson.error(response, 400, "invalid_request",
                    "this token has neither a session nor an id to revoke; use /logout-all");
            return;
        } catch (AuthUnavailableException | IllegalStateException e) {
            log.warn("logout not recorded: the revocation store refused it ({})", e.getClass().getSimpleName());
            HttpJson.error(response, 503, "temporarily_unavailable", "the logout cannot be recorded right now; try "
                    + "again");
            return;
        }
        HttpJson.send(response, 200, Map.of("status", "logged_out", "revoked", revoked));
    }
}
