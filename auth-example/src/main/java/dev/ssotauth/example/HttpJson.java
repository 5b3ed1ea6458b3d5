package dev.ssotauth.example;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/** JSON answers, and JSON request bodies read within bounds. Stateless. */
final class HttpJson {

    /** The largest request body read. */
    static final int MAX_BODY_BYTES = 4096;

    private HttpJson() {
    }

    /** A request body that cannot be used; the answer to send is in the fields. */
    static final class BadRequestException extends Exception {
        private static final long serialVersionUID = 1L;

        final int status;
        final String error;

        BadRequestException(int status, String error, String message) {
            super(message);
            this.status = status;
            this.error = error;
        }
    }

    /** Writes {@code json} with {@code status}; never cached, never sniffed. */
    static void send(HttpServletResponse response, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        response.resetBuffer();
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** Writes {@code {"error":error,"message":message}}; the message is a fixed phrase, never input. */
    static void error(HttpServletResponse response, int status, String error, String message) throws IOException {
        send(response, status, Json.object().put("error", error).put("message", message).toString());
    }

    /** Answers 405 for a method the resource does not take. */
    static void methodNotAllowed(HttpServletResponse response, String allowed) throws IOException {
        response.setHeader("Allow", allowed);
        error(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED, "method_not_allowed",
                "this resource takes " + allowed);
    }

    /**
     * Reads a JSON request body of at most {@value #MAX_BODY_BYTES} bytes, strictly UTF-8.
     *
     * @throws BadRequestException 415 for another content type, 413 for a larger body, 400 for one that
     *                             is not UTF-8 or not a JSON object
     */
    static Map<String, Object> readObject(HttpServletRequest request) throws IOException,
            BadRequestException {
        String type = request.getContentType();
        String mediaType = type == null ? "" : type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!mediaType.equals("application/json")) {
            throw new BadRequestException(HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type",
                    "send the body as application/json");
        }
        if (request.getContentLengthLong() > MAX_BODY_BYTES) {
            throw new BadRequestException(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "request_too_large",
                    "the body is larger than " + MAX_BODY_BYTES + " bytes");
        }
        byte[] bytes;
        try (InputStream in = request.getInputStream()) {
            bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (bytes.length > MAX_BODY_BYTES) {
            throw new BadRequestException(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "request_too_large",
                    "the body is larger than " + MAX_BODY_BYTES + " bytes");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new BadRequestException(HttpServletResponse.SC_BAD_REQUEST, "invalid_request",
                    "the body is not UTF-8");
        }
        try {
            return Json.parseObject(text);
        } catch (Json.MalformedException e) {
            throw new BadRequestException(HttpServletResponse.SC_BAD_REQUEST, "invalid_request",
                    "the body is not a JSON object");
        }
    }
}
