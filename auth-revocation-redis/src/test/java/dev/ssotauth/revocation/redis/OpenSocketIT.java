package dev.ssotauth.revocation.redis;

import static dev.ssotauth.revocation.redis.Cluster.EVENTUALLY;
import static dev.ssotauth.revocation.redis.Cluster.within;
import static dev.ssotauth.revocation.redis.Node.ACCEPTED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

import dev.ssotauth.core.AuthUnavailableException;
import dev.ssotauth.core.Revocation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two authorities in one JVM, each on its own {@link RedisRevocationStore} (its own Redis
 * connections), and the WebSocket adapter on node B: a socket that node B authenticated is closed with
 * 1008 "token revoked" when node A revokes its token, its session or its subject (how long that takes
 * is printed), while other users' sockets stay open; across a Redis restart no revoked token opens a socket again
 * and new revocations still close them; a node cut off from Redis closes the socket once it has
 * reconnected and reloaded the list.
 */
final class OpenSocketIT {

    private final Cluster cluster = new Cluster();
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        Collections.reverse(open);
        for (AutoCloseable resource : open) {
            resource.close();
        }
        cluster.close();
    }

    @Test
    void revokeWhenOnNodeAThenTheSocketNodeBAuthenticatedClosesWith1008AndOthersStayOpen()
            throws Exception {
        // given: node B serves sockets; a token, a session and a subject each hold one
        Node a = cluster.node();
        Node b = cluster.node();
        SocketServer server = keep(SocketServer.start(b.authority));
        String session = cluster.session();
        String subject = cluster.subject();
        String byToken = cluster.token(a);
        String bySession = cluster.token(a, cluster.subject(), session);
        String bySubject = cluster.token(a, subject, cluster.session());
        String bystanderToken = cluster.token(a);
        SocketServer.Client tokenSocket = keep(server.connect(byToken));
        SocketServer.Client sessionSocket = keep(server.connect(bySession));
        SocketServer.Client subjectSocket = keep(server.connect(bySubject));
        SocketServer.Client bystander = keep(server.connect(bystanderToken));
        List<Long> latencies = new ArrayList<>();

        // when / then: each revocation on A closes its socket on B
        long start = System.nanoTime();
        a.authority.revoke(a.authority.verify(byToken));
        latencies.add(assertClosedByRevocation(tokenSocket, start));

        start = System.nanoTime();
        a.authority.revokeSession(session);
        latencies.add(assertClosedByRevocation(sessionSocket, start));

        start = System.nanoTime();
        a.authority.revokeSubject(subject);
        latencies.add(assertClosedByRevocation(subjectSocket, start));

        // and the other user's socket, told of the same three revocations before the last socket closed,
        // stays open and served
        assertFalse(bystander.isClosed(), "another user's socket was closed");
        String bystanderSubject = b.authority.verify(bystanderToken).subject();
        assertEquals("echo|" + bystanderSubject + "|still here", bystander.echo("still here"));
        assertEquals(ACCEPTED, b.outcome(bystanderToken));
        System.out.printf("[measured] revoke on node A until node B's socket is closed (1008): token %d ms, "
                + "session %d ms, subject %d ms%n", latencies.get(0), latencies.get(1), latencies.get(2));
    }

    @Test
    void revokeWhenRedisWasRestartedEmptyThenNoRevokedTokenOpensASocketAndNewRevocationsStillCloseThem()
            throws Exception {
        // given: a token revoked on A before the restart, and a socket on B that is not revoked
        Node a = cluster.node();
        Node b = cluster.node();
        SocketServer server = keep(SocketServer.start(b.authority));
        String revoked = cluster.token(a);
        a.authority.revoke(a.authority.verify(revoked));
        within(EVENTUALLY, "node B rejecting the revoked token", () -> "REVOKED".equals(b.outcome(revoked)));
        String session = cluster.session();
        String later = cluster.token(a, cluster.subject(), session);
        SocketServer.Client laterSocket = keep(server.connect(later));

        // when: Redis crashes without persistence (and both nodes notice), and comes back empty
        long lost = Cluster.logged(Cluster.LOST_SUBSCRIPTION);
        cluster.redis.kill();
        within(EVENTUALLY, "both nodes noticing that Redis is gone",
                () -> Cluster.logged(Cluster.LOST_SUBSCRIPTION) >= lost + 2);
        assertTrue(server.refuses(revoked), "a revoked token opened a socket while Redis was down");
        cluster.redis.startAgain();

        // then: the revoked token never opens a socket, before or after the nodes have reconnected
        within(EVENTUALLY, "both nodes subscribed to the restarted Redis again", () -> {
            assertTrue(Set.of("REVOKED", Node.UNAVAILABLE).contains(b.outcome(revoked)),
                    "revoked token accepted after the restart");
            String probe = cluster.token(a);
            try {
                a.authority.revoke(a.authority.verify(probe));
                within(EVENTUALLY, "a new revocation reaching B", () -> "REVOKED".equals(b.outcome(probe)));
                return true;
            } catch (AuthUnavailableException | AssertionError notYet) {
                return false;
            }
        });
        assertTrue(server.refuses(revoked), "a revoked token opened a socket after the restart");
        assertFalse(laterSocket.isClosed(), "the restart closed a socket whose token is not revoked");

        // and a revocation after the restart closes the open socket on B
        long start = System.nanoTime();
        a.authority.revokeSession(session);
        long millis = assertClosedByRevocation(laterSocket, start);
        System.out.printf("[measured] after a Redis restart: revoke on node A until node B's socket is closed %d ms%n",
                millis);
    }

    @Test
    void revokeWhenNodeBWasCutOffFromRedisThenItsSocketClosesOnceItHasReconnected() throws Exception {
        // given: node B reaches Redis through a network the test can cut; it serves a socket; a third node
        // on Redis witnesses what B would have heard
        LoopbackProxy network = cluster.proxy();
        Node a = cluster.node();
        Node b = cluster.nodeVia(network, settings -> settings);
        Node witness = cluster.node();
        SocketServer server = keep(SocketServer.start(b.authority));
        String session = cluster.session();
        SocketServer.Client socket = keep(server.connect(cluster.token(a, cluster.subject(), session)));

        // when: A revokes the session while B cannot hear it (B has noticed the cut; the witness hears it)
        long lost = Cluster.logged(Cluster.LOST_SUBSCRIPTION);
        network.cut();
        a.authority.revokeSession(session);
        within(EVENTUALLY, "node B noticing the cut", () -> Cluster.logged(Cluster.LOST_SUBSCRIPTION) > lost);
        within(EVENTUALLY, "the witness hearing the revocation", () -> witness.heard.stream()
                .anyMatch(r -> r.kind() == Revocation.Kind.SESSION && r.value().equals(session)));
        boolean openWhileCut = !socket.isClosed();
        long restoredAt = System.nanoTime();
        network.restore();

        // then: B learns it from the reload after reconnecting, and closes the socket
        SocketServer.Closed closed = socket.awaitClose(EVENTUALLY);
        assertTrue(openWhileCut, "node B closed the socket without having heard of the revocation");
        assertEquals(1008, closed.code());
        assertEquals("token revoked", closed.reason());
        System.out.printf("[measured] node B cut off from Redis closed the revoked socket %d ms after its network "
                + "came back%n", (closed.atNanos() - restoredAt) / 1_000_000);
    }

    /** Asserts {@code socket} closes with 1008 "token revoked"; returns the ms from {@code start} (a figure). */
    private static long assertClosedByRevocation(SocketServer.Client socket, long start) throws Exception {
        SocketServer.Closed closed = socket.awaitClose(EVENTUALLY);
        assertEquals(1008, closed.code());
        assertEquals("token revoked", closed.reason());
        return (closed.atNanos() - start) / 1_000_000;
    }

    private <T extends AutoCloseable> T keep(T resource) {
        open.add(resource);
        return resource;
    }
}
