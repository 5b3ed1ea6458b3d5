package dev.ssotauth.example;

import static dev.ssotauth.example.Clients.ask;
import static dev.ssotauth.example.Clients.chat;
import static dev.ssotauth.example.Clients.handshakeStatus;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ssotauth.core.JwtAuthority;
import dev.ssotauth.core.TokenRequest;
import dev.ssotauth.testkit.JwksTestServer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Key-set faults against the running service: a {@code --role chat} process verifying through
 * {@code JWT_JWKS_URI} pointed at a loopback {@link JwksTestServer} this test controls, with short
 * cache settings from the single configuration source ({@code JWT_JWKS_CACHE_TTL},
 * {@code JWT_JWKS_MIN_REFRESH_INTERVAL}, {@code JWT_JWKS_OUTAGE_TOLERANCE}). Verification degrades
 * exactly as documented — cached keys, then 503 for HTTP and the handshake, 1011 for an in-band
 * re-authentication — never accepts a bad token, follows a rotation and recovers without a restart.
 *
 * <p>The service runs in its own process on the real clock, so time is not injected here: each step
 * waits for the event it needs (a fetch reaching the key server, a status, traffic in a phase), and a
 * step that must come after a cache TTL waits until that TTL has surely passed since the last moment
 * the source could still answer well, which no slowness can make too early.
 */
final class KeySetFaultIT {

    private static final String ISSUER = AuthoritySetup.DEFAULT_ISSUER;
    private static final String AUDIENCE = AuthoritySetup.DEFAULT_AUDIENCE;
    /** Counts read from the service's {@code GET /metrics}. */
    private static final String FETCHES = "ssot_auth_keyset_fetches_total";
    private static final String REJECTED = "ssot_auth_authentications_total{outcome=\"rejected\",reason=\"";
    private static final Duration CACHE_TTL = Duration.ofSeconds(2);
    private static final Duration OUTAGE_TOLERANCE = Duration.ofSeconds(3);
    private static final Duration RECOVERY = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private final SecureRandom random = new SecureRandom();

    /** An authority that signs with one fresh P-256 key named {@code kid}, as a login service would. */
    private JwtAuthority signer(String kid) throws Exception {
        return signer(kid, java.time.Clock.systemUTC());
    }

    private JwtAuthority signer(String kid, java.time.Clock clock) throws Exception {
        Path keys = Files.writeString(dir.resolve("signing-" + kid + "-" + System.nanoTime() + ".json"),
                AuthoritySetup.signingKeySet(kid, random));
        return JwtAuthority.builder().signingKeys(keys).issuer(ISSUER).audience(AUDIENCE).clock(clock)
                .tokenTtl(Duration.ofMinutes(10)).build();
    }

    /** The public JWK Set holding the keys of every signer, in order. */
    private static String publicSet(JwtAuthority... signers) throws Exception {
        List<Object> keys = new ArrayList<>();
        for (JwtAuthority signer : signers) {
            keys.addAll((List<?>) ApiClient.parse(signer.publicJwks()).get("keys"));
        }
        return HttpJson.write(Map.of("keys", keys));
    }

    private static String token(JwtAuthority signer, String subject) {
        return signer.issue(TokenRequest.forSubject(subject).build());
    }

    private static ServiceProcess chatProcess(JwksTestServer jwks) throws Exception {
        return chatProcess(jwks, OUTAGE_TOLERANCE);
    }

    private static ServiceProcess chatProcess(JwksTestServer jwks, Duration outageTolerance) throws Exception {
        return ServiceProcess.start(Map.of(
                "JWT_JWKS_URI", jwks.uri().toString(),
                "JWT_ISSUER", ISSUER,
                "JWT_AUDIENCE", AUDIENCE,
                "JWT_JWKS_CACHE_TTL", CACHE_TTL.toSeconds() + "s",
                "JWT_JWKS_MIN_REFRESH_INTERVAL", "1s",
                "JWT_JWKS_OUTAGE_TOLERANCE", outageTolerance.toSeconds() + "s"), "--role", "chat");
    }

    private static int me(ApiClient client, String token) throws Exception {
        return client.get("/api/me", token).status();
    }

