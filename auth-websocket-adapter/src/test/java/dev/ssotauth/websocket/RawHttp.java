package dev.ssotauth.websocket;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A minimal HTTP/1.1 client over a plain socket, for what the JDK clients hide: the exact status of a
 * refused WebSocket handshake, every header line, the body of an error, and requests with repeated
 * header lines. Reads the head; for a 101 stops there, otherwise reads the body.
 */
final class RawHttp {

    static final String WEBSOCKET_KEY = "dGhlIHNhbXBsZSBub25jZQ==";

    private RawHttp() {
    }

    /** A response: status, headers by lower-case name, body. */
    record Response(int status, Map<String, List<String>> headers, String body) {
        String header(String name) {
            List<String> values = headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
            return values.isEmpty() ? null : values.get(0);
        }

        List<String> headers(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
        }
    }

    /** A WebSocket upgrade request for {@code path} with {@code extraHeaders} ("Name: value" lines). */
    static Response upgrade(TestServer server, String path, String... extraHeaders) throws IOException {
        List<String> lines = new ArrayList<>(List.of("Upgrade: websocket", "Connection: Upgrade",
                "Sec-WebSocket-Key: " + WEBSOCKET_KEY, "Sec-WebSocket-Version: 13"));
        lines.addAll(List.of(extraHeaders));
        return get(server, path, lines);
    }

    /** A plain GET with {@code extraHeaders}; the connection is closed after the response. */
    static Response plain(TestServer server, String path, String... extraHeaders) throws IOException {
        List<String> lines = new ArrayList<>(List.of("Connection: close"));
        lines.addAll(List.of(extraHeaders));
        return get(server, path, lines);
    }

    private static Response get(TestServer server, String path, List<String> headerLines) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 10_000);
            socket.setSoTimeout(15_000);
            StringBuilder request = new StringBuilder();
            request.append("GET ").append(path).append(" HTTP/1.1\r\n");
            request.append("Host: 127.0.0.1:").append(server.port()).append("\r\n");
            for (String line : headerLines) {
                request.append(line).append("\r\n");
            }
            request.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String statusLine = readLine(in);
            int status = Integer.parseInt(statusLine.split(" ")[1]);
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
                int colon = line.indexOf(':');
                headers.computeIfAbsent(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                        .add(line.substring(colon + 1).strip());
            }
            if (status == 101) {
                return new Response(status, headers, "");
            }
            return new Response(status, headers, body(in, headers));
        }
    }

    private static String body(InputStream in, Map<String, List<String>> headers) throws IOException {
        List<String> length = headers.get("content-length");
        List<String> encoding = headers.get("transfer-encoding");
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (encoding != null && encoding.get(0).toLowerCase(Locale.ROOT).contains("chunked")) {
            for (int size = Integer.parseInt(readLine(in).split(";")[0].strip(), 16); size > 0;
                    size = Integer.parseInt(readLine(in).split(";")[0].strip(), 16)) {
                body.write(in.readNBytes(size));
                readLine(in);
            }
        } else if (length != null) {
            body.write(in.readNBytes(Integer.parseInt(length.get(0))));
        } else {
            body.write(in.readAllBytes());
        }
        return body.toString(StandardCharsets.UTF_8);
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed in the middle of a line: " + line);
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }
}
