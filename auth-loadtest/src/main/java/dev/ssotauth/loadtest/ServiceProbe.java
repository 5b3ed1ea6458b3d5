package dev.ssotauth.loadtest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the service's own numbers: {@code GET /admin/stats} and {@code GET /metrics}. Both are
 * loopback-only, and {@code /admin/stats} is off by default: each read is empty when the service does
 * not answer it with 200. Thread-safe.
 */
final class ServiceProbe {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT).build();

    /** @param base the service's {@code http://host:port} */
    ServiceProbe(URI base) {
        this.base = base;
    }

    /**
     * {@code GET /admin/stats}, or empty when the service does not serve it to this client.
     *
     * @throws IllegalArgumentException if it answers 200 with something else than the statistics
     */
    Optional<AdminStats> adminStats() throws InterruptedException {
        return get("/admin/stats").map(AdminStats::parse);
    }

    /**
     * {@code GET /metrics}, parsed, or empty when the service does not serve it to this client.
     *
     * @throws IllegalArgumentException if it answers 200 with something else than Prometheus text
     */
    Optional<Map<String, Double>> metrics() throws InterruptedException {
        return get("/metrics").map(PrometheusText::parse);
    }

    private Optional<String> get(String path) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT).GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? Optional.of(response.body()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
