package dev.ssotauth.websocket.internal;

import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The HTTP answers of the filters: RFC 6750 §3 challenges and the 403 / 503 cases. Bodies are fixed
 * JSON: they never contain a token, a claim, a rejection message or exception text. Stateless.
 */
public final class HttpChallenges {

    /** The authentication scheme. */
    public static final String SCHEME = "Bearer";

    private HttpChallenges() {
    }

    /**
     * Answers a request that did not authenticate, by the outcome of its decision: 401 without or
     * with {@code error="invalid_token"}, 400 for several tokens, 503 when the authority cannot decide.
     *
     * @param decision the decision
     * @param response the response
     * @return {@code true} when an answer was written (the request stops here); {@code false} for an
     *         authenticated request
     * @throws IOException if writing fails
     */
    public static boolean refuse(Decision decision, HttpServletResponse response) throws IOException {
        // A switch expression: a new outcome breaks the build here instead of slipping through.
        return switch (decision.outcome()) {
            case MISSING -> {
                missingToken(response);
                yield true;
            }
            case SEVERAL -> {
                invalidRequest(response);
                yield true;
            }
            case REJECTED -> {
                invalidToken(response);
                yield true;
            }
            case UNAVAILABLE -> {
                unavailable(response);
                yield true;
            }
            case AUTHENTICATED -> false;
        };
    }

    /**
     * 401 for a request without a token: {@code WWW-Authenticate: Bearer}, no error code
     * (RFC 6750 §3.1: a request that lacks authentication gets none).
     *
     * @param response the response
     * @throws IOException if writing fails
     */
    public static void missingToken(HttpServletResponse response) throws IOException {
        write(response, HttpServletResponse.SC_UNAUTHORIZED, SCHEME, "unauthorized");
    }

    /**
     * 401 for a token that was refused: {@code WWW-Authenticate: Bearer error="invalid_token"}.
     *
     * @param response the response
     * @throws IOException if writing fails
     */
    public static void invalidToken(HttpServletResponse response) throws IOException {
        write(response, HttpServletResponse.SC_UNAUTHORIZED, SCHEME + " error=\"invalid_token\"", "invalid_token");
    }

    /**
     * 400 for a request with more than one token: {@code WWW-Authenticate: Bearer
     * error="invalid_request"}.
     *
     * @param response the response
     * @throws IOException if writing fails
     */
    public static void invalidRequest(HttpServletResponse response) throws IOException {
        write(response, HttpServletResponse.SC_BAD_REQUEST, SCHEME + " error=\"invalid_request\"",
                "invalid_request");
    }

    /**
     * 503 when the authority cannot decide; never a 401.
     *
     * @param response the response
     * @throws IOException if writing fails
     */
    public static void unavailable(HttpServletResponse response) throws IOException {
        write(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, null, "temporarily_unavailable");
    }

    /**
     * 403 for a WebSocket handshake from an origin that is not allowed.
     *
     * @param response the response
     * @throws IOException if writing fails
     */
    public static void forbiddenOrigin(HttpServletResponse response) throws IOException {
        write(response, HttpServletResponse.SC_FORBIDDEN, null, "origin_not_allowed");
    }

    /**
     * 500 for a filter whose options do not fit together.
     *
     * @param response the response
     * @throws IOException if writing fails
     */
    public static void misconfigured(HttpServletResponse response) throws IOException {
        write(response, HttpServletResponse.SC_INTERNAL_SERVER_ERROR, null, "server_error");
    }

    private static void write(HttpServletResponse response, int status, String challenge, String error)
            throws IOException {
        response.resetBuffer();
        response.setStatus(status);
        if (challenge != null) {
            response.setHeader("WWW-Authenticate", challenge);
        }
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("application/json");
        byte[] body = ("{\"error\":\"" + error + "\"}").getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
    }
}
