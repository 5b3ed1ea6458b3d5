package dev.ssotauth.revocation.redis;

import static dev.ssotauth.revocation.redis.Cluster.EVENTUALLY;
import static dev.ssotauth.revocation.redis.Cluster.within;
import static dev.ssotauth.revocation.redis.Node.ACCEPTED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.ssotauth.core.Revocation;
import dev.ssotauth.core.TokenRequest;
import dev.ssotauth.core.UserContext;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.async.RedisAsyncCommands;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Several nodes on one real Redis, each with its own connections: a revocation written once is seen
 * everywhere, by nodes running and nodes started later; listeners hear each revocation once; Redis
 * forgets entries when their tokens expire; and {@code isRevoked} never asks Redis.
 */
final class PropagationIT {

    private final Cluster cluster = new Cluster();

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void revokeWhenTwoNodesThenTheOtherNodeRejects() {
        // given
        Node a = cluster.node();
        Node b = cluster.node();
        List<Long> latencies = new ArrayList<>();

        for (int i = 0; i < 20; i++) {
            String token = cluster.token(a);
            assertEquals(ACCEPTED, b.outcome(token));
            UserContext user = a.authority.verify(token);

            // when
            long start = System.nanoTime();
            a.authority.revoke(user);

            // then
            within(EVENTUALLY, "node B rejecting a token revoked on node A", () -> "REVOKED".equals(b.outcome(token)));
            latencies.add((System.nanoTime() - start) / 1_000);
        }
        Collections.sort(latencies);
        System.out.printf("[measured] revoke on A until B rejects: median %d us, max %d us (20 revocations)%n",
                latencies.get(latencies.size() / 2), latencies.get(latencies.size() - 1));
    }

    @Test
    void revokeSessionAndSubjectWhenOnOneNodeThenEveryNodeRejectsTheirTokens() {
        // given
        Node a = cluster.node();
        Node b = cluster.node();
        Node c = cluster.node();
        String subject = cluster.subject();
        String session = cluster.session();
        String inSession = cluster.token(a, cluster.subject(), session);
        String ofSubject = cluster.token(b, subject, cluster.session());
        String unrelated = cluster.token(c);

        // when
        b.authority.revokeSession(session);
        c.authority.revokeSubject(subject);

        // then
        for (Node node : List.of(a, b, c)) {
            within(EVENTUALLY, "every node rejecting the revoked session's token",
                    () -> "REVOKED".equals(node.outcome(inSession)));
            within(EVENTUALLY, "every node rejecting the revoked subject's token",
                    () -> "REVOKED".equals(node.outcome(ofSubject)));
            assertEquals(ACCEPTED, node.outcome(unrelated));
        }
    }

    @Test
    void buildWhenRevocationsWereMadeBeforeThenANodeStartedLaterRejectsThemAll() {
        // given: more entries than one SCAN page holds
        Node a = cluster.node();
        List<String> revoked = new ArrayList<>();
        for (int i = 0; i < 2_500; i++) {
            String token = cluster.token(a);
            a.authority.revoke(a.authority.verify(token));
            revoked.add(token);
        }
        String session = cluster.session();
        String inSession = cluster.token(a, cluster.subject(), session);
        a.authority.revokeSession(session);
        String subject = cluster.subject();
        String ofSubject = cluster.token(a, subject, cluster.session());
        a.authority.revokeSubject(subject);
        String valid = cluster.token(a);

        // when
        long start = System.nanoTime();
        Node late = cluster.node();
        long startMillis = (System.nanoTime() - start) / 1_000_000;

        // then
        for (String token : revoked) {
            assertEquals("REVOKED", late.outcome(token));
        }
        assertEquals("REVOKED", late.outcome(inSession));
        assertEquals("REVOKED", late.outcome(ofSubject));
        assertEquals(ACCEPTED, late.outcome(valid));
        System.out.printf("[measured] a node started after 2,502 revocations: build (connect, subscribe, SCAN) %d ms%n",
                startMillis);
    }

