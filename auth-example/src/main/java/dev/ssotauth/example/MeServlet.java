package dev.ssotauth.example;

import dev.ssotauth.core.UserContext;
import dev.ssotauth.servlet.JwtAuthFilter;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.List;
import java.util.TreeSet;

/**
 * {@code GET /api/me}, behind {@link JwtAuthFilter}: the caller's verified {@link UserContext} as
 * JSON — {@code subject}, {@code roles}, {@code sessionId} (when the token has one), {@code issuer},
 * {@code audience}, {@code issuedAt}, {@code expiresAt}.
 */
final class MeServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
            HttpJson.methodNotAllowed(response, "GET, HEAD");
            return;
        }
        UserContext user = (UserContext) request.getAttribute(JwtAuthFilter.USER_CONTEXT_ATTRIBUTE);
        HttpJson.send(response, HttpServletResponse.SC_OK, describe(user));
    }

    /** The user as JSON; roles and audiences sorted. */
    static String describe(UserContext user) {
        Json.ObjectWriter json = Json.object().put("subject", user.subject())
                .put("roles", List.copyOf(new TreeSet<>(user.roles())));
        user.sessionId().ifPresent(sid -> json.put("sessionId", sid));
        return json.put("issuer", user.issuer())
                .put("audience", List.copyOf(new TreeSet<>(user.audience())))
                .put("issuedAt", user.issuedAt().toString())
                .put("expiresAt", user.expiresAt().toString())
                .toString();
    }
}
