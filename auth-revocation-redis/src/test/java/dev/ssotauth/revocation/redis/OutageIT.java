package dev.ssotauth.revocation.redis;

import static dev.ssotauth.revocation.redis.Cluster.EVENTUALLY;
import static dev.ssotauth.revocation.redis.Cluster.within;
import static dev.ssotauth.revocation.redis.Node.ACCEPTED;
import static dev.ssotauth.revocation.redis.Node.UNAVAILABLE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import dev.ssotauth.core.AuthUnavailableException;
import dev.ssotauth.core.Revocation;
import dev.ssotauth.core.UserContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What nodes do when Redis goes away: Redis killed and restarted empty, one node cut off while the
 * others go on, a silent partition, a staleness window running out, a full local view. In none of
 * these is a revoked token accepted by a node that had heard of its revocation, and every node catches
 * up once Redis is back.
 */
final class OutageIT {

    private static final Set<String> NEVER_ACCEPTED = Set.of("REVOKED", UNAVAILABLE);

    private final Cluster cluster = new Cluster();

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void isRevokedWhenRedisRestartedEmptyThenNoRevokedTokenIsAcceptedAndTheListIsRestored() {
        // given
        Node a = cluster.node();
        Node b = cluster.node();
        String token = cluster.token(a);
        UserContext user = a.authority.verify(token);
        String session = cluster.session();
        String inSession = cluster.token(b, cluster.subject(), session);
        a.authority.revoke(user);
        b.authority.revokeSession(session);
        for (Node node : List.of(a, b)) {
            within(Duration.ofSeconds(1), "both revocations everywhere", () -> "REVOKED".equals(node.outcome(token))
                    && "REVOKED".equals(node.outcome(inSession)));
        }
        String tokenKey = RedisRevocationStore.DEFAULT_KEY_PREFIX + ":entry:T:" + user.tokenId().orElseThrow();

        // when: Redis crashes, without persistence, and comes back empty
        cluster.redis.kill();
        long downSince = System.nanoTime();
        while (System.nanoTime() - downSince < 1_000_000_000L) {
            for (Node node : List.of(a, b)) {
                assertTrue(NEVER_ACCEPTED.contains(node.outcome(token)), "revoked token accepted while Redis was down");
                assertTrue(NEVER_ACCEPTED.contains(node.outcome(inSession)), "revoked session accepted while down");
            }
            RedisServer.sleep(5);
        }
        String later = cluster.token(b);
        long refusedAt = System.nanoTime();
        AuthUnavailableException refused = assertThrows(AuthUnavailableException.class,
                () -> b.authority.revoke(b.authority.verify(later)));
        long refusalMillis = (System.nanoTime() - refusedAt) / 1_000_000;
        cluster.redis.startAgain();

        // then: the nodes write back what the empty Redis lost, without a revoked token ever accepted
        within(EVENTUALLY, "the revocation written back to the restarted Redis", () -> {
            for (Node node : List.of(a, b)) {
                assertTrue(NEVER_ACCEPTED.contains(node.outcome(token)), "revoked token accepted after the restart");
                assertTrue(NEVER_ACCEPTED.contains(node.outcome(inSession)), "revoked session accepted after restart");
            }
            return cluster.inspect().exists(tokenKey) == 1;
        });
        assertTrue(refused.getMessage().startsWith("Redis did not record the revocation ("), refused.getMessage());
        assertTrue(refusalMillis < 1_000, "revoke fails at once while Redis is down, took " + refusalMillis + " ms");
        Node started = cluster.node();
        assertEquals("REVOKED", started.outcome(token), "a node started after the restart sees the old revocation");
        assertEquals("REVOKED", started.outcome(inSession));
        within(EVENTUALLY, "both nodes subscribed again", () -> {
            String probe = cluster.token(b);
            try {
                b.authority.revoke(b.authority.verify(probe));
                within(Duration.ofSeconds(1), "a new revocation reaching A", () -> "REVOKED".equals(a.outcome(probe)));
                return true;
            } catch (AuthUnavailableException | AssertionError notYet) {
                return false;
            }
        });
        assertEquals(ACCEPTED, a.outcome(later), "the revocation refused while Redis was down was not recorded");
    }

    @Test
    void isRevokedWhenOneNodeWasCutOffThenWhatOthersRevokedMeanwhileIsSeenAfterItReconnects() {
        // given
        LoopbackProxy network = cluster.proxy();
        Node cutOff = cluster.nodeVia(network, b -> b);
        Node other = cluster.node();
        String token = cluster.token(other);
        assertEquals(ACCEPTED, cutOff.outcome(token));

        // when
        network.cut();
        other.authority.revoke(other.authority.verify(token));
        RedisServer.sleep(300);
        String whileCut = cutOff.outcome(token);
        long restoredAt = System.nanoTime();
        network.restore();

        // then
        assertEquals(ACCEPTED, whileCut, "within its staleness window a cut-off node answers from what it had heard");
        within(EVENTUALLY, "the reconnected node rejecting the token", () -> "REVOKED".equals(cutOff.outcome(token)));
        long catchUpMillis = (System.nanoTime() - restoredAt) / 1_000_000;
        RedisServer.sleep(300);
        assertEquals(1, cutOff.heard.size(), "its listener is told once, by the reload");
        assertEquals(Revocation.Kind.TOKEN, cutOff.heard.get(0).kind());
        System.out.printf("[measured] a node cut off from Redis caught up %d ms after the network came back%n",
                catchUpMillis);
    }