    @Test
    void buildWhenHundredThousandEntriesInRedisThenTheNewNodeLoadsThemAll() throws Exception {
        // given: 100,000 entries written straight into Redis in the documented layout, one of them a real token's
        Node writer = cluster.node();
        String token = cluster.token(writer);
        String tokenId = writer.authority.verify(token).tokenId().orElseThrow();
        long expiresAt = Instant.now().plusSeconds(600).toEpochMilli();
        RedisAsyncCommands<String, String> redis = cluster.inspectAsync();
        List<RedisFuture<String>> writes = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            String jti = i == 50_000 ? tokenId : "bulk-" + i;
            writes.add(redis.set(RedisRevocationStore.DEFAULT_KEY_PREFIX + ":entry:T:" + jti, Long.toString(expiresAt),
                    SetArgs.Builder.pxAt(expiresAt)));
        }
        for (RedisFuture<String> write : writes) {
            assertEquals("OK", write.get(20, TimeUnit.SECONDS));
        }

        // when
        long start = System.nanoTime();
        Node late = cluster.node();
        long startMillis = (System.nanoTime() - start) / 1_000_000;

        // then
        assertEquals("REVOKED", late.outcome(token));
        assertEquals(ACCEPTED, late.outcome(cluster.token(late)));
        System.out.printf("[measured] a node started on 100,000 entries: build (connect, subscribe, SCAN, MGET) %d ms%n",
                startMillis);
    }

    @Test
    void subscribeWhenRevokedLocallyAndRemotelyThenEachListenerIsToldOncePerRevocation() {
        // given
        Node a = cluster.node();
        Node b = cluster.node();
        String token = cluster.token(a);
        UserContext user = a.authority.verify(token);
        String session = cluster.session();
        String subject = cluster.subject();

        // when
        a.authority.revoke(user);
        b.authority.revokeSession(session);
        a.authority.revokeSubject(subject);
        a.authority.revoke(user); // the same revocation again: nothing changes, nobody is told again
        // then one more from each node: revocations reach a node in the order they were written, so once
        // a node has heard the other's last one, anything the repeated revocation sent has reached it too
        String lastOfA = cluster.session();
        String lastOfB = cluster.session();
        a.authority.revokeSession(lastOfA);
        b.authority.revokeSession(lastOfB);

        // then
        within(EVENTUALLY, "node B hearing node A's last revocation", () -> heardSession(b, lastOfA));
        within(EVENTUALLY, "node A hearing node B's last revocation", () -> heardSession(a, lastOfB));
        Set<String> last = Set.of(lastOfA, lastOfB);
        for (Node node : List.of(a, b)) {
            Map<Revocation.Kind, Long> kinds = node.heard.stream().filter(r -> !last.contains(r.value()))
                    .collect(Collectors.groupingBy(Revocation::kind, Collectors.counting()));
            assertEquals(Map.of(Revocation.Kind.TOKEN, 1L, Revocation.Kind.SESSION, 1L, Revocation.Kind.SUBJECT, 1L),
                    kinds);
        }
        Map<Revocation.Kind, String> values = a.heard.stream().filter(r -> !last.contains(r.value()))
                .collect(Collectors.toMap(Revocation::kind, Revocation::value));
        assertEquals(Map.of(Revocation.Kind.TOKEN, user.tokenId().orElseThrow(), Revocation.Kind.SESSION, session,
                Revocation.Kind.SUBJECT, subject), values);
    }

    @Test
    void revokeWhenTokenExpiresThenRedisDropsItsEntry() {
        // given: tokens that live 2 seconds, and one that lives 10 minutes
        Node node = cluster.node(b -> b, authority -> authority.tokenTtl(Duration.ofSeconds(2))
                .clockSkew(Duration.ZERO));
        UserContext user = node.authority.verify(cluster.token(node));
        UserContext lasting = node.authority.verify(node.authority.issue(TokenRequest.forSubject(cluster.subject())
                .ttl(Duration.ofMinutes(10)).build()));
        cluster.remember(lasting.tokenId().orElseThrow());
        String session = cluster.session();

        // when
        node.authority.revoke(user);
        node.authority.revoke(lasting);
        node.authority.revokeSession(session);

        // then: each entry expires in Redis at the instant its revocation does (read as an instant, not a
        // remaining time, so that how long this takes does not matter)
        String key = RedisRevocationStore.DEFAULT_KEY_PREFIX + ":entry:T:" + user.tokenId().orElseThrow();
        String lastingKey = RedisRevocationStore.DEFAULT_KEY_PREFIX + ":entry:T:" + lasting.tokenId().orElseThrow();
        String sessionKey = RedisRevocationStore.DEFAULT_KEY_PREFIX + ":entry:S:" + session;
        assertEquals(lasting.expiresAt().toEpochMilli(), cluster.inspect().pexpiretime(lastingKey),
                "the entry lives exactly as long as its token");
        Revocation sessionRevocation = node.heard.stream().filter(r -> r.kind() == Revocation.Kind.SESSION)
                .findFirst().orElseThrow();
        assertEquals(sessionRevocation.expiresAt().toEpochMilli(), cluster.inspect().pexpiretime(sessionKey));
        assertTrue(Duration.between(user.issuedAt(), sessionRevocation.expiresAt()).compareTo(Duration.ofHours(24)) >= 0,
                "a session entry lives as long as the longest token of the session could: "
                        + sessionRevocation.expiresAt());
        within(EVENTUALLY, "Redis dropping the expired entry", () -> cluster.inspect().exists(key) == 0);
        assertEquals(1L, cluster.inspect().exists(sessionKey));
    }

    @Test
    void isRevokedWhenCalledManyTimesThenNoRedisCommandIsSent() {
        // given
        Node node = cluster.node();
        Function<Integer, Revocation> revocation = i -> Revocation.ofToken(cluster.remember("jti-" + i + "-"
                + java.util.UUID.randomUUID()), Instant.now().plusSeconds(600));
        for (int i = 0; i < 5_000; i++) {
            node.store.revoke(revocation.apply(i));
        }
        UserContext user = node.authority.verify(cluster.token(node));
        for (int i = 0; i < 200_000; i++) {
            node.store.isRevoked(user); // warm-up
        }
        Map<String, Long> callsBefore = commandCalls();

        // when
        int calls = 2_000_000;
        long start = System.nanoTime();
        int revoked = 0;
        for (int i = 0; i < calls; i++) {
            revoked += node.store.isRevoked(user) ? 1 : 0;
        }
        long nanos = System.nanoTime() - start;
        Map<String, Long> callsAfter = commandCalls();

        // then: meanwhile Redis ran the node's heartbeats (PUBLISH) and this check's INFO, and nothing else
        assertEquals(0, revoked);
        Map<String, Long> sent = new TreeMap<>();
        callsAfter.forEach((command, count) -> {
            long more = count - callsBefore.getOrDefault(command, 0L);
            if (more > 0 && !command.equals("publish") && !command.equals("info")) {
                sent.put(command, more);
            }
        });
        assertEquals(Map.of(), sent, "commands Redis ran while isRevoked was called");
        System.out.printf("[measured] isRevoked with 5,000 entries: %.0f ns per call over %,d calls%n",
                (double) nanos / calls, calls);
    }

    /** How many times Redis has run each command, by lower-case name ({@code INFO commandstats}). */
    private Map<String, Long> commandCalls() {
        Map<String, Long> calls = new TreeMap<>();
        for (String line : cluster.inspect().info("commandstats").split("\r?\n")) {
            if (line.startsWith("cmdstat_")) {
                String name = line.substring("cmdstat_".length(), line.indexOf(':'));
                int from = line.indexOf("calls=") + "calls=".length();
                calls.put(name, Long.parseLong(line.substring(from, line.indexOf(',', from))));
            }
        }
        return calls;
    }

    private static boolean heardSession(Node node, String session) {
        return node.heard.stream().anyMatch(r -> r.kind() == Revocation.Kind.SESSION && r.value().equals(session));
    }
}
