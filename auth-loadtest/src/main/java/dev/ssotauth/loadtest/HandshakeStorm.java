package dev.ssotauth.loadtest;

import dev.ssotauth.testkit.TestTokens;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Invalid WebSocket handshakes to {@code /chat} at full speed: each thread sends the next request as
 * soon as the previous one is answered, on raw sockets kept alive between requests (so that
 * the storm measures the service, not the client's TCP set-up). Fifteen kinds in turn — no token,
 * garbage, tampered, swapped payload, {@code alg: none}, expired, not yet valid, wrong audience,
 * wrong issuer, another key, a tampered token in the subprotocol, two tokens, an oversized header,
 * a request that is not HTTP — each with the answer it must get. A {@code 101} is counted and the
 * socket dropped at once.
 *
 * <p>Bounded: each thread stops at {@link #stop()}, at its deadline, or after
 * {@link #MAX_REQUESTS_PER_THREAD} requests, whichever comes first.
 */
final class HandshakeStorm implements AutoCloseable {

    static final long MAX_REQUESTS_PER_THREAD = 20_000_000;
    private static final int TIMEOUT_MILLIS = 15_000;
    private static final int POOL = 16;

    /** A kind of invalid handshake and the status it must get. */
    enum Kind {
        MISSING(401), GARBAGE_TOKEN(401), GARBAGE_TEXT(401), TAMPERED_SIGNATURE(401), SWAPPED_PAYLOAD(401),
        ALG_NONE(401), EXPIRED(401), NOT_YET_VALID(401), WRONG_AUDIENCE(401), WRONG_ISSUER(401), ANOTHER_KEY(401),
        TAMPERED_IN_SUBPROTOCOL(401), TWO_TOKENS(400), OVERSIZED(400), NOT_HTTP(400);

        final int status;

        Kind(int status) {
            this.status = status;
        }

        /** Whether the server ends the connection after answering: the request itself was unreadable. */
        boolean closes() {
            return this == OVERSIZED || this == NOT_HTTP;
        }
    }

    private final String host;
    private final int port;
    private final Map<Kind, List<String>> tokens = new EnumMap<>(Kind.class);
    private final List<Thread> threads = new ArrayList<>();
    private final Map<Kind, LongAdder> sent = new EnumMap<>(Kind.class);
    private final Map<Kind, LongAdder> expected = new EnumMap<>(Kind.class);
    private final Map<String, LongAdder> wrong = new TreeMap<>();
    private final LongAdder upgraded = new LongAdder();
    private final LongAdder resets = new LongAdder();
    private final LongAdder unanswered = new LongAdder();
    private final LongAdder leaks = new LongAdder();
    private final LongAdder connections = new LongAdder();
    private final AtomicLongArray answerNanos = new AtomicLongArray(1);
    private final AtomicLong startedNanos = new AtomicLong();
    private final AtomicLong stoppedNanos = new AtomicLong();
    private volatile boolean stopped;

    /**
     * @param host   the service's host (plain HTTP)
     * @param port   the service's port
     * @param tokens makes the invalid tokens; its issuer and audience are the service's, and its secret
     *               too when the run knows it (else every forged token also has an unknown signature)
     * @param victim a subject whose valid token's payload is pasted under another signature
     */
    HandshakeStorm(String host, int port, TestTokens tokens, String victim) {
        this.host = host;
        this.port = port;
        Random random = new Random(7);
        for (Kind kind : Kind.values()) {
            sent.put(kind, new LongAdder());
            expected.put(kind, new LongAdder());
            List<String> pool = new ArrayList<>();
            for (int i = 0; i < POOL; i++) {
                String subject = "mallory-" + i;
                pool.add(token(kind, tokens, subject, victim, random));
            }
            this.tokens.put(kind, pool);
        }
    }

    private static String token(Kind kind, TestTokens tokens, String subject, String victim, Random random) {
        switch (kind) {
            case MISSING:
            case NOT_HTTP:
                return "";
            case GARBAGE_TOKEN:
                return base64(random, 20) + "." + base64(random, 60) + "." + base64(random, 32);
            case GARBAGE_TEXT:
                StringBuilder text = new StringBuilder();
                for (int i = 0; i < 40 + random.nextInt(200); i++) {
                    text.append((char) ('!' + random.nextInt('~' - '!' + 1)));
                }
                return text.toString().replace(",", ";");
            case TAMPERED_SIGNATURE:
            case TAMPERED_IN_SUBPROTOCOL:
            case TWO_TOKENS:
                return tokens.tamperedSignature(subject);
            case SWAPPED_PAYLOAD:
                String own = tokens.valid(subject);
                String theirs = tokens.valid(victim);
                return theirs.substring(0, theirs.lastIndexOf('.')) + own.substring(own.lastIndexOf('.'));
            case ALG_NONE:
                return tokens.algNone(subject);
            case EXPIRED:
                return tokens.expired(subject);
            case NOT_YET_VALID:
                return tokens.notYetValid(subject);
            case WRONG_AUDIENCE:
                return tokens.wrongAudience(subject);
            case WRONG_ISSUER:
                return tokens.wrongIssuer(subject);
            case ANOTHER_KEY:
                return tokens.signedWithAnotherKey(subject);
            case OVERSIZED:
                String oversized = tokens.oversized(subject);
                return oversized.length() > 9000 ? oversized : oversized + "A".repeat(9000 - oversized.length());
            default:
                throw new AssertionError(kind);
        }
    }

    private static String base64(Random random, int bytes) {
        byte[] data = new byte[bytes];
        random.nextBytes(data);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(data);
    }

    /** Starts {@code count} threads that run until {@link #stop()} or {@code deadline} from now. */
    void start(int count, Duration deadline) {
        long end = System.nanoTime() + deadline.toNanos();
        startedNanos.set(System.nanoTime());
        for (int i = 0; i < count; i++) {
            int offset = i * 5;
            Thread thread = new Thread(() -> storm(offset, end), "handshake-storm-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    /** Stops the threads and waits for them (a few seconds at most). */
    void stop() {
        stopped = true;
        try {
            for (Thread thread : threads) {
                thread.join(TIMEOUT_MILLIS + 5_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stoppedNanos.compareAndSet(0, System.nanoTime());
    }

    @Override
    public void close() {
        stop();
    }

    /** A kept-alive connection and its buffered input. */
    private record Connection(Socket socket, InputStream in, OutputStream out) {
    }

    private void storm(int offset, long end) {
        Kind[] kinds = Kind.values();
        Connection socket = null;
        long requests = 0;
        byte[] key = ("storm-key-" + offset + "-pad").getBytes(StandardCharsets.US_ASCII);
        String webSocketKey = Base64.getEncoder().encodeToString(Arrays.copyOf(key, 16));
        try {
            while (!stopped && System.nanoTime() < end && requests < MAX_REQUESTS_PER_THREAD) {
                Kind kind = kinds[(int) ((offset + requests) % kinds.length)];
                String token = tokens.get(kind).get((int) (requests / kinds.length % POOL));
                byte[] request = request(kind, token, webSocketKey);
                requests++;
                sent.get(kind).increment();
                boolean fresh = socket == null;
                for (int attempt = 0; attempt < 2; attempt++) {
                    try {
                        if (socket == null) {
                            socket = connect();
                            fresh = true;
                        }
                        long started = System.nanoTime();
                        Answer answer = exchange(socket, request);
                        answerNanos.addAndGet(0, System.nanoTime() - started);
                        record(kind, token, answer);
                        if (answer.close() || answer.status() == 101) {
                            socket = drop(socket);
                        }
                        break;
                    } catch (SocketException e) {
                        socket = drop(socket);
                        if (kind.closes() && e.getMessage() != null
                                && e.getMessage().toLowerCase(Locale.ROOT).contains("reset")) {
                            resets.increment(); // refused before an answer could be read; never upgraded
                            break;
                        }
                        if (fresh || attempt == 1) {
                            unanswered.increment();
                            break;
                        }
                        // a kept-alive connection the server had closed meanwhile: once more on a new one
                    } catch (IOException e) {
                        socket = drop(socket);
                        if (fresh || attempt == 1) {
                            unanswered.increment();
                            break;
                        }
                    }
                }
            }
        } finally {
            drop(socket);
            stoppedNanos.accumulateAndGet(System.nanoTime(), Math::max);
        }
    }

    private Connection connect() throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.setSoLinger(true, 0); // no TIME_WAIT left behind on the client side
            socket.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            connections.increment();
            return new Connection(socket, new BufferedInputStream(socket.getInputStream(), 4096),
                    socket.getOutputStream());
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    private static Connection drop(Connection connection) {
        if (connection != null) {
            try {
                connection.socket().close();
            } catch (IOException e) {
                // gone anyway
            }
        }
        return null;
    }

    private byte[] request(Kind kind, String token, String webSocketKey) {
        if (kind == Kind.NOT_HTTP) {
            return ("\u0016\u0003\u0001 not http at all " + token.length() + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        }
        StringBuilder request = new StringBuilder(256 + token.length())
                .append("GET ").append(LoadRun.CHAT_PATH).append(" HTTP/1.1\r\n")
                .append("Host: ").append(host).append(':').append(port).append("\r\n")
                .append("Upgrade: websocket\r\nConnection: Upgrade\r\n")
                .append("Sec-WebSocket-Key: ").append(webSocketKey).append("\r\n")
                .append("Sec-WebSocket-Version: 13\r\n");
        switch (kind) {
            case MISSING:
                break;
            case TAMPERED_IN_SUBPROTOCOL:
                request.append("Sec-WebSocket-Protocol: bearer, ").append(token).append("\r\n");
                break;
            case TWO_TOKENS:
                request.append("Authorization: Bearer ").append(token).append("\r\n")
                        .append("Sec-WebSocket-Protocol: bearer, ").append(token).append("\r\n");
                break;
            default:
                request.append("Authorization: Bearer ").append(token).append("\r\n");
        }
        return request.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** An HTTP answer: status, whether the server ends the connection, the body. */
    private record Answer(int status, boolean close, String body) {
    }

    private static Answer exchange(Connection connection, byte[] request) throws IOException {
        connection.out().write(request);
        connection.out().flush();
        InputStream in = connection.in();
        String head = readHead(in);
        String[] lines = head.split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP answer");
        }
        int status = Integer.parseInt(statusLine[1]);
        long length = -1;
        boolean close = false;
        boolean chunked = false;
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = lines[i].substring(colon + 1).strip().toLowerCase(Locale.ROOT);
            if (name.equals("content-length")) {
                length = Long.parseLong(value);
            } else if (name.equals("connection") && value.contains("close")) {
                close = true;
            } else if (name.equals("transfer-encoding") && value.contains("chunked")) {
                chunked = true;
            }
        }
        if (status == 101) {
            return new Answer(status, true, "");
        }
        byte[] body;
        if (length >= 0) {
            body = in.readNBytes((int) Math.min(length, 1 << 16));
        } else if (chunked) {
            body = readChunked(in);
        } else {
            body = in.readNBytes(1 << 16);
            close = true;
        }
        return new Answer(status, close, new String(body, StandardCharsets.UTF_8));
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream(512);
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the connection ended before an answer");
            }
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1 : b == '\r' ? 1 : 0;
            if (head.size() > 16 * 1024) {
                throw new IOException("an answer head longer than 16 KiB");
            }
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static byte[] readChunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (body.size() < (1 << 16)) {
            int size = Integer.parseInt(readLine(in).split(";")[0].strip(), 16);
            if (size == 0) {
                while (!readLine(in).isEmpty()) {
                    // trailers
                }
                break;
            }
            body.write(in.readNBytes(size));
            readLine(in);
        }
        return body.toByteArray();
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new IOException("the connection ended inside a chunked body");
            }
            if (b != '\r' && line.length() < 1024) {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    private void record(Kind kind, String token, Answer answer) {
        if (answer.status() == 101) {
            upgraded.increment();
        } else if (answer.status() == kind.status) {
            expected.get(kind).increment();
        } else {
            synchronized (wrong) {
                wrong.computeIfAbsent(kind + " answered " + answer.status(), k -> new LongAdder()).increment();
            }
        }
        if (token.length() > 16 && answer.body().contains(token.substring(token.length() - 16))) {
            leaks.increment();
        }
    }

    /** What the storm did. */
    record Result(long requests, long answeredAsExpected, long upgraded, long resets, long unanswered, long leaks,
            long connections, Map<String, Long> wrongAnswers, Map<Kind, Long> sentByKind, double seconds,
            double meanAnswerMillis) {

        double perSecond() {
            return seconds <= 0 ? 0 : (answeredAsExpected + resets) / seconds;
        }
    }

    /** The invalid handshakes sent so far. */
    long requests() {
        return sent.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** What the storm did, once {@link #stop()} returned. */
    Result result() {
        long requests = sent.values().stream().mapToLong(LongAdder::sum).sum();
        long answered = expected.values().stream().mapToLong(LongAdder::sum).sum();
        Map<String, Long> wrongAnswers = new TreeMap<>();
        synchronized (wrong) {
            wrong.forEach((k, v) -> wrongAnswers.put(k, v.sum()));
        }
        Map<Kind, Long> byKind = new EnumMap<>(Kind.class);
        sent.forEach((k, v) -> byKind.put(k, v.sum()));
        long end = stoppedNanos.get() == 0 ? System.nanoTime() : stoppedNanos.get();
        double seconds = (end - startedNanos.get()) / 1e9;
        long timed = answered + wrongAnswers.values().stream().mapToLong(Long::longValue).sum() + upgraded.sum();
        return new Result(requests, answered, upgraded.sum(), resets.sum(), unanswered.sum(), leaks.sum(),
                connections.sum(), wrongAnswers, byKind, seconds,
                timed == 0 ? 0 : answerNanos.get(0) / 1e6 / timed);
    }
}
