package dev.ssotauth.example;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /metrics}: the authority's and the WebSocket adapter's meters ({@code auth-micrometer}'s
 * {@code ssot.auth.*}) in Prometheus's text format, to loopback clients only (others get 403), as
 * {@link AdminStatsServlet}. Tags are categories only: no user, token, session or address. Thread-safe.
 */
final class MetricsServlet extends HttpServlet {

    static final String PATH = "/metrics";

    private static final long serialVersionUID = 1L;

    private final transient PrometheusMeterRegistry registry;

    MetricsServlet(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!AdminStatsServlet.isLoopback(request.getRemoteAddr())) {
            HttpJson.error(response, HttpServletResponse.SC_FORBIDDEN, "forbidden",
                    "metrics are served to loopback clients only");
            return;
        }
        if (!"GET".equals(request.getMethod())) {
            HttpJson.methodNotAllowed(response, "GET");
            return;
        }
        byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("text/plain; version=0.0.4; charset=utf-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
