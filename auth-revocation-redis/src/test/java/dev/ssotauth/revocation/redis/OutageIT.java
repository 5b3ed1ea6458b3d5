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
    /**
     * The staleness window of the tests that let it run out: long enough that a node checked right after
     * its network went is surely still inside it, however busy the machine.
     */
    private static final Duration WINDOW = Duration.ofSeconds(5);

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
            within(EVENTUALLY, "both revocations everywhere", () -> "REVOKED".equals(node.outcome(token))
                    && "REVOKED".equals(node.outcome(inSession)));
        }
        String tokenKey = RedisRevocationStore.DEFAULT_KEY_PREFIX + ":entry:T:" + user.tokenId().orElseThrow();

        // when: Redis crashes, without persistence (asked all along until both nodes have noticed), and
        // comes back empty
        long lost = Cluster.logged(Cluster.LOST_SUBSCRIPTION);
        cluster.redis.kill();
        within(EVENTUALLY, "both nodes noticing that Redis is gone", () -> {
            for (Node node : List.of(a, b)) {
                assertTrue(NEVER_ACCEPTED.contains(node.outcome(token)), "revoked token accepted while Redis was down");
                assertTrue(NEVER_ACCEPTED.contains(node.outcome(inSession)), "revoked session accepted while down");
            }
            return Cluster.logged(Cluster.LOST_SUBSCRIPTION) >= lost + 2;
        });
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
        System.out.printf("[measured] revoke while Redis was down refused after %d ms (%s)%n", refusalMillis,
                refused.getMessage());
        Node started = cluster.node();
        assertEquals("REVOKED", started.outcome(token), "a node started after the restart sees the old revocation");
        assertEquals("REVOKED", started.outcome(inSession));
        within(EVENTUALLY, "both nodes subscribed again", () -> {
            String probe = cluster.token(b);
            try {
                b.authority.revoke(b.authority.verify(probe));
                within(EVENTUALLY, "a new revocation reaching A", () -> "REVOKED".equals(a.outcome(probe)));
                return true;
            } catch (AuthUnavailableException | AssertionError notYet) {
                return false;
            }
        });
        assertEquals(ACCEPTED, a.outcome(later), "the revocation refused while Redis was down was not recorded");
    }

    @Test
    void isRevokedWhenOneNodeWasCutOffThenWhatOthersRevokedMeanwhileIsSeenAfterItReconnects() {
        // given: a witness on Redis hears what the cut-off node would have heard
        LoopbackProxy network = cluster.proxy();
        Node cutOff = cluster.nodeVia(network, b -> b);
        Node other = cluster.node();
        Node witness = cluster.node();
        String token = cluster.token(other);
        assertEquals(ACCEPTED, cutOff.outcome(token));

        // when: the revocation is made and delivered to the nodes on Redis while one node is cut off
        long lost = Cluster.logged(Cluster.LOST_SUBSCRIPTION);
        network.cut();
        other.authority.revoke(other.authority.verify(token));
        within(EVENTUALLY, "the node noticing the cut", () -> Cluster.logged(Cluster.LOST_SUBSCRIPTION) > lost);
        within(EVENTUALLY, "the witness hearing the revocation", () -> witness.heard.size() == 1);
        String whileCut = cutOff.outcome(token);
        long restoredAt = System.nanoTime();
        network.restore();

        // then
        assertEquals(ACCEPTED, whileCut, "within its staleness window a cut-off node answers from what it had heard");
        within(EVENTUALLY, "the reconnected node rejecting the token", () -> "REVOKED".equals(cutOff.outcome(token)));
        long catchUpMillis = (System.nanoTime() - restoredAt) / 1_000_000;
        // and once it has heard a later revocation through its subscription, nothing else is on its way
        String later = cluster.session();
        other.authority.revokeSession(later);
        within(EVENTUALLY, "the reconnected node hearing a later revocation", () -> cutOff.heard.stream()
                .anyMatch(r -> r.kind() == Revocation.Kind.SESSION));
        assertEquals(List.of(Revocation.Kind.TOKEN, Revocation.Kind.SESSION),
                cutOff.heard.stream().map(Revocation::kind).toList(), "its listener is told once, by the reload");
        System.out.printf("[measured] a node cut off from Redis caught up %d ms after the network came back%n",
                catchUpMillis);
    }

    @Test
    void isRevokedWhenRedisUnreachableLongerThanTheWindowThenFailsClosedUntilReloadedEvenOnAStoppedClock() {
        // given
        LoopbackProxy network = cluster.proxy();
        Clock stopped = Clock.fixed(Instant.now(), ZoneOffset.UTC); // the window runs on real time all the same
        Node node = cluster.nodeVia(network, b -> b.stalenessWindow(WINDOW).clock(stopped));
        String revoked = cluster.token(node);
        node.authority.revoke(node.authority.verify(revoked));
        String valid = cluster.token(node);

        // when
        network.cut();
        long cutAt = System.nanoTime();

        // then: inside the window, answers from memory
        assertEquals("REVOKED", node.outcome(revoked));
        assertEquals(ACCEPTED, node.outcome(valid));
        // and nothing confirms the list after the cut, so once the window has passed since, it fails closed
        long failedAfter = sampleUntilTheWindowHasPassed(node, valid, cutAt, revoked);
        AuthUnavailableException e = assertThrows(AuthUnavailableException.class,
                () -> node.authority.authenticate(valid));
        assertEquals("the revocation list has not been confirmed with Redis for more than PT5S; failing closed",
                e.getMessage());
        assertEquals(UNAVAILABLE, node.outcome(revoked));

        // and when Redis is reachable again, it reloads and answers again
        network.restore();
        long recovery = within(EVENTUALLY, "answering again", () -> ACCEPTED.equals(node.outcome(valid)));
        assertEquals("REVOKED", node.outcome(revoked));
        System.out.printf("[measured] fail-closed %d ms after the cut (window %d s); answering again %d ms after the "
                + "network came back%n", failedAfter, WINDOW.toSeconds(), recovery);
    }

    /**
     * Asks {@code node} about the tokens until {@link #WINDOW} has passed since {@code lastMomentNanos},
     * the last moment anything could confirm its list: {@code revoked} ones are never accepted meanwhile,
     * and at the end the node fails closed, whatever the time the asking took. Returns when it first
     * failed closed, in ms after that moment (a figure).
     */
    private static long sampleUntilTheWindowHasPassed(Node node, String valid, long lastMomentNanos,
            String... revoked) {
        long firstClosed = -1;
        while (System.nanoTime() - lastMomentNanos <= WINDOW.toNanos()) {
            for (String token : revoked) {
                assertTrue(NEVER_ACCEPTED.contains(node.outcome(token)), "revoked token accepted");
            }
            if (firstClosed < 0 && UNAVAILABLE.equals(node.outcome(valid))) {
                firstClosed = System.nanoTime();
            }
            RedisServer.sleep(5);
        }
        assertEquals(UNAVAILABLE, node.outcome(valid), "still answering after the window");
        long closedAt = firstClosed < 0 ? System.nanoTime() : firstClosed;
        return (closedAt - lastMomentNanos) / 1_000_000;
    }

    @Test
    void isRevokedWhenTheConnectionHangsSilentlyThenFailsClosedAndCatchesUpWhenItMovesAgain() {
        // given
        LoopbackProxy network = cluster.proxy();
        Node hanging = cluster.nodeVia(network, b -> b.stalenessWindow(WINDOW));
        Node other = cluster.node();
        String valid = cluster.token(other);
        String revokedMeanwhile = cluster.token(other);

        // when: no byte moves, no connection closes
        network.pause();
        long pausedAt = System.nanoTime();
        other.authority.revoke(other.authority.verify(revokedMeanwhile));

        // then: inside the window it answers from memory; once the window has passed since the pause (no
        // heartbeat sent after it can arrive), it fails closed
        assertEquals(ACCEPTED, hanging.outcome(valid), "inside the window it answers from memory");
        sampleUntilTheWindowHasPassed(hanging, valid, pausedAt);
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
            within(EVENTUALLY, "every revocation seen by the late node",
                    () -> "REVOKED".equals(late.outcome(token)));
        }
    }
}
