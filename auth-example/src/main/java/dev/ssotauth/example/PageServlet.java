package dev.ssotauth.example;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/** The servlet at {@code /}: the chat page, its script and style; a JSON 404 (through {@link HttpJson.ErrorValve}). */
final class PageServlet extends HttpServlet {

    /** The page may talk to its own origin only, run only its own script, and be framed by no one. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static final long serialVersionUID = 1L;
    private static final Map<String, String> PAGE = Map.of("/", "index.html", "/index.html", "index.html",
            "/chat.js", "chat.js", "/chat.css", "chat.css");
    private static final Map<String, String> TYPES = Map.of("html", "text/html;charset=UTF-8",
            "js", "text/javascript;charset=UTF-8", "css", "text/css;charset=UTF-8");

    private final boolean chats;

    /** @param chats whether this process chats, so serves the page */
    PageServlet(boolean chats) {
        this.chats = chats;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        if (chats && PAGE.containsKey(request.getServletPath())) {
            super.service(request, response); // GET and HEAD; 405 for other methods
        } else {
            response.sendError(404); // any method
        }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String name = PAGE.get(request.getServletPath());
        response.setContentType(TYPES.get(name.substring(name.indexOf('.') + 1)));
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        try (InputStream in = PageServlet.class.getResourceAsStream(name)) {
            in.transferTo(response.getOutputStream());
        }
    }
}
