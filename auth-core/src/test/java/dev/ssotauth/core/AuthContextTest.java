package dev.ssotauth.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
final class AuthContextTest {

    private static JwtAuthority authority;
    private static ExecutorService pool;

    @BeforeAll
    static void startAuthorityAndPool() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        authority = JwtAuthority.builder().hmacSecret(secret).issuer("https://login.test").audience("chat").build();
        pool = Executors.newFixedThreadPool(4);
    }

    @AfterAll
    static void stopPool() throws InterruptedException {
        pool.shutdownNow();
        assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
    }

    private static UserContext user(String subject) {
        return authority.verify(authority.issue(TokenRequest.forSubject(subject).build()));
    }

    @Test
    void currentWhenNothingIsSetThenEmpty() {
        // when
        Optional<UserContext> current = AuthContext.current();

        // then
        assertTrue(current.isEmpty());
    }

    @Test
    void requireWhenNothingIsSetThenIllegalStateException() {
        // when
        IllegalStateException e = assertThrows(IllegalStateException.class, AuthContext::require);

        // then
        assertEquals("no authenticated user on this thread; run the code with AuthContext.runAs or through an "
                + "executor from AuthContext.wrap", e.getMessage());
    }

    @Test
    void runAsWhenRunningThenUserIsCurrentInsideAndClearedAfter() {
        // given
        UserContext alice = user("alice");
        AtomicReference<UserContext> seen = new AtomicReference<>();

        // when
        AuthContext.runAs(alice, () -> seen.set(AuthContext.require()));

        // then
        assertSame(alice, seen.get());
        assertTrue(AuthContext.current().isEmpty());
    }

    @Test
    void runAsWhenNestedThenInnermostIsCurrentAndOuterIsRestored() {
        // given
        UserContext alice = user("alice");
        UserContext bob = user("bob");
        List<String> seen = new ArrayList<>();

        // when
        AuthContext.runAs(alice, () -> {
            seen.add(AuthContext.require().subject());
            AuthContext.runAs(bob, () -> seen.add(AuthContext.require().subject()));
            seen.add(AuthContext.require().subject());
        });

        // then
        assertEquals(List.of("alice", "bob", "alice"), seen);
        assertTrue(AuthContext.current().isEmpty());
    }

    @Test
    void runAsWhenActionThrowsThenPreviousUserIsRestoredAndExceptionPropagates() {
        // given
        UserContext alice = user("alice");
        UserContext bob = user("bob");
        AtomicReference<UserContext> afterFailure = new AtomicReference<>();
        IllegalArgumentException failure = new IllegalArgumentException("boom");

        // when
        AuthContext.runAs(alice, () -> {
            IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
                    () -> AuthContext.runAs(bob, () -> {
                        throw failure;
                    }));
            assertSame(failure, thrown);
            afterFailure.set(AuthContext.require());
        });

        // then
        assertSame(alice, afterFailure.get());
        assertTrue(AuthContext.current().isEmpty());
    }

    @Test
    void callAsWhenCalledThenReturnsResultAndClearsAfter() throws Exception {
        // given
        UserContext alice = user("alice");

        // when
        String subject = AuthContext.callAs(alice, () -> AuthContext.require().subject());

        // then
        assertEquals("alice", subject);
        assertTrue(AuthContext.current().isEmpty());
    }

    @Test
    void callAsWhenActionThrowsCheckedThenSameExceptionAndCleared() {
        // given
        UserContext alice = user("alice");
        Exception failure = new java.io.IOException("disk");

        // when
        Exception thrown = assertThrows(Exception.class, () -> AuthContext.callAs(alice, () -> {
            throw failure;
        }));

        // then
        assertSame(failure, thrown);
        assertTrue(AuthContext.current().isEmpty());
    }

    @Test
    void runAsWhenArgumentsAreNullThenNullPointerException() {
        // given
        UserContext alice = user("alice");

        // then
        assertThrows(NullPointerException.class, () -> AuthContext.runAs(null, () -> { }));
        assertThrows(NullPointerException.class, () -> AuthContext.runAs(alice, null));
        assertThrows(NullPointerException.class, () -> AuthContext.callAs(null, () -> 1));
        assertThrows(NullPointerException.class, () -> AuthContext.callAs(alice, (Callable<Object>) null));
        assertThrows(NullPointerException.class, () -> AuthContext.wrap((ExecutorService) null));
        assertThrows(NullPointerException.class, () -> AuthContext.wrap((java.util.concurrent.Executor) null));
    }

    @Test
    void runAsWhenManyThreadsInterleaveThenEachSeesOnlyItsOwnUser() throws Exception {
        // given 64 real threads, each with its own user, released together and switching users
        // back and forth while the others do the same
        int threads = 64;
        List<UserContext> users = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            users.add(user("user-" + i));
        }
        CyclicBarrier start = new CyclicBarrier(threads);
        Set<String> mixUps = ConcurrentHashMap.newKeySet();
        ExecutorService runners = Executors.newFixedThreadPool(threads);

        // when
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                UserContext own = users.get(i);
                UserContext other = users.get((i + 1) % threads);
                done.add(runners.submit(() -> {
                    start.await();
                    for (int round = 0; round < 500; round++) {
                        AuthContext.runAs(own, () -> {
                            check(own, mixUps);
                            AuthContext.runAs(other, () -> check(other, mixUps));
                            Thread.yield();
                            check(own, mixUps);
                        });
                        if (AuthContext.current().isPresent()) {
                            mixUps.add("left over after round on " + Thread.currentThread().getName());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            runners.shutdownNow();
        }

        // then
        assertEquals(Set.of(), mixUps);
    }

    private static void check(UserContext expected, Set<String> mixUps) {
        UserContext actual = AuthContext.current().orElse(null);
        if (actual != expected) {
            mixUps.add("expected " + expected.subject() + " but saw " + (actual == null ? "none" : actual.subject()));
        }
    }

    @Test
    void wrapWhenTaskIsSubmittedThenItRunsAsTheSubmitterOnAPoolThread() throws Exception {
        // given
        ExecutorService agents = AuthContext.wrap(pool);
        UserContext alice = user("alice");
        AtomicReference<String> thread = new AtomicReference<>();

        // when
        Future<String> subject = AuthContext.callAs(alice, () -> agents.submit(() -> {
            thread.set(Thread.currentThread().getName());
            return AuthContext.require().subject();
        }));

        // then
        assertEquals("alice", subject.get(10, TimeUnit.SECONDS));
        assertTrue(!thread.get().equals(Thread.currentThread().getName()));
    }

    @Test
    void wrapWhenSubmitterHasNoUserThenTaskRunsWithNoneOnAThreadThatHasOne() {
        // given a task submitted without a user, to an executor that runs it later on a thread
        // that is acting for alice
        List<Runnable> queue = new ArrayList<>();
        java.util.concurrent.Executor agents = AuthContext.wrap((java.util.concurrent.Executor) queue::add);
        agents.execute(() -> assertTrue(AuthContext.current().isEmpty(), "task saw a user"));
        UserContext alice = user("alice");
        AtomicReference<UserContext> afterTask = new AtomicReference<>();

        // when
        AuthContext.runAs(alice, () -> {
            queue.get(0).run();
            afterTask.set(AuthContext.require());
        });

        // then
        assertSame(alice, afterTask.get());
    }

    @Test
    void wrapWhenContextChangesAfterSubmitThenTaskKeepsTheUserOfSubmission() throws Exception {
        // given a task that waits until the submitter has moved on to another user
        ExecutorService agents = AuthContext.wrap(pool);
        UserContext alice = user("alice");
        UserContext bob = user("bob");
        CountDownLatch submitterMovedOn = new CountDownLatch(1);

        // when
        Future<String> subject = AuthContext.callAs(alice, () -> agents.submit(() -> {
            submitterMovedOn.await(10, TimeUnit.SECONDS);
            return AuthContext.require().subject();
        }));
        AuthContext.runAs(bob, submitterMovedOn::countDown);

        // then
        assertEquals("alice", subject.get(10, TimeUnit.SECONDS));
    }

    @Test
    void wrapWhenInvokeAllThenEveryTaskRunsAsTheSubmitter() throws Exception {
        // given
        ExecutorService agents = AuthContext.wrap(pool);
        UserContext alice = user("alice");
        List<Callable<String>> tasks = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            tasks.add(() -> AuthContext.require().subject());
        }

        // when
        List<Future<String>> results = AuthContext.callAs(alice, () -> agents.invokeAll(tasks));

        // then
        for (Future<String> result : results) {
            assertEquals("alice", result.get());
        }
        assertEquals("alice", AuthContext.callAs(alice, () -> agents.invokeAny(tasks)));
    }

    @Test
    void wrapWhenPlainExecutorThenTaskRunsAsTheSubmitter() throws Exception {
        // given
        java.util.concurrent.Executor agents = AuthContext.wrap((java.util.concurrent.Executor) pool);
        UserContext alice = user("alice");
        CountDownLatch ran = new CountDownLatch(1);
        AtomicReference<String> seen = new AtomicReference<>();

        // when
        AuthContext.runAs(alice, () -> agents.execute(() -> {
            seen.set(AuthContext.require().subject());
            ran.countDown();
        }));

        // then
        assertTrue(ran.await(10, TimeUnit.SECONDS));
        assertEquals("alice", seen.get());
    }

    @Test
    void wrapWhenManyUsersSubmitConcurrentlyThenEveryTaskSeesItsOwnSubmitter() throws Exception {
        // given 32 submitting threads, each its own user, sharing one 4-thread agent pool
        ExecutorService agents = AuthContext.wrap(pool);
        int submitters = 32;
        ExecutorService submitting = Executors.newFixedThreadPool(submitters);
        CyclicBarrier start = new CyclicBarrier(submitters);
        Set<String> mixUps = ConcurrentHashMap.newKeySet();

        // when
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < submitters; i++) {
                UserContext own = user("submitter-" + i);
                done.add(submitting.submit(() -> {
                    start.await();
                    List<Future<String>> results = AuthContext.callAs(own, () -> {
                        List<Future<String>> futures = new ArrayList<>();
                        for (int job = 0; job < 50; job++) {
                            futures.add(agents.submit(() -> AuthContext.require().subject()));
                        }
                        return futures;
                    });
                    for (Future<String> result : results) {
                        String seen = result.get(20, TimeUnit.SECONDS);
                        if (!seen.equals(own.subject())) {
                            mixUps.add(own.subject() + " saw " + seen);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            submitting.shutdownNow();
        }

        // then
        assertEquals(Set.of(), mixUps);
        assertEquals(Optional.empty(), pool.submit(AuthContext::current).get(10, TimeUnit.SECONDS));
    }
}
