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
 * Tomcat's error report as JSON {@code {"error":…,"message":…}}: a fixed phrase per status, never a stack
 * trace, an exception message or the server's version. Tomcat creates it by class name, hence public.
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
        String refused = "the request was refused";
        String failed = "the server could not answer this request";
        Map<String, String> body = switch (status) {
            case 400 -> Map.of("error", "invalid_request", "message", "the request cannot be understood");
            case 401 -> Map.of("error", "unauthorized", "message", refused);
            case 403 -> Map.of("error", "forbidden", "message", refused);
            case 404 -> Map.of("error", "not_found", "message", "no such resource");
            case 405 -> Map.of("error", "method_not_allowed", "message", "this resource does not take this method");
            case 413 -> Map.of("error", "request_too_large", "message", "the request is too large");
            case 503 -> Map.of("error", "temporarily_unavailable", "message", failed);
            default -> Map.of("error", status >= 500 ? "server_error" : "http_" + status,
                    "message", status >= 500 ? failed : refused);
        };
        try {
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            response.setHeader("Cache-Control", "no-store");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(HttpJson.write(body));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone, or the response was committed meanwhile: nothing more to say
        }
    }
}
