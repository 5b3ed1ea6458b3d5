package dev.ssotauth.example;

import dev.ssotauth.core.AuthUnavailableException;
import dev.ssotauth.core.JwtAuthority;
import dev.ssotauth.core.TokenRequest;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /login} with {@code {"username":…,"password":…}}: 200
 * {@code {"access_token":…,"token_type":"Bearer","expires_in":…}} for a right password, with a fresh
 * session id ({@code sid}) per login, which {@code POST /logout} revokes; 401
 * {@code {"error":"invalid_credentials",…}} and no token otherwise. Nothing about the user or the
 * password is logged.
 */
final class LoginServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger log = LoggerFactory.getLogger(LoginServlet.class);

    private final transient JwtAuthority authority;
    private final transient Users users;
    private final transient SecureRandom random = new SecureRandom();

    LoginServlet(JwtAuthority authority, Users users) {
        this.authority = authority;
        this.users = users;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!"POST".equals(request.getMethod())) {
            HttpJson.methodNotAllowed(response, "POST");
            return;
        }
        Map<String, Object> body;
        try {
            body = HttpJson.readObject(request);
        } catch (HttpJson.BadRequestException e) {
            HttpJson.error(response, e.status, e.error, e.getMessage());
            return;
        }
        Object username = body.get("username");
        Object password = body.get("password");
        if (!(username instanceof String) || !(password instanceof String)) {
            HttpJson.error(response, HttpServletResponse.SC_BAD_REQUEST, "invalid_request",
                    "send {\"username\":\"...\",\"password\":\"...\"}");
            return;
        }
        Optional<List<String>> roles = users.authenticate((String) username, (String) password);
        if (roles.isEmpty()) {
            log.debug("login refused: wrong user name or password");
            HttpJson.error(response, HttpServletResponse.SC_UNAUTHORIZED, "invalid_credentials",
                    "wrong user name or password");
            return;
        }
        String token;
        try {
            token = authority.issue(TokenRequest.forSubject((String) username)
                    .roles(roles.get().toArray(new String[0])).sessionId(newSessionId()).build());
        } catch (AuthUnavailableException e) {
            HttpJson.error(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "temporarily_unavailable",
                    "tokens cannot be issued right now");
            return;
        }
        response.setHeader("Pragma", "no-cache");
        HttpJson.send(response, HttpServletResponse.SC_OK, Json.object().put("access_token", token)
                .put("token_type", "Bearer").put("expires_in", authority.tokenTtl().toSeconds()).toString());
    }

    private String newSessionId() {
        byte[] id = new byte[16];
        random.nextBytes(id);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(id);
    }
}