    /**
     * Polls {@code status} until a request for the key set reaches {@code jwks} after {@code notBeforeNanos}
     * ({@link System#nanoTime()}); the status of that last poll. The positive signal that the service has
     * asked the source again, so what the source answers now is what the service works with.
     */
    private static int awaitFetch(JwksTestServer jwks, Supplier<Integer> status, long notBeforeNanos)
            throws InterruptedException {
        long deadline = Math.max(System.nanoTime(), notBeforeNanos) + RECOVERY.toNanos();
        int fetches = -1;
        while (true) {
            if (fetches < 0 && System.nanoTime() - notBeforeNanos >= 0) {
                fetches = jwks.requests();
            }
            int last = status.get();
            if (fetches >= 0 && jwks.requests() > fetches) {
                return last;
            }
            assertTrue(System.nanoTime() < deadline, "the service did not ask the key server again");
            Thread.sleep(100);
        }
    }

    /** Waits until at least {@code count} answers were counted in {@code outcomes} under keys starting {@code prefix}. */
    private static void awaitTraffic(Map<String, LongAdder> outcomes, String prefix, long count)
            throws InterruptedException {
        long deadline = System.nanoTime() + RECOVERY.toNanos();
        while (outcomes.entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
                .mapToLong(e -> e.getValue().sum()).sum() < count) {
            assertTrue(System.nanoTime() < deadline, "fewer than " + count + " answers '" + prefix + "…': " + outcomes);
            Thread.sleep(50);
        }
    }

    /** Polls {@code status} until it is {@code wanted}, within {@code within}; the last status seen. */
    private static int await(Supplier<Integer> status, int wanted, Duration within) throws InterruptedException {
        long end = System.nanoTime() + within.toNanos();
        int last = status.get();
        while (last != wanted && System.nanoTime() < end) {
            Thread.sleep(100);
            last = status.get();
        }
        return last;
    }

