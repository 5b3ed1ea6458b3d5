package dev.ssotauth.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * The run behind {@link FragmentationAssertions#assertContextIsolation(AuthComponent, int, int)}.
 *
 * <p>Each user has a thread of its own for all its requests, as a server thread would serve one
 * request from start to end. A coordinator decides the global order of steps, so the schedule is the
 * same on every run:
 *
 * <ul>
 * <li>A component described in two steps (authenticate, then read the current user) is run round by
 * round. In round {@code r} one user, the <em>victim</em> ({@code r mod N}), authenticates; then
 * another user, the <em>interloper</em>, authenticates on its own thread; then the victim reads its
 * current user, then the interloper; then each remaining user runs its request without overlap. The
 * interloper of the first N rounds is the user before the victim ({@code user-1} is interrupted by
 * {@code user-N}); later rounds take the users before that in turn, so that with enough operations
 * every ordered pair of users is interleaved. A component that keeps the current user in a field
 * shared between threads shows the interloper to the victim in every round: it is caught every
 * time, not by chance.</li>
 * <li>A component described in one step is run with all users released together from a barrier for
 * each operation; only the threads' own timing can interleave inside that one step.</li>
 * </ul>
 *
 * Created per run; not shared.
 */
final class ContextIsolation {

    static final Duration STEP_TIMEOUT = Duration.ofSeconds(30);

    private final AuthComponent component;
    private final int users;
    private final int operations;
    private final List<String> subjects = new ArrayList<>();
    private final List<String> tokens = new ArrayList<>();
    /** Per user: other subject seen → how many operations saw it. */
    private final List<Map<String, Integer>> seen = new ArrayList<>();
    private final int[] rejected;
    private final List<ExecutorService> threads = new ArrayList<>();

    ContextIsolation(AuthComponent component, int users, int operations) {
        this.component = component;
        this.users = users;
        this.operations = operations;
        this.rejected = new int[users];
    }

    /** Runs the schedule; returns the failure message, or {@code null} when every user saw only itself. */
    String run() {
        for (int u = 0; u < users; u++) {
            String subject = "user-" + (u + 1);
            subjects.add(subject);
            seen.add(new TreeMap<>());
            try {
                tokens.add(component.mint(subject, Set.of()));
            } catch (Exception e) {
                return "context isolation could not be checked: component '" + component.name()
                        + "' could not mint a token for " + subject;
            }
        }
        try {
            for (int u = 0; u < users; u++) {
                String threadName = "ssot-testkit-isolation-" + subjects.get(u);
                threads.add(Executors.newSingleThreadExecutor(r -> {
                    Thread t = new Thread(r, threadName);
                    t.setDaemon(true);
                    return t;
                }));
            }
            if (component.isRequestScoped()) {
                runInterleaved();
            } else {
                runTogether();
            }
        } finally {
            threads.forEach(ExecutorService::shutdownNow);
        }
        return report();
    }

    private void runInterleaved() {
        for (int round = 0; round < operations; round++) {
            int victim = round % users;
            int offset = 1 + (round / users) % (users - 1);
            int interloper = (victim - offset + users) % users;
            boolean victimIn = begin(victim);
            boolean interloperIn = begin(interloper);
            if (victimIn) {
                read(victim);
            }
            if (interloperIn) {
                read(interloper);
            }
            for (int k = 1; k < users; k++) {
                int u = (victim + k) % users;
                if (u != interloper && begin(u)) {
                    read(u);
                }
            }
        }
    }

    private boolean begin(int user) {
        String token = tokens.get(user);
        boolean accepted = step(user, () -> {
            try {
                component.beginRequest(token);
                return true;
            } catch (Exception e) {
                return false;
            }
        });
        if (!accepted) {
            rejected[user]++;
        }
        return accepted;
    }

    private void read(int user) {
        String subject = step(user, () -> {
            try {
                return component.currentSubject();
            } catch (Exception e) {
                return null;
            }
        });
        record(user, subject);
    }

    private void runTogether() {
        for (int round = 0; round < operations; round++) {
            CyclicBarrier start = new CyclicBarrier(users);
            List<Future<String>> results = new ArrayList<>();
            for (int u = 0; u < users; u++) {
                String token = tokens.get(u);
                results.add(threads.get(u).submit(() -> {
                    start.await(STEP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                    AuthComponent.Observed observed = component.validate(token);
                    return observed == null ? null : observed.subject;
                }));
            }
            for (int u = 0; u < users; u++) {
                String subject = await(results.get(u));
                if (subject == null) {
                    rejected[u]++;
                } else {
                    record(u, subject);
                }
            }
        }
    }

    private void record(int user, String subject) {
        if (subject == null) {
            rejected[user]++;
        } else if (!subject.equals(subjects.get(user))) {
            String label = subjects.contains(subject) ? subject + "'s identity" : "an identity of no test user";
            seen.get(user).merge(label, 1, Integer::sum);
        }
    }

    private <T> T step(int user, Callable<T> work) {
        return await(threads.get(user).submit(work));
    }

    private <T> T await(Future<T> future) {
        try {
            return future.get(STEP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new AssertionError("context isolation could not be checked: component '" + component.name()
                    + "' did not finish a step within " + STEP_TIMEOUT.toSeconds() + " seconds");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("context isolation check was interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof BrokenBarrierException || cause instanceof TimeoutException) {
                throw new AssertionError("context isolation could not be checked: component '" + component.name()
                        + "' did not finish a step within " + STEP_TIMEOUT.toSeconds() + " seconds");
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw new IllegalStateException("context isolation step failed", cause);
        }
    }

    private String report() {
        int corrupted = 0;
        int rejections = 0;
        for (int u = 0; u < users; u++) {
            if (!seen.get(u).isEmpty()) {
                corrupted++;
            }
            rejections += rejected[u];
        }
        if (corrupted == 0 && rejections == 0) {
            return null;
        }
        String shape = " (" + users + " users, " + operations + (operations == 1 ? " operation" : " operations")
                + " each, interleaved on " + users + " threads)";
        StringBuilder out = new StringBuilder();
        if (corrupted > 0) {
            out.append("context isolation failed for component '").append(component.name()).append("': ")
                    .append(corrupted).append('/').append(users)
                    .append(" concurrent users experienced identity corruption").append(shape);
        } else {
            out.append("context isolation could not be checked for component '").append(component.name())
                    .append("': it rejected ").append(rejections).append(" of ").append(users * operations)
                    .append(" requests made with its own tokens").append(shape);
        }
        for (int u = 0; u < users; u++) {
            Map<String, Integer> others = seen.get(u);
            if (!others.isEmpty()) {
                out.append("\n  ").append(subjects.get(u)).append(" saw ").append(others.entrySet().stream()
                        .map(e -> e.getKey() + " in " + e.getValue() + " of " + operations + " operations")
                        .collect(Collectors.joining(", ")));
            }
            if (rejected[u] > 0) {
                out.append("\n  ").append(subjects.get(u)).append(" was rejected in ").append(rejected[u])
                        .append(" of ").append(operations).append(" operations");
            }
        }
        return out.toString();
    }
}