    @Test
    void isRevokedWhenRedisUnreachableLongerThanTheWindowThenFailsClosedUntilReloadedEvenOnAStoppedClock() {
        // given
        LoopbackProxy network = cluster.proxy();
        Clock stopped = Clock.fixed(Instant.now(), ZoneOffset.UTC); // the window runs on real time all the same
        Node node = cluster.nodeVia(network, b -> b.stalenessWindow(Duration.ofSeconds(2)).clock(stopped));
        String revoked = cluster.token(node);
        node.authority.revoke(node.authority.verify(revoked));
        String valid = cluster.token(node);
        RedisServer.sleep(600); // a heartbeat or two

        // when
        network.cut();
        long cutAt = System.nanoTime();

        // then: inside the window, answers from memory
        assertEquals("REVOKED", node.outcome(revoked));
        assertEquals(ACCEPTED, node.outcome(valid));
        within(Duration.ofSeconds(5), "failing closed", () -> {
            assertTrue(NEVER_ACCEPTED.contains(node.outcome(revoked)));
            return UNAVAILABLE.equals(node.outcome(valid));
        });
        long failedAfter = (System.nanoTime() - cutAt) / 1_000_000;
        assertTrue(failedAfter >= 1_000 && failedAfter <= 4_000,
                "fails closed when the window (2 s after the last confirmation) is over; after " + failedAfter + " ms");
        AuthUnavailableException e = assertThrows(AuthUnavailableException.class,
                () -> node.authority.authenticate(valid));
        assertEquals("the revocation list has not been confirmed with Redis for more than PT2S; failing closed",
                e.getMessage());
        assertEquals(UNAVAILABLE, node.outcome(revoked));

        // and when Redis is reachable again, it reloads and answers again
        network.restore();
        long recovery = within(EVENTUALLY, "answering again", () -> ACCEPTED.equals(node.outcome(valid)));
        assertEquals("REVOKED", node.outcome(revoked));
        System.out.printf("[measured] fail-closed %d ms after the cut (window 2 s); answering again %d ms after the "
                + "network came back%n", failedAfter, recovery);
    }

    @Test
    void isRevokedWhenTheConnectionHangsSilentlyThenFailsClosedAndCatchesUpWhenItMovesAgain() {
        // given
        LoopbackProxy network = cluster.proxy();
        Node hanging = cluster.nodeVia(network, b -> b.stalenessWindow(Duration.ofSeconds(2)));
        Node other = cluster.node();
        String valid = cluster.token(other);
        String revokedMeanwhile = cluster.token(other);
        RedisServer.sleep(600);

        // when: no byte moves, no connection closes
        network.pause();
        other.authority.revoke(other.authority.verify(revokedMeanwhile));

        // then
        assertEquals(ACCEPTED, hanging.outcome(valid), "inside the window it answers from memory");
        within(Duration.ofSeconds(5), "failing closed on a silent connection",
                () -> UNAVAILABLE.equals(hanging.outcome(valid)));
        assertEquals(UNAVAILABLE, hanging.outcome(revokedMeanwhile));
        network.resume();
        within(EVENTUALLY, "answering again once bytes move", () -> ACCEPTED.equals(hanging.outcome(valid)));
        assertEquals("REVOKED", hanging.outcome(revokedMeanwhile), "the held message arrived before the heartbeat");
    }

    @Test
    void isRevokedWhenTheLocalViewOverflowsThenFailsClosed() {
        // given
        Node writer = cluster.node();
        Node small = cluster.node(b -> b.maxEntries(2));
        String valid = cluster.token(small);
        assertEquals(ACCEPTED, small.outcome(valid));

        // when
        for (int i = 0; i < 3; i++) {
            String token = cluster.token(writer);
            writer.authority.revoke(writer.authority.verify(token));
        }

        // then
        within(EVENTUALLY, "the small node failing closed", () -> UNAVAILABLE.equals(small.outcome(valid)));
    }

    @Test
    void buildWhenAnotherNodeKeepsWritingThenNothingWrittenDuringTheReloadIsLost() {
        // given
        Node writer = cluster.node();
        for (int i = 0; i < 3_000; i++) {
            writer.store.revoke(Revocation.ofToken(cluster.remember("bulk-" + i + "-" + java.util.UUID.randomUUID()),
                    java.time.Instant.now().plusSeconds(600)));
        }
        List<String> tokens = new java.util.ArrayList<>();
        for (int i = 0; i < 100; i++) {
            tokens.add(cluster.token(writer));
        }
        Thread revoking = new Thread(() -> {
            for (String token : tokens) {
                writer.authority.revoke(writer.authority.verify(token));
                RedisServer.sleep(2);
            }
        });

        // when: a node starts (subscribe, then SCAN) while revocations keep coming
        revoking.start();
        Node late = cluster.node();
        try {
            revoking.join(EVENTUALLY.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }

        // then
        for (String token : tokens) {
            within(Duration.ofSeconds(1), "every revocation seen by the late node",
                    () -> "REVOKED".equals(late.outcome(token)));
        }
    }
}