    private static Supplier<Integer> meOf(ApiClient client, String token) {
        return () -> {
            try {
                return me(client, token);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
    }

    @Test
    void chatWhenKeySetSourceIsDownAndNothingIsCachedThen503NeverA401OrAnUpgradeThenRecoversWithoutRestart()
            throws Exception {
        // given
        JwtAuthority login = signer("key-a");
        JwtAuthority impostor = signer("key-a"); // another key under the same kid
        try (JwksTestServer jwks = JwksTestServer.start(login.publicJwks())) {
            jwks.refuseConnections();
            try (ServiceProcess chat = chatProcess(jwks)) {
                ApiClient client = chat.client();
                long pid = chat.process().pid();
                String valid = token(login, "alice");
                String forged = token(impostor, "alice");

                // when: refused connections, then 503 answers
                int refusedHttp = me(client, valid);
                int refusedHandshake = handshakeStatus(client, valid, SocketClient.Transport.SUBPROTOCOL);
                int refusedForged = me(client, forged);
                jwks.restore();
                jwks.failWith503();
                int failingHttp = awaitFetch(jwks, meOf(client, valid), System.nanoTime()); // it answers 503 now
                int failingHandshake = handshakeStatus(client, valid, SocketClient.Transport.HEADER);
                int failingForged = handshakeStatus(client, forged, SocketClient.Transport.HEADER);
                int malformed = me(client, "not-a-token");

                // then: cannot decide is 503, for good and bad tokens alike; a malformed one needs no key
                assertAll(
                        () -> assertEquals(503, refusedHttp),
                        () -> assertEquals(503, refusedHandshake),
                        () -> assertEquals(503, refusedForged),
                        () -> assertEquals(503, failingHttp),
                        () -> assertEquals(503, failingHandshake),
                        () -> assertEquals(503, failingForged),
                        () -> assertEquals(401, malformed));

                // and when the source is back: the same process accepts the valid token, refuses the forged one
                jwks.restore();
                assertEquals(200, await(meOf(client, valid), 200, RECOVERY));
                try (SocketClient socket = chat(client, valid, SocketClient.Transport.SUBPROTOCOL)) {
                    assertEquals("alice", ask(socket, "{\"type\":\"whoami\"}", "whoami").get("subject"));
                }
                assertEquals(401, me(client, forged));
                assertEquals(401, handshakeStatus(client, forged, SocketClient.Transport.HEADER));
                assertEquals(pid, chat.process().pid());
                assertTrue(chat.process().isAlive());
                assertFalse(chat.output().contains(Clients.signature(valid)), "a token in the output");
            }
        }
    }

    @Test
    void chatWhenKeysRotateUnderLoadThenNewKeyTokensAreAcceptedWithoutRestartAndNoBadTokenEver() throws Exception {
        // given: key A signs; clients hammer /api/me and the handshake with good and bad tokens meanwhile
        JwtAuthority keyA = signer("key-a");
        JwtAuthority keyB = signer("key-b");
        // (the impostors' tokens were issued a minute ago: a fresh token naming a kid the chat process's
        // set lacks may be signed with a key published since its last fetch, and gets 503 until a fetch
        // after its iat says otherwise; issuer-side freshness is not what this test is about)
        java.time.Clock minuteAgo = java.time.Clock.offset(java.time.Clock.systemUTC(), Duration.ofMinutes(-1));
        JwtAuthority impostorA = signer("key-a", minuteAgo);
        JwtAuthority impostorB = signer("key-b", minuteAgo);
        try (JwksTestServer jwks = JwksTestServer.start(keyA.publicJwks());
             ServiceProcess chat = chatProcess(jwks)) {
            ApiClient client = chat.client();
            long pid = chat.process().pid();
            String aToken = token(keyA, "alice");
            List<String> bad = List.of(token(impostorA, "alice"), token(impostorB, "bob"),
                    tamper(aToken), tamper(token(signer("key-b", minuteAgo), "bob")), "not-a-token");
            assertEquals(200, me(client, aToken));
            SocketClient openOnA = chat(client, aToken, SocketClient.Transport.HEADER);
            AtomicReference<String> phase = new AtomicReference<>("A");
            Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
            ExecutorService load = Executors.newFixedThreadPool(3);
            List<Future<?>> running = new ArrayList<>();
            AtomicBoolean stopLoad = new AtomicBoolean();
            for (int t = 0; t < 3; t++) {
                Random choice = new Random(t);
                boolean handshakes = t == 2;
                running.add(load.submit(() -> {
                    int i = 0;
                    while (!stopLoad.get() && i++ < 100_000) {
                        String current = phase.get();
                        boolean good = choice.nextBoolean();
                        String which = good ? "B".equals(current) || "B only".equals(current) ? "good B" : "good A"
                                : "bad";
                        String token = good ? which.equals("good B") ? token(keyB, "bob") : aToken
                                : bad.get(choice.nextInt(bad.size()));
                        int status = handshakes ? handshakeStatus(client, token, SocketClient.Transport.SUBPROTOCOL)
                                : me(client, token);
                        outcomes.computeIfAbsent(current + " / " + which + " / " + status, k -> new LongAdder())
                                .increment();
                    }
                    return null;
                }));
            }

            // when: after some traffic on A, B is published beside A, B signs (and is used); then A is withdrawn
            int firstB;
            int aAfterWithdrawal;
            long rotatedAt;
            long firstBAt;
            try {
                awaitTraffic(outcomes, "A / ", 30);
                jwks.rotateTo(publicSet(keyB, keyA));
                rotatedAt = System.nanoTime();
                String bToken = token(keyB, "bob");
                firstB = await(meOf(client, bToken), 200, RECOVERY);
                firstBAt = System.nanoTime();
                phase.set("B");
                awaitTraffic(outcomes, "B / good B / ", 10);
                jwks.rotateTo(keyB.publicJwks());
                aAfterWithdrawal = await(meOf(client, aToken), 401, RECOVERY);
                phase.set("B only");
                awaitTraffic(outcomes, "B only / ", 10);
            } finally {
                stopLoad.set(true);
            }
            for (Future<?> future : running) {
                future.get(30, TimeUnit.SECONDS);
            }
            load.shutdown();
            Map<String, Long> seen = new TreeMap<>();
            outcomes.forEach((k, v) -> seen.put(k, v.sum()));
            System.out.println("[key-set rotation] outcomes by phase / token / status: " + seen);
            System.out.printf("[measured] key-set rotation: a token of the new key accepted %d ms after the set "
                    + "holding it was published%n", (firstBAt - rotatedAt) / 1_000_000);

            // then
            assertEquals(200, firstB, "a token of the new key is accepted without a restart");
            assertEquals(401, aAfterWithdrawal, "the withdrawn key's tokens are refused after the cache TTL");
            assertEquals("alice", ask(openOnA, "{\"type\":\"whoami\"}", "whoami").get("subject"),
                    "an open connection verified with A lives on until its own exp");
            openOnA.close();
            assertEquals(pid, chat.process().pid());
            assertAll(seen.entrySet().stream().map(entry -> () -> {
                String[] parts = entry.getKey().split(" / ");
                int status = Integer.parseInt(parts[2]);
                if (parts[1].equals("bad")) {
                    assertTrue(status == 401, "a bad token answered " + entry);
                } else if (parts[0].equals("A") || parts[1].equals("good B")) {
                    assertTrue(status == 200 || status == 101, "a valid token refused: " + entry);
                }
                assertTrue(status != 503 && status != 500, "the source was up: " + entry);
            }));
            assertTrue(seen.keySet().stream().anyMatch(k -> k.startsWith("B / good B / ")), seen.toString());
        }
    }

    @Test
    void chatWhenKeySetSourceAnswersGarbageHugeOrSlowlyAfterAFetchThenCachedKeysServeAndNoBadTokenIsAccepted()
            throws Exception {
        // given: a 30 s outage tolerance, so every fault below falls inside it
        JwtAuthority login = signer("key-a");
        JwtAuthority impostor = signer("key-a");
        try (JwksTestServer jwks = JwksTestServer.start(login.publicJwks());
             ServiceProcess chat = chatProcess(jwks, Duration.ofSeconds(30))) {
            ApiClient client = chat.client();
            long pid = chat.process().pid();
            String valid = token(login, "alice");
            String forged = token(impostor, "alice");
            assertEquals(200, me(client, valid));
            int requestsBefore = jwks.requests();

            // when: each fault in turn, each once the service has asked the source again; the first once the
            // cache TTL has passed since the last good answer could have been given (the 30 s tolerance
            // leaves room for any delay after that)
            long lastGoodAnswer = System.nanoTime();
            jwks.rotateTo("<html>not a key set</html>");
            awaitFetch(jwks, meOf(client, valid), lastGoodAnswer + CACHE_TTL.toNanos());
            List<Integer> garbage = probe(client, valid, forged);
            jwks.rotateTo("{\"keys\":[],\"pad\":\"" + "x".repeat(200_000) + "\"}");
            awaitFetch(jwks, meOf(client, valid), System.nanoTime());
            List<Integer> huge = probe(client, valid, forged);
            jwks.rotateTo(login.publicJwks());
            jwks.delayResponses(Duration.ofSeconds(4)); // beyond the 3 s fetch timeout: each attempt waits 3 s
            awaitFetch(jwks, meOf(client, valid), System.nanoTime());
            List<Integer> slow = List.of(me(client, forged), me(client, valid));
            int fetchesDuringFaults = jwks.requests() - requestsBefore;
            jwks.restore();
            int recovered = awaitFetch(jwks, meOf(client, valid), System.nanoTime());
            Map<String, Double> metrics = chat.metrics();
            double failedFetches = metrics.entrySet().stream().filter(e -> e.getKey().startsWith(
                    "ssot_auth_keyset_fetches_total{") && e.getKey().contains("outcome=\"failure\"")).mapToDouble(
                    Map.Entry::getValue).sum();

            // then
            assertAll(
                    () -> assertTrue(failedFetches >= 3, "failed fetches in /metrics: " + metrics),
                    () -> assertTrue(metrics.get(FETCHES + "{failure=\"invalid\",outcome=\"failure\"}") >= 1),
                    () -> assertTrue(metrics.get(FETCHES + "{failure=\"timeout\",outcome=\"failure\"}") >= 1),
                    () -> assertTrue(metrics.get(REJECTED + "BAD_SIGNATURE\"}") >= 5, "forged tokens: " + metrics),
                    () -> assertEquals(List.of(200, 101, 401, 401), garbage, "garbage: cached keys serve"),
                    () -> assertEquals(List.of(200, 101, 401, 401), huge, "a 200 KB body: cached keys serve"),
                    () -> assertEquals(List.of(401, 200), slow, "a slow source: cached keys serve"),
                    () -> assertTrue(fetchesDuringFaults >= 3, "fetches tried: " + fetchesDuringFaults),
                    () -> assertEquals(200, recovered),
                    () -> assertEquals(pid, chat.process().pid()),
                    () -> assertFalse(chat.output().contains("not a key set"), "the fetched body in the output"),
                    () -> assertFalse(chat.output().contains(Clients.signature(valid)), "a token in the output"));
        }
    }

    @Test
    void chatWhenKeySetSourceStaysDownPastTheOutageToleranceThen503AndReauthClosesWith1011ThenRecovers()
            throws Exception {
        // given: an outage tolerance long enough that the probes just after the cache TTL surely fall inside it
        Duration tolerance = Duration.ofSeconds(6);
        JwtAuthority login = signer("key-a");
        JwtAuthority impostor = signer("key-a");
        try (JwksTestServer jwks = JwksTestServer.start(login.publicJwks());
             ServiceProcess chat = chatProcess(jwks, tolerance)) {
            ApiClient client = chat.client();
            long pid = chat.process().pid();
            String valid = token(login, "alice");
            String forged = token(impostor, "alice");
            assertEquals(200, me(client, valid));
            SocketClient open = chat(client, valid, SocketClient.Transport.HEADER);

            // when: the source fails; once the cache TTL has passed since its last good answer could have been
            // given, and the service has asked it again, cached keys serve; past the tolerance, nothing does
            long lastGoodAnswer = System.nanoTime();
            jwks.failWith503();
            int withinTolerance = awaitFetch(jwks, meOf(client, valid), lastGoodAnswer + CACHE_TTL.toNanos());
            int forgedWithinTolerance = me(client, forged);
            int afterTolerance = await(meOf(client, valid), 503, tolerance.plus(RECOVERY));
            int handshakeAfter = handshakeStatus(client, valid, SocketClient.Transport.SUBPROTOCOL);
            int forgedAfter = me(client, forged);
            String whoamiMeanwhile = (String) ask(open, "{\"type\":\"whoami\"}", "whoami").get("subject");
            open.send(HttpJson.write(Map.of("type", "reauth", "token", token(login, "alice"))));
            int reauthClose = open.closeCode(Clients.STEP);
            Map<String, Double> metrics = chat.metrics();

            // then
            assertAll(
                    () -> assertTrue(metrics.get(FETCHES + "{failure=\"http-status\",outcome=\"failure\"}") >= 1),
                    () -> assertTrue(metrics.get("ssot_auth_authentications_total{outcome=\"unavailable\",reason=\"KEYS\"}")
                            >= 3, "the 503s in /metrics: " + metrics),
                    () -> assertEquals(1, metrics.get("ssot_auth_websocket_closes_total{reason=\"unavailable\"}")),
                    () -> assertEquals(200, withinTolerance, "past the cache TTL, within the tolerance"),
                    () -> assertEquals(401, forgedWithinTolerance),
                    () -> assertEquals(503, afterTolerance, "past the tolerance: cannot decide"),
                    () -> assertEquals(503, handshakeAfter),
                    () -> assertEquals(503, forgedAfter),
                    () -> assertEquals("alice", whoamiMeanwhile, "an open connection needs no key to go on"),
                    () -> assertEquals(1011, reauthClose, "an in-band re-authentication that cannot be decided"));

            // and it recovers without a restart
            jwks.restore();
            assertEquals(200, await(meOf(client, valid), 200, RECOVERY));
            assertEquals(101, handshakeStatus(client, valid, SocketClient.Transport.HEADER));
            assertEquals(401, me(client, forged));
            assertEquals(pid, chat.process().pid());
            assertFalse(chat.output().contains(Clients.signature(valid)), "a token in the output");
        }
    }

    /** Valid over HTTP, valid handshake, forged over HTTP, forged handshake. */
    private static List<Integer> probe(ApiClient client, String valid, String forged) throws Exception {
        return List.of(me(client, valid), handshakeStatus(client, valid, SocketClient.Transport.SUBPROTOCOL),
                me(client, forged), handshakeStatus(client, forged, SocketClient.Transport.HEADER));
    }

    private static String tamper(String token) {
        return token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
    }
}
