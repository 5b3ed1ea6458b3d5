package dev.ssotauth.example;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The servlet at {@code /}: the chat page, its script and style (when this process chats), a JSON 426
 * for a plain request to the WebSocket path, and a JSON 404 for everything else.
 */
final class PageServlet extends HttpServlet {

    /** The page may talk to its own origin only, run only its own script, and be framed by no one. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static final long serialVersionUID = 1L;

    private record Asset(String contentType, byte[] bytes) {
    }

    private final transient Map<String, Asset> assets;
    private final boolean chats;

    /** @param chats whether this process chats: serves the page and has the WebSocket path */
    PageServlet(boolean chats) {
        this.chats = chats;
        Asset html = chats ? asset("index.html", "text/html;charset=UTF-8") : null;
        this.assets = !chats ? Map.of() : Map.of("/", html, "/index.html", html,
                "/chat.js", asset("chat.js", "text/javascript;charset=UTF-8"),
                "/chat.css", asset("chat.css", "text/css;charset=UTF-8"));
    }

    private static Asset asset(String name, String contentType) {
        try (InputStream in = PageServlet.class.getResourceAsStream(name)) {
            return new Asset(contentType, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        Asset asset = assets.get(path.isEmpty() ? "/" : path);
        if (asset == null && chats && path.equals(ChatRoom.PATH)) {
            response.setHeader("Upgrade", "websocket");
            HttpJson.error(response, 426, "upgrade_required",
                    "this is a WebSocket endpoint: open it with a WebSocket client and a bearer token");
        } else if (asset == null) {
            HttpJson.error(response, 404, "not_found", "no such resource");
        } else if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
            HttpJson.methodNotAllowed(response, "GET, HEAD");
        } else {
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
}
