package dev.ssotauth.example;

import java.io.IOException;
import java.io.Writer;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

/**
 * Tomcat's error report, as JSON: an error the container answers itself (an exception out of a
 * servlet, a {@code sendError}) gets {@code {"error":…,"message":…}} with a fixed phrase for the
 * status, never a stack trace, an exception message or the server's version. Tomcat creates it by
 * class name, hence public.
 */
public final class JsonErrorValve extends ErrorReportValve {

    /** Created by Tomcat. */
    public JsonErrorValve() {
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (status < 400 || response.getContentWritten() > 0 || !ioAllowed.get()) {
            return;
        }
        String error = switch (status) {
            case 400 -> "invalid_request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 413 -> "request_too_large";
            case 503 -> "temporarily_unavailable";
            default -> status >= 500 ? "server_error" : "http_" + status;
        };
        String message = switch (status) {
            case 400 -> "the request cannot be understood";
            case 404 -> "no such resource";
            case 405 -> "this resource does not take this method";
            case 413 -> "the request is too large";
            default -> status >= 500 ? "the server could not answer this request" : "the request was refused";
        };
        try {
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            response.setHeader("Cache-Control", "no-store");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(HttpJson.write(Map.of("error", error, "message", message)));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone, or the response was committed meanwhile: nothing more to say
        }
    }
}
