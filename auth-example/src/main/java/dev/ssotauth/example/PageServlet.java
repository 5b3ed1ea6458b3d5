package dev.ssotauth.example;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The servlet at {@code /}: the chat page and its script and style (when this process chats), a JSON
 * 426 for a plain request to the WebSocket path, and a JSON 404 for everything else. Embedded Tomcat
 * needs some servlet mapped at {@code /} for filters on unmapped paths to run at all.
 */
final class PageServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /**
     * The page may talk to its own origin only (fetch and WebSocket), run only its own script, and be
     * framed by no one.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private record Asset(String contentType, byte[] bytes) {
    }

    private final transient Map<String, Asset> assets;
    private final String webSocketPath;

    /**
     * @param page          whether to serve the chat page
     * @param webSocketPath the chat endpoint's path, or {@code null} when this process has none
     */
    PageServlet(boolean page, String webSocketPath) {
        this.webSocketPath = webSocketPath;
        if (!page) {
            this.assets = Map.of();
            return;
        }
        Asset html = asset("index.html", "text/html;charset=UTF-8");
        this.assets = Map.of("/", html, "/index.html", html,
                "/chat.js", asset("chat.js", "text/javascript;charset=UTF-8"),
                "/chat.css", asset("chat.css", "text/css;charset=UTF-8"));
    }

    private static Asset asset(String name, String contentType) {
        try (InputStream in = PageServlet.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the resource " + name + " is missing from the jar");
            }
            return new Asset(contentType, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        if (path.isEmpty()) {
            path = "/";
        }
        Asset asset = assets.get(path);
        if (asset == null) {
            if (path.equals(webSocketPath)) {
                response.setHeader("Upgrade", "websocket");
                HttpJson.error(response, 426, "upgrade_required",
                        "this is a WebSocket endpoint: open it with a WebSocket client and a bearer token");
                return;
            }
            HttpJson.error(response, HttpServletResponse.SC_NOT_FOUND, "not_found", "no such resource");
            return;
        }
        if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
            HttpJson.methodNotAllowed(response, "GET, HEAD");
            return;
        }
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(asset.contentType());
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.setContentLength(asset.bytes().length);
        if ("GET".equals(request.getMethod())) {
            response.getOutputStream().write(asset.bytes());
        }
    }
}
