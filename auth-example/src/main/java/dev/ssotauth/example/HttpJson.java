package dev.ssotauth.example;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

/** JSON through Jackson: answers (also the container's), request bodies read within bounds, chat messages. */
final class HttpJson {

    static final int MAX_BODY_BYTES = 4096;

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
    /** Refuses a duplicate member or anything after the value. */
    static final ObjectReader READER = MAPPER.reader();
    static final ObjectWriter WRITER = MAPPER.writer();

    private HttpJson() {
    }

    /** {@code value} as JSON text. */
    static String write(Object value) {
        try {
            return WRITER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code text} when it is a JSON object; otherwise a missing node (every member of it missing too). */
    static JsonNode readObject(String text) {
        return readObject(text.getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode readObject(byte[] utf8) {
        try {
            JsonNode node = READER.readTree(utf8); // refuses bytes that are not UTF-8
            return node != null && node.isObject() ? node : MissingNode.getInstance();
        } catch (IOException e) {
            return MissingNode.getInstance();
        }
    }

    /** Writes {@code body} as JSON with {@code status}; never cached, never sniffed. */
    static void send(HttpServletResponse response, int status, Object body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.getOutputStream().write(WRITER.writeValueAsBytes(body));
    }

    /** Writes {@code {"error":error,"message":message}}; the message is a fixed phrase, never input. */
    static void error(HttpServletResponse response, int status, String error, String message) throws IOException {
        send(response, status, Map.of("error", error, "message", message));
    }

    /**
     * Reads a JSON object body of at most {@value #MAX_BODY_BYTES} bytes in UTF-8; otherwise answers 415
     * (another content type), 413 (larger) or 400 (not a JSON object in UTF-8) and returns {@code null}.
     */
    static JsonNode readObject(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String type = request.getContentType();
        if (type == null || !type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT).equals("application/json")) {
            error(response, 415, "unsupported_media_type", "send the body as application/json");
            return null;
        }
        byte[] bytes = request.getInputStream().readNBytes(MAX_BODY_BYTES + 1);
        JsonNode body = bytes.length > MAX_BODY_BYTES ? null : readObject(bytes);
        if (body == null) {
            error(response, 413, "request_too_large", "the body is larger than " + MAX_BODY_BYTES + " bytes");
        } else if (body.isMissingNode()) {
            error(response, 400, "invalid_request", "the body is not a JSON object in UTF-8");
        }
        return body == null || body.isMissingNode() ? null : body;
    }

    /**
     * Tomcat's error report as JSON {@code {"error":…,"message":…}}: a fixed phrase per status, never a stack
     * trace, an exception message or the server's version. Tomcat creates it by class name, hence public.
     */
    public static final class ErrorValve extends ErrorReportValve {

        /** Created by Tomcat. */
        public ErrorValve() {
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
}
